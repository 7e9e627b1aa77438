import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import {
  label,
  PROVINCE_LABELS,
  TRANSFER_KIND_LABELS,
  TRANSFER_STATUS_LABELS,
  type TransferSummaryView,
} from '@ctms/domain';
import type { Box } from '../referrals/interagency-api';
import { TransferApi } from './transfer-api';
import { AgencyNames, describeErrorIn, formatDateTime, I18n, sortByDue, TranslatePipe } from '@ctms/ui';

/** The supervisors' transfer boxes: what was asked of the agency (or its province office) and what it asked, what is due first. */
@Component({
  selector: 'app-transfer-list-page',
  imports: [TranslatePipe, RouterLink, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .tabs {
      display: flex;
      gap: 8px;
      margin: 8px 0 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .tabs a {
      padding: 8px 16px;
      text-decoration: none;
      color: inherit;
      border-bottom: 3px solid transparent;
    }
    .tabs a[aria-current='page'] {
      border-bottom-color: var(--mat-sys-primary);
      font-weight: 600;
    }
    .overdue {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
  template: `
    <section class="page wide" data-testid="transfer-list">
      <h1 class="page-title">{{ 'tr.title' | t }}</h1>
      <p class="hint">{{ 'tr.masked' | t }}</p>
      <nav class="tabs" [attr.aria-label]="'tr.boxes' | t">
        <a
          routerLink="/transfers"
          [queryParams]="{ box: 'incoming' }"
          [attr.aria-current]="box() === 'incoming' ? 'page' : null"
          data-testid="transfer-box-incoming"
          >{{ 'tr.incoming' | t }}</a
        >
        <a
          routerLink="/transfers"
          [queryParams]="{ box: 'outgoing' }"
          [attr.aria-current]="box() === 'outgoing' ? 'page' : null"
          data-testid="transfer-box-outgoing"
          >{{ 'tr.outgoing' | t }}</a
        >
      </nav>
      <div role="status" aria-live="polite">
        @if (loading()) {
          {{ 'tr.loading' | t }}
        } @else if (error(); as e) {
          <span class="error">{{ e }}</span>
        } @else if (rows().length === 0) {
          <span data-testid="transfer-list-empty">{{ 'tr.empty' | t }}</span>
        } @else {
          {{ 'tr.count' | t: { count: rows().length } }}
        }
      </div>
      @if (rows().length > 0) {
        <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'tr.title' | t">
          <table class="cards" data-testid="transfer-table">
            <thead>
              <tr>
                <th scope="col">{{ 'tr.case' | t }}</th>
                <th scope="col">{{ 'tr.kind' | t }}</th>
                <th scope="col">{{ 'tr.from' | t }}</th>
                <th scope="col">{{ 'tr.to' | t }}</th>
                <th scope="col">{{ 'tr.status' | t }}</th>
                <th scope="col">{{ 'tr.due' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of rows(); track r.id) {
                <tr data-testid="transfer-row" [attr.data-case]="r.caseNumber" [attr.data-status]="r.status">
                  <th scope="row">
                    <a [routerLink]="['/transfers', r.id]" data-testid="transfer-link">{{ r.caseNumber }}</a>
                  </th>
                  <td [attr.data-label]="'tr.kind' | t">{{ r.kindLabel }}</td>
                  <td [attr.data-label]="'tr.from' | t">{{ r.fromLabel }}</td>
                  <td [attr.data-label]="'tr.to' | t">{{ r.toLabel }}</td>
                  <td class="lead" [attr.data-label]="'tr.status' | t" data-testid="transfer-status">
                    {{ r.statusLabel }}
                  </td>
                  <td class="lead" [attr.data-label]="'tr.due' | t" [class.overdue]="r.overdue">
                    @if (r.status !== 'REQUESTED') {
                      {{ 'tr.answered' | t }}
                    } @else if (r.overdue) {
                      {{ 'tr.overdue' | t: { date: r.due } }}
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
        <button mat-stroked-button type="button" [disabled]="loading()" (click)="load(false)">
          {{ 'tr.loading' | t }}
        </button>
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
    const place = (code: string, province: string) =>
      `${this.names.agency(code, lang)}, ${label(PROVINCE_LABELS, province, lang)}`;
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
      this.error.set(describeErrorIn(this.i18n, e).message);
    } finally {
      this.loading.set(false);
    }
  }
}
