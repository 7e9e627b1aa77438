import {
  can,
  CASE_MACHINE,
  caseEditorRefusal,
  type CaseAction,
  IDENTIFICATION_MACHINE,
  type CaseContext,
  type ClosureRequestContext,
  type IdentificationRequestContext,
  type IdentificationStatus,
} from '@ctms/domain';
import { caseFacts, inLeadAgency } from '../platform/access/editor';
import type { Actor } from '../platform/http/request-context';
import type { ClosureRequestRow, IdentificationRequestRow } from './case-requests.repository';
import type { CaseRow } from './case.repository';
import type { IdentificationDecisionDto } from './dto/case.dto';

/**
 * What the state machines of libs/domain are told about a case and its requests: the caller's side,
 * read from the loaded rows (whose queries carried the access predicate), and the step's input.
 */

/** CASE_MACHINE's context: the caller's side of the case (lead agency, assigned) and the step's input. */
export function caseContext(
  actor: Actor,
  c: Pick<CaseRow, 'lead_agency_id' | 'province_code' | 'assigned_to_id'>,
  input: Pick<CaseContext, 'closureReason' | 'reason'>,
): CaseContext {
  return {
    roles: actor.roles,
    actorInLeadAgency: inLeadAgency(actor, c),
    actorIsAssigned: c.assigned_to_id === actor.userId,
    ...input,
  };
}

/** CASE_MACHINE's decision on `action` from the case's status: a step's `decide` for the TransitionRunner. */
export function caseDecision(action: CaseAction, input: Pick<CaseContext, 'closureReason' | 'reason'> = {}) {
  return (actor: Actor, c: CaseRow) => can(CASE_MACHINE, c.status, action, caseContext(actor, c, input));
}

/** IDENTIFICATION_MACHINE's decision on a formal identification: the lead agency's own, or the asked agency's on a request. */
export function identificationDecision(
  actor: Actor,
  status: IdentificationStatus,
  d: Pick<IdentificationDecisionDto, 'decision' | 'decidedOn' | 'reasons'>,
) {
  return can(IDENTIFICATION_MACHINE, status, d.decision === 'IDENTIFIED' ? 'IDENTIFY' : 'NOT_IDENTIFY', {
    roles: actor.roles,
    actorCapabilities: actor.capabilities,
    decisionDate: d.decidedOn,
    reason: d.reasons,
  });
}

/** IDENTIFICATION_REQUEST_MACHINE's context: the asked agency, or the lead agency's case editor. */
export function identificationContext(
  actor: Actor,
  r: IdentificationRequestRow,
  input: Pick<IdentificationRequestContext, 'decisionDate' | 'reason'> = {},
): IdentificationRequestContext {
  const lead = inLeadAgency(actor, r);
  return {
    roles: actor.roles,
    actorCapabilities: actor.capabilities,
    actorInAskedAgency: r.to_agency_id === actor.agencyId,
    actorIsCaseEditor: lead && caseEditorRefusal(actor, caseFacts({ ...r, status: r.case_status })) === null,
    ...input,
  };
}

/** CLOSURE_REQUEST_MACHINE's context: the lead agency's side, and the comment of a return. */
export function closureContext(
  actor: Actor,
  r: ClosureRequestRow,
  reason: string | null = null,
): ClosureRequestContext {
  return { roles: actor.roles, actorInLeadAgency: inLeadAgency(actor, r), reason };
}
