import { PLAN_GOAL_DOMAIN_CATEGORY, PLAN_GOAL_DOMAINS, type DataCategory } from '@ctms/domain';
import { join, raw, sql, type Sql } from '../database/sql';
import type { Actor } from '../http/request-context';

/**
 * The access layer's predicates: for each kind of record, the SQL condition (over a row alias) that
 * is true exactly when the caller may see it (docs/access.md "Deny by default"). Services put these into the WHERE
 * clause of the query that loads the record, so a record the caller may not see is never read and
 * the caller gets the standard 404. No service writes its own predicate: a new kind of record gets
 * its function here. The relations themselves (what a referral or a handoff lets an agency see of a
 * case or a person) are SQL functions in migrations/sql/relations-*.sql.ts, called from here.
 *
 * What a caller may DO with a record it sees is the editor rule and the capability rule in
 * libs/domain (access-rules.ts, permissions.ts); the id of any record that arrives in a request body
 * is resolved by AccessService before it is used.
 */

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A row alias, checked: aliases come from constants in the code, never from a request. */
function ref(alias: string, column: string): Sql {
  if (!IDENT.test(alias) || !IDENT.test(column)) throw new Error(`bad SQL identifier ${alias}.${column}`);
  return raw(`${alias}.${column}`);
}

/** The caller's province scope covers the province column `alias.column`. */
function inScope(actor: Actor, alias: string, column = 'province_code'): Sql {
  return sql`(${actor.allProvinces}::boolean OR ${ref(alias, column)} = ANY(${actor.provinces}::text[]))`;
}

/** The relation function's arguments for this caller: agency, provinces, all provinces. */
function callerArgs(actor: Actor): Sql {
  return sql`${actor.agencyId}::uuid, ${actor.provinces}::text[], ${actor.allProvinces}::boolean`;
}

// ---------------------------------------------------------------------------------------------
// Cases and what hangs off them
// ---------------------------------------------------------------------------------------------

/**
 * A RESTRICTED case opens only to the users named on it (SQL function case_restriction_allows);
 * every relation below passes through this, so anyone else gets the standard 404.
 */
function restrictionAllows(actor: Actor, caseId: Sql): Sql {
  return sql`case_restriction_allows(${caseId}, ${actor.userId}::uuid)`;
}

/** The caller's agency leads case `c`, within the caller's province scope (LEAD_AGENCY), and the caller may open it (RESTRICTED). */
export function caseLead(actor: Actor, c = 'c'): Sql {
  return sql`(${ref(c, 'lead_agency_id')} = ${actor.agencyId}::uuid AND ${inScope(actor, c)} AND ${restrictionAllows(actor, ref(c, 'id'))})`;
}

/**
 * The data categories the caller may see of the case whose id is `caseId` (an SQL expression),
 * through any relation (lead agency, referral, handoff); NULL when there is none. Put
 * `<expr> IS NOT NULL` in the WHERE clause and select the expression to know what to decrypt.
 */
export function caseCategories(actor: Actor, caseId: Sql): Sql {
  return sql`(CASE WHEN ${restrictionAllows(actor, caseId)} THEN case_relation_categories(${caseId}, ${callerArgs(actor)}) END)`;
}

/** `caseCategories` of the case row `c`. */
export function caseCategoriesOf(actor: Actor, c = 'c'): Sql {
  return caseCategories(actor, ref(c, 'id'));
}

/** SQL: the category array `cats` (an expression) holds `category`. */
export function holds(cats: Sql, category: DataCategory): Sql {
  return sql`(${category}::text = ANY(${cats}))`;
}

/**
 * The agency on the sending side of a referral of case `c`: the case's lead agency now. It sent the
 * referral, or took the case over since by a lead transfer and acts for the person from then on
 * (decision 0025, "Follow-up"); the former lead keeps the case view only (FORMER_LEAD), not its
 * referrals. Notifications to the sending side go to this agency.
 */
export function referralSendingAgency(c = 'c'): Sql {
  return ref(c, 'lead_agency_id');
}

/** The sending side of a referral of case `c` (joined): the case's lead agency, in scope, the caller named if the case is RESTRICTED (`caseLead`). */
export function referralSender(actor: Actor, c = 'c'): Sql {
  return caseLead(actor, c);
}

