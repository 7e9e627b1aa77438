import { Injectable } from '@nestjs/common';
import type {
  CaseStatus,
  ClosureReason,
  ClosureRequestStatus,
  IdentificationRequestStatus,
  IdentificationStatus,
} from '@ctms/domain';
import { caseLead, identificationRequest } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';
import { staleVersion } from '../platform/http/errors';
import type { Actor } from '../platform/http/request-context';

/** A case sent to the inbox of an agency with formal identification (decision 0024); the cancel reason encrypted. */
export const identificationRequestTable = table('identification_request', {
  id: col('uuid'),
  case_id: col('uuid'),
  from_agency_id: col('uuid'),
  to_agency_id: col('uuid'),
  status: col('varchar').of<IdentificationRequestStatus>(),
  requested_by_id: col('uuid'),
  requested_at: col('timestamptz'),
  due_at: col('timestamptz'),
  decided_by_id: col('uuid').nullable(),
  decided_at: col('timestamptz').nullable(),
  decision: col('varchar').nullable(),
  identification_id: col('uuid').nullable(),
  cancel_reason_enc: col('text').nullable(),
  version: col('int4'),
  updated_at: col('timestamptz'),
});

/** A caseworker's request to close a case; the note and the supervisor's comment encrypted. */
export const closureRequestTable = table('closure_request', {
  id: col('uuid'),
  case_id: col('uuid'),
  agency_id: col('uuid'),
  status: col('varchar').of<ClosureRequestStatus>(),
  reason: col('varchar').of<ClosureReason>(),
  note_enc: col('text').nullable(),
  requested_by_id: col('uuid'),
  requested_at: col('timestamptz'),
  decided_by_id: col('uuid').nullable(),
  decided_at: col('timestamptz').nullable(),
  comment_enc: col('text').nullable(),
  version: col('int4'),
  updated_at: col('timestamptz'),
});

/** The users named on a RESTRICTED case: the only ones it opens to (SQL function case_restriction_allows). */
export const caseRestrictionMemberTable = table('case_restriction_member', {
  case_id: col('uuid'),
  user_id: col('uuid'),
  added_by_id: col('uuid'),
  added_at: col('timestamptz'),
});

export type IdentificationRequestRow = PickRow<
  typeof identificationRequestTable,
  | 'id'
  | 'case_id'
  | 'from_agency_id'
  | 'to_agency_id'
  | 'status'
  | 'requested_by_id'
  | 'requested_at'
  | 'due_at'
  | 'decided_at'
  | 'decision'
  | 'version'
> & {
  case_number: string;
  from_agency_code: string;
  to_agency_code: string;
  requested_by_username: string | null;
  requested_by_display_name: string | null;
  /** the case's facts for the lead side's rules */
  case_status: CaseStatus;
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  identification_status: IdentificationStatus;
  case_version: number;
};

export type ClosureRequestRow = PickRow<
  typeof closureRequestTable,
  | 'id'
  | 'case_id'
  | 'status'
  | 'reason'
  | 'note_enc'
  | 'requested_by_id'
  | 'requested_at'
  | 'decided_by_id'
  | 'decided_at'
  | 'comment_enc'
  | 'version'
> & {
  requested_by_username: string | null;
  requested_by_display_name: string | null;
  decided_by_username: string | null;
  decided_by_display_name: string | null;
  case_status: CaseStatus;
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  case_version: number;
};

export interface RestrictionMemberRow {
  user_id: string;
  username: string | null;
  display_name: string | null;
}

const IR =
  raw(`ir.id, ir.case_id, c.case_number, ir.from_agency_id, fa.code AS from_agency_code, ir.to_agency_id, ta.code AS to_agency_code, ir.status,
  ir.requested_by_id, ru.username AS requested_by_username, ru.display_name AS requested_by_display_name, ir.requested_at, ir.due_at, ir.decided_at, ir.decision, ir.version,
  c.status AS case_status, c.lead_agency_id, c.province_code, c.assigned_to_id, c.identification_status, c.version AS case_version`);
const IR_JOINS =
  raw(`JOIN case_record c ON c.id = ir.case_id JOIN agency fa ON fa.id = ir.from_agency_id JOIN agency ta ON ta.id = ir.to_agency_id
  LEFT JOIN app_user ru ON ru.id = ir.requested_by_id`);

