import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  IDENTIFICATION_REQUEST_STATUS_LABELS,
  label,
  SEED_AGENCY_LABELS,
  type IdentificationRequestView,
} from '@ctms/domain';
import { CaseApi } from './case-api';
import { describeErrorIn, formatDateTime, I18n, TranslatePipe } from '@ctms/ui';

/**
 * /identification-requests, for the agency with formal identification (case:identify): the cases
 * other agencies sent to it, the open ones first and the most due first (the API's order), each a
 * case number, the sending agency, the status and the due date; no name. A row opens the case.
 */
@Component({
  selector: 'app-identification-inbox-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  template: `
    <section class="page wide" data-testid="identification-inbox">
      <h1 class="page-title">{{ 'cases.inbox.title' | t }}</h1>
      <p class="hint">{{ 'cases.inbox.intro' | t }}</p>
      <div role="status" aria-live="polite">
        @if (error(); as e) {
          <span class="error">{{ e }}</span>
        } @else if (loaded() && rows().length === 0) {
          <span data-testid="inbox-empty">{{ 'cases.inbox.empty' | t }}</span>
        }
      </div>
      @if (loaded() && rows().length === 0) {
        <p>
          <a routerLink="/cases" data-testid="inbox-cases">{{ 'nav.cases' | t }}</a>
        </p>
      }
      @if (rows().length > 0) {
        <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'cases.inbox.title' | t">
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">{{ 'cases.inbox.case' | t }}</th>
                <th scope="col">{{ 'cases.inbox.from' | t }}</th>
                <th scope="col">{{ 'cases.inbox.status' | t }}</th>
                <th scope="col">{{ 'cases.inbox.due' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of rows(); track r.id) {
                <tr data-testid="inbox-row" [attr.data-status]="r.status" [attr.data-case]="r.caseNumber">
                  <th scope="row">
                    <a [routerLink]="['/cases', r.caseId]" data-testid="inbox-open">{{ r.caseNumber }}</a>
                  </th>
                  <td [attr.data-label]="'cases.inbox.from' | t">{{ r.from }}</td>
                  <td [attr.data-label]="'cases.inbox.status' | t">{{ r.statusLabel }}</td>
                  <td [attr.data-label]="'cases.inbox.due' | t" [class.error]="r.overdue">
                    {{ r.due }}
                    @if (r.overdue) {
                      ({{ 'cases.inbox.overdue' | t }})
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
})
export class IdentificationInboxPage {
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);
  private readonly items = signal<IdentificationRequestView[]>([]);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    const now = Date.now();
    return this.items()
      .filter((r) => r.toAgency.code !== r.fromAgency.code)
      .map((r) => ({
        id: r.id,
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        status: r.status,
        statusLabel: label(IDENTIFICATION_REQUEST_STATUS_LABELS, r.status, lang),
        from: label(SEED_AGENCY_LABELS, r.fromAgency.code, lang),
        due: formatDateTime(r.dueAt, lang),
        overdue: r.status === 'REQUESTED' && Date.parse(r.dueAt) < now,
      }));
  });

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.items.set(await this.api.identificationRequests());
    } catch (e) {
      this.error.set(describeErrorIn(this.i18n, e).message);
    } finally {
      this.loaded.set(true);
    }
  }
}