/** The receiving side of a referral `r` of case `c` (joined): the agency whose inbox holds it, within the caller's scope over the case. */
export function referralReceiver(actor: Actor, r = 'r', c = 'c'): Sql {
  return sql`(${ref(r, 'to_agency_id')} = ${actor.agencyId}::uuid AND ${inScope(actor, c)} AND ${restrictionAllows(actor, ref(c, 'id'))})`;
}

/** A referral `r` of case `c` (joined) the caller sees: its sending side (the lead agency) or its receiving side. */
export function referral(actor: Actor, r = 'r', c = 'c'): Sql {
  return sql`(${referralSender(actor, c)} OR ${referralReceiver(actor, r, c)})`;
}

/**
 * The agencies on the sending side of a handoff `h` of case `c` (joined), before scope and
 * restriction: the case's lead agency now (which may have taken the case over since the handoff was
 * sent, decision 0025 "Follow-up"), and the agency that sent it while that agency is the one asked to
 * identify the victim on an identification request of the case (decision 0024). A former lead is
 * neither: it keeps the case view only. Notifications to the sending side go to these agencies.
 */
export function handoffSendingAgencies(h = 'h', c = 'c'): Sql {
  const from = ref(h, 'from_agency_id');
  const identifying = sql`EXISTS (SELECT 1 FROM identification_request hs_ir WHERE hs_ir.case_id = ${ref(c, 'id')} AND hs_ir.to_agency_id = ${from} AND hs_ir.status IN ('REQUESTED', 'DECIDED'))`;
  return sql`(ARRAY[${ref(c, 'lead_agency_id')}] || ARRAY(SELECT ${from} WHERE ${from} <> ${ref(c, 'lead_agency_id')} AND ${identifying}))`;
}

/**
 * The sending side of a handoff `h` of case `c` (joined): the caller's agency is one of
 * `handoffSendingAgencies`, within the caller's scope over the case, the caller named if the case
 * is RESTRICTED.
 */
export function handoffSender(actor: Actor, h = 'h', c = 'c'): Sql {
  return sql`(${actor.agencyId}::uuid = ANY(${handoffSendingAgencies(h, c)}) AND ${inScope(actor, c)} AND ${restrictionAllows(actor, ref(c, 'id'))})`;
}

/**
 * An identification request `ir` of case `c` (joined): the agency whose inbox holds it, or the lead
 * agency that sent it, in scope over the case; a RESTRICTED case only for its named users.
 */
export function identificationRequest(actor: Actor, ir = 'ir', c = 'c'): Sql {
  return sql`((${ref(ir, 'to_agency_id')} = ${actor.agencyId}::uuid AND ${inScope(actor, c)} AND ${restrictionAllows(actor, ref(c, 'id'))}) OR ${caseLead(actor, c)})`;
}

/**
 * The asked side of a family tracing request `ft` of case `c` (joined): the addressed agency, the
 * caller's province scope covering the addressed province (`ft.province_code`: the province office
 * asked, not the case's province); a RESTRICTED case only for its named users (decision 0033).
 */
export function familyTracingOffice(actor: Actor, ft = 'ft', c = 'c'): Sql {
  return sql`(${ref(ft, 'to_agency_id')} = ${actor.agencyId}::uuid AND ${inScope(actor, ft)} AND ${restrictionAllows(actor, ref(c, 'id'))})`;
}

/** A family tracing request `ft` of case `c` (joined): the asked office, or the case's lead agency now (which sent it or took the case over). */
export function familyTracingRequest(actor: Actor, ft = 'ft', c = 'c'): Sql {
  return sql`(${familyTracingOffice(actor, ft, c)} OR ${caseLead(actor, c)})`;
}

/** A return recorded on case `c` (joined): the lead agency's record, like the case's notes. */
export function caseReturn(actor: Actor, c = 'c'): Sql {
  return caseLead(actor, c);
}

/** A handoff `h`, seen by the agency it was sent to while it is not withdrawn and the relation holds. */
export function handoffReceiver(actor: Actor, h = 'h'): Sql {
  return sql`(${ref(h, 'to_agency_id')} = ${actor.agencyId}::uuid AND ${ref(h, 'status')} <> 'WITHDRAWN' AND ${caseCategories(actor, ref(h, 'case_id'))} IS NOT NULL)`;
}

