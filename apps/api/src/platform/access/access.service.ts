import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgencyCapability, Role } from '@ctms/domain';
import { select, selectOne, sql } from '../database/sql';
import { RefusedId, ValidationFailed } from '../http/errors';
import type { Actor } from '../http/request-context';
import { followUpRecord, personCategories, planGoal } from './access';

/**
 * Resolves the ids a request carries in its body (or query) for this caller, before they are used
 * (docs/quality.md "Every id goes through the access layer"). A
 * record the caller may not use answers exactly as a missing one: the same RefusedId (400 naming
 * the field, audited as a denial). Path ids are resolved by the scoped query that loads the record
 * (access.ts), which answers the standard 404.
 *
 * The id fields of the DTOs carry `@IdOf(kind)` (id-of.ts); the id-field walk test
 * (apps/api/test/id-fields.int-spec.ts) sends every one of them a foreign and a missing id.
 */
@Injectable()
export class AccessService {
  /**
   * A person the caller may link into a screening draft: one the caller's agency already sees
   * (IDENTITY). A draft's link grants nothing, so this is the only way a link is made; another
   * agency's person is reached through a match request. Answers the survivor's id (a tombstone
   * stands for the person it was merged into) and the presumed-minor flag.
   */
  async linkablePerson(
    m: EntityManager,
    actor: Actor,
    personId: string,
    field: string,
  ): Promise<{ id: string; presumedMinor: boolean }> {
    const row = await selectOne<{ id: string; presumed_minor: boolean }>(
      m,
      sql`SELECT p.id, p.presumed_minor FROM person p
           WHERE p.id = person_survivor(${personId}::uuid)
             AND 'IDENTITY' = ANY(${personCategories(actor, sql`p.id`)})`,
    );
    if (!row) throw new RefusedId(field, 'no such person');
    return { id: row.id, presumedMinor: row.presumed_minor };
  }

  /**
   * An active agency other than the caller's that has `capability` (and, when asked, offers the
   * service types and covers the province). Agencies are reference data: every caller may name
   * any, so "foreign" does not arise; the answer for a missing one is the same as for a wrong one.
   */
  async receivingAgency(
    m: EntityManager,
    actor: Actor,
    agencyId: string,
    field: string,
    need: { capability: AgencyCapability; serviceTypes?: readonly string[]; provinceCode?: string; problem: string },
  ): Promise<{ id: string; code: string; serviceTypes: string[]; provinces: string[] }> {
    const row = await selectOne<{ id: string; code: string; service_types: string[]; provinces: string[] }>(
      m,
      sql`SELECT id, code, service_types, provinces FROM agency
           WHERE id = ${agencyId}::uuid AND active AND ${need.capability}::text = ANY(capabilities) AND id <> ${actor.agencyId}::uuid`,
    );
    // reference data: a wrong agency is bad input, not a refused record
    if (!row) throw new ValidationFailed([{ field, problems: [need.problem] }]);
    return { id: row.id, code: row.code, serviceTypes: row.service_types, provinces: row.provinces };
  }

  /**
   * The province office a family tracing request goes to (decision 0033): an active agency that
   * receives referrals, offers FAMILY_TRACING and covers `provinceCode` (MoLSW's provincial social
   * welfare office). The caller's own agency may be it (a MoLSW-led case asks its home province's
   * office). Reference data, so a wrong one is bad input naming the field, as a missing one.
   */
  async familyTracingOffice(
    m: EntityManager,
    agencyId: string,
    provinceCode: string,
    field: string,
  ): Promise<{ id: string; code: string }> {
    const row = await selectOne<{ id: string; code: string }>(
      m,
      sql`SELECT id, code FROM agency
           WHERE id = ${agencyId}::uuid AND active AND 'RECEIVE_REFERRALS' = ANY(capabilities)
             AND 'FAMILY_TRACING' = ANY(service_types) AND ${provinceCode}::text = ANY(provinces)`,
    );
    if (!row)
      throw new ValidationFailed([
        { field, problems: ['must be an active agency that offers FAMILY_TRACING in the province'] },
      ]);
    return row;
  }

  /**
   * The agency a case is transferred to: the caller's own (a province transfer), or another active
   * agency that does casework (it screens or receives referrals): never a prosecution-only agency.
   * Reference data, so a wrong one is bad input naming the field, as a missing one.
   */
  async transferAgency(
    m: EntityManager,
    agencyId: string,
    field: string,
  ): Promise<{ id: string; code: string; provinces: string[] }> {
    const row = await selectOne<{ id: string; code: string; provinces: string[] }>(
      m,
      sql`SELECT id, code, provinces FROM agency WHERE id = ${agencyId}::uuid AND active AND capabilities && ARRAY['SCREEN', 'RECEIVE_REFERRALS']::text[]`,
    );
    if (!row) throw new ValidationFailed([{ field, problems: ['must be an active agency that does casework'] }]);
    return row;
  }

