import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  FAMILY_TRACING_BOXES,
  FAMILY_TRACING_STATUS_LABELS,
  FAMILY_TRACING_STATUSES,
  label,
  PROVINCE_LABELS,
} from '@ctms/domain';
import { AgencyNames, formatDateTime, I18n, Inbox, InboxState, TranslatePipe } from '@ctms/ui';
import { FamilyTracingApi } from './family-tracing-api';

/**
 * /family-tracing: the province office's tracing inbox (asked of it, in its province scope) and the
 * requests the agency sent for the cases it leads; masked (case number, office, status, due date),
 * most due first. A row opens the request, where the office answers.
 */
@Component({
  selector: 'app-family-tracing-inbox-page',
  imports: [RouterLink, Inbox, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page wide" data-testid="ft-inbox">
      <app-inbox
        [title]="'ft.title' | t"
        [boxesLabel]="'ft.boxes' | t"
        path="/family-tracing"
        [state]="inbox"
        tabTestId="ft-box-"
        statusTestId="ft-filter-status"
        emptyTestId="ft-inbox-empty"
      >
        <table class="cards" data-testid="ft-table">
          <thead>
            <tr>
              <th scope="col">{{ 'ft.case' | t }}</th>
              <th scope="col">{{ 'ft.from' | t }}</th>
              <th scope="col">{{ 'ft.province' | t }}</th>
              <th scope="col">{{ 'ft.status' | t }}</th>
              <th scope="col">{{ 'ft.due' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows(); track r.id) {
              <tr
                data-testid="ft-row"
                [attr.data-id]="r.id"
                [attr.data-case]="r.caseNumber"
                [attr.data-status]="r.status"
              >
                <th scope="row">
                  <a [routerLink]="['/family-tracing', r.id]" data-testid="ft-open">{{ r.caseNumber }}</a>
                </th>
                <td [attr.data-label]="'ft.from' | t">{{ r.from }}</td>
                <td [attr.data-label]="'ft.province' | t">{{ r.province }}</td>
                <td class="lead" [attr.data-label]="'ft.status' | t">{{ r.statusLabel }}</td>
                <td [attr.data-label]="'ft.due' | t" [class.overdue]="r.overdue">{{ r.due }}</td>
              </tr>
            }
          </tbody>
        </table>
      </app-inbox>
    </section>
  `,
})
export class FamilyTracingInboxPage {
  private readonly api = inject(FamilyTracingApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  protected readonly inbox = new InboxState({
    boxes: FAMILY_TRACING_BOXES,
    statuses: FAMILY_TRACING_STATUSES,
    statusLabels: FAMILY_TRACING_STATUS_LABELS,
    fetch: (box, status, cursor) => this.api.inbox(box, status, cursor),
  });

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    const now = Date.now();
    return this.inbox.list.items().map((r) => ({
      id: r.id,
      caseNumber: r.caseNumber,
      status: r.status,
      statusLabel: label(FAMILY_TRACING_STATUS_LABELS, r.status, lang),
      from: this.names.agency(r.fromAgency.code, lang),
      province: label(PROVINCE_LABELS, r.provinceCode, lang),
      due: formatDateTime(r.dueAt, lang),
      overdue: r.status === 'REQUESTED' && Date.parse(r.dueAt) < now,
    }));
  });
}