/**
 * A case transfer `t`: its sending side (the agency that asked, within the caller's scope over the
 * province the case came from) or its receiving side (the agency or province office asked, within
 * the caller's scope over the province the case goes to). A province transfer has one agency on both
 * sides, so each province office sees it by its own province. A RESTRICTED case's transfer only its
 * named users (lift the flag, or name the receiver, before a transfer can be answered).
 */
export function transfer(actor: Actor, t = 't'): Sql {
  return sql`(((${ref(t, 'from_agency_id')} = ${actor.agencyId}::uuid AND ${inScope(actor, t, 'from_province_code')})
    OR (${ref(t, 'to_agency_id')} = ${actor.agencyId}::uuid AND ${inScope(actor, t, 'to_province_code')}))
    AND ${restrictionAllows(actor, ref(t, 'case_id'))})`;
}

// ---------------------------------------------------------------------------------------------
// The structured case plan (decision 0031)
// ---------------------------------------------------------------------------------------------

/**
 * REFERRAL_ACTIVE: the caller's agency holds an accepted or in-progress referral of case `c`
 * (joined), within the caller's scope over the case, the caller named if the case is RESTRICTED. Such
 * an agency plans and updates its own tasks on the case's plan.
 */
export function activeReferralAgency(actor: Actor, c = 'c'): Sql {
  return sql`(EXISTS (SELECT 1 FROM referral ar WHERE ar.case_id = ${ref(c, 'id')} AND ar.to_agency_id = ${actor.agencyId}::uuid AND ar.status IN ('ACCEPTED', 'IN_PROGRESS'))
    AND ${inScope(actor, c)} AND ${restrictionAllows(actor, ref(c, 'id'))})`;
}

/** The data category of plan goal `g`'s domain (libs/domain PLAN_GOAL_DOMAIN_CATEGORY), as SQL. */
export function planGoalCategory(g = 'g'): Sql {
  const arms = PLAN_GOAL_DOMAINS.map((d) => sql`WHEN ${d}::text THEN ${PLAN_GOAL_DOMAIN_CATEGORY[d]}::text`);
  return sql`(CASE ${ref(g, 'domain')} ${join(arms, ' ')} END)`;
}

/**
 * A plan goal `g` of case `c` (joined): the lead agency in scope sees every goal; an agency with
 * any other relation to the case sees the goals whose domain's category its relation carries, and
 * the goals under which its own agency has a task (for those, the goal's description only when the
 * category is carried: the mapper reads `planGoalCategory` against the categories).
 */
export function planGoal(actor: Actor, g = 'g', c = 'c'): Sql {
  const cats = caseCategoriesOf(actor, c);
  return sql`(${caseLead(actor, c)} OR (${cats} IS NOT NULL AND (${planGoalCategory(g)} = ANY(${cats})
    OR EXISTS (SELECT 1 FROM case_plan_task own WHERE own.goal_id = ${ref(g, 'id')} AND own.agency_id = ${actor.agencyId}::uuid))))`;
}

/**
 * A plan task `t` under goal `g` of case `c` (joined): the lead agency in scope sees every task; an
 * agency with any other relation sees its own agency's tasks and the tasks of goals whose domain's
 * category its relation carries.
 */
export function planTask(actor: Actor, t = 't', g = 'g', c = 'c'): Sql {
  const cats = caseCategoriesOf(actor, c);
  return sql`(${caseLead(actor, c)} OR (${cats} IS NOT NULL AND (${ref(t, 'agency_id')} = ${actor.agencyId}::uuid OR ${planGoalCategory(g)} = ANY(${cats}))))`;
}

/**
 * The caller's agency is plan task `t`'s responsible agency and holds an active referral of case `c`
 * (`activeReferralAgency`): it may update the task (status, outcome, assignee within the agency).
 * The lead's editors may update every task (the editor rule, platform/access/editor.ts).
 */
export function planTaskPartner(actor: Actor, t = 't', c = 'c'): Sql {
  return sql`(${ref(t, 'agency_id')} = ${actor.agencyId}::uuid AND ${activeReferralAgency(actor, c)})`;
}

