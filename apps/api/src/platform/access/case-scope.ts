import type { Actor } from '../http/request-context';

/**
 * Need-to-know, decided in SQL (spec/access.md). Returns a boolean SQL expression over the case
 * row aliased `alias` that is true exactly when the actor may open that case, with its parameters
 * numbered from `firstParam`. Services put it in the WHERE clause of the query that loads the
 * record; a row it excludes is simply not found, which the caller answers with the standard 404.
 *
 * Relations granted today: LEAD_AGENCY (the case's lead agency, within the user's province scope).
 * Referral and handoff relations join here when they exist (issue 4).
 */
export function caseAccessSql(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  const a = `$${firstParam}`;
  const p = `$${firstParam + 1}`;
  const all = `$${firstParam + 2}`;
  return {
    sql: `(${alias}.lead_agency_id = ${a} AND (${all}::boolean OR ${alias}.province_code = ANY(${p}::text[])))`,
    params: [actor.agencyId, actor.provinces, actor.allProvinces],
  };
}

/** The same rule for screenings: the interviewing agency, within the user's province scope. */
export function screeningAccessSql(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  const a = `$${firstParam}`;
  const p = `$${firstParam + 1}`;
  const all = `$${firstParam + 2}`;
  return {
    sql: `(${alias}.agency_id = ${a} AND (${all}::boolean OR ${alias}.province_code = ANY(${p}::text[])))`,
    params: [actor.agencyId, actor.provinces, actor.allProvinces],
  };
}
