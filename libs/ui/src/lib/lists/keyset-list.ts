import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslatePipe } from '../i18n/translate.pipe';

/** One page of a keyset-paged list, as the API answers it. */
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The state of a keyset-paged list (every list the API pages by cursor): the items so far, the
 * cursor of the next page, loading and the error's words. `load(true)` starts again from the first
 * page (a new filter); `load(false)` appends the next page.
 */
export class KeysetList<T> {
  readonly items = signal<T[]>([]);
  readonly cursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  /** a page has come at least once */
  readonly loaded = signal(false);

  /**
   * `keepOnError`: a failed first page leaves the rows shown (a section that reloads after its own
   * change); otherwise the list empties.
   */
  constructor(
    private readonly fetch: (cursor: string | null) => Promise<KeysetPage<T>>,
    private readonly describe: (err: unknown) => string,
    private readonly options: { keepOnError?: boolean } = {},
  ) {}

  async load(reset: boolean): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.fetch(reset ? null : this.cursor());
      this.items.set(reset ? page.items : [...this.items(), ...page.items]);
      this.cursor.set(page.nextCursor);
      this.loaded.set(true);
    } catch (e) {
      if (reset && !this.options.keepOnError) this.items.set([]);
      this.error.set(this.describe(e));
    } finally {
      this.loading.set(false);
    }
  }
}

/**
 * The frame of a keyset-paged table: a polite status line (loading, the error, nothing, how many),
 * the table (projected: `<app-keyset-table …><table class="cards">…</table></app-keyset-table>`) in a
 * scrollable, labelled region once there are rows, and "show more" while there is a next page.
 */
@Component({
  selector: 'app-keyset-table',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  template: `
    <div role="status" aria-live="polite">
      @if (list().loading()) {
        {{ 'list.loading' | t }}
      } @else if (list().error(); as e) {
        <span class="error" [attr.data-testid]="errorTestId()">{{ e }}</span>
      } @else if (list().items().length === 0) {
        <span [attr.data-testid]="emptyTestId()">{{ emptyText() || ('list.empty' | t) }}</span>
      } @else {
        {{ countText() || ('list.count' | t: { count: list().items().length }) }}
      }
    </div>
    @if (list().items().length > 0) {
      <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="label()">
        <ng-content />
      </div>
    }
    @if (list().cursor()) {
      <button
        mat-stroked-button
        type="button"
        [disabled]="list().loading()"
        (click)="list().load(false)"
        [attr.data-testid]="moreTestId()"
      >
        {{ 'list.loadMore' | t }}
      </button>
    }
  `,
})
export class KeysetTable {
  readonly list = input.required<KeysetList<unknown>>();
  /** the accessible name of the scrollable region that holds the table */
  readonly label = input.required<string>();
  readonly emptyText = input<string>('');
  /** the words of the count line where a list says more than "n shown" */
  readonly countText = input<string>('');
  readonly emptyTestId = input<string | null>(null);
  readonly errorTestId = input<string | null>(null);
  readonly moreTestId = input<string | null>(null);
}