/** Consents are the lead agency's record of the victim's choices: the lead agency in scope (case `c` joined). */
export function consent(actor: Actor, c = 'c'): Sql {
  return caseLead(actor, c);
}

/** Referral states in which the receiving agency works on the case (REFERRAL_ACTIVE). */
const REFERRAL_WORKING = ['ACCEPTED', 'IN_PROGRESS'];
/** … and in which it keeps reading what it wrote itself (a completed referral). */
const REFERRAL_WORKED = [...REFERRAL_WORKING, 'COMPLETED'];

/** The caller's agency has a referral of case `c` (joined) in one of `statuses`, within the caller's scope over the case, the caller named if it is RESTRICTED. */
function referralAgency(actor: Actor, statuses: readonly string[], c: string): Sql {
  return sql`(EXISTS (SELECT 1 FROM referral fr WHERE fr.case_id = ${ref(c, 'id')} AND fr.to_agency_id = ${actor.agencyId}::uuid AND fr.status = ANY(${[...statuses]}::text[]))
    AND ${inScope(actor, c)} AND ${restrictionAllows(actor, ref(c, 'id'))})`;
}

/**
 * The follow-up of case `c` (decision 0032): its lead agency in scope, or an agency with an active
 * referral of it (REFERRAL_ACTIVE), or a completed one (it keeps reading its own records). Who may
 * write is the service's: the lead's editor rule, or any worker of an agency whose referral is active.
 */
export function followUpCase(actor: Actor, c = 'c'): Sql {
  return sql`(${caseLead(actor, c)} OR ${referralAgency(actor, REFERRAL_WORKED, c)})`;
}

/** The caller's agency works on case `c` (joined) through an active referral (ACCEPTED or IN_PROGRESS). */
export function followUpReferralActive(actor: Actor, c = 'c'): Sql {
  return referralAgency(actor, REFERRAL_WORKING, c);
}

/**
 * A follow-up record `x` (a visit or a reintegration assessment, with `agency_id`) of case `c`
 * (joined): the lead agency sees every one; a referral agency sees those its own agency wrote (while
 * its referral is active or completed), and the others' only while its referral is active and its
 * relation carries `category` (a visit: CONTACT_LOCATION, an assessment: HEALTH).
 */
export function followUpRecord(actor: Actor, category: DataCategory, x = 'x', c = 'c'): Sql {
  const own = sql`${ref(x, 'agency_id')} = ${actor.agencyId}::uuid`;
  return sql`(${caseLead(actor, c)}
    OR (${own} AND ${referralAgency(actor, REFERRAL_WORKED, c)})
    OR (${referralAgency(actor, REFERRAL_WORKING, c)} AND ${holds(caseCategories(actor, ref(c, 'id')), category)}))`;
}

// ---------------------------------------------------------------------------------------------
// Screenings and persons
// ---------------------------------------------------------------------------------------------

/**
 * A screening `s`: the interviewing agency, within the caller's province scope; the screening of a
 * RESTRICTED case only for the case's named users (the interview is the case's most sensitive part).
 */
export function screening(actor: Actor, s = 's'): Sql {
  return sql`(${ref(s, 'agency_id')} = ${actor.agencyId}::uuid AND ${inScope(actor, s)} AND (${ref(s, 'case_id')} IS NULL OR ${restrictionAllows(actor, ref(s, 'case_id'))}))`;
}

/**
 * The categories (IDENTITY, CONTACT_LOCATION) the caller may see of the person whose id is `person`
 * (an SQL expression; a tombstone counts through its survivor); NULL when none. A person is seen
 * through the agency's approved screenings, a relation to one of its cases, or an answered match
 * request; a draft's link grants nothing.
 */
export function personCategories(actor: Actor, person: Sql): Sql {
  return sql`person_relation_categories(${person}, ${callerArgs(actor)}, ${actor.userId}::uuid)`;
}

// ---------------------------------------------------------------------------------------------
// The caller's own things
// ---------------------------------------------------------------------------------------------

/** An export job `e`: only the user who requested it. */
export function ownExport(actor: Actor, e = 'e'): Sql {
  return sql`${ref(e, 'requested_by_id')} = ${actor.userId}::uuid`;
}

