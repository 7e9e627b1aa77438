import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import {
  label,
  WORK_ITEM_BUCKET_LABELS,
  WORK_ITEM_KIND_LABELS,
  type WorkItemKind,
  type WorkItemView,
} from '@ctms/domain';
import { describeErrorIn, formatDateTime, I18n, TranslatePipe } from '@ctms/ui';
import { AuthService } from '../core/auth/auth.service';
import { CaseloadApi } from '../cases/caseload-api';

/** Where an item opens: its record's page (a new kind of work item adds its page here). */
export function linkOf(i: Pick<WorkItemView, 'kind' | 'recordId' | 'caseId'>): string[] {
  const pages: Record<WorkItemKind, string[]> = {
    REFERRAL_TO_ACKNOWLEDGE: ['/referrals', i.recordId],
    REFERRAL_TO_SERVE: ['/referrals', i.recordId],
    SCREENING_DRAFT: ['/screenings', i.recordId],
    IDENTIFICATION_TO_DECIDE: ['/cases', i.caseId ?? ''],
    TRANSFER_TO_ANSWER: ['/transfers', i.recordId],
    PLAN_TASK: ['/cases', i.caseId ?? ''],
    VISIT_DUE: ['/cases', i.caseId ?? ''],
  };
  return pages[i.kind];
}

/**
 * "My day" on the home page (issue 15 item 6): the primary action to start a new screening, and
 * what the caller has due (GET /me/work: referrals to acknowledge or serve, own drafts …) overdue
 * first, then today, this week, and the undated drafts; case numbers only. A card list on a phone.
 */
@Component({
  selector: 'app-my-day',
  imports: [RouterLink, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      justify-content: space-between;
    }
  `,
  template: `
    <section class="my-day" aria-labelledby="my-day-h" data-testid="my-day">
      <div class="head">
        <h2 id="my-day-h" class="dash-title">{{ 'day.title' | t }}</h2>
        @if (canScreen()) {
          <a mat-flat-button routerLink="/screenings/new" data-testid="my-day-new-screening">{{
            'day.newScreening' | t
          }}</a>
        }
      </div>
      @if (canRead()) {
        <div role="status" aria-live="polite" data-testid="my-day-status">
          @if (error(); as e) {
            <span class="error">{{ e }}</span>
          } @else if (!loaded()) {
            {{ 'dash.loading' | t }}
          } @else if (rows().length === 0) {
            <span data-testid="my-day-empty">{{ 'day.empty' | t }}</span>
          } @else {
            {{ 'day.count' | t: { count: rows().length, overdue: overdue() } }}
          }
        </div>
        @if (rows().length) {
          <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'day.items' | t">
            <table class="cards" data-testid="my-day-items">
              <thead>
                <tr>
                  <th scope="col">{{ 'day.what' | t }}</th>
                  <th scope="col">{{ 'day.when' | t }}</th>
                  <th scope="col">{{ 'dash.caseNumber' | t }}</th>
                  <th scope="col">{{ 'day.due' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (r of rows(); track r.key) {
                  <tr data-testid="my-day-item" [attr.data-kind]="r.kind" [attr.data-bucket]="r.bucket">
                    <th scope="row">
                      <a [routerLink]="r.link">{{ r.what }}</a>
                    </th>
                    <td class="lead" [class.overdue]="r.overdue" [attr.data-label]="'day.when' | t">{{ r.when }}</td>
                    <td [attr.data-label]="'dash.caseNumber' | t">{{ r.caseNumber }}</td>
                    <td [attr.data-label]="'day.due' | t">{{ r.due }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (truncated()) {
            <p class="hint">{{ 'day.truncated' | t }}</p>
          }
        }
      }
    </section>
  `,
})
export class MyDay {
  private readonly api = inject(CaseloadApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);

  protected readonly canScreen = computed(() => this.auth.permissions().has('screening:create'));
  protected readonly canRead = computed(() => this.auth.permissions().has('case:read'));
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly truncated = signal(false);
  private readonly items = signal<WorkItemView[]>([]);

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.items().map((i) => ({
      key: `${i.kind}:${i.recordId}`,
      kind: i.kind,
      bucket: i.bucket,
      overdue: i.overdue,
      link: linkOf(i),
      what: label(WORK_ITEM_KIND_LABELS, i.kind, lang),
      when: label(WORK_ITEM_BUCKET_LABELS, i.bucket, lang),
      caseNumber: i.caseNumber ?? '',
      due: i.dueAt ? formatDateTime(i.dueAt, lang) : '',
    }));
  });
  protected readonly overdue = computed(() => this.items().filter((i) => i.overdue).length);

  constructor() {
    if (this.canRead()) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const res = await this.api.myWork();
      this.items.set(res.items);
      this.truncated.set(res.truncated);
    } catch (e) {
      this.error.set(describeErrorIn(this.i18n, e).message);
    } finally {
      this.loaded.set(true);
    }
  }
}
