import type { DataCategory } from '@ctms/domain';
import type { Actor } from '../http/request-context';

/**
 * The categories of case `alias`.id that the actor may see through any relation (lead agency,
 * referral, handoff), as a SQL expression (text[], NULL when there is no relation). Backed by the
 * database function case_relation_categories (migration CreateInterAgency), the one place the rule
 * lives. Put `<expr> IS NOT NULL` in the WHERE clause of the load, and select `<expr>` to know what
 * to decrypt and return.
 */
export function caseRelationSql(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  return {
    sql: `case_relation_categories(${alias}.id, $${firstParam}::uuid, $${firstParam + 1}::text[], $${firstParam + 2}::boolean)`,
    params: [actor.agencyId, actor.provinces, actor.allProvinces],
  };
}

export function hasCategory(categories: readonly string[] | null, c: DataCategory): boolean {
  return !!categories && categories.includes(c);
}