  /** Active agencies (a consent's recipients); every id must be one. Answers their ids and codes in code order. */
  async activeAgencies(
    m: EntityManager,
    ids: readonly string[],
    field: string,
  ): Promise<{ id: string; code: string }[]> {
    if (ids.length === 0) return [];
    const rows = await select<{ id: string; code: string }>(
      m,
      sql`SELECT id, code FROM agency WHERE id = ANY(${[...new Set(ids)]}::uuid[]) AND active ORDER BY code`,
    );
    if (rows.length !== new Set(ids).size)
      throw new ValidationFailed([{ field, problems: ['every agency must be an existing, active agency'] }]);
    return rows;
  }

  /**
   * A user a case or a referral may be assigned to: active, of `agencyId`, holding one of `roles`,
   * and (for a case) with a province scope covering it. A user of another agency answers as a
   * missing one.
   */
  async assignee(
    m: EntityManager,
    userId: string,
    field: string,
    where: { agencyId: string; roles: readonly Role[]; provinceCode?: string; problem: string },
  ): Promise<string> {
    const province = where.provinceCode ?? null;
    const row = await selectOne<{ id: string }>(
      m,
      sql`SELECT u.id FROM app_user u
           WHERE u.id = ${userId}::uuid AND u.status = 'ACTIVE' AND u.agency_id = ${where.agencyId}::uuid
             AND u.roles && ${[...where.roles]}::text[]
             AND (${province}::text IS NULL OR u.all_provinces OR ${province}::text = ANY(u.provinces))`,
    );
    if (!row) throw new RefusedId(field, where.problem);
    return row.id;
  }

  /**
   * A visit of case `caseId` that the caller sees (followUpRecord, CONTACT_LOCATION): what a
   * reintegration assessment may name as the visit it was made during. Another case's visit, or one
   * the caller does not see, answers as a missing one.
   */
  async followUpVisit(m: EntityManager, actor: Actor, caseId: string, visitId: string, field: string): Promise<string> {
    const row = await selectOne<{ id: string }>(
      m,
      sql`SELECT v.id FROM follow_up_visit v JOIN case_record c ON c.id = v.case_id
           WHERE v.id = ${visitId}::uuid AND v.case_id = ${caseId}::uuid AND ${followUpRecord(actor, 'CONTACT_LOCATION', 'v', 'c')}`,
    );
    if (!row) throw new RefusedId(field, 'must be a visit of this case');
    return row.id;
  }

  /** Attachments of case `caseId` (evidence in a handoff): every named id must be one; problems name each bad one. */
  async caseAttachments(
    m: EntityManager,
    caseId: string,
    refs: readonly { field: string; id: string }[],
  ): Promise<void> {
    if (refs.length === 0) return;
    const ids = [...new Set(refs.map((r) => r.id.toLowerCase()))];
    const rows = await select<{ id: string }>(
      m,
      sql`SELECT id FROM attachment WHERE case_id = ${caseId}::uuid AND id = ANY(${ids}::uuid[])`,
    );
    const known = new Set(rows.map((r) => r.id));
    const bad = refs.filter((r) => !known.has(r.id.toLowerCase()));
    if (bad.length) {
      const e = new RefusedId(bad[0].field, 'must be an attachment of this case');
      e.details.push(
        ...bad.slice(1).map((b) => ({ field: b.field, problems: ['must be an attachment of this case'] })),
      );
      throw e;
    }
  }

  /**
   * A goal of case `caseId`'s plan that the caller sees (access.ts planGoal): a task is created
   * under it. Another case's goal, or one the caller may not see, answers as a missing one.
   */
  async planGoal(
    m: EntityManager,
    actor: Actor,
    caseId: string,
    goalId: string,
    field: string,
  ): Promise<{ id: string }> {
    const row = await selectOne<{ id: string }>(
      m,
      sql`SELECT g.id FROM case_plan_goal g JOIN case_record c ON c.id = g.case_id
           WHERE g.id = ${goalId}::uuid AND g.case_id = ${caseId}::uuid AND ${planGoal(actor, 'g', 'c')}`,
    );
    if (!row) throw new RefusedId(field, 'no such goal in this plan');
    return row;
  }

  /**
   * The agency a plan task of case `caseId` is for: the lead agency or an agency holding an active
   * referral of the case (decision 0031); `only` narrows it to the caller's own agency (an agency with
   * an active referral plans its own tasks only). Agencies are reference data: a wrong one is bad
   * input naming the field, as a missing one.
   */
  async planTaskAgency(
    m: EntityManager,
    caseId: string,
    agencyId: string,
    field: string,
    only: string | null,
  ): Promise<{ id: string; code: string }> {
    const row = await selectOne<{ id: string; code: string }>(
      m,
      sql`SELECT a.id, a.code FROM agency a JOIN case_record c ON c.id = ${caseId}::uuid
           WHERE a.id = ${agencyId}::uuid AND a.active AND (${only}::uuid IS NULL OR a.id = ${only}::uuid)
             AND (a.id = c.lead_agency_id OR EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id AND r.to_agency_id = a.id AND r.status IN ('ACCEPTED', 'IN_PROGRESS')))`,
    );
    if (!row)
      throw new ValidationFailed([
        {
          field,
          problems: [
            only
              ? 'must be your own agency'
              : 'must be the lead agency or an agency with an active referral of the case',
          ],
        },
      ]);
    return row;
  }
}
