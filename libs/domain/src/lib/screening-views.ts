/**
 * Wire shapes of the screening routes (GET/POST/PATCH /screenings…). The list carries coded,
 * non-identifying fields only, never a name; the detail carries the interview as entered.
 */
import type { IndicatorAnswer, IndicatorAnswerValue, IndicatorAssessment } from './indicators';
import type { PersonIdentityInput } from './person-views';
import type { TerminationReason } from './screening-codes';
import type { ScreeningAction, ScreeningStatus } from './workflows';

/** The bio-data section as stored (encrypted) in the screening: the identity plus the interview's own facts. */
export interface BioData extends Partial<PersonIdentityInput> {
  personId?: string;
  ageAtInterview?: number;
  ageWhenTrafficked?: number;
  ageAssessmentMethod?: string;
  numberOfChildren?: number;
  placeOfBirth?: string;
}

/** The indicative assessment as stored and shown: codes and counts only, never evidence text. */
export interface StoredAssessment extends IndicatorAssessment {
  counts: Record<IndicatorAnswerValue, number> & { answered: number };
}

/** A user as a screening names them. */
export interface ScreeningUserRefView {
  id: string;
  username: string;
  /** the person's name, to show instead of the username */
  displayName: string;
}

/** One entry of the review log (encrypted at rest). */
export interface ReviewCommentView {
  kind: 'APPROVE' | 'RETURN' | 'TERMINATE';
  at: string;
  byUsername: string;
  comment: string | null;
}

export interface ScreeningMetadataView {
  provinceCode: string;
  district: string | null;
  facilityType: string | null;
  crossingPoint: string | null;
  referralSource: string | null;
  interviewAt: string | null;
  interviewLanguage: string | null;
  othersPresent: { role: string; accompanyingInterviewee?: boolean }[];
  preferredInterviewerGender: string | null;
  preferredInterviewerGenderHonoured: boolean | null;
  crossingPointDetail: string | null;
  districtDetail: string | null;
}

/** GET /screenings/:id, and the answer of every screening write. */
export interface ScreeningView {
  id: string;
  status: ScreeningStatus;
  version: number;
  agencyId: string;
  interviewer: ScreeningUserRefView;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: ScreeningUserRefView | null;
  metadata: ScreeningMetadataView;
  interpreter: Record<string, unknown> | null;
  /** the seven answers by question code, givenBy, form, recordedAt; `complete` when all seven are YES */
  interviewConsent: { [key: string]: string | boolean; complete: boolean };
  bioData: BioData | null;
  recruitment: Record<string, unknown> | null;
  transit: Record<string, unknown> | null;
  destinationAndExploitation: Record<string, unknown> | null;
  exit: Record<string, unknown> | null;
  needsAndRisks: Record<string, unknown> | null;
  indicatorAnswers: IndicatorAnswer[];
  /** the computed, INDICATIVE result (never a legal status), per dimension, with its rule version */
  assessment: StoredAssessment | null;
  interviewerAssessment: string | null;
  assessmentRationale: string | null;
  isChild: boolean;
  personId: string | null;
  caseId: string | null;
  terminationReason: string | null;
  reviewComments: ReviewCommentView[];
  /** the workflow actions this caller may take now (the screening machine, plus interviewer-only rules) */
  allowedActions: ScreeningAction[];
  /** the caller may save this screening with PATCH (a RETURNED one goes back to DRAFT) */
  canEdit: boolean;
}

/** A row of GET /screenings: coded, non-identifying fields only — never a name. */
export interface ScreeningListItemView {
  id: string;
  status: ScreeningStatus;
  version: number;
  provinceCode: string;
  facilityType: string | null;
  interviewAt: string | null;
  interviewer: ScreeningUserRefView;
  isChild: boolean;
  interviewerAssessment: string | null;
  indicativeResult: string | null;
  caseId: string | null;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Requests (the sections of POST and PATCH are validated section by section by the API's DTOs)

/** GET /screenings query (besides limit and cursor). */
export interface ScreeningListQuery {
  status?: ScreeningStatus;
  mine?: 'true' | 'false';
}

/** Every screening transition names the version it was read at. */
export interface ScreeningVersionRequest {
  version: number;
}

/** POST /screenings/:id/approve */
export interface ApproveScreeningRequest extends ScreeningVersionRequest {
  comment?: string;
}

/** POST /screenings/:id/return */
export interface ReturnScreeningRequest extends ScreeningVersionRequest {
  comment: string;
}

/** POST /screenings/:id/terminate */
export interface TerminateScreeningRequest extends ScreeningVersionRequest {
  reason: TerminationReason;
  note?: string;
}
