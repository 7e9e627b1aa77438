/**
 * Response and request shapes of the follow-up routes (visits, contacts and reintegration
 * assessments on a case; docs/decisions/0032-follow-up-visits.md), shared by the API and the portal.
 * What the caller may do comes with each answer (`allowedActions`): the portal does not decide it.
 */
import type { Page } from './api-types';
import type {
  AssessmentItem,
  AssessmentLevel,
  AssessmentScores,
  LevelScores,
  LevelTrend,
  VisitKind,
  VisitOutcome,
  VisitWith,
} from './follow-up-codes';

/** What the caller may do on one visit or assessment: change it (its own agency's record, as a writer of the case). */
export const FOLLOW_UP_RECORD_ACTIONS = ['EDIT'] as const;
export type FollowUpRecordAction = (typeof FOLLOW_UP_RECORD_ACTIONS)[number];

/** What the caller may do on the case's follow-up: record a new visit or assessment. */
export const FOLLOW_UP_CASE_ACTIONS = ['RECORD'] as const;
export type FollowUpCaseAction = (typeof FOLLOW_UP_CASE_ACTIONS)[number];

export interface FollowUpAuthorView {
  agency: { id: string; code: string };
  recordedBy: { id: string; username: string | null; displayName: string | null };
}

export interface FollowUpVisitView extends FollowUpAuthorView {
  id: string;
  caseId: string;
  /** calendar date (Lao time) of the visit or contact */
  visitedOn: string;
  provinceCode: string;
  districtCode: string | null;
  kind: VisitKind;
  withWhom: VisitWith[];
  outcome: VisitOutcome;
  /** the worker's words on the outcome (stored encrypted) */
  outcomeNote: string | null;
  /** when the next visit is due (calendar date); null: none planned */
  nextVisitDue: string | null;
  /** the next visit is due and no later visit of this agency was recorded */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  allowedActions: FollowUpRecordAction[];
}

export interface ReintegrationAssessmentView extends FollowUpAuthorView {
  id: string;
  caseId: string;
  assessedOn: string;
  /** the visit during which it was made, if any */
  visitId: string | null;
  scores: AssessmentScores;
  levels: LevelScores;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  allowedActions: FollowUpRecordAction[];
}

/** A page of a case's visits or assessments, with what the caller may do on the case's follow-up. */
export interface FollowUpPage<T> extends Page<T> {
  allowedActions: FollowUpCaseAction[];
}

/** GET /cases/:caseId/assessments/trend: each visible assessment in date order, per level with its change. */
export interface AssessmentTrendView {
  levels: AssessmentLevel[];
  points: {
    assessmentId: string;
    assessedOn: string;
    agencyCode: string;
    levels: Record<AssessmentLevel, LevelTrend>;
  }[];
}

/** POST /cases/:caseId/visits */
export interface RecordVisitRequest {
  visitedOn: string;
  provinceCode: string;
  districtCode?: string | null;
  kind: VisitKind;
  withWhom: VisitWith[];
  outcome: VisitOutcome;
  outcomeNote?: string | null;
  nextVisitDue?: string | null;
}

/** PATCH /cases/:caseId/visits/:visitId: the whole visit again, with the version read. */
export interface UpdateVisitRequest extends RecordVisitRequest {
  version: number;
}

/** POST /cases/:caseId/assessments */
export interface RecordAssessmentRequest {
  assessedOn: string;
  /** a visit of the same case the caller sees */
  visitId?: string | null;
  scores: Partial<Record<AssessmentItem, number>>;
  notes?: string | null;
}

/** PATCH /cases/:caseId/assessments/:assessmentId */
export interface UpdateAssessmentRequest extends RecordAssessmentRequest {
  version: number;
}
