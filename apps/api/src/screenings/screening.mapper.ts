import {
  allowedActions,
  interviewConsentComplete,
  SCREENING_MACHINE,
  type ScreeningAction,
  type ScreeningContext,
  type ReviewCommentView as ReviewComment,
  type ScreeningListItemView as ScreeningListItem,
  type ScreeningView,
} from '@ctms/domain';
import type { Actor } from '../platform/http/request-context';
import { iso, type Working } from './screening-draft';
import type { ScreeningListRow, ScreeningRow } from './screening.repository';

/** What SCREENING_MACHINE reads of the caller and the screening. */
export function screeningContext(actor: Actor, row: ScreeningRow): ScreeningContext {
  return {
    roles: actor.roles,
    actorInScreeningAgency: row.agency_id === actor.agencyId,
    actorIsInterviewer: row.interviewer_id === actor.userId,
    interviewConsent: row.interview_consent,
  };
}

/** The workflow actions this caller may take now (the machine, plus the interviewer-only rules). */
export function screeningActions(actor: Actor, row: ScreeningRow): ScreeningAction[] {
  const interviewer = row.interviewer_id === actor.userId;
  return allowedActions(SCREENING_MACHINE, row.status, screeningContext(actor, row)).filter((a) => {
    if (a === 'SUBMIT' || a === 'REVISE') return interviewer;
    if (a === 'TERMINATE') return interviewer || actor.roles.includes('SUPERVISOR');
    return true;
  });
}

export function toScreeningView(row: ScreeningRow, w: Working, comments: ReviewComment[], actor: Actor): ScreeningView {
  const extra = w.content.metadataExtra ?? {};
  const consent = w.interviewConsent;
  const actions = screeningActions(actor, row);
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    agencyId: row.agency_id,
    interviewer: {
      id: row.interviewer_id,
      username: row.interviewer_username,
      displayName: row.interviewer_display_name,
    },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    submittedAt: iso(row.submitted_at),
    reviewedAt: iso(row.reviewed_at),
    reviewedBy: row.reviewed_by_id
      ? {
          id: row.reviewed_by_id,
          username: row.reviewed_by_username ?? '',
          displayName: row.reviewed_by_display_name ?? '',
        }
      : null,
    metadata: {
      provinceCode: row.province_code,
      district: row.district,
      facilityType: row.facility_type,
      crossingPoint: row.crossing_point,
      referralSource: row.referral_source,
      interviewAt: iso(row.interview_at),
      interviewLanguage: row.interview_language,
      othersPresent: extra.othersPresent ?? [],
      preferredInterviewerGender: extra.preferredInterviewerGender ?? null,
      preferredInterviewerGenderHonoured: extra.preferredInterviewerGenderHonoured ?? null,
      crossingPointDetail: extra.crossingPointDetail ?? null,
      districtDetail: extra.districtDetail ?? null,
    },
    interpreter: w.content.interpreter ?? null,
    interviewConsent: { ...consent, complete: interviewConsentComplete(consent) },
    bioData: w.content.bioData ?? null,
    recruitment: w.content.recruitment ?? null,
    transit: w.content.transit ?? null,
    destinationAndExploitation: w.content.destinationAndExploitation ?? null,
    exit: w.content.exit ?? null,
    needsAndRisks: w.content.needsAndRisks ?? null,
    indicatorAnswers: w.indicators,
    assessment: row.assessment,
    interviewerAssessment: row.interviewer_assessment,
    assessmentRationale: w.content.assessmentRationale ?? null,
    isChild: row.is_child,
    personId: row.person_id,
    caseId: row.case_id,
    terminationReason: row.termination_reason,
    reviewComments: comments,
    allowedActions: actions,
    canEdit:
      row.interviewer_id === actor.userId &&
      (row.status === 'DRAFT' || (row.status === 'RETURNED' && actions.includes('REVISE'))),
  };
}

export function toScreeningListItem(r: ScreeningListRow): ScreeningListItem {
  return {
    id: r.id,
    status: r.status,
    version: r.version,
    provinceCode: r.province_code,
    facilityType: r.facility_type,
    interviewAt: iso(r.interview_at),
    interviewer: { id: r.interviewer_id, username: r.interviewer_username, displayName: r.interviewer_display_name },
    isChild: r.is_child,
    interviewerAssessment: r.interviewer_assessment,
    indicativeResult: r.indicative_result,
    caseId: r.case_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