const CR =
  raw(`cr.id, cr.case_id, cr.status, cr.reason, cr.note_enc, cr.requested_by_id, ru.username AS requested_by_username, ru.display_name AS requested_by_display_name,
  cr.requested_at, cr.decided_by_id, du.username AS decided_by_username, du.display_name AS decided_by_display_name, cr.decided_at, cr.comment_enc, cr.version,
  c.status AS case_status, c.lead_agency_id, c.province_code, c.assigned_to_id, c.version AS case_version`);
const CR_JOINS = raw(
  `JOIN case_record c ON c.id = cr.case_id LEFT JOIN app_user ru ON ru.id = cr.requested_by_id LEFT JOIN app_user du ON du.id = cr.decided_by_id`,
);

/** The statements, pure: case-requests.repository.spec.ts snapshots each one's text. */
export const caseRequestSql = {
  /** The caller agency's inbox (or what it sent), most due first. */
  inbox: (actor: Actor, status: IdentificationRequestStatus | undefined): Sql =>
    sql`SELECT ${IR} FROM identification_request ir ${IR_JOINS}
         WHERE ${identificationRequest(actor, 'ir', 'c')} ${status ? sql`AND ir.status = ${status}` : sql``}
         ORDER BY (ir.status = 'REQUESTED') DESC, ir.due_at, ir.id LIMIT 200`,

  /** One request the caller may see (the asked agency or the lead agency), optionally locked. */
  loadIdentification: (actor: Actor, id: string, lock: boolean): Sql =>
    sql`SELECT ${IR} FROM identification_request ir ${IR_JOINS}
         WHERE ir.id = ${id}::uuid AND ${identificationRequest(actor, 'ir', 'c')}
         ${raw(lock ? 'FOR UPDATE OF ir, c' : '')}`,

  /** The open or latest identification request of a case the caller sees through the lead or the request. */
  latestIdentification: (actor: Actor, caseId: string): Sql =>
    sql`SELECT ${IR} FROM identification_request ir ${IR_JOINS}
         WHERE ir.case_id = ${caseId}::uuid AND ${identificationRequest(actor, 'ir', 'c')}
         ORDER BY (ir.status = 'REQUESTED') DESC, ir.requested_at DESC, ir.id DESC LIMIT 1`,

  openIdentification: (caseId: string): Sql =>
    sql`SELECT 1 AS open FROM identification_request WHERE case_id = ${caseId}::uuid AND status = 'REQUESTED'`,

  insertIdentification: (id: string, caseId: string, actor: Actor, toAgencyId: string, dueDays: number): Sql =>
    sql`INSERT INTO identification_request (id, case_id, from_agency_id, to_agency_id, status, requested_by_id, requested_at, due_at, version, updated_at)
        VALUES (${id}::uuid, ${caseId}::uuid, ${actor.agencyId}::uuid, ${toAgencyId}::uuid, 'REQUESTED', ${actor.userId}::uuid, now(),
                now() + make_interval(days => ${dueDays}::int), 1, now())`,

  updateIdentification: (id: string, version: number, sets: Sql): Sql =>
    sql`UPDATE identification_request SET ${sets}, version = version + 1, updated_at = now() WHERE id = ${id}::uuid AND version = ${version}::int`,

  /** A closure request of a case the caller's agency leads in scope. */
  loadClosure: (actor: Actor, id: string, lock: boolean): Sql =>
    sql`SELECT ${CR} FROM closure_request cr ${CR_JOINS}
         WHERE cr.id = ${id}::uuid AND ${caseLead(actor, 'c')}
         ${raw(lock ? 'FOR UPDATE OF cr, c' : '')}`,

  latestClosure: (actor: Actor, caseId: string): Sql =>
    sql`SELECT ${CR} FROM closure_request cr ${CR_JOINS}
         WHERE cr.case_id = ${caseId}::uuid AND ${caseLead(actor, 'c')}
         ORDER BY (cr.status = 'REQUESTED') DESC, cr.requested_at DESC, cr.id DESC LIMIT 1`,

  openClosure: (caseId: string): Sql =>
    sql`SELECT 1 AS open FROM closure_request WHERE case_id = ${caseId}::uuid AND status = 'REQUESTED'`,

  insertClosure: (id: string, caseId: string, actor: Actor, reason: string, noteEnc: string | null): Sql =>
    sql`INSERT INTO closure_request (id, case_id, agency_id, status, reason, note_enc, requested_by_id, requested_at, version, updated_at)
        VALUES (${id}::uuid, ${caseId}::uuid, ${actor.agencyId}::uuid, 'REQUESTED', ${reason}, ${noteEnc}, ${actor.userId}::uuid, now(), 1, now())`,

  /** A supervisor closed the case directly: the open closure request, if any, is decided with it. */
  approveOpenClosure: (caseId: string, actor: Actor): Sql =>
    sql`UPDATE closure_request SET status = 'APPROVED', decided_at = now(), decided_by_id = ${actor.userId}::uuid, version = version + 1, updated_at = now()
         WHERE case_id = ${caseId}::uuid AND status = 'REQUESTED' RETURNING id`,

  updateClosure: (id: string, version: number, sets: Sql): Sql =>
    sql`UPDATE closure_request SET ${sets}, version = version + 1, updated_at = now() WHERE id = ${id}::uuid AND version = ${version}::int`,

  members: (caseId: string): Sql =>
    sql`SELECT m.user_id, u.username, u.display_name FROM case_restriction_member m LEFT JOIN app_user u ON u.id = m.user_id
         WHERE m.case_id = ${caseId}::uuid ORDER BY u.username, m.user_id`,

  clearMembers: (caseId: string): Sql => sql`DELETE FROM case_restriction_member WHERE case_id = ${caseId}::uuid`,

  addMembers: (caseId: string, userIds: readonly string[], actor: Actor): Sql =>
    sql`INSERT INTO case_restriction_member (case_id, user_id, added_by_id, added_at)
        SELECT ${caseId}::uuid, u, ${actor.userId}::uuid, now() FROM unnest(${[...userIds]}::uuid[]) u ON CONFLICT DO NOTHING`,

  /** The case, when the caller's agency formally identified the victim on a request of it (decision 0024); `lock` for a write. */
  identifiedBy: (actor: Actor, caseId: string, lock = true): Sql =>
    sql`SELECT c.id, c.status, c.province_code, c.lead_agency_id, c.assigned_to_id FROM case_record c
         WHERE c.id = ${caseId}::uuid AND c.identification_status = 'IDENTIFIED'
           AND EXISTS (SELECT 1 FROM identification_request ir
                        WHERE ir.case_id = c.id AND ir.status = 'DECIDED' AND ir.decision = 'IDENTIFIED' AND ${identificationRequest(actor, 'ir', 'c')}
                          AND ir.to_agency_id = ${actor.agencyId}::uuid)
         ${raw(lock ? 'FOR UPDATE OF c' : '')}`,
};

