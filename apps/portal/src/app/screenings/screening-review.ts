import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  CONSENT_FORM_LABELS,
  CONSENT_GIVER_LABELS,
  indicatorByCode,
  INTERVIEW_CONSENT_ANSWER_LABELS,
  INTERVIEW_CONSENT_QUESTION_LABELS,
  INTERVIEW_CONSENT_QUESTIONS,
  label,
  PROVINCE_LABELS,
  SCREENING_STATUS_LABELS,
  type ScreeningView,
  INDICATOR_ANSWER_LABELS,
  INDICATOR_LABELS_LO,
  INTERVIEWER_ASSESSMENT_LABELS,
  TERMINATION_REASON_LABELS,
} from '@ctms/domain';
import { IndicatorResult } from './indicator-result';
import { SECTION_FIELDS } from './section-specs';
import { SectionForm } from './section-form';
import { ScreeningsApi, toFailure } from './screenings.api';
import { failureMessageKey } from './screening-errors';
import { OBJECT_SECTIONS, type ObjectSection } from './screening.logic';
import { formatDateTime, I18n, personName, TranslatePipe, type TranslationKey } from '@ctms/ui';

const READ_SECTIONS = OBJECT_SECTIONS.filter((s) => s !== 'interviewConsent') as ObjectSection[];

/**
 * A screening read-only, with the indicative result, and the review actions the API allows this
 * user (`allowedActions`): a supervisor approves (optional comment) or returns it (comment required).
 */
@Component({
  selector: 'app-screening-review',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    SectionForm,
    IndicatorResult,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './screening-review.html',
  styleUrl: './screening-review.scss',
})
export class ScreeningReview {
  private readonly api = inject(ScreeningsApi);
  protected readonly i18n = inject(I18n);

  readonly view = input.required<ScreeningView>();
  readonly updated = output<ScreeningView>();

  protected readonly sections = READ_SECTIONS;
  protected readonly sectionFields = SECTION_FIELDS;
  protected readonly busy = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly caseNumber = signal<string | null>(null);
  protected approveComment = '';
  protected returnComment = '';
  protected readonly returnMissing = signal(false);

  /**
   * A review comment's author by name: the log keeps the username, and the author is the reviewer
   * or the interviewer the view names; anyone else (an earlier reviewer) keeps the username.
   */
  protected byName(username: string): string {
    const v = this.view();
    for (const who of [v.reviewedBy, v.interviewer])
      if (who && who.username === username) return personName(who, username);
    return username;
  }

  protected readonly can = computed(() => new Set(this.view().allowedActions));
  protected readonly status = computed(() => label(SCREENING_STATUS_LABELS, this.view().status, this.i18n.language()));
  protected readonly province = computed(() =>
    label(PROVINCE_LABELS, this.view().metadata.provinceCode, this.i18n.language()),
  );
  protected readonly consentRows = computed(() => {
    const lang = this.i18n.language();
    const c = this.view().interviewConsent;
    return INTERVIEW_CONSENT_QUESTIONS.map((q) => ({
      q,
      text: label(INTERVIEW_CONSENT_QUESTION_LABELS, q, lang),
      answer: typeof c[q] === 'string' ? label(INTERVIEW_CONSENT_ANSWER_LABELS, c[q], lang) : '—',
    }));
  });
  protected readonly consentBy = computed(() => {
    const lang = this.i18n.language();
    const c = this.view().interviewConsent;
    return {
      givenBy: typeof c['givenBy'] === 'string' ? label(CONSENT_GIVER_LABELS, c['givenBy'], lang) : '—',
      form: typeof c['form'] === 'string' ? label(CONSENT_FORM_LABELS, c['form'], lang) : '—',
    };
  });
  protected readonly presentIndicators = computed(() => {
    const lang = this.i18n.language();
    return this.view()
      .indicatorAnswers.filter((a) => a.answer !== 'ABSENT')
      .map((a) => ({
        code: a.code,
        answer: label(INDICATOR_ANSWER_LABELS, a.answer, lang),
        text: lang === 'lo' ? (INDICATOR_LABELS_LO[a.code] ?? a.code) : (indicatorByCode(a.code)?.labelEn ?? a.code),
        evidence: a.evidence ?? '',
      }));
  });

  constructor() {
    // once approved with a case: fetch its number for the link (the case page is /cases/:id)
    effect(() => {
      if (this.view().caseId) untracked(() => void this.loadCaseNumber());
    });
  }

  protected stepKey(s: string): TranslationKey {
    return `scr.step.${s}` as TranslationKey;
  }

  protected kindKey(k: string): TranslationKey {
    return `scr.review.kind.${k}` as TranslationKey;
  }

  protected codeLabel(map: 'assessment' | 'termination', code: string | null): string {
    if (!code) return '—';
    const lang = this.i18n.language();
    return map === 'assessment'
      ? label(INTERVIEWER_ASSESSMENT_LABELS, code, lang)
      : label(TERMINATION_REASON_LABELS, code, lang);
  }

  protected when(iso: string | null): string {
    return formatDateTime(iso, this.i18n.language());
  }

  protected async approve(): Promise<void> {
    const v = this.view();
    await this.run(() => this.api.approve(v.id, v.version, this.approveComment.trim() || undefined));
    await this.loadCaseNumber();
  }

  protected async sendBack(): Promise<void> {
    const comment = this.returnComment.trim();
    this.returnMissing.set(!comment);
    if (!comment) return;
    const v = this.view();
    await this.run(() => this.api.returnForChanges(v.id, v.version, comment));
  }

  private async run(call: () => Promise<ScreeningView>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const next = await call();
      // the approval may have opened a case: read the screening again for its caseId
      this.updated.emit(next.status === 'APPROVED' && !next.caseId ? await this.api.get(next.id) : next);
    } catch (err) {
      const f = toFailure(err);
      this.error.set(failureMessageKey(f));
      if (f.status === 409) {
        try {
          this.updated.emit(await this.api.get(this.view().id));
        } catch {
          /* keep the view as it was */
        }
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async loadCaseNumber(): Promise<void> {
    const caseId = this.view().caseId;
    if (caseId && !this.caseNumber()) this.caseNumber.set(await this.api.caseNumber(caseId));
  }
}
