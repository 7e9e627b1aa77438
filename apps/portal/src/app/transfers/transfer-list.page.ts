import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  label,
  PROVINCE_LABELS,
  TRANSFER_KIND_LABELS,
  TRANSFER_STATUS_LABELS,
  type TransferSummaryView,
} from '@ctms/domain';
import type { Box } from '../referrals/interagency-api';
import { TransferApi } from './transfer-api';
import {
  AgencyNames,
  describeErrorIn,
  formatDateTime,
  I18n,
  InboxTabs,
  KeysetList,
  KeysetTable,
  sortByDue,
  TranslatePipe,
} from '@ctms/ui';

/** The supervisors' transfer boxes: what was asked of the agency (or its province office) and what it asked, what is due first. */
@Component({
  selector: 'app-transfer-list-page',
  imports: [TranslatePipe, RouterLink, InboxTabs, KeysetTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  template: `
    <section class="page wide" data-testid="transfer-list">
      <h1 class="page-title">{{ 'tr.title' | t }}</h1>
      <p class="hint">{{ 'tr.masked' | t }}</p>
      <app-inbox-tabs
        path="/transfers"
        [boxes]="boxes"
        [box]="box()"
        [label]="'tr.boxes' | t"
        [words]="{ incoming: 'tr.incoming' | t, outgoing: 'tr.outgoing' | t }"
        tabTestId="transfer-box-"
      />
      <app-keyset-table
        [list]="list"
        [label]="'tr.title' | t"
        [emptyText]="'tr.empty' | t"
        emptyTestId="transfer-list-empty"
        [countText]="'tr.count' | t: { count: list.items().length }"
      >
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
      </app-keyset-table>
    </section>
  `,
})
export class TransferListPage {
  private readonly api = inject(TransferApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  protected readonly boxes: readonly Box[] = ['incoming', 'outgoing'];
  protected readonly box = signal<Box>('incoming');
  protected readonly list = new KeysetList<TransferSummaryView>(
    (cursor) => this.api.list(this.box(), cursor),
    (e) => describeErrorIn(this.i18n, e).message,
  );

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    const place = (code: string, province: string) =>
      `${this.names.agency(code, lang)}, ${label(PROVINCE_LABELS, province, lang)}`;
    return sortByDue(this.list.items(), (t) => (t.status === 'REQUESTED' ? t.respondBy : null)).map((t) => ({
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
        void this.list.load(true);
      });
  }
}
