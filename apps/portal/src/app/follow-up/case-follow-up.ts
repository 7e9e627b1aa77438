import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import {
  ASSESSMENT_ITEM_LABELS,
  ASSESSMENT_ITEMS,
  ASSESSMENT_LEVEL_LABELS,
  ASSESSMENT_LEVELS,
  ASSESSMENT_SCORE_LABELS,
  ASSESSMENT_SCORES,
  label,
  PROVINCE_LABELS,
  VISIT_KIND_LABELS,
  VISIT_KINDS,
  VISIT_OUTCOME_LABELS,
  VISIT_OUTCOMES,
  VISIT_WITH,
  VISIT_WITH_LABELS,
  type AssessmentLevel,
  type AssessmentTrendView,
  type FollowUpCaseAction,
  type FollowUpVisitView,
  type LabelMap,
  type LevelTrend,
  type ReintegrationAssessmentView,
  type VisitWith,
} from '@ctms/domain';
import {
  actionState,
  DateInput,
  FORM_KIT,
  formatDate,
  I18n,
  laoToday,
  personName,
  Picker,
  toggle,
  type DateRead,
  type PickList,
} from '@ctms/ui';
import { CaseStore } from '../cases/case-store';
import { pickListOf } from '../screenings/pick-lists';
import { FollowUpApi } from './follow-up-api';
import { assessmentForm, assessmentRequest, visitForm, visitRequest } from './follow-up-forms';

const PROVINCES: PickList = { labels: PROVINCE_LABELS };

/**
 * The case's follow-up (issue 15 item 2): visits and contacts as cards, the reintegration
 * assessments with the trend per level, and, when the API allows it (`allowedActions`), the forms
 * to record them. Lao first; cards and a four-column table fit a 390 px phone.
 */
