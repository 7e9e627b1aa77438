import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { HANDOFF_STATUS_LABELS, HANDOFF_STATUSES, isOneOf, label, type HandoffSummaryView } from '@ctms/domain';
import { InterAgencyApi, type Box } from '../referrals/interagency-api';
import {
  AgencyNames,
  describeErrorIn,
  formatDateTime,
  I18n,
  Inbox,
  KeysetList,
  sortByDue,
  TranslatePipe,
} from '@ctms/ui';

/** The prosecution handoffs of the agency (both boxes, or one), masked: case number only. */
@Component({
  selector: 'app-handoff-list-page',
  imports: [RouterLink, Inbox, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .overdue {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    table {
      min-width: 720px;
    }
  `,
  template: `
    <section class="page wide" data-testid="handoff-list">
      <app-inbox
        [title]="'ho.title' | t"
        path="/handoffs"
        [boxes]="boxes"
        [box]="box()"
        [statuses]="statusOptions()"
        [(status)]="status"
        [list]="list"
        tabTestId="hbox-"
        (apply)="apply($event)"
      >
        <table class="cards" data-testid="handoff-table">
          <thead>
            <tr>
              <th scope="col">{{ 'ia.case' | t }}</th>
              <th scope="col">{{ 'ia.from' | t }}</th>
              <th scope="col">{{ 'ia.to' | t }}</th>
              <th scope="col">{{ 'ia.status' | t }}</th>
              <th scope="col">{{ 'ho.receiveBy' | t }}</th>
              <th scope="col">{{ 'ia.createdAt' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (h of rows(); track h.id) {
              <tr
                data-testid="handoff-row"
                [attr.data-id]="h.id"
                [attr.data-case]="h.caseNumber"
                [attr.data-status]="h.status"
              >
                <th scope="row">
                  <a [routerLink]="['/handoffs', h.id]" data-testid="handoff-link">{{ h.caseNumber }}</a>
                </th>
                <td [attr.data-label]="'ia.from' | t">{{ h.fromName }}</td>
                <td [attr.data-label]="'ia.to' | t">{{ h.toName }}</td>
                <td class="lead" [attr.data-label]="'ia.status' | t">{{ h.statusLabel }}</td>
                <td class="lead" [attr.data-label]="'ho.receiveBy' | t" [class.overdue]="h.overdue">
                  {{ h.receiveByText }}
                  @if (h.overdue) {
                    — {{ 'ho.overdue' | t }}
                  }
                </td>
                <td [attr.data-label]="'ia.createdAt' | t">{{ h.created }}</td>
              </tr>
            }
          </tbody>
        </table>
      </app-inbox>
    </section>
  `,
})
export class HandoffListPage {
  private readonly api = inject(InterAgencyApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly names = inject(AgencyNames);

  protected readonly boxes: readonly (Box | null)[] = [null, 'incoming', 'outgoing'];
  protected readonly box = signal<Box | null>(null);
  protected readonly status = signal('');
  private statusFilter: string | null = null;
  protected readonly list = new KeysetList<HandoffSummaryView>(
    (cursor) => this.api.handoffs(this.box(), this.statusFilter, cursor),
    (e) => describeErrorIn(this.i18n, e).message,
  );
  protected readonly statusOptions = computed(() =>
    HANDOFF_STATUSES.map((code) => ({ code, text: label(HANDOFF_STATUS_LABELS, code, this.i18n.language()) })),
  );

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    // what is due first: a handoff waiting to be received, by its receive-by deadline
    return sortByDue(this.list.items(), (h) => (h.status === 'SUBMITTED' ? h.receiveBy : null)).map((h) => ({
      ...h,
      fromName: this.names.agency(h.fromAgency.code, lang),
      toName: this.names.agency(h.toAgency.code, lang),
      statusLabel: label(HANDOFF_STATUS_LABELS, h.status, lang),
      receiveByText: h.receivedAt ? formatDateTime(h.receivedAt, lang) : formatDateTime(h.receiveBy, lang),
      created: formatDateTime(h.createdAt, lang),
    }));
  });

  constructor() {
    this.route.queryParams.pipe(takeUntilDestroyed()).subscribe((q) => {
      const box: unknown = q['box'];
      this.box.set(box === 'incoming' || box === 'outgoing' ? box : null);
      this.statusFilter = isOneOf(HANDOFF_STATUSES, q['status']) ? q['status'] : null;
      this.status.set(this.statusFilter ?? '');
      void this.list.load(true);
    });
  }

  protected apply(status: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { box: this.box(), status: status || null } });
  }
}