/** Identification requests, closure requests and the named users of a restricted case (decision 0018: one repository per aggregate's side records). */
@Injectable()
export class CaseRequestRepository {
  constructor(private readonly cipher: FieldCipher) {}

  inbox(m: Runner, actor: Actor, status?: IdentificationRequestStatus): Promise<IdentificationRequestRow[]> {
    return select<IdentificationRequestRow>(m, caseRequestSql.inbox(actor, status));
  }

  loadIdentification(m: Runner, actor: Actor, id: string, lock = false): Promise<IdentificationRequestRow | undefined> {
    return selectOne<IdentificationRequestRow>(m, caseRequestSql.loadIdentification(actor, id, lock));
  }

  latestIdentification(m: Runner, actor: Actor, caseId: string): Promise<IdentificationRequestRow | undefined> {
    return selectOne<IdentificationRequestRow>(m, caseRequestSql.latestIdentification(actor, caseId));
  }

  async hasOpenIdentification(m: Runner, caseId: string): Promise<boolean> {
    return !!(await selectOne(m, caseRequestSql.openIdentification(caseId)));
  }

  async insertIdentification(
    m: Runner,
    actor: Actor,
    id: string,
    caseId: string,
    toAgencyId: string,
    dueDays: number,
  ): Promise<void> {
    await exec(m, caseRequestSql.insertIdentification(id, caseId, actor, toAgencyId, dueDays));
  }

