import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  label,
  REFERRAL_STATUS_LABELS,
  referralDeadline,
  referralOverdue,
  REFERRAL_STATUSES,
  SERVICE_TYPE_LABELS,
  URGENCY_LABELS,
} from '@ctms/domain';
import { InterAgencyApi } from './interagency-api';
import { slaClock } from './ia-util';
import {
  AgencyNames,
  formatDateTime,
  I18n,
  Inbox,
  InboxState,
  sortByDue,
  TranslatePipe,
  type TranslationKey,
} from '@ctms/ui';

/** The referral boxes: incoming and outgoing, masked (case number only), with the running SLA clock: acknowledgement while pending, services while accepted. */
@Component({
  selector: 'app-referral-list-page',
  imports: [RouterLink, Inbox, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    table {
      min-width: 760px;
    }
  `,
  template: `
    <section class="page wide" data-testid="referral-list">
      <app-inbox
        [title]="'ref.title' | t"
        [boxesLabel]="'ref.boxes' | t"
        path="/referrals"
        [state]="inbox"
        statusTestId="referral-filter-status"
        emptyTestId="referral-list-empty"
      >
        <table class="cards" data-testid="referral-table">
          <thead>
            <tr>
              <th scope="col">{{ 'ia.case' | t }}</th>
              <th scope="col">{{ 'ia.from' | t }}</th>
              <th scope="col">{{ 'ia.to' | t }}</th>
              <th scope="col">{{ 'ref.services' | t }}</th>
              <th scope="col">{{ 'ref.urgency' | t }}</th>
              <th scope="col">{{ 'ia.status' | t }}</th>
              <th scope="col">{{ 'ref.sla' | t }}</th>
              <th scope="col">{{ 'ia.createdAt' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows(); track r.id) {
              <tr
                data-testid="referral-row"
                [attr.data-id]="r.id"
                [attr.data-case]="r.caseNumber"
                [attr.data-status]="r.status"
              >
                <th scope="row">
                  <a [routerLink]="['/referrals', r.id]" data-testid="referral-link">{{ r.caseNumber }}</a>
                </th>
                <td [attr.data-label]="'ia.from' | t">{{ r.fromName }}</td>
                <td [attr.data-label]="'ia.to' | t">{{ r.toName }}</td>
                <td [attr.data-label]="'ref.services' | t">{{ r.services }}</td>
                <td class="lead" [attr.data-label]="'ref.urgency' | t">{{ r.urgencyLabel }}</td>
                <td class="lead" [attr.data-label]="'ia.status' | t" data-testid="referral-status">
                  {{ r.statusLabel }}
                </td>
                <td
                  class="lead"
                  [attr.data-label]="'ref.sla' | t"
                  data-testid="sla-clock"
                  [class.overdue]="r.overdue"
                  [attr.data-overdue]="r.overdue"
                >
                  {{ r.sla }}
                </td>
                <td [attr.data-label]="'ia.createdAt' | t">{{ r.created }}</td>
              </tr>
            }
          </tbody>
        </table>
      </app-inbox>
    </section>
  `,
})
export class ReferralListPage {
  private readonly api = inject(InterAgencyApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  private readonly now = signal(Date.now());
  protected readonly inbox = new InboxState({
    boxes: ['incoming', 'outgoing'],
    statuses: REFERRAL_STATUSES,
    statusLabels: REFERRAL_STATUS_LABELS,
    fetch: (box, status, cursor) => this.api.referrals(box, status, cursor),
    loaded: () => this.now.set(Date.now()),
  });

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    const now = this.now();
    // what is due first: the referral whose running clock (acknowledgement while PENDING, services
    // while ACCEPTED) ends soonest, the overdue ones on top; one rule in libs/domain for both boxes
    return sortByDue(
      this.inbox.list.items(),
      (r) => referralDeadline(r.status, r.acknowledgeBy, r.servicesDueBy)?.dueAt ?? null,
    ).map((r) => {
      const deadline = referralDeadline(r.status, r.acknowledgeBy, r.servicesDueBy);
      const clock = deadline ? slaClock(deadline.dueAt, now) : null;
      const overdue = referralOverdue(r.status, r.acknowledgeBy, r.servicesDueBy, now);
      const key: TranslationKey = !deadline
        ? 'ref.sla.done'
        : deadline.clock === 'SERVICES'
          ? overdue
            ? 'ref.sla.servicesOverdue'
            : 'ref.sla.servicesLeft'
          : overdue
            ? 'ref.sla.overdue'
            : 'ref.sla.left';
      return {
        ...r,
        fromName: this.names.agency(r.fromAgency.code, lang),
        toName: this.names.agency(r.toAgency.code, lang),
        services: r.serviceTypes.map((s) => label(SERVICE_TYPE_LABELS, s, lang)).join(', '),
        urgencyLabel: label(URGENCY_LABELS, r.urgency, lang),
        statusLabel: label(REFERRAL_STATUS_LABELS, r.status, lang),
        overdue,
        sla: this.i18n.t(key, { h: clock?.h ?? 0, m: clock?.m ?? 0 }),
        created: formatDateTime(r.createdAt, lang),
      };
    });
  });

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
