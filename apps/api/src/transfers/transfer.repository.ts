import { Injectable } from '@nestjs/common';
import type { DataCategory, DeclineReason, FormerLeadAccess, TransferStatus, Urgency } from '@ctms/domain';
import { transfer as transferAccess } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow, type RowOf } from '../platform/database/table';
import { staleVersion } from '../platform/http/errors';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/**
 * A request to move a case to another lead agency or another province office of its agency
 * (docs/workflows.md "Case transfer"). `categories` is what the receiver previews while it is asked;
 * `retained_categories` what the former lead keeps after an accepted lead transfer. Both are read by
 * case_relation_categories (the access layer), never here.
 * Indexes: IDX_case_transfer_incoming (to agency, status, respond_by, id), _outgoing, _case;
 * UQ_case_transfer_requested (one REQUESTED per case).
 */
export const transferTable = table('case_transfer', {
  id: col('uuid'),
  case_id: col('uuid'),
  from_agency_id: col('uuid'),
  from_province_code: col('varchar'),
  to_agency_id: col('uuid'),
  to_province_code: col('varchar'),
  requested_by_id: col('uuid'),
  urgency: col('varchar').of<Urgency>(),
  reason_enc: col('text').nullable(),
  categories: col('_text').of<DataCategory[]>(),
  consent_ids: col('_uuid'),
  former_lead_access: col('varchar').of<FormerLeadAccess>(),
  retained_categories: col('_text').of<DataCategory[]>(),
  status: col('varchar').of<TransferStatus>(),
  assigned_to_id: col('uuid').nullable(),
  decline_reason: col('varchar').of<DeclineReason>().nullable(),
  /** decline and cancellation texts */
  notes_enc: col('text').nullable(),
  respond_by: col('timestamptz'),
  responded_at: col('timestamptz').nullable(),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});

export type TransferRow = RowOf<typeof transferTable>;

export type TransferSummaryRow = PickRow<
  typeof transferTable,
  | 'id'
  | 'case_id'
  | 'from_agency_id'
  | 'to_agency_id'
  | 'from_province_code'
  | 'to_province_code'
  | 'urgency'
  | 'status'
  | 'respond_by'
  | 'created_at'
  | 'updated_at'
  | 'version'
> &
  KeysetRow & { case_number: string; from_agency_code: string; to_agency_code: string };

export type TransferDetailRow = TransferSummaryRow &
  PickRow<
    typeof transferTable,
    | 'requested_by_id'
    | 'reason_enc'
    | 'categories'
    | 'consent_ids'
    | 'former_lead_access'
    | 'retained_categories'
    | 'assigned_to_id'
    | 'decline_reason'
    | 'notes_enc'
    | 'responded_at'
  > & {
    requested_username: string | null;
    requested_display_name: string | null;
    assigned_username: string | null;
    assigned_display_name: string | null;
    case_status: string;
    case_lead_agency_id: string;
    case_province_code: string;
  };

export interface TransferFilter {
  box: 'incoming' | 'outgoing';
  status?: TransferStatus;
  cursor?: string;
  limit?: number;
}

/** A new transfer, its reason in plaintext (the repository encrypts it, bound to the row). */
export interface NewTransfer {
  id: string;
  caseId: string;
  fromAgencyId: string;
  fromProvinceCode: string;
  toAgencyId: string;
  toProvinceCode: string;
  requestedById: string;
  urgency: Urgency;
  reason: string;
  categories: DataCategory[];
  consentIds: string[];
  formerLeadAccess: FormerLeadAccess;
  respondBy: Date;
}

/** What an accepted transfer does to its case: the new lead, province and worker. */
export interface CaseMove {
  caseId: string;
  fromAgencyId: string;
  fromProvinceCode: string;
  toAgencyId: string;
  toProvinceCode: string;
  assigneeId: string;
}

/** The inbox: what is due first. */
export const transferKeyset = keyset('t.respond_by', 't.id', 'oldest');

const SUMMARY =
  raw(`t.id, t.case_id, c.case_number, t.from_agency_id, fa.code AS from_agency_code, t.to_agency_id, ta.code AS to_agency_code,
  t.from_province_code, t.to_province_code, t.urgency, t.status, t.respond_by, t.created_at, t.updated_at, t.version`);
const JOINS = raw(
  `JOIN case_record c ON c.id = t.case_id JOIN agency fa ON fa.id = t.from_agency_id JOIN agency ta ON ta.id = t.to_agency_id`,
);

