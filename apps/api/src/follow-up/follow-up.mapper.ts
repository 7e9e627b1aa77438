import {
  caseEditorRefusal,
  hasPermission,
  levelScores,
  type FollowUpAuthorView,
  type FollowUpCaseAction,
  type FollowUpRecordAction,
  type FollowUpVisitView,
  type ReintegrationAssessmentView,
} from '@ctms/domain';
import { caseFacts } from '../platform/access/editor';
import { Conflict } from '../platform/http/errors';
import type { Actor } from '../platform/http/request-context';
import type { AssessmentRow, FollowUpCaseRow, FollowUpRepository, VisitRow } from './follow-up.repository';

/**
 * Why the caller may not record follow-up on the case (null: they may), decision 0032: the lead
 * agency by its editor rule (the assigned caseworker or a supervisor, case not closed); an agency
 * with an active referral, any of its workers holding `case:update`, case not closed; a completed
 * referral reads what its agency wrote, nothing more.
 */
export function followUpWriteRefusal(actor: Actor, c: FollowUpCaseRow): string | null {
  if (!hasPermission(actor, 'case:update')) return 'NOT_CASE_EDITOR';
  if (c.relation === 'LEAD_AGENCY') return caseEditorRefusal(actor, caseFacts(c));
  if (c.relation === 'REFERRAL_ACTIVE') return c.status === 'CLOSED' ? 'ACTION_NOT_ALLOWED_IN_STATE' : null;
  return 'REFERRAL_NOT_ACTIVE';
}

/** The write rule as a 409 with its reason. */
export function requireFollowUpWriter(actor: Actor, c: FollowUpCaseRow): void {
  const refusal = followUpWriteRefusal(actor, c);
  if (refusal)
    throw new Conflict(
      refusal,
      'Only the lead agency’s case editors and agencies with an active referral record follow-up on this case',
    );
}

/** An agency changes only what it wrote itself (the lead included): each agency reports its own part. */
export function requireOwnRecord(actor: Actor, r: { agency_id: string }): void {
  if (r.agency_id !== actor.agencyId)
    throw new Conflict('NOT_OWN_RECORD', 'Only the agency that recorded this changes it');
}

export function caseActions(actor: Actor, c: FollowUpCaseRow): FollowUpCaseAction[] {
  return followUpWriteRefusal(actor, c) === null ? ['RECORD'] : [];
}

function recordActions(actor: Actor, c: FollowUpCaseRow, r: { agency_id: string }): FollowUpRecordAction[] {
  return followUpWriteRefusal(actor, c) === null && r.agency_id === actor.agencyId ? ['EDIT'] : [];
}

function author(r: VisitRow | AssessmentRow): FollowUpAuthorView {
  return {
    agency: { id: r.agency_id, code: r.agency_code },
    recordedBy: { id: r.recorded_by_id, username: r.recorded_by_username, displayName: r.recorded_by_display_name },
  };
}

export function toVisitView(
  repo: FollowUpRepository,
  actor: Actor,
  c: FollowUpCaseRow,
  r: VisitRow,
): FollowUpVisitView {
  return {
    id: r.id,
    caseId: r.case_id,
    visitedOn: r.visited_on,
    ...repo.visitPlain(r),
    kind: r.kind,
    withWhom: r.with_whom,
    outcome: r.outcome,
    nextVisitDue: r.next_visit_due,
    overdue: r.overdue,
    ...author(r),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    allowedActions: recordActions(actor, c, r),
  };
}

export function toAssessmentView(
  repo: FollowUpRepository,
  actor: Actor,
  c: FollowUpCaseRow,
  r: AssessmentRow,
): ReintegrationAssessmentView {
  const { scores, notes } = repo.assessmentPlain(r);
  return {
    id: r.id,
    caseId: r.case_id,
    assessedOn: r.assessed_on,
    visitId: r.visit_id,
    scores,
    levels: levelScores(scores),
    notes,
    ...author(r),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    allowedActions: recordActions(actor, c, r),
  };
}
