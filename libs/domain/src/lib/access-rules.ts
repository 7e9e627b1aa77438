/**
 * Who may act on a case, as one rule (docs/access.md "The editor rule"). The API asks it
 * for every write on a case and its records (edits, notes, consents, referrals, handoffs, uploads,
 * transfers); the case machine's guards and the portal's allowed actions ask the same functions.
 * Which records a caller may SEE is decided in SQL by the access layer; this decides what a caller
 * who sees a case may DO with it.
 */
import type { Role } from './enums';

/** The caller, as far as these rules need them. */
export interface CaseActor {
  readonly userId: string;
  readonly agencyId: string;
  readonly roles: readonly Role[];
  readonly allProvinces: boolean;
  readonly provinces: readonly string[];
}

/** The case, as far as these rules need it. */
export interface CaseFacts {
  readonly leadAgencyId: string;
  readonly provinceCode: string;
  readonly assignedToId: string | null;
  readonly status: string;
}

export type EditorRefusal = 'NOT_LEAD_AGENCY' | 'NOT_CASE_EDITOR' | 'ACTION_NOT_ALLOWED_IN_STATE';

/** The caller's province scope covers `provinceCode`. */
export function inProvinceScope(actor: Pick<CaseActor, 'allProvinces' | 'provinces'>, provinceCode: string): boolean {
  return actor.allProvinces || actor.provinces.includes(provinceCode);
}

/** The caller belongs to the case's lead agency and their province scope covers the case. */
export function leadsCase(actor: CaseActor, c: Pick<CaseFacts, 'leadAgencyId' | 'provinceCode'>): boolean {
  return c.leadAgencyId === actor.agencyId && inProvinceScope(actor, c.provinceCode);
}

/**
 * The editor rule on facts already known: in the lead agency (in scope), and the assigned
 * caseworker or a supervisor. The case machine's guard uses this form.
 */
export function editorRefusalOf(facts: {
  inLeadAgency: boolean;
  isAssigned: boolean;
  roles: readonly Role[];
}): EditorRefusal | null {
  if (!facts.inLeadAgency) return 'NOT_LEAD_AGENCY';
  if (!(facts.isAssigned || facts.roles.includes('SUPERVISOR'))) return 'NOT_CASE_EDITOR';
  return null;
}

/**
 * Why the caller may not edit the case (or null when they may): the lead agency in scope, the
 * assigned caseworker or a supervisor, and a case that is not closed (unless `closedToo`: reopening).
 */
export function caseEditorRefusal(
  actor: CaseActor,
  c: CaseFacts,
  opts: { closedToo?: boolean } = {},
): EditorRefusal | null {
  const refusal = editorRefusalOf({
    inLeadAgency: leadsCase(actor, c),
    isAssigned: c.assignedToId === actor.userId,
    roles: actor.roles,
  });
  if (refusal) return refusal;
  if (c.status === 'CLOSED' && !opts.closedToo) return 'ACTION_NOT_ALLOWED_IN_STATE';
  return null;
}

export function isCaseEditor(actor: CaseActor, c: CaseFacts): boolean {
  return caseEditorRefusal(actor, c) === null;
}
