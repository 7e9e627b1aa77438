import { Location, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { STEPPER_GLOBAL_OPTIONS } from '@angular/cdk/stepper';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import {
  CONSENT_FORM_LABELS,
  CONSENT_FORMS,
  CONSENT_GIVERS,
  CONSENT_GIVER_LABELS,
  INDICATOR_ANSWER_VALUES,
  INTERVIEW_CONSENT_ANSWER_LABELS,
  INTERVIEW_CONSENT_ANSWERS,
  INTERVIEW_CONSENT_QUESTION_LABELS,
  INTERVIEW_CONSENT_QUESTIONS,
  label,
  PROVINCE_LABELS,
  SCREENING_STATUS_LABELS,
  SCREENING_SUBMIT_FIELDS,
  SCREENING_SUBMIT_REQUIREMENT_LABELS,
  SCREENING_SUBMIT_REQUIREMENTS,
  screeningSubmitGaps,
  type IndicatorAnswer,
  type IndicatorDefinition,
  type Label,
  type ScreeningSubmitRequirement,
  type ScreeningView,
  type TerminationReason,
  INDICATOR_ANSWER_LABELS,
  INDICATOR_DIMENSION_LABELS,
  INDICATOR_LABELS_LO,
  INDICATOR_STRENGTH_LABELS,
  INTERVIEWER_ASSESSMENT_LABELS,
  SEXUAL_INDICATOR_LABELS_LO,
  TERMINATION_REASON_LABELS,
  INDICATIVE_RESULT_LABELS,
  TERMINATION_REASONS,
  INTERVIEWER_ASSESSMENTS,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { DuplicateCheck } from '../persons/duplicate-check';
import { AutosaveService } from './autosave.service';
import { DraftStore, type LocalDraft } from './draft-store';
import { IndicatorResult } from './indicator-result';
import { ScreeningReview } from './screening-review';
import {
  applySections,
  draftChildFacts,
  clean,
  consentState,
  draftFromView,
  draftProfile,
  emptyDraft,
  errorsByField,
  indicatorGroups,
  liveAssessment,
  OBJECT_SECTIONS,
  sectionOfField,
  sectionsBody,
  setIndicatorAnswer,
  type Draft,
  type ObjectSection,
  type SectionId,
} from './screening.logic';
import { failureMessageKey } from './screening-errors';
import { mergeDrafts, settle, type FieldConflict } from './screening-conflict';
import { FIELD_LABELS } from './field-labels';
import { fieldSpecAt, SECTION_FIELDS } from './section-specs';
import { SectionForm, type ClientProblem } from './section-form';
import { ScreeningsApi, toFailure, type ApiFailure, type Rec } from './screenings.api';
import {
  DateInput,
  type DateProblem,
  type ErrorItem,
  ErrorSummary,
  focusField,
  formatDateTime,
  I18n,
  laoNowIso,
  TranslatePipe,
  type TranslationKey,
} from '@ctms/ui';

/** A 409 being settled: the copy the edits were made on, the server's copy now, the unsaved sections, and the fields where the server's value is chosen. */
interface ConflictState {
  base: Draft;
  theirs: Draft;
  sections: SectionId[];
  chooseTheirs: ReadonlySet<string>;
}

/** The steps rendered from field lists, in interview order (consent, indicators and assessment have their own). */
const FORM_STEPS: readonly ObjectSection[] = OBJECT_SECTIONS.filter((s) => s !== 'interviewConsent');

/**
 * /screenings/new and /screenings/:id. An editable draft (canEdit) is the interview wizard with
 * autosave; anything else is the read-only review with the actions the API allows.
 */
@Component({
  selector: 'app-screening-page',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    MatStepperModule,
    TranslatePipe,
    SectionForm,
    IndicatorResult,
    ScreeningReview,
    DuplicateCheck,
    ErrorSummary,
    DateInput,
  ],
  providers: [AutosaveService, { provide: STEPPER_GLOBAL_OPTIONS, useValue: { showError: true } }],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './screening.page.html',
  styleUrl: './screening.page.scss',
})
export class ScreeningPage {
  private readonly api = inject(ScreeningsApi);
  private readonly auth = inject(AuthService);
  private readonly store = inject(DraftStore);
  private readonly location = inject(Location);
  protected readonly autosave = inject(AutosaveService);
  protected readonly i18n = inject(I18n);

  private readonly stepper = viewChild(MatStepper);

  protected readonly loading = signal(true);
  protected readonly loadError = signal<TranslationKey | null>(null);
  protected readonly view = signal<ScreeningView | null>(null);
  protected readonly draft = signal<Draft>(emptyDraft('01'));
  /** bumped on every in-place edit so that computed values re-read the draft */
  private readonly rev = signal(0);
  protected readonly revision = this.rev.asReadonly();
  /** the server's 400 problems by field path (codes or the server's words: never shown as they are) */
  protected readonly serverErrors = signal<Record<string, string[]>>({});
  /** problems found in the page before sending (a date that does not exist), by field path */
  protected readonly clientProblems = signal<Record<string, DateProblem>>({});
  /** Submit was pressed: what is missing is shown in the error summary too */
  protected readonly submitTried = signal(false);
  /** the screening was just submitted: the page says what happens next */
  protected readonly justSubmitted = signal(false);
  /** a 409 waiting for the caseworker's choice per field */
  protected readonly conflict = signal<ConflictState | null>(null);
  /** opened from the device copy with the link down (decision 0019): saved when the link is back */
  protected readonly offlineCopy = signal(false);
  protected readonly notice = signal<{ key: TranslationKey; params?: Record<string, string | number> } | null>(null);
  protected readonly actionError = signal<TranslationKey | null>(null);
  protected readonly busy = signal(false);

  private id: string | null = null;
  private version: number | null = null;
  private readonly userId = this.auth.user()?.id ?? 'anonymous';

  protected readonly codeLabels = {
    INDICATIVE_RESULT_LABELS,
    INDICATOR_ANSWER_LABELS,
    INTERVIEWER_ASSESSMENT_LABELS,
    TERMINATION_REASON_LABELS,
    INTERVIEW_CONSENT_ANSWER_LABELS,
  };
  protected readonly formSteps = FORM_STEPS;
  protected readonly sectionFields = SECTION_FIELDS;
  protected readonly consentQuestions = INTERVIEW_CONSENT_QUESTIONS;
  protected readonly consentAnswers = INTERVIEW_CONSENT_ANSWERS;
  protected readonly indicatorValues = INDICATOR_ANSWER_VALUES;
  protected readonly terminationReasons = TERMINATION_REASONS;
  protected readonly assessments = INTERVIEWER_ASSESSMENTS;
  /** The consent's coded answers besides the questions: each a select of its list. */
  protected readonly consentSelects = [
    { key: 'givenBy', labelKey: 'scr.consent.givenBy', codes: CONSENT_GIVERS, labels: CONSENT_GIVER_LABELS },
    { key: 'form', labelKey: 'scr.consent.form', codes: CONSENT_FORMS, labels: CONSENT_FORM_LABELS },
  ] as const;

  protected readonly editing = computed(() => {
    const v = this.view();
    return v === null || v.canEdit;
  });

  protected readonly consent = computed(() => {
    this.rev();
    return consentState(this.draft().interviewConsent);
  });

  protected readonly isChild = computed(() => {
    this.rev();
    return draftChildFacts(this.draft()).isChild;
  });

  protected readonly profile = computed(() => {
    this.rev();
    return draftProfile(this.draft());
  });

  protected readonly groups = computed(() => indicatorGroups(this.profile()));

  protected readonly answers = computed(() => {
    this.rev();
    return new Map(this.draft().indicatorAnswers.map((a) => [a.code, a]));
  });

  protected readonly assessment = computed(() => {
    this.rev();
    return liveAssessment(this.draft().indicatorAnswers, this.profile());
  });

  /** What the API will still refuse a submission for (the same rule, libs/domain). */
  protected readonly gaps = computed<ScreeningSubmitRequirement[]>(() => {
    this.rev();
    const d = this.draft();
    return screeningSubmitGaps({
      bioData: d.bioData,
      indicatorAnswers: d.indicatorAnswers,
      interviewerAssessment: d.interviewerAssessment,
    });
  });

  protected readonly gapLabels = computed(() =>
    this.gaps().map((g) => label(SCREENING_SUBMIT_REQUIREMENT_LABELS, g, this.i18n.language())),
  );

  /** The words of every field's problem, by path: the page's own findings, the server's, then what is missing. */
  protected readonly fieldErrors = computed<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const [path, problems] of Object.entries(this.serverErrors())) out[path] = this.problemText(path, problems);
    for (const [path, problem] of Object.entries(this.clientProblems()))
      out[path] = this.i18n.t(`date.err.${problem}` as TranslationKey);
    if (this.submitTried()) {
      for (const g of this.gaps()) {
        const path = SCREENING_SUBMIT_FIELDS[g];
        const text = this.i18n.t('scr.missing', {
          what: label(SCREENING_SUBMIT_REQUIREMENT_LABELS, g, this.i18n.language()),
        });
        out[path] =
          out[path] && !out[path].includes(text) && SCREENING_SUBMIT_FIELDS[g] === 'indicatorAnswers'
            ? `${out[path]} ${text}`
            : (out[path] ?? text);
      }
    }
    return out;
  });

  protected readonly summary = computed<ErrorItem[]>(() =>
    Object.entries(this.fieldErrors()).map(([field, text]) => ({ field, text: `${this.fieldName(field)}: ${text}` })),
  );

  /** Per step: error (a problem in it), done (something recorded) or todo. */
  protected stepState(step: SectionId | 'consent' | 'indicators' | 'assessment'): 'error' | 'done' | 'todo' {
    this.rev();
    const errs = Object.keys(this.fieldErrors());
    const sections: SectionId[] =
      step === 'consent'
        ? ['interviewConsent']
        : step === 'indicators'
          ? ['indicatorAnswers']
          : step === 'assessment'
            ? ['interviewerAssessment', 'assessmentRationale']
            : [step];
    if (errs.some((p) => sections.includes(sectionOfField(p)))) return 'error';
    const d = this.draft();
    if (step === 'consent') return this.consent() === 'COMPLETE' ? 'done' : 'todo';
    return sections.some((s) => clean(d[s]) !== undefined && !(s === 'metadata' && Object.keys(d.metadata).length <= 1))
      ? 'done'
      : 'todo';
  }

  protected stepStateKey(step: SectionId | 'consent' | 'indicators' | 'assessment'): TranslationKey {
    return `scr.stepState.${this.stepState(step)}` as TranslationKey;
  }

  /** Unanswered indicators of the profile, per dimension and in all. */
  protected readonly unanswered = computed(() => {
    const answered = this.answers();
    const per = this.groups().map((g) => ({
      dimension: g.dimension,
      left: g.indicators.filter((d) => !answered.has(d.code)).length,
      total: g.indicators.length,
    }));
    return { per, left: per.reduce((n, p) => n + p.left, 0), total: per.reduce((n, p) => n + p.total, 0) };
  });

  /** Provinces the user may record: their scope (all provinces for a national user). */
  protected readonly provinceLists = computed<Record<string, Readonly<Record<string, Label>>>>(() => {
    const u = this.auth.user();
    const all: Record<string, Readonly<Record<string, Label>>> = {};
    if (!u || u.allProvinces) return all;
    return {
      provinceCode: Object.fromEntries(
        u.provinces.map((p) => [p, PROVINCE_LABELS[p as keyof typeof PROVINCE_LABELS] ?? { lo: p, en: p }]),
      ),
    };
  });

  protected readonly canSubmit = computed(() => this.view()?.allowedActions.includes('SUBMIT') ?? false);
  /** TERMINATE before the first save is offered too: the screening is created, then terminated. */
  protected readonly canTerminate = computed(() => {
    const v = this.view();
    return v === null ? this.auth.can('screening:update') : v.allowedActions.includes('TERMINATE');
  });
  protected readonly returnComment = computed(() => {
    const v = this.view();
    if (!v) return null;
    const returns = v.reviewComments.filter((c) => c.kind === 'RETURN');
    return returns.length ? returns[returns.length - 1] : null;
  });

  protected terminateReason: TerminationReason = 'CONSENT_REFUSED';
  protected terminateNote = '';

  constructor() {
    const id = inject(ActivatedRoute).snapshot.paramMap.get('id');
    this.autosave.attach({
      userId: this.userId,
      id: () => this.id,
      version: () => this.version,
      view: () => this.view(),
      draft: () => this.draft(),
      saved: (view, created, sections) => this.onSaved(view, created, sections),
      stale: (f, unsaved) => void this.onStale(f, unsaved),
      invalid: (f) => this.serverErrors.update((e) => ({ ...e, ...errorsByField(f.details) })),
    });
    void this.load(id);
  }

  private async load(id: string | null): Promise<void> {
    this.loading.set(true);
    try {
      if (id === null) {
        const u = this.auth.user();
        const province = u && !u.allProvinces && u.provinces.length ? u.provinces[0] : '01';
        const local = await this.store.read(this.userId, 'new');
        const fresh = emptyDraft(province);
        // the interview happens now: its time is filled in, the caseworker changes it only if not
        fresh.metadata['interviewAt'] = laoNowIso();
        fresh.metadata['interviewLanguage'] = 'lo';
        this.draft.set(local ? applySections(fresh, local.sections) : fresh);
        if (local) {
          this.notice.set({ key: 'scr.restored' });
          this.autosave.restore(Object.keys(local.sections) as SectionId[]);
        }
      } else {
        let view: ScreeningView;
        let local: LocalDraft | null = null;
        try {
          view = await this.api.get(id);
        } catch (err) {
          // the link is down: the device copy of the edits waiting for it carries the server copy they
          // were made on (encrypted, decision 0019), so the interview goes on after an offline reload
          if (toFailure(err).status !== 0) throw err;
          local = await this.store.read(this.userId, id);
          if (!local?.view) throw err;
          view = local.view;
          this.offlineCopy.set(true);
        }
        this.id = view.id;
        this.version = view.version;
        this.view.set(view);
        local ??= await this.store.read(this.userId, view.id);
        if (local && view.canEdit) {
          this.draft.set(applySections(draftFromView(view), local.sections));
          this.notice.set({ key: 'scr.restored' });
          this.autosave.restore(Object.keys(local.sections) as SectionId[]);
        } else {
          if (local) this.store.clear(this.userId, view.id);
          this.draft.set(draftFromView(view));
        }
      }
    } catch (err) {
      this.loadError.set(failureMessageKey(toFailure(err)));
    } finally {
      this.loading.set(false);
      this.rev.update((n) => n + 1);
    }
  }

  private onSaved(view: ScreeningView, created: boolean, sections: readonly SectionId[]): void {
    this.offlineCopy.set(false);
    this.id = view.id;
    this.version = view.version;
    this.view.set(view);
    // the sections the server just took have no server problems any more
    this.serverErrors.update((e) =>
      Object.fromEntries(Object.entries(e).filter(([path]) => !sections.includes(sectionOfField(path)))),
    );
    if (created) this.location.replaceState(`/screenings/${view.id}`);
  }

  /**
   * 409: the server copy moved on (the same interviewer in another tab or device). The edits made
   * here are kept: the server copy is read again and merged field by field; where both sides
   * changed the same field, the caseworker chooses (the conflict panel); the rest is settled at once.
   */
  private async onStale(f: ApiFailure, unsaved: readonly SectionId[]): Promise<void> {
    if (!this.id) return;
    try {
      const base = this.view();
      const view = await this.api.get(this.id);
      this.id = view.id;
      this.version = view.version;
      this.view.set(view);
      if (!view.canEdit || base === null) {
        // submitted or closed elsewhere: nothing can be saved on it any more
        this.autosave.discard();
        this.draft.set(draftFromView(view));
        this.rev.update((n) => n + 1);
        this.notice.set({ key: f.code === 'STALE_VERSION' ? 'scr.staleReloaded' : failureMessageKey(f) });
        return;
      }
      const state: ConflictState = {
        base: draftFromView(base),
        theirs: draftFromView(view),
        sections: [...unsaved],
        chooseTheirs: new Set(),
      };
      const merge = mergeDrafts(state.base, this.draft(), state.theirs, state.sections);
      if (merge.conflicts.length === 0) this.settleConflict(state, 'scr.conflict.merged');
      else this.conflict.set(state);
    } catch (err) {
      this.notice.set({ key: failureMessageKey(toFailure(err)) });
    }
  }

  /** The fields both sides changed, recomputed from the current draft (edits made meanwhile count). */
  protected readonly conflicts = computed<FieldConflict[]>(() => {
    this.rev();
    const c = this.conflict();
    return c ? mergeDrafts(c.base, this.draft(), c.theirs, this.conflictSections(c)).conflicts : [];
  });

  /** The sections unsaved at the 409 and those edited since (kept here while the panel is open). */
  private conflictSections(c: ConflictState): SectionId[] {
    return [...new Set([...c.sections, ...this.autosave.unsaved()])];
  }

  protected conflictChoice(path: string): 'mine' | 'theirs' {
    return this.conflict()?.chooseTheirs.has(path) ? 'theirs' : 'mine';
  }

  protected chooseConflict(path: string, side: 'mine' | 'theirs'): void {
    const c = this.conflict();
    if (!c) return;
    const chooseTheirs = new Set(c.chooseTheirs);
    if (side === 'theirs') chooseTheirs.add(path);
    else chooseTheirs.delete(path);
    this.conflict.set({ ...c, chooseTheirs });
  }

  protected applyConflict(): void {
    const c = this.conflict();
    if (c) this.settleConflict(c, null);
  }

  /** The merged draft with the choices made: shown at once, and what differs from the server's copy is saved on its version. */
  private settleConflict(c: ConflictState, notice: TranslationKey | null): void {
    const sections = this.conflictSections(c);
    const merge = mergeDrafts(c.base, this.draft(), c.theirs, sections);
    const keepMine = new Set(merge.conflicts.map((x) => x.path).filter((p) => !c.chooseTheirs.has(p)));
    const settled = settle(merge, keepMine);
    const changed = sections.filter(
      (s) => JSON.stringify(sectionsBody(settled, [s])) !== JSON.stringify(sectionsBody(c.theirs, [s])),
    );
    this.conflict.set(null);
    this.draft.set(settled);
    this.rev.update((n) => n + 1);
    this.autosave.resolved(changed);
    if (notice) this.notice.set({ key: notice });
  }

  /** A value in the conflict panel, as words. */
  protected conflictValue(v: unknown): string {
    const c = clean(v);
    if (c === undefined) return this.i18n.t('scr.conflict.empty');
    if (Array.isArray(c)) return c.map((x) => this.conflictValue(x)).join(', ');
    if (typeof c === 'object') {
      const a = c as Partial<IndicatorAnswer>;
      if (typeof a.answer === 'string')
        return [label(INDICATOR_ANSWER_LABELS, a.answer, this.i18n.language()), a.evidence].filter(Boolean).join(' — ');
      return Object.values(c as Rec)
        .map((x) => this.conflictValue(x))
        .join(', ');
    }
    if (typeof c === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(c)) return formatDateTime(c, this.i18n.language());
    // what is left of JSON: a string, a number or a boolean
    return typeof c === 'string' || typeof c === 'number' || typeof c === 'boolean' ? String(c) : '';
  }

  protected conflictField(path: string): string {
    if (path.startsWith('indicatorAnswers.'))
      return `${this.i18n.t('scr.step.indicators')} ${path.slice('indicatorAnswers.'.length)}`;
    return this.fieldName(path);
  }

  /** A section form edited its section in place. */
  protected changed(section: SectionId): void {
    this.rev.update((n) => n + 1);
    this.autosave.touch(section);
  }

  // consent ---------------------------------------------------------------------------------------

  protected consentLabel(q: string): string {
    return label(INTERVIEW_CONSENT_QUESTION_LABELS, q, this.i18n.language());
  }
  protected consentValue(key: string): string {
    this.rev();
    const v = this.draft().interviewConsent[key];
    return typeof v === 'string' ? v : '';
  }
  protected setConsent(key: string, value: unknown): void {
    const c = this.draft().interviewConsent;
    if (value === '' || value === undefined || value === null) delete c[key];
    else c[key] = value;
    // consent is recorded when the seventh Yes is given, unless a time was entered
    if (consentState(c) === 'COMPLETE' && typeof c['recordedAt'] !== 'string') c['recordedAt'] = laoNowIso();
    this.changed('interviewConsent');
  }
  protected consentProblem(key: string): string | null {
    return this.fieldErrors()[`interviewConsent.${key}`] ?? null;
  }
  /** A date found wrong in the page, or put right. */
  protected clientProblem(p: ClientProblem): void {
    this.clientProblems.update((all) => {
      const next = { ...all };
      if (p.problem) next[p.path] = p.problem;
      else delete next[p.path];
      return next;
    });
  }
  protected setConsentRecordedAt(read: { value: string | null; problem: DateProblem | null }): void {
    this.clientProblem({ path: 'interviewConsent.recordedAt', problem: read.problem });
    if (!read.problem) this.setConsent('recordedAt', read.value);
  }

  // indicators ------------------------------------------------------------------------------------

  protected indicatorLabel(def: IndicatorDefinition): string {
    const profile = this.profile();
    if (this.i18n.language() === 'lo') {
      const sexual = profile === 'ADULT_SEXUAL' || profile === 'CHILD_SEXUAL';
      return (
        (sexual ? SEXUAL_INDICATOR_LABELS_LO[def.code] : undefined) ?? INDICATOR_LABELS_LO[def.code] ?? def.labelEn
      );
    }
    return def.labelsEn[profile] ?? def.labelEn;
  }
  protected strengthLabel(def: IndicatorDefinition): string {
    const s = def.strengths[this.profile()];
    return s ? label(INDICATOR_STRENGTH_LABELS, s, this.i18n.language()) : '';
  }
  protected codeLabel(list: Readonly<Record<string, Label>>, code: string): string {
    return label(list, code, this.i18n.language());
  }
  protected indicatorAnswer(code: string): string {
    return this.answers().get(code)?.answer ?? '';
  }
  protected indicatorEvidence(code: string): string {
    return this.answers().get(code)?.evidence ?? '';
  }
  protected setIndicator(code: string, value: string): void {
    const answer = (INDICATOR_ANSWER_VALUES as readonly string[]).includes(value)
      ? (value as IndicatorAnswer['answer'])
      : null;
    this.draft().indicatorAnswers = setIndicatorAnswer(this.draft().indicatorAnswers, code, answer);
    this.changed('indicatorAnswers');
  }
  protected setEvidence(code: string, event: Event): void {
    const current = this.answers().get(code);
    if (!current) return;
    this.draft().indicatorAnswers = setIndicatorAnswer(
      this.draft().indicatorAnswers,
      code,
      current.answer,
      (event.target as HTMLTextAreaElement).value,
    );
    this.changed('indicatorAnswers');
  }
  protected dimensionLabel(d: string): string {
    return label(INDICATOR_DIMENSION_LABELS, d, this.i18n.language());
  }

  // assessment ------------------------------------------------------------------------------------

  protected setAssessment(value: unknown): void {
    this.draft().interviewerAssessment = typeof value === 'string' && value ? value : null;
    this.changed('interviewerAssessment');
  }
  protected setRationale(event: Event): void {
    this.draft().assessmentRationale = (event.target as HTMLTextAreaElement).value;
    this.changed('assessmentRationale');
  }

  protected linkPerson(personId: string | null): void {
    const bio = this.draft().bioData;
    if (personId) bio['personId'] = personId;
    else delete bio['personId'];
    this.changed('bioData');
  }
  /** Match requests (decision 0016): the interviewer asks, with the draft's saved bio-data. */
  protected readonly canAskOtherAgencies = computed(() => {
    const v = this.view();
    return this.auth.can('match:request') && (v === null || v.interviewer.id === this.userId);
  });
  /**
   * Saves what the autosave still holds, now, and answers the screening's id (null when something
   * could not be saved: offline, or a field the server refused). A match request sends the saved
   * bio-data, so the duplicate check waits for this before asking.
   */
  protected readonly saveDraft = async (): Promise<string | null> => {
    if (!(await this.autosave.flush())) return null;
    return this.id;
  };
  /** a fresh copy on every edit, so that the duplicate check sees the name change */
  protected readonly bio = computed<Rec>(() => {
    this.rev();
    return { ...this.draft().bioData };
  });

  protected statusLabel(): string {
    const v = this.view();
    return label(SCREENING_STATUS_LABELS, v?.status ?? 'DRAFT', this.i18n.language());
  }

  protected saveStateKey(): TranslationKey {
    return `scr.save.${this.autosave.state()}` as TranslationKey;
  }

  // workflow --------------------------------------------------------------------------------------

  protected async submit(): Promise<void> {
    this.submitTried.set(true);
    if (this.gaps().length || Object.keys(this.clientProblems()).length) {
      this.actionError.set('scr.err.fixFirst');
      focusField('error-summary');
      document.querySelector<HTMLElement>('[data-testid="error-summary"]')?.focus();
      return;
    }
    await this.act(async () => {
      if (!(await this.autosave.flush())) throw new Error('unsaved');
      if (!this.id || this.version === null) throw new Error('unsaved');
      return this.api.submit(this.id, this.version);
    });
  }

  protected async terminate(): Promise<void> {
    await this.act(async () => {
      await this.autosave.flush();
      if (!this.id || this.version === null) {
        // nothing saved yet: create the screening (with its consent answers) so that the stop is recorded
        this.autosave.touch('interviewConsent');
        await this.autosave.flush();
      }
      if (!this.id || this.version === null) throw new Error('unsaved');
      const note = this.terminateNote.trim();
      return this.api.terminate(this.id, this.version, this.terminateReason, note || undefined);
    });
  }

  private async act(run: () => Promise<ScreeningView>): Promise<void> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      const view = await run();
      this.autosave.discard();
      if (view.status === 'SUBMITTED') this.justSubmitted.set(true);
      this.id = view.id;
      this.version = view.version;
      this.view.set(view);
      this.draft.set(draftFromView(view));
      this.rev.update((n) => n + 1);
      this.notice.set(null);
    } catch (err) {
      if (err instanceof Error && err.message === 'unsaved') {
        this.actionError.set(this.autosave.state() === 'offline' ? 'scr.err.offline' : 'scr.err.unsaved');
      } else {
        const f = toFailure(err);
        if (f.status === 400 || f.code === 'SUBMIT_REQUIREMENTS_MISSING')
          this.serverErrors.update((e) => ({ ...e, ...errorsByField(f.details) }));
        this.actionError.set(failureMessageKey(f));
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected reviewed(view: ScreeningView): void {
    this.view.set(view);
    this.version = view.version;
    this.draft.set(draftFromView(view));
    this.rev.update((n) => n + 1);
  }

  /** The words for a server problem: a code the dictionaries know, else what kind of field it is. Never the server's English. */
  private problemText(path: string, problems: readonly string[]): string {
    const lang = this.i18n.language();
    const known = problems.find((p) => (SCREENING_SUBMIT_REQUIREMENTS as readonly string[]).includes(p));
    if (known) return this.i18n.t('scr.missing', { what: label(SCREENING_SUBMIT_REQUIREMENT_LABELS, known, lang) });
    if (path === 'metadata.district') return this.i18n.t('scr.err.field.district');
    const kind = fieldSpecAt(path)?.kind ?? (path.startsWith('interviewConsent.') ? 'code' : 'text');
    return this.i18n.t(`scr.err.field.${kind}` as TranslationKey);
  }

  /** The label of a field (or part of the interview) for the error summary. */
  private fieldName(path: string): string {
    const lang = this.i18n.language();
    if (path === 'indicatorAnswers') return this.i18n.t('scr.step.indicators');
    if (path === 'interviewerAssessment') return this.i18n.t('scr.assess.label');
    if (path.startsWith('interviewConsent.')) return this.i18n.t('scr.step.consent');
    const generic = path.replace(/\.\d+(?=\.|$)/g, '');
    return label(FIELD_LABELS, generic, lang);
  }

  /** An error summary link: open the step that holds the field, then focus it. */
  protected goTo(path: string): void {
    const section = sectionOfField(path);
    const stepper = this.stepper();
    if (stepper) {
      const order: SectionId[] = ['interviewConsent', ...FORM_STEPS, 'indicatorAnswers', 'interviewerAssessment'];
      const idx = section === 'assessmentRationale' ? order.indexOf('interviewerAssessment') : order.indexOf(section);
      if (idx >= 0 && idx < stepper.steps.length) stepper.selectedIndex = idx;
    }
    focusField(path);
  }

  protected stepKey(s: string): TranslationKey {
    return `scr.step.${s}` as TranslationKey;
  }

  protected kindKey(k: string): TranslationKey {
    return `scr.review.kind.${k}` as TranslationKey;
  }

  protected next(): void {
    this.stepper()?.next();
  }
}
