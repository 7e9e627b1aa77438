import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS, label, type AccessLogEntryView } from '@ctms/domain';
import { CaseApi } from './case-api';
import { CasePages } from './case-pages';
import { CaseStore } from './case-store';
import { AgencyNames, formatDateTime, I18n, personName, TranslatePipe } from '@ctms/ui';

/** Who read or changed the case, when, and whether it was allowed (supervisors of the lead agency). */
@Component({
  selector: 'app-case-access-log',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  template: `
    <div class="tab-body" data-testid="case-access-log">
      <h2 class="sub">{{ 'cases.access.title' | t }}</h2>
      <p class="hint">{{ 'cases.access.hint' | t }}</p>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'cases.access.title' | t">
        <table>
          <thead>
            <tr>
              <th scope="col">{{ 'cases.access.when' | t }}</th>
              <th scope="col">{{ 'cases.access.who' | t }}</th>
              <th scope="col">{{ 'cases.access.agency' | t }}</th>
              <th scope="col">{{ 'cases.access.action' | t }}</th>
              <th scope="col">{{ 'cases.access.outcome' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows(); track r.seq) {
              <tr data-testid="access-row">
                <td>{{ r.when }}</td>
                <td>{{ r.who }}</td>
                <td>{{ r.agency }}</td>
                <td>{{ r.action }}</td>
                <td>{{ r.outcome }}</td>
              </tr>
            } @empty {
              @if (!loading()) {
                <tr>
                  <td colspan="5">{{ 'cases.access.empty' | t }}</td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>
      @if (cursor()) {
        <button mat-stroked-button type="button" (click)="load(false)">{{ 'cases.loadMore' | t }}</button>
      }
    </div>
  `,
})
export class CaseAccessLog {
  private readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);

  private readonly pages = new CasePages<AccessLogEntryView>(this.store, (id, cursor) =>
    this.api.accessLog(id, cursor),
  );
  protected readonly entries = this.pages.items;
  protected readonly cursor = this.pages.cursor;
  protected readonly loading = this.pages.loading;
  protected readonly error = this.pages.error;

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.entries().map((e) => ({
      seq: e.seq,
      when: formatDateTime(e.at, lang),
      who: personName(e.actor),
      agency: this.names.agency(e.actor.agencyCode, lang),
      action: label(AUDIT_ACTION_LABELS, e.action, lang),
      outcome: label(AUDIT_OUTCOME_LABELS, e.outcome, lang),
    }));
  });

  constructor() {
    effect(() => {
      if (this.store.case()?.id) untracked(() => void this.load(true));
    });
  }

  protected load(reset: boolean): Promise<void> {
    return this.pages.load(reset);
  }
}