  async updateIdentification(
    m: Runner,
    id: string,
    version: number,
    patch: Parameters<typeof identificationRequestTable.set>[0],
    cancelReason?: string,
  ): Promise<void> {
    const enc =
      cancelReason === undefined
        ? {}
        : {
            cancel_reason_enc: this.cipher.encrypt(cancelReason, {
              table: 'identification_request',
              column: 'cancel_reason_enc',
              rowId: id,
            }),
          };
    if (
      (await exec(
        m,
        caseRequestSql.updateIdentification(id, version, identificationRequestTable.set({ ...patch, ...enc })),
      )) !== 1
    )
      throw staleVersion('identification request');
  }

  loadClosure(m: Runner, actor: Actor, id: string, lock = false): Promise<ClosureRequestRow | undefined> {
    return selectOne<ClosureRequestRow>(m, caseRequestSql.loadClosure(actor, id, lock));
  }

  latestClosure(m: Runner, actor: Actor, caseId: string): Promise<ClosureRequestRow | undefined> {
    return selectOne<ClosureRequestRow>(m, caseRequestSql.latestClosure(actor, caseId));
  }

  /** Decides the case's open closure request as the direct close; answers its id, or null when none was open. */
  async approveOpenClosure(m: Runner, caseId: string, actor: Actor): Promise<string | null> {
    return (await selectOne<{ id: string }>(m, caseRequestSql.approveOpenClosure(caseId, actor)))?.id ?? null;
  }

  async hasOpenClosure(m: Runner, caseId: string): Promise<boolean> {
    return !!(await selectOne(m, caseRequestSql.openClosure(caseId)));
  }

  async insertClosure(
    m: Runner,
    actor: Actor,
    id: string,
    caseId: string,
    reason: string,
    note: string | null,
  ): Promise<void> {
    const noteEnc = note
      ? this.cipher.encrypt(note, { table: 'closure_request', column: 'note_enc', rowId: id })
      : null;
    await exec(m, caseRequestSql.insertClosure(id, caseId, actor, reason, noteEnc));
  }

  async updateClosure(
    m: Runner,
    id: string,
    version: number,
    patch: Parameters<typeof closureRequestTable.set>[0],
    comment?: string | null,
  ): Promise<void> {
    const enc = comment
      ? { comment_enc: this.cipher.encrypt(comment, { table: 'closure_request', column: 'comment_enc', rowId: id }) }
      : {};
    if ((await exec(m, caseRequestSql.updateClosure(id, version, closureRequestTable.set({ ...patch, ...enc })))) !== 1)
      throw staleVersion('closure request');
  }

  /** The closure request's note and comment, decrypted with their bindings. */
  closureTexts(r: ClosureRequestRow): { note: string | null; comment: string | null } {
    return {
      note: r.note_enc
        ? this.cipher.decrypt(r.note_enc, { table: 'closure_request', column: 'note_enc', rowId: r.id })
        : null,
      comment: r.comment_enc
        ? this.cipher.decrypt(r.comment_enc, { table: 'closure_request', column: 'comment_enc', rowId: r.id })
        : null,
    };
  }

  members(m: Runner, caseId: string): Promise<RestrictionMemberRow[]> {
    return select<RestrictionMemberRow>(m, caseRequestSql.members(caseId));
  }

  /** Replaces the named users of a case (none: the restriction is lifted). */
  async setMembers(m: Runner, actor: Actor, caseId: string, userIds: readonly string[]): Promise<void> {
    await exec(m, caseRequestSql.clearMembers(caseId));
    if (userIds.length) await exec(m, caseRequestSql.addMembers(caseId, userIds, actor));
  }

  /** The case, locked, when the caller's agency decided IDENTIFIED on an identification request of it (a handoff's sender). */
  lockCaseIdentifiedBy(
    m: Runner,
    actor: Actor,
    caseId: string,
  ): Promise<
    | { id: string; status: string; province_code: string; lead_agency_id: string; assigned_to_id: string | null }
    | undefined
  > {
    return selectOne(m, caseRequestSql.identifiedBy(actor, caseId));
  }

  /** Whether the caller's agency identified the victim on a request of the case: it may hand the case off (no lock: a read). */
  async identifiedBy(m: Runner, actor: Actor, caseId: string): Promise<boolean> {
    return (await selectOne(m, caseRequestSql.identifiedBy(actor, caseId, false))) !== undefined;
  }
}
