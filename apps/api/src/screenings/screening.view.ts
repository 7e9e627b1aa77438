import type { BioData, ScreeningStatus, StoredAssessment } from '@ctms/domain';

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

/** A screening row as loaded by the service (raw SQL, snake case). */
export interface ScreeningRow {
  id: string;
  agency_id: string;
  interviewer_id: string;
  interviewer_username: string;
  interviewer_display_name: string;
  status: ScreeningStatus;
  province_code: string;
  district: string | null;
  facility_type: string | null;
  crossing_point: string | null;
  referral_source: string | null;
  interview_at: Date | null;
  interview_language: string | null;
  interview_consent: Record<string, string>;
  content_enc: string | null;
  indicators_enc: string | null;
  assessment: StoredAssessment | null;
  interviewer_assessment: string | null;
  is_child: boolean;
  person_id: string | null;
  case_id: string | null;
  submitted_at: Date | null;
  reviewed_by_id: string | null;
  reviewed_by_username: string | null;
  reviewed_by_display_name: string | null;
  reviewed_at: Date | null;
  review_comment_enc: string | null;
  termination_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/* The response shapes live in @ctms/domain (decision 0020); re-exported here as a merge bridge. */
export type {
  ReviewCommentView as ReviewComment,
  ScreeningListItemView as ScreeningListItem,
  ScreeningUserRefView as UserRef,
  ScreeningView,
} from '@ctms/domain';