/** An export job `e` waiting for a second person of the requester's agency (never the requester). */
export function exportToApprove(actor: Actor, e = 'e'): Sql {
  return sql`(${ref(e, 'agency_id')} = ${actor.agencyId}::uuid AND ${ref(e, 'requested_by_id')} <> ${actor.userId}::uuid)`;
}

/** A saved case-list filter `f`: only the user who saved it. */
export function ownSavedFilter(actor: Actor, f = 'f'): Sql {
  return sql`${ref(f, 'user_id')} = ${actor.userId}::uuid`;
}

/** A notification `n`: only its recipient. */
export function ownNotification(actor: Actor, n = 'n'): Sql {
  return sql`${ref(n, 'recipient_user_id')} = ${actor.userId}::uuid`;
}

/**
 * A match request `mr` with its screening `s` joined: the agency that was asked, or the agency that
 * asked within the caller's province scope over the screening.
 */
export function matchRequest(actor: Actor, mr = 'mr', s = 's'): Sql {
  return sql`(${ref(mr, 'to_agency_id')} = ${actor.agencyId}::uuid OR (${ref(mr, 'from_agency_id')} = ${actor.agencyId}::uuid AND ${screening(actor, s)}))`;
}

// ---------------------------------------------------------------------------------------------
// The audit trail
// ---------------------------------------------------------------------------------------------

/**
 * An audit row `e` a supervisor may read (docs/access.md "The supervisor's audit view"): events by the agency's own users, and
 * events by anyone about the cases the agency leads in the supervisor's scope, their persons,
 * consents, referrals and handoffs, the agency's screenings and the persons they identified, and
 * the match requests the agency asked or answered: what others tried on the agency's records.
 */
export function auditRow(actor: Actor, e = 'e'): Sql {
  const objectId = ref(e, 'object_id');
  const objectType = ref(e, 'object_type');
  const lead = caseLead(actor, 'c');
  return sql`(${ref(e, 'actor_agency_id')} = ${actor.agencyId}::uuid OR (${objectType} IN ('case', 'consent', 'referral', 'handoff', 'match_request', 'person', 'screening', 'identification_request', 'closure_request', 'follow_up_visit', 'reintegration_assessment', 'family_tracing_request', 'case_return') AND ${objectId} IN (
      SELECT c.id::text FROM case_record c WHERE ${lead}
      UNION ALL SELECT c.person_id::text FROM case_record c WHERE ${lead}
      UNION ALL SELECT s.id::text FROM screening s WHERE ${screening(actor, 's')}
      UNION ALL SELECT s.person_id::text FROM screening s WHERE ${screening(actor, 's')} AND s.status = 'APPROVED'
      UNION ALL SELECT k.id::text FROM consent k JOIN case_record c ON c.id = k.case_id WHERE ${lead}
      UNION ALL SELECT r.id::text FROM referral r JOIN case_record c ON c.id = r.case_id WHERE ${lead}
      UNION ALL SELECT h.id::text FROM handoff h JOIN case_record c ON c.id = h.case_id WHERE ${lead}
      UNION ALL SELECT ir.id::text FROM identification_request ir JOIN case_record c ON c.id = ir.case_id WHERE ${identificationRequest(actor, 'ir', 'c')}
      UNION ALL SELECT cr.id::text FROM closure_request cr JOIN case_record c ON c.id = cr.case_id WHERE ${lead}
      UNION ALL SELECT fv.id::text FROM follow_up_visit fv JOIN case_record c ON c.id = fv.case_id WHERE ${lead}
      UNION ALL SELECT ra.id::text FROM reintegration_assessment ra JOIN case_record c ON c.id = ra.case_id WHERE ${lead}
      UNION ALL SELECT ft.id::text FROM family_tracing_request ft JOIN case_record c ON c.id = ft.case_id WHERE ${familyTracingRequest(actor, 'ft', 'c')}
      UNION ALL SELECT rt.id::text FROM case_return rt JOIN case_record c ON c.id = rt.case_id WHERE ${lead}
      UNION ALL SELECT mr.id::text FROM match_request mr JOIN screening s ON s.id = mr.screening_id WHERE ${matchRequest(actor, 'mr', 's')})))`;
}
