import { FormBuilder } from '@angular/forms';
import {
  ALL_ASSESSMENT_ITEMS,
  type AssessmentItem,
  type RecordAssessmentRequest,
  type RecordVisitRequest,
  type VisitKind,
  type VisitOutcome,
  type VisitWith,
} from '@ctms/domain';

const fb = new FormBuilder().nonNullable;

/** The "record a visit" form, typed: codes as the pickers give them, dates as YYYY-MM-DD. */
export function visitForm(today: string, provinceCode: string) {
  return fb.group({
    visitedOn: today,
    provinceCode,
    districtCode: '',
    kind: fb.control<VisitKind>('HOME_VISIT'),
    withWhom: fb.control<VisitWith[]>(['VICTIM']),
    outcome: fb.control<VisitOutcome>('REACHED'),
    outcomeNote: '',
    nextVisitDue: '',
  });
}
export type VisitForm = ReturnType<typeof visitForm>;

/** The request from the form: blank optional fields left out (the API validates every code, 400 naming the field). */
export function visitRequest(v: VisitForm['value']): RecordVisitRequest {
  return {
    visitedOn: v.visitedOn ?? '',
    provinceCode: v.provinceCode ?? '',
    ...(v.districtCode ? { districtCode: v.districtCode } : {}),
    kind: v.kind ?? 'HOME_VISIT',
    withWhom: v.withWhom ?? [],
    outcome: v.outcome ?? 'REACHED',
    ...(v.outcomeNote?.trim() ? { outcomeNote: v.outcomeNote.trim() } : {}),
    ...(v.nextVisitDue ? { nextVisitDue: v.nextVisitDue } : {}),
  };
}

/** The assessment form: one score control per item (0: not assessed this time). */
export function assessmentForm(today: string) {
  const scores = Object.fromEntries(ALL_ASSESSMENT_ITEMS.map((i) => [i, fb.control(0)])) as Record<
    AssessmentItem,
    ReturnType<typeof fb.control<number>>
  >;
  return fb.group({ assessedOn: today, scores: fb.group(scores), notes: '' });
}
export type AssessmentForm = ReturnType<typeof assessmentForm>;

export function assessmentRequest(v: AssessmentForm['value']): RecordAssessmentRequest {
  const scores: Partial<Record<AssessmentItem, number>> = {};
  for (const item of ALL_ASSESSMENT_ITEMS) {
    const s = v.scores?.[item];
    if (s) scores[item] = s;
  }
  return {
    assessedOn: v.assessedOn ?? '',
    scores,
    ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
  };
}
