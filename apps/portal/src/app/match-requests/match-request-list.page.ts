import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
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
import { describeErrorIn, formatDateTime, I18n, TranslatePipe } from '@ctms/ui';

/** One box of the inbox: its rows, where the next page starts, and whether it is loading. */
class Box {
  readonly items = signal<MatchRequestSummaryView[]>([]);
  readonly cursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly loaded = signal(false);
}

function rowsOf(items: readonly MatchRequestSummaryView[], lang: Language) {
  return items.map((r) => ({
    id: r.id,
    status: r.status,
    statusLabel: label(MATCH_REQUEST_STATUS_LABELS, r.status, lang),
    from: label(SEED_AGENCY_LABELS, r.askingAgency.code, lang),
    asked: formatDateTime(r.createdAt, lang),
    answered: formatDateTime(r.answeredAt, lang),
  }));
}

/**
 * /match-requests, for the supervisors who answer them (match:answer): the requests other agencies
 * asked of the caller's agency, those waiting for an answer first, then the answered ones. A request
 * is a status and the asking agency: no name, no term of the asking side in any list.
 */
@Component({
  selector: 'app-match-request-list-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    table {
      min-width: 520px;
    }
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

      <section class="panel" aria-labelledby="mr-waiting" data-testid="mr-waiting">
        <h2 id="mr-waiting" class="sub">{{ 'mr.waiting' | t }}</h2>
        <div role="status" aria-live="polite">
          @if (open.loading() && !open.loaded()) {
            {{ 'ia.loading' | t }}
          } @else if (open.error(); as e) {
            <span class="error">{{ e }}</span>
          } @else if (openRows().length === 0) {
            <span data-testid="mr-waiting-empty">{{ 'mr.waitingEmpty' | t }}</span>
          }
        </div>
        @if (openRows().length > 0) {
          <div
            class="table-wrap"
            tabindex="0"
            role="region"
            [attr.aria-label]="'mr.table' | t: { list: 'mr.waiting' | t }"
          >
            <table class="cards">
              <thead>
                <tr>
                  <th scope="col">{{ 'mr.from' | t }}</th>
                  <th scope="col">{{ 'mr.askedAt' | t }}</th>
                  <th scope="col">{{ 'ia.status' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (r of openRows(); track r.id) {
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
                    <td class="lead" [attr.data-label]="'ia.status' | t" data-testid="mr-row-status">
                      {{ r.statusLabel }}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
        @if (open.cursor()) {
          <button mat-stroked-button type="button" [disabled]="open.loading()" (click)="loadOpen(false)">
            {{ 'ia.loadMore' | t }}
          </button>
        }
      </section>

      <section class="panel" aria-labelledby="mr-answered" data-testid="mr-answered">
        <h2 id="mr-answered" class="sub">{{ 'mr.answered' | t }}</h2>
        <div role="status" aria-live="polite">
          @if (done.loading() && !done.loaded()) {
            {{ 'ia.loading' | t }}
          } @else if (done.error(); as e) {
            <span class="error">{{ e }}</span>
          } @else if (doneRows().length === 0 && !done.cursor()) {
            <span data-testid="mr-answered-empty">{{ 'mr.answeredEmpty' | t }}</span>
          }
        </div>
        @if (doneRows().length > 0) {
          <div
            class="table-wrap"
            tabindex="0"
            role="region"
            [attr.aria-label]="'mr.table' | t: { list: 'mr.answered' | t }"
          >
            <table class="cards">
              <thead>
                <tr>
                  <th scope="col">{{ 'mr.from' | t }}</th>
                  <th scope="col">{{ 'mr.askedAt' | t }}</th>
                  <th scope="col">{{ 'mr.answeredAt' | t }}</th>
                  <th scope="col">{{ 'ia.status' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (r of doneRows(); track r.id) {
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
                    <td [attr.data-label]="'mr.answeredAt' | t">{{ r.answered }}</td>
                    <td class="lead" [attr.data-label]="'ia.status' | t" data-testid="mr-row-status">
                      {{ r.statusLabel }}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
        @if (done.cursor()) {
          <button mat-stroked-button type="button" [disabled]="done.loading()" (click)="loadDone(false)">
            {{ 'ia.loadMore' | t }}
          </button>
        }
      </section>
    </section>
  `,
})
export class MatchRequestListPage {
  private readonly api = inject(MatchRequestsApi);
  private readonly i18n = inject(I18n);

  protected readonly open = new Box();
  /** every incoming request, the open ones left out (they are listed above) */
  protected readonly done = new Box();

  protected readonly openRows = computed(() => rowsOf(this.open.items(), this.i18n.language()));
  protected readonly doneRows = computed(() =>
    rowsOf(
      this.done.items().filter((r) => r.status !== 'OPEN'),
      this.i18n.language(),
    ),
  );

  constructor() {
    this.refresh();
  }

  /** The inbox does not poll: new requests come as notifications, or with this. */
  protected refresh(): void {
    void this.loadOpen(true);
    void this.loadDone(true);
  }

  protected loadOpen(reset: boolean): Promise<void> {
    return this.load(this.open, 'OPEN', reset);
  }

  /** The answered requests: pages of every status, the open ones skipped, until some show (or none are left). */
  protected async loadDone(reset: boolean): Promise<void> {
    const shown = () => this.done.items().filter((r) => r.status !== 'OPEN').length;
    const before = reset ? 0 : shown();
    await this.load(this.done, null, reset);
    for (let i = 0; i < 4 && shown() === before && this.done.cursor() && !this.done.error(); i++)
      await this.load(this.done, null, false);
  }

  private async load(box: Box, status: 'OPEN' | null, reset: boolean): Promise<void> {
    box.loading.set(true);
    box.error.set(null);
    try {
      const page = await this.api.list('incoming', status, reset ? null : box.cursor());
      box.items.set(reset ? page.items : [...box.items(), ...page.items]);
      box.cursor.set(page.nextCursor);
      box.loaded.set(true);
    } catch (e) {
      if (reset) box.items.set([]);
      box.error.set(describeErrorIn(this.i18n, e).message);
    } finally {
      box.loading.set(false);
    }
  }
}
