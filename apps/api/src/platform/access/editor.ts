import { caseEditorRefusal, hasPermission, leadsCase, type CaseFacts, type Permission } from '@ctms/domain';
import { Conflict } from '../http/errors';
import type { Actor } from '../http/request-context';

type CaseFactsRow = { lead_agency_id: string; province_code: string; assigned_to_id: string | null; status: string };

/** Is the actor in the case's lead agency, with a province scope covering the case? (libs/domain leadsCase) */
export function inLeadAgency(actor: Actor, c: { lead_agency_id: string; province_code: string }): boolean {
  return leadsCase(actor, { leadAgencyId: c.lead_agency_id, provinceCode: c.province_code });
}

/** A case row as the domain's access rules read it (the editor rule). */
export function caseFacts(c: CaseFactsRow): CaseFacts {
  return {
    leadAgencyId: c.lead_agency_id,
    provinceCode: c.province_code,
    assignedToId: c.assigned_to_id,
    status: c.status,
  };
}

/**
 * The editor rule (libs/domain caseEditorRefusal) for every write on a case and its records: the
 * assigned caseworker or a supervisor of the lead agency in scope, on a case that is not closed
 * (`closedToo`: consents may still be recorded and withdrawn on a closed case). 409 with the reason.
 */
export function requireCaseEditor(actor: Actor, c: CaseFactsRow, opts: { closedToo?: boolean } = {}): void {
  const refusal = caseEditorRefusal(actor, caseFacts(c), opts);
  if (refusal === 'NOT_LEAD_AGENCY') throw new Conflict(refusal, 'Only the lead agency does this on its case');
  if (refusal === 'NOT_CASE_EDITOR')
    throw new Conflict(refusal, 'Only the assigned caseworker or a supervisor of the lead agency does this');
  if (refusal) throw new Conflict(refusal, 'A closed case is not changed; reopen it first');
}

/**
 * May the actor take a write that `permission` guards on the case: the route's permission and the
 * editor rule `requireCaseEditor` enforces, as a yes/no for the actions the case view offers.
 */
export function mayEditCase(actor: Actor, c: CaseFactsRow, permission: Permission): boolean {
  return hasPermission(actor, permission) && caseEditorRefusal(actor, caseFacts(c)) === null;
}
