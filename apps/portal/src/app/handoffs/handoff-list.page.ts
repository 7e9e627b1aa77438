import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { HANDOFF_STATUS_LABELS, HANDOFF_STATUSES, label } from '@ctms/domain';
import { InterAgencyApi } from '../referrals/interagency-api';
import { AgencyNames, formatDateTime, I18n, Inbox, InboxState, sortByDue, TranslatePipe } from '@ctms/ui';

/** The prosecution handoffs of the agency (both boxes, or one), masked: case number only. */
@Component({
  selector: 'app-handoff-list-page',
  imports: [RouterLink, Inbox, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    table {
      min-width: 720px;
    }
  `,
  template: `
    <section class="page wide" data-testid="handoff-list">
      <app-inbox [title]="'ho.title' | t" path="/handoffs" [state]="inbox" tabTestId="hbox-">
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
  private readonly names = inject(AgencyNames);

  protected readonly inbox = new InboxState({
    boxes: [null, 'incoming', 'outgoing'],
    statuses: HANDOFF_STATUSES,
    statusLabels: HANDOFF_STATUS_LABELS,
    fetch: (box, status, cursor) => this.api.handoffs(box, status, cursor),
  });

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    // what is due first: a handoff waiting to be received, by its receive-by deadline
    return sortByDue(this.inbox.list.items(), (h) => (h.status === 'SUBMITTED' ? h.receiveBy : null)).map((h) => ({
      ...h,
      fromName: this.names.agency(h.fromAgency.code, lang),
      toName: this.names.agency(h.toAgency.code, lang),
      statusLabel: label(HANDOFF_STATUS_LABELS, h.status, lang),
      receiveByText: h.receivedAt ? formatDateTime(h.receivedAt, lang) : formatDateTime(h.receiveBy, lang),
      created: formatDateTime(h.createdAt, lang),
    }));
  });
}
