import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { label, PROVINCE_LABELS, TRANSFER_KIND_LABELS, TRANSFER_STATUS_LABELS, type TransferSummaryView } from '@ctms/domain';
import { I18n } from '../core/i18n/i18n.service';
import { describeError, formatDateTime } from '../cases/ui-util';
import type { Box } from '../referrals/interagency-api';
import { sortByDue } from '../shared/due-order';
import { AgencyNames } from '../shared/names';
import { TransferApi } from './transfer-api';
import { TrPipe } from './transfer-i18n';

/** The supervisors' transfer boxes: what was asked of the agency (or its province office) and what it asked, what is due first. */
@Component({
  selector: 'app-transfer-list-page',
  imports: [RouterLink, MatButtonModule, TrPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../cases/section.scss',
  styles: `
    .tabs { display: flex; gap: 8px; margin: 8px 0 16px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .tabs a { padding: 8px 16px; text-decoration: none; color: inherit; border-bottom: 3px solid transparent; }
    .tabs a[aria-current='page'] { border-bottom-color: var(--mat-sys-primary); font-weight: 600; }
    .overdue { color: var(--mat-sys-error); font-weight: 600; }
  `,
  template: `
    <section class="page wide" data-testid="transfer-list">
      <h1 class="page-title">{{ 'tr.title' | tr }}</h1>
      <p class="hint">{{ 'tr.masked' | tr }}</p>
      <nav class="tabs" [attr.aria-label]="'tr.boxes' | tr">
        <a routerLink="/transfers" [queryParams]="{ box: 'incoming' }" [attr.aria-current]="box() === 'incoming' ? 'page' : null" data-testid="transfer-box-incoming">{{ 'tr.incoming' | tr }}</a>
        <a routerLink="/transfers" [queryParams]="{ box: 'outgoing' }" [attr.aria-current]="box() === 'outgoing' ? 'page' : null" data-testid="transfer-box-outgoing">{{ 'tr.outgoing' | tr }}</a>
      </nav>
      <div role="status" aria-live="polite">
        @if (loading()) {
          {{ 'tr.loading' | tr }}
        } @else if (error(); as e) {
          <span class="error">{{ e }}</span>
        } @else if (rows().length === 0) {
          <span data-testid="transfer-list-empty">{{ 'tr.empty' | tr }}</span>
        } @else {
          {{ 'tr.count' | tr: { count: rows().length } }}
        }
      </div>
      @if (rows().length > 0) {
        <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'tr.title' | tr">
          <table class="cards" data-testid="transfer-table">
            <thead>
              <tr>
                <th scope="col">{{ 'tr.case' | tr }}</th>
                <th scope="col">{{ 'tr.kind' | tr }}</th>
                <th scope="col">{{ 'tr.from' | tr }}</th>
                <th scope="col">{{ 'tr.to' | tr }}</th>
                <th scope="col">{{ 'tr.status' | tr }}</th>
                <th scope="col">{{ 'tr.due' | tr }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of rows(); track r.id) {
                <tr data-testid="transfer-row" [attr.data-case]="r.caseNumber" [attr.data-status]="r.status">
                  <th scope="row"><a [routerLink]="['/transfers', r.id]" data-testid="transfer-link">{{ r.caseNumber }}</a></th>
                  <td [attr.data-label]="'tr.kind' | tr">{{ r.kindLabel }}</td>
                  <td [attr.data-label]="'tr.from' | tr">{{ r.fromLabel }}</td>
                  <td [attr.data-label]="'tr.to' | tr">{{ r.toLabel }}</td>
                  <td class="lead" [attr.data-label]="'tr.status' | tr" data-testid="transfer-status">{{ r.statusLabel }}</td>
                  <td class="lead" [attr.data-label]="'tr.due' | tr" [class.overdue]="r.overdue">
                    @if (r.status !== 'REQUESTED') {
                      {{ 'tr.answered' | tr }}
                    } @else if (r.overdue) {
                      {{ 'tr.overdue' | tr: { date: r.due } }}
                    } @else {
                      {{ r.due }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      @if (cursor()) {
        <button mat-stroked-button type="button" [disabled]="loading()" (click)="load(false)">{{ 'tr.loading' | tr }}</button>
      }
    </section>
  `,
})
export class TransferListPage {
  private readonly api = inject(TransferApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  protected readonly box = signal<Box>('incoming');
  private readonly items = signal<TransferSummaryView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    const place = (code: string, province: string) => `${this.names.agency(code, lang)}, ${label(PROVINCE_LABELS, province, lang)}`;
    return sortByDue(this.items(), (t) => (t.status === 'REQUESTED' ? t.respondBy : null)).map((t) => ({
      ...t,
      kindLabel: label(TRANSFER_KIND_LABELS, t.kind, lang),
      fromLabel: place(t.fromAgency.code, t.fromProvinceCode),
      toLabel: place(t.toAgency.code, t.toProvinceCode),
      statusLabel: label(TRANSFER_STATUS_LABELS, t.status, lang),
      due: formatDateTime(t.respondBy, lang),
    }));
  });

  constructor() {
    inject(ActivatedRoute)
      .queryParams.pipe(takeUntilDestroyed())
      .subscribe((q) => {
        this.box.set(q['box'] === 'outgoing' ? 'outgoing' : 'incoming');
        void this.load(true);
      });
  }

  protected async load(reset: boolean): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.list(this.box(), reset ? null : this.cursor());
      this.items.set(reset ? page.items : [...this.items(), ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (e) {
      if (reset) this.items.set([]);
      this.error.set(describeError(e, (k, p) => this.i18n.t(k, p), this.i18n.language()).message);
    } finally {
      this.loading.set(false);
    }
  }
}
