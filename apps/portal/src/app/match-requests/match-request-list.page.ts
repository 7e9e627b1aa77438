import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import {
  label,
  MATCH_REQUEST_STATUS_LABELS,
  SEED_AGENCY_LABELS,
  type Language,
  type MatchRequestSummaryView,
} from '@ctms/domain';
import { MatchRequestsApi } from './match-requests.api';
import { describeErrorIn, formatDateTime, I18n, KeysetList, TranslatePipe, type TranslationKey } from '@ctms/ui';

/** A request as a row of the inbox: no name, no term of the asking side. */
interface MatchRequestRow {
  id: string;
  status: string;
  statusLabel: string;
  from: string;
  asked: string;
  answered: string;
}

function rowsOf(items: readonly MatchRequestSummaryView[], lang: Language): MatchRequestRow[] {
  return items.map((r) => ({
    id: r.id,
    status: r.status,
    statusLabel: label(MATCH_REQUEST_STATUS_LABELS, r.status, lang),
    from: label(SEED_AGENCY_LABELS, r.askingAgency.code, lang),
    asked: formatDateTime(r.createdAt, lang),
    answered: formatDateTime(r.answeredAt, lang),
  }));
}

/** One box of the inbox as its panel shows it. */
interface MatchRequestBoxSpec {
  /** names the panel (`id`, `data-testid`) and its empty line (`<id>-empty`) */
  id: string;
  title: TranslationKey;
  list: KeysetList<MatchRequestSummaryView>;
  rows: readonly MatchRequestRow[];
  /** the answered box shows when each was answered */
  answered: boolean;
  /** nothing to show, and nothing more to load */
  empty: boolean;
  emptyText: TranslationKey;
  more: () => Promise<void>;
}

/**
 * One box of the match-request inbox (waiting, answered): its heading, a polite status line (loading
 * until the first page, the error, nothing), the requests as a table and "show more" while there is a
 * next page.
 */
@Component({
  selector: 'app-match-request-box',
  imports: [RouterLink, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    table {
      min-width: 520px;
    }
  `,
  template: `
    <section class="panel" [attr.aria-labelledby]="box().id" [attr.data-testid]="box().id">
      <h2 [id]="box().id" class="sub">{{ box().title | t }}</h2>
      <div role="status" aria-live="polite">
        @if (box().list.loading() && !box().list.loaded()) {
          {{ 'ia.loading' | t }}
        } @else if (box().list.error(); as e) {
          <span class="error">{{ e }}</span>
        } @else if (box().empty) {
          <span [attr.data-testid]="box().id + '-empty'">{{ box().emptyText | t }}</span>
        }
      </div>
      @if (box().rows.length > 0) {
        <div
          class="table-wrap"
          tabindex="0"
          role="region"
          [attr.aria-label]="'mr.table' | t: { list: box().title | t }"
        >
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">{{ 'mr.from' | t }}</th>
                <th scope="col">{{ 'mr.askedAt' | t }}</th>
                @if (box().answered) {
                  <th scope="col">{{ 'mr.answeredAt' | t }}</th>
                }
                <th scope="col">{{ 'ia.status' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of box().rows; track r.id) {
                <tr data-testid="mr-row" [attr.data-id]="r.id" [attr.data-status]="r.status">
                  <th scope="row">
                    <a
                      [routerLink]="['/match-requests', r.id]"
                      [attr.aria-label]="'mr.openLabel' | t: { agency: r.from, when: r.asked }"
                      data-testid="mr-open"
                      >{{ r.from }}</a
                    >
                  </th>
                  <td [attr.data-label]="'mr.askedAt' | t">{{ r.asked }}</td>
                  @if (box().answered) {
                    <td [attr.data-label]="'mr.answeredAt' | t">{{ r.answered }}</td>
                  }
                  <td class="lead" [attr.data-label]="'ia.status' | t" data-testid="mr-row-status">
                    {{ r.statusLabel }}
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      @if (box().list.cursor()) {
        <button mat-stroked-button type="button" [disabled]="box().list.loading()" (click)="more.emit()">
          {{ 'ia.loadMore' | t }}
        </button>
      }
    </section>
  `,
})
export class MatchRequestBox {
  readonly box = input.required<MatchRequestBoxSpec>();
  readonly more = output<void>();
}

/**
 * /match-requests, for the supervisors who answer them (match:answer): the requests other agencies
 * asked of the caller's agency, those waiting for an answer first, then the answered ones. A request
 * is a status and the asking agency: no name, no term of the asking side in any list.
 */
@Component({
  selector: 'app-match-request-list-page',
  imports: [MatButtonModule, MatchRequestBox, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  template: `
    <section class="page wide" data-testid="match-request-list">
      <h1 class="page-title">{{ 'mr.title' | t }}</h1>
      <p class="hint">{{ 'mr.intro' | t }}</p>
      <div class="actions">
        <button
          mat-stroked-button
          type="button"
          [disabled]="open.loading() || done.loading()"
          (click)="refresh()"
          data-testid="mr-refresh"
        >
          {{ 'mr.refresh' | t }}
        </button>
      </div>

      @for (b of boxes(); track b.id) {
        <app-match-request-box [box]="b" (more)="b.more()" />
      }
    </section>
  `,
})
export class MatchRequestListPage {
  private readonly api = inject(MatchRequestsApi);
  private readonly i18n = inject(I18n);

  private readonly describe = (e: unknown) => describeErrorIn(this.i18n, e).message;
  protected readonly open = new KeysetList<MatchRequestSummaryView>(
    (cursor) => this.api.list('incoming', 'OPEN', cursor),
    this.describe,
  );
  /** every incoming request, the open ones left out (they are listed above) */
  protected readonly done = new KeysetList<MatchRequestSummaryView>(
    (cursor) => this.api.list('incoming', null, cursor),
    this.describe,
  );

  protected readonly boxes = computed((): MatchRequestBoxSpec[] => {
    const lang = this.i18n.language();
    const openRows = rowsOf(this.open.items(), lang);
    const doneRows = rowsOf(
      this.done.items().filter((r) => r.status !== 'OPEN'),
      lang,
    );
    return [
      {
        id: 'mr-waiting',
        title: 'mr.waiting',
        list: this.open,
        rows: openRows,
        answered: false,
        empty: openRows.length === 0,
        emptyText: 'mr.waitingEmpty',
        more: () => this.loadOpen(false),
      },
      {
        id: 'mr-answered',
        title: 'mr.answered',
        list: this.done,
        rows: doneRows,
        answered: true,
        empty: doneRows.length === 0 && !this.done.cursor(),
        emptyText: 'mr.answeredEmpty',
        more: () => this.loadDone(false),
      },
    ];
  });

  constructor() {
    this.refresh();
  }

  /** The inbox does not poll: new requests come as notifications, or with this. */
  protected refresh(): void {
    void this.loadOpen(true);
    void this.loadDone(true);
  }

  protected loadOpen(reset: boolean): Promise<void> {
    return this.open.load(reset);
  }

  /** The answered requests: pages of every status, the open ones skipped, until some show (or none are left). */
  protected async loadDone(reset: boolean): Promise<void> {
    const shown = () => this.done.items().filter((r) => r.status !== 'OPEN').length;
    const before = reset ? 0 : shown();
    await this.done.load(reset);
    for (let i = 0; i < 4 && shown() === before && this.done.cursor() && !this.done.error(); i++)
      await this.done.load(false);
  }
}