/** The statements, pure: transfer.repository.spec.ts snapshots each one's text. */
export const transferSql = {
  list: (actor: Actor, f: TransferFilter): Sql =>
    sql`SELECT ${SUMMARY}, ${transferKeyset.key}
          FROM case_transfer t ${JOINS}
         WHERE ${and([
           transferAccess(actor, 't'),
           f.box === 'incoming'
             ? sql`t.to_agency_id = ${actor.agencyId}::uuid`
             : sql`t.from_agency_id = ${actor.agencyId}::uuid`,
           f.status ? sql`t.status = ${f.status}` : sql``,
           transferKeyset.after(f.cursor),
         ])}
         ORDER BY ${transferKeyset.order} LIMIT ${transferKeyset.limit(f.limit)}`,

  /** One transfer the caller may see (sending or receiving side in scope), with its case's facts. */
  load: (actor: Actor, id: string, lock: boolean): Sql =>
    sql`SELECT ${SUMMARY}, ${transferKeyset.key}, t.requested_by_id, ru.username AS requested_username, ru.display_name AS requested_display_name,
               t.reason_enc, t.categories, t.consent_ids, t.former_lead_access, t.retained_categories,
               t.assigned_to_id, au.username AS assigned_username, au.display_name AS assigned_display_name, t.decline_reason, t.notes_enc, t.responded_at,
               c.status AS case_status, c.lead_agency_id AS case_lead_agency_id, c.province_code AS case_province_code
          FROM case_transfer t ${JOINS}
          LEFT JOIN app_user ru ON ru.id = t.requested_by_id
          LEFT JOIN app_user au ON au.id = t.assigned_to_id
         WHERE t.id = ${id}::uuid AND ${transferAccess(actor, 't')}
         ${raw(lock ? 'FOR UPDATE OF t' : '')}`,

  /** The case's transfer waiting for an answer, if any (one at a time: UQ_case_transfer_requested). */
  requestedFor: (caseId: string): Sql =>
    sql`SELECT id FROM case_transfer WHERE case_id = ${caseId}::uuid AND status = 'REQUESTED'`,

  insert: (t: NewTransfer, reasonEnc: string | null): Sql =>
    sql`INSERT INTO case_transfer (id, case_id, from_agency_id, from_province_code, to_agency_id, to_province_code, requested_by_id, urgency, reason_enc,
          categories, consent_ids, former_lead_access, status, respond_by, version, created_at, updated_at)
        VALUES (${t.id}::uuid, ${t.caseId}::uuid, ${t.fromAgencyId}::uuid, ${t.fromProvinceCode}, ${t.toAgencyId}::uuid, ${t.toProvinceCode}, ${t.requestedById}::uuid,
          ${t.urgency}, ${reasonEnc}, ${t.categories}::text[], ${t.consentIds}::uuid[], ${t.formerLeadAccess}, 'REQUESTED', ${t.respondBy}, 1, now(), now())`,

  /** A versioned update: 0 rows when someone else changed it first. */
  update: (id: string, version: number, sets: Sql): Sql =>
    sql`UPDATE case_transfer SET ${sets}, version = version + 1, updated_at = clock_timestamp() WHERE id = ${id}::uuid AND version = ${version}::int`,

  /**
   * The case changes hands: the new lead agency, province and worker, only while it is still where
   * the transfer found it and open (0 rows otherwise).
   */
  moveCase: (m: CaseMove): Sql =>
    sql`UPDATE case_record SET lead_agency_id = ${m.toAgencyId}::uuid, province_code = ${m.toProvinceCode}, assigned_to_id = ${m.assigneeId}::uuid,
               version = version + 1, updated_at = now()
         WHERE id = ${m.caseId}::uuid AND lead_agency_id = ${m.fromAgencyId}::uuid AND province_code = ${m.fromProvinceCode} AND status <> 'CLOSED'`,
};

/** The transfer aggregate's data access (decision 0018): SQL, row types, versioned updates and the encryption binding. */
@Injectable()
export class TransferRepository {
  constructor(private readonly cipher: FieldCipher) {}

  list(m: Runner, actor: Actor, f: TransferFilter): Promise<TransferSummaryRow[]> {
    return select<TransferSummaryRow>(m, transferSql.list(actor, f));
  }

  load(m: Runner, actor: Actor, id: string, lock = false): Promise<TransferDetailRow | undefined> {
    return selectOne<TransferDetailRow>(m, transferSql.load(actor, id, lock));
  }

  async requestedFor(m: Runner, caseId: string): Promise<string | null> {
    return (await selectOne<{ id: string }>(m, transferSql.requestedFor(caseId)))?.id ?? null;
  }

  async insert(m: Runner, t: NewTransfer): Promise<void> {
    await exec(
      m,
      transferSql.insert(
        t,
        this.cipher.encrypt(t.reason, { table: 'case_transfer', column: 'reason_enc', rowId: t.id }),
      ),
    );
  }

  /** SETs at the version read (`staleVersion` when someone else changed it); `note` replaces notes_enc when given. */
  async update(
    m: Runner,
    t: Pick<TransferRow, 'id' | 'version'>,
    patch: Parameters<typeof transferTable.set>[0],
    note?: string | null,
  ): Promise<void> {
    const notes = note ? this.cipher.encrypt(note, { table: 'case_transfer', column: 'notes_enc', rowId: t.id }) : null;
    const sets = transferTable.set(note === undefined ? patch : { ...patch, notes_enc: notes });
    if ((await exec(m, transferSql.update(t.id, t.version, sets))) !== 1) throw staleVersion('transfer');
  }

  /** Moves the case; false when it is no longer where the transfer found it, or closed. */
  async moveCase(m: Runner, move: CaseMove): Promise<boolean> {
    return (await exec(m, transferSql.moveCase(move))) === 1;
  }

  decrypt(t: Pick<TransferRow, 'id'>, column: 'reason_enc' | 'notes_enc', value: string | null): string | null {
    return this.cipher.decrypt(value, { table: 'case_transfer', column, rowId: t.id });
  }
}