@Component({
  selector: 'app-case-follow-up',
  imports: [FORM_KIT, ReactiveFormsModule, Picker, DateInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-follow-up.html',
  styleUrl: './case-follow-up.scss',
})
export class CaseFollowUp {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(FollowUpApi);
  private readonly i18n = inject(I18n);
  protected readonly act = actionState({ onDone: () => void this.load() });

  protected readonly visits = signal<FollowUpVisitView[]>([]);
  protected readonly visitCursor = signal<string | null>(null);
  protected readonly assessments = signal<ReintegrationAssessmentView[]>([]);
  protected readonly trend = signal<AssessmentTrendView | null>(null);
  protected readonly actions = signal<FollowUpCaseAction[]>([]);
  protected readonly loaded = signal(false);
  protected readonly canRecord = computed(() => this.actions().includes('RECORD'));
  protected readonly open = signal<'visit' | 'assessment' | null>(null);
  protected readonly dateProblem = signal<Record<string, string | null>>({});

  protected readonly visitForm = visitForm(laoToday(), this.store.case()?.provinceCode ?? '01');
  protected readonly assessmentForm = assessmentForm(laoToday());

  protected readonly kinds = VISIT_KINDS;
  protected readonly withWhom = VISIT_WITH;
  protected readonly outcomes = VISIT_OUTCOMES;
  protected readonly levels = ASSESSMENT_LEVELS;
  protected readonly items = ASSESSMENT_ITEMS;
  protected readonly scores = ASSESSMENT_SCORES;
  protected readonly provinces = PROVINCES;
  protected readonly L = {
    kind: VISIT_KIND_LABELS,
    with: VISIT_WITH_LABELS,
    outcome: VISIT_OUTCOME_LABELS,
    level: ASSESSMENT_LEVEL_LABELS,
    item: ASSESSMENT_ITEM_LABELS,
    province: PROVINCE_LABELS,
  };
  /** the newest first, as the table reads down */
  protected readonly points = computed(() => [...(this.trend()?.points ?? [])].reverse());
  protected readonly districts = signal<PickList>(
    pickListOf('district', { provinceCode: this.visitForm.value.provinceCode }),
  );

  constructor() {
    effect(() => {
      if (this.store.case()?.id) untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    const id = this.store.case()?.id;
    if (!id) return;
    try {
      const [visits, assessments, trend] = await Promise.all([
        this.api.visits(id, null),
        this.api.assessments(id, null),
        this.api.trend(id),
      ]);
      this.visits.set(visits.items);
      this.visitCursor.set(visits.nextCursor);
      this.assessments.set(assessments.items);
      this.actions.set(visits.allowedActions);
      this.trend.set(trend);
    } catch (e) {
      this.act.fail(e);
    } finally {
      this.loaded.set(true);
    }
  }

  protected async more(): Promise<void> {
    const id = this.store.case()?.id;
    const cursor = this.visitCursor();
    if (!id || !cursor) return;
    try {
      const page = await this.api.visits(id, cursor);
      this.visits.update((v) => [...v, ...page.items]);
      this.visitCursor.set(page.nextCursor);
    } catch (e) {
      this.act.fail(e);
    }
  }

  protected lbl<T extends string>(map: LabelMap<T>, code: string): string {
    return label(map, code, this.i18n.language());
  }

  protected scoreLabel(s: number): string {
    const l = ASSESSMENT_SCORE_LABELS[s as keyof typeof ASSESSMENT_SCORE_LABELS];
    return `${s} · ${l ? l[this.i18n.language()] || l.en : ''}`;
  }

  protected date(d: string | null): string {
    return d ? formatDate(d, this.i18n.language()) : '';
  }

  protected by(r: FollowUpVisitView | ReintegrationAssessmentView): string {
    return this.i18n.t('fu.by', { who: personName(r.recordedBy), agency: r.agency.code });
  }

  protected withList(codes: readonly string[]): string {
    return codes.map((c) => this.lbl(VISIT_WITH_LABELS, c)).join(', ');
  }

  protected place(v: FollowUpVisitView): string {
    const district = v.districtCode
      ? pickListOf('district', { provinceCode: v.provinceCode }).labels[v.districtCode]
      : null;
    const province = this.lbl(PROVINCE_LABELS, v.provinceCode);
    return district ? `${district[this.i18n.language()] || district.en}, ${province}` : province;
  }

  protected cell(point: { levels: Record<AssessmentLevel, LevelTrend> }, level: AssessmentLevel): LevelTrend {
    return point.levels[level];
  }

  protected arrow(t: LevelTrend): string {
    return t.direction === 'UP' ? '▲' : t.direction === 'DOWN' ? '▼' : t.direction === 'SAME' ? '＝' : '';
  }

  protected direction(t: LevelTrend): string {
    return t.direction ? this.i18n.t(`fu.trend.${t.direction}`) : '';
  }

  protected fieldError(field: string): string | null {
    return this.dateProblem()[field] ?? this.act.fieldErrors()[field] ?? null;
  }

  protected toggleOpen(which: 'visit' | 'assessment'): void {
    this.open.update((o) => (o === which ? null : which));
  }

  protected setProvince(code: string | string[] | null): void {
    const p = typeof code === 'string' ? code : '';
    this.visitForm.patchValue({ provinceCode: p, districtCode: '' });
    this.districts.set(pickListOf('district', { provinceCode: p }));
  }

  protected setDistrict(code: string | string[] | null): void {
    this.visitForm.patchValue({ districtCode: typeof code === 'string' ? code : '' });
  }

  protected setWith(code: VisitWith, on: boolean): void {
    const c = this.visitForm.controls.withWhom;
    c.setValue(toggle(c.value, code, on));
  }

  protected setDate(field: 'visitedOn' | 'nextVisitDue' | 'assessedOn', read: DateRead): void {
    const value = read.value ?? '';
    if (field === 'assessedOn') this.assessmentForm.patchValue({ assessedOn: value });
    else this.visitForm.patchValue({ [field]: value });
    this.dateProblem.update((p) => ({
      ...p,
      [field]: read.problem ? this.i18n.t(`date.err.${read.problem}` as const) : null,
    }));
  }

  protected async saveVisit(): Promise<void> {
    const id = this.store.case()?.id;
    if (!id) return;
    const saved = await this.act.run(
      () => this.api.recordVisit(id, visitRequest(this.visitForm.getRawValue())),
      'fu.saved.visit',
    );
    if (saved) {
      this.visitForm.patchValue({ outcomeNote: '', nextVisitDue: '' });
      this.open.set(null);
    }
  }

  protected async saveAssessment(): Promise<void> {
    const id = this.store.case()?.id;
    if (!id) return;
    const saved = await this.act.run(
      () => this.api.recordAssessment(id, assessmentRequest(this.assessmentForm.getRawValue())),
      'fu.saved.assessment',
    );
    if (saved) {
      this.assessmentForm.reset({ assessedOn: laoToday() });
      this.open.set(null);
    }
  }
}
