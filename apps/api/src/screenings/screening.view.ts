import type { IndicatorAnswer, ScreeningAction, ScreeningStatus } from '@ctms/domain';
import type { BioData, StoredAssessment } from './screening-rules';

/** The encrypted `content_enc` blob of a screening. */
export interface ScreeningContent {
  metadataExtra?: {
    othersPresent?: { role: string; accompanyingInterviewee?: boolean }[];
    preferredInterviewerGender?: string;
    preferredInterviewerGenderHonoured?: boolean;
    /** free text about an informal or other crossing point (the column holds only the code) */
    crossingPointDetail?: string;
    /** a place the district list lacks (older free text is moved here, decision 0017) */
    districtDetail?: string;
  };
  interpreter?: Record<string, unknown>;
  bioData?: BioData;
  recruitment?: Record<string, unknown>;
  transit?: Record<string, unknown>;
  destinationAndExploitation?: Record<string, unknown> & { exploitationTypes?: string[] };
  exit?: Record<string, unknown>;
  needsAndRisks?: Record<string, unknown> & { servicesNeeded?: string[] };
  assessmentRationale?: string;
}

/** One entry of the encrypted `review_comment_enc` log. */
export interface ReviewComment {
  kind: 'APPROVE' | 'RETURN' | 'TERMINATE';
  at: string;
  byUsername: string;
  comment: string | null;
}

export interface UserRef {
  id: string;
  username: string;
  /** the person's name, to show instead of the username */
  displayName: string;
}

/** GET /screenings/:id */
export interface ScreeningView {
  id: string;
  status: ScreeningStatus;
  version: number;
  agencyId: string;
  interviewer: UserRef;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: UserRef | null;
  metadata: {
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
  };
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
  reviewComments: ReviewComment[];
  /** the workflow actions this caller may take now (SCREENING_MACHINE, plus interviewer-only rules) */
  allowedActions: ScreeningAction[];
  /** the caller may save this screening with PATCH (a RETURNED one goes back to DRAFT) */
  canEdit: boolean;
}

/** A row of GET /screenings: coded, non-identifying fields only — never a name. */
export interface ScreeningListItem {
  id: string;
  status: ScreeningStatus;
  version: number;
  provinceCode: string;
  facilityType: string | null;
  interviewAt: string | null;
  interviewer: UserRef;
  isChild: boolean;
  interviewerAssessment: string | null;
  indicativeResult: string | null;
  caseId: string | null;
  createdAt: string;
  updatedAt: string;
}
