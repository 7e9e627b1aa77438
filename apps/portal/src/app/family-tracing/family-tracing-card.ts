import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import {
  FAMILY_TRACING_ANSWER_LABELS,
  FAMILY_TRACING_ANSWERS,
  FAMILY_TRACING_STATUS_LABELS,
  label,
  PROVINCE_LABELS,
  type FamilyTracingAnswer,
  type FamilyTracingRequestView,
} from '@ctms/domain';
import { AgencyNames, describeErrorIn, FORM_KIT, formatDateTime, I18n, personName } from '@ctms/ui';
import { FamilyTracingApi } from './family-tracing-api';

/**
 * One family tracing request as a card (a column at 390 px): the office asked, the status, the
 * packet as far as the caller reads it now, the answer; and the caller's actions from the API's
 * `allowedActions` (the office answers or declines, the lead's case editor withdraws).
 */
@Component({
  selector: 'app-family-tracing-card',
  imports: [FORM_KIT],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      margin: 8px 0;
      display: grid;
      gap: 8px;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(120px, max-content) 1fr;
      gap: 4px 12px;
      margin: 0;
    }
    dd {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    @media (max-width: 480px) {
      dl {
        grid-template-columns: 1fr;
      }
      dt {
        font-weight: 600;
      }
    }
    form {
      display: grid;
      gap: 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
  template: `
    @let r = request();
    <article class="card" data-testid="ft-card" [attr.data-status]="r.status" [attr.data-id]="r.id">
      <h3 class="sub">{{ r.caseNumber }} · {{ office() }}</h3>
      <dl>
        <dt>{{ 'ft.status' | t }}</dt>
        <dd data-testid="ft-status">{{ statusLabel() }}</dd>
        <dt>{{ 'ft.from' | t }}</dt>
        <dd>{{ from() }} · {{ when(r.requestedAt) }}</dd>
        <dt>{{ 'ft.due' | t }}</dt>
        <dd>{{ when(r.dueAt) }}</dd>
        <dt>{{ 'ft.questions' | t }}</dt>
        <dd data-testid="ft-questions">{{ r.questions ?? ('ft.notShared' | t) }}</dd>
        @if (r.categories.includes('CONTACT_LOCATION')) {
          <dt>{{ 'ft.familyContact' | t }}</dt>
          <dd data-testid="ft-contact">{{ r.familyContact ?? ('ft.notShared' | t) }}</dd>
        }
        @if (r.answer) {
          <dt>{{ 'ft.answer' | t }}</dt>
          <dd data-testid="ft-answer" [attr.data-code]="r.answer">{{ answerLabel() }}</dd>
        }
        @if (r.answerText) {
          <dt>{{ 'ft.answerText' | t }}</dt>
          <dd data-testid="ft-answer-text">{{ r.answerText }}</dd>
        }
        @if (r.answeredBy && r.answeredAt) {
          <dt></dt>
          <dd>{{ 'ft.answeredBy' | t: { who: who(), when: when(r.answeredAt) } }}</dd>
        }
      </dl>
      @if (r.allowedActions.includes('ANSWER')) {
        <form (ngSubmit)="answer()" data-testid="ft-answer-form">
          <mat-form-field>
            <mat-label>{{ 'ft.answer' | t }}</mat-label>
            <mat-select name="answer" [(ngModel)]="answerCode" required data-testid="ft-answer-code">
              @for (a of answers(); track a.code) {
                <mat-option [value]="a.code">{{ a.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'ft.assessment' | t }}</mat-label>
            <textarea matInput name="assessment" rows="4" [(ngModel)]="text" data-testid="ft-assessment"></textarea>
          </mat-form-field>
          <div class="row">
            <button
              mat-flat-button
              type="submit"
              [disabled]="busy() || !answerCode || text.trim().length < 3"
              data-testid="ft-answer-submit"
            >
              {{ 'ft.answer.submit' | t }}
            </button>
            @if (r.allowedActions.includes('DECLINE')) {
              <button
                mat-stroked-button
                type="button"
                [disabled]="busy() || text.trim().length < 3"
                (click)="close('decline')"
                data-testid="ft-decline"
              >
                {{ 'ft.decline.submit' | t }}
              </button>
            }
          </div>
        </form>
      }
      @if (r.allowedActions.includes('WITHDRAW')) {
        <form (ngSubmit)="close('withdraw')" data-testid="ft-withdraw-form">
          <mat-form-field>
            <mat-label>{{ 'ft.reason' | t }}</mat-label>
            <textarea matInput name="reason" rows="2" [(ngModel)]="text" data-testid="ft-withdraw-reason"></textarea>
          </mat-form-field>
          <div class="row">
            <button mat-stroked-button type="submit" [disabled]="busy() || text.trim().length < 3">
              {{ 'ft.withdraw.submit' | t }}
            </button>
          </div>
        </form>
      }
      <div role="status" aria-live="polite">
        @if (error(); as e) {
          <p class="error" data-testid="ft-error">{{ e }}</p>
        }
      </div>
    </article>
  `,
})
export class FamilyTracingCard {
  readonly request = input.required<FamilyTracingRequestView>();
  readonly changed = output<FamilyTracingRequestView>();

  private readonly api = inject(FamilyTracingApi);
  private readonly i18n = inject(I18n);
  private readonly names = inject(AgencyNames);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected answerCode: FamilyTracingAnswer | '' = '';
  protected text = '';

  protected readonly office = computed(() => {
    const lang = this.i18n.language();
    const r = this.request();
    return `${this.names.agency(r.toAgency.code, lang)}, ${label(PROVINCE_LABELS, r.provinceCode, lang)}`;
  });
  protected readonly from = computed(() => this.names.agency(this.request().fromAgency.code, this.i18n.language()));
  protected readonly statusLabel = computed(() =>
    label(FAMILY_TRACING_STATUS_LABELS, this.request().status, this.i18n.language()),
  );
  protected readonly answerLabel = computed(() =>
    label(FAMILY_TRACING_ANSWER_LABELS, this.request().answer ?? '', this.i18n.language()),
  );
  protected readonly who = computed(() => personName(this.request().answeredBy));
  protected readonly answers = computed(() =>
    FAMILY_TRACING_ANSWERS.map((code) => ({
      code,
      text: label(FAMILY_TRACING_ANSWER_LABELS, code, this.i18n.language()),
    })),
  );

  protected when(v: string): string {
    return formatDateTime(v, this.i18n.language());
  }

  protected answer(): Promise<void> {
    const code = this.answerCode;
    if (!code) return Promise.resolve();
    return this.act(() =>
      this.api.answer(this.request().id, {
        version: this.request().version,
        answer: code,
        assessment: this.text.trim(),
      }),
    );
  }

  protected close(action: 'decline' | 'withdraw'): Promise<void> {
    return this.act(() =>
      this.api.close(this.request().id, action, { version: this.request().version, reason: this.text.trim() }),
    );
  }

  private async act(fn: () => Promise<FamilyTracingRequestView>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const next = await fn();
      this.text = '';
      this.answerCode = '';
      this.changed.emit(next);
    } catch (e) {
      this.error.set(this.i18n.t('ft.failed', { reason: describeErrorIn(this.i18n, e).message }));
    } finally {
      this.busy.set(false);
    }
  }
}
