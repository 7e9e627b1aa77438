import { Injectable } from '@nestjs/common';
import type { ExportKind, ExportStatus } from '@ctms/domain';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { caseLead, exportToApprove, ownExport } from '../platform/access/access';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow, type RowOf } from '../platform/database/table';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/** The coded filters of a case-list export (never free text). */
export interface ExportFilters {
  status?: string;
  province?: string;
}

/**
 * An export request and its file. The row holds ids, codes and counts only: the filters are coded
 * values, the file sits under EXPORTS_DIR with a name the server chose, and the job that makes it
 * carries only this row's id; the reasons are the people's own words, so they are encrypted and bound
 * to the row (decision 0035). CHK_export_job_approver / CHK_export_job_decliner: the second person is
 * not the requester.
 * Indexes: IDX_export_job_requester (requester, created_at, id), IDX_export_job_agency_status.
 */
export const exportJobTable = table('export_job', {
  id: col('uuid'),
  kind: col('varchar').of<ExportKind>(),
  status: col('varchar').of<ExportStatus>(),
  requested_by_id: col('uuid'),
  /** the requester's agency when asked: approvers come from it */
  agency_id: col('uuid'),
  filters: col('jsonb').of<ExportFilters>(),
  case_id: col('uuid').nullable(),
  include_identity: col('bool'),
  approved_by_id: col('uuid').nullable(),
  approved_at: col('timestamptz').nullable(),
  /** why the requester asks (their words; null only on rows asked before reasons were required) */
  reason_enc: col('text').nullable(),
  declined_by_id: col('uuid').nullable(),
  declined_at: col('timestamptz').nullable(),
  /** why the second person declined (their words) */
  decline_reason_enc: col('text').nullable(),
  /** the file's name under EXPORTS_DIR (the export id and an extension) */
  file_key: col('varchar').nullable(),
  /** the file's own data key, wrapped by the keyring (FieldCipher, bound to this row; decision 0013) */
  data_key_enc: col('text').nullable(),
  /** the plaintext's size (the file on disk is its encrypted envelope) */
  size_bytes: col('int8').nullable(),
  row_count: col('int4').nullable(),
  /** a code, never a message with data in it */
  error_code: col('varchar').nullable(),
  attempts: col('int4'),
  created_at: col('timestamptz'),
  started_at: col('timestamptz').nullable(),
  finished_at: col('timestamptz').nullable(),
  /** the download must happen before this */
  expires_at: col('timestamptz').nullable(),
  downloaded_at: col('timestamptz').nullable(),
});
export type ExportJobRow = RowOf<typeof exportJobTable>;

/** An export as its view shows it. */
export type ExportRow = PickRow<
  typeof exportJobTable,
  | 'id'
  | 'kind'
  | 'status'
  | 'filters'
  | 'case_id'
  | 'include_identity'
  | 'requested_by_id'
  | 'approved_by_id'
  | 'row_count'
  | 'size_bytes'
  | 'error_code'
  | 'created_at'
  | 'finished_at'
  | 'expires_at'
  | 'downloaded_at'
  | 'reason_enc'
  | 'declined_by_id'
  | 'decline_reason_enc'
> &
  KeysetRow & {
    requested_username: string;
    requested_display_name: string;
    approved_username: string | null;
    declined_username: string | null;
  };

/** What the job needs of its row. */
export type JobRow = PickRow<
  typeof exportJobTable,
  | 'id'
  | 'kind'
  | 'status'
  | 'requested_by_id'
  | 'agency_id'
  | 'filters'
  | 'case_id'
  | 'include_identity'
  | 'approved_by_id'
>;

/** The download's claim: the file and its wrapped key. */
export type DownloadRow = PickRow<typeof exportJobTable, 'id' | 'kind' | 'file_key' | 'size_bytes' | 'data_key_enc'>;

export type NewExport = PickRow<
  typeof exportJobTable,
  'id' | 'kind' | 'status' | 'requested_by_id' | 'agency_id' | 'filters' | 'case_id' | 'include_identity' | 'reason_enc'
>;

/** An export row with its reasons decrypted (what the mapper turns into the view). */
export type ExportReadRow = Omit<ExportRow, 'reason_enc' | 'decline_reason_enc'> & {
  reason: string | null;
  decline_reason: string | null;
};

/** The binding of an export's encrypted reasons (FieldCipher AAD). */
const reasonBinding = (id: string, column: 'reason_enc' | 'decline_reason_enc') => ({
  table: 'export_job',
  column,
  rowId: id,
});

/** A case of a case-list export (identity columns null unless the export carries identity). */
export interface CaseListRow {
  id: string;
  case_number: string;
  status: string;
  identification_status: string;
  province_code: string;
  agency_code: string;
  assigned_username: string | null;
  flags: string[];
  exploitation_types: string[];
  risk_level: string | null;
  opened_at: Date;
  updated_at: Date;
  person_id: string | null;
  identity_enc: string | null;
  sex: string | null;
}

/** The case of a case-file export. */
export type CasePdfRow = CaseListRow & {
  exploitation_enc: string | null;
  plan_enc: string | null;
  needs: string[];
  destination_countries: string[];
  closed_at: Date | null;
};

export interface CaseNoteRow {
  id: string;
  body_enc: string;
  category: string;
  created_at: Date;
  username: string | null;
}

export const exportKeyset = keyset('e.created_at', 'e.id');

const VIEW = sql`SELECT e.id, e.kind, e.status, e.filters, e.case_id, e.include_identity, e.requested_by_id, ru.username AS requested_username,
  ru.display_name AS requested_display_name, e.approved_by_id, au.username AS approved_username, e.row_count, e.size_bytes::text AS size_bytes,
  e.error_code, e.created_at, e.finished_at, e.expires_at, e.downloaded_at, e.reason_enc, e.declined_by_id, du.username AS declined_username,
  e.decline_reason_enc, ${exportKeyset.key}
  FROM export_job e JOIN app_user ru ON ru.id = e.requested_by_id LEFT JOIN app_user au ON au.id = e.approved_by_id
  LEFT JOIN app_user du ON du.id = e.declined_by_id`;

const CASE_COLUMNS =
  raw(`c.id, c.case_number, c.status, c.identification_status, c.province_code, a.code AS agency_code, u.username AS assigned_username,
  c.flags, c.exploitation_types, c.risk_level, c.opened_at, c.updated_at`);
const CASE_JOINS = raw(`JOIN agency a ON a.id = c.lead_agency_id LEFT JOIN app_user u ON u.id = c.assigned_to_id`);

/** The statements, pure: export.repository.spec.ts snapshots each one's text. */
export const exportSql = {
  /** A case the caller's agency leads in scope (a case-file export may name only such a case). */
  leadCase: (actor: Actor, caseId: string): Sql =>
    sql`SELECT 1 FROM case_record c WHERE c.id = ${caseId}::uuid AND ${caseLead(actor, 'c')}`,

  insert: (e: NewExport): Sql =>
    sql`INSERT INTO export_job (id, kind, status, requested_by_id, agency_id, filters, case_id, include_identity, reason_enc)
        VALUES (${e.id}::uuid, ${e.kind}, ${e.status}, ${e.requested_by_id}::uuid, ${e.agency_id}::uuid, ${JSON.stringify(e.filters)}::jsonb, ${e.case_id}::uuid, ${e.include_identity}, ${e.reason_enc})`,

  /** An export of the caller's agency, locked for the review (the requester's own included: that is a 409, not a 404). */
  lockOfAgency: (actor: Actor, id: string): Sql =>
    sql`SELECT e.requested_by_id, e.agency_id, e.status, e.kind, e.include_identity FROM export_job e WHERE e.id = ${id}::uuid AND e.agency_id = ${actor.agencyId}::uuid FOR UPDATE`,

  approve: (id: string, approverId: string): Sql =>
    sql`UPDATE export_job SET status = 'QUEUED', approved_by_id = ${approverId}::uuid, approved_at = now() WHERE id = ${id}::uuid AND status = 'AWAITING_APPROVAL'`,

  decline: (id: string, declinerId: string, reasonEnc: string): Sql =>
    sql`UPDATE export_job SET status = 'DECLINED', declined_by_id = ${declinerId}::uuid, declined_at = now(), decline_reason_enc = ${reasonEnc}, finished_at = now()
         WHERE id = ${id}::uuid AND status = 'AWAITING_APPROVAL'`,

  /** One export as its view shows it, without an access rule: only after a write that checked it. */
  view: (id: string): Sql => sql`${VIEW} WHERE e.id = ${id}::uuid`,

  /** One of the caller's own exports. */
  own: (actor: Actor, id: string): Sql => sql`${VIEW} WHERE e.id = ${id}::uuid AND ${ownExport(actor, 'e')}`,

  /** The caller's own exports, or those of their agency waiting for them to approve; newest first. */
  list: (actor: Actor, box: 'own' | 'awaiting', cursor: string | undefined, limit: number | undefined): Sql =>
    sql`${VIEW}
         WHERE ${and([box === 'own' ? ownExport(actor, 'e') : sql`${exportToApprove(actor, 'e')} AND e.status = 'AWAITING_APPROVAL'`, exportKeyset.after(cursor)])}
         ORDER BY ${exportKeyset.order} LIMIT ${exportKeyset.limit(limit)}`,

  /** The one download: READY, in time and encrypted becomes DOWNLOADED; answers the file. */
  claimDownload: (actor: Actor, id: string): Sql =>
    sql`UPDATE export_job e SET status = 'DOWNLOADED', downloaded_at = now()
         WHERE e.id = ${id}::uuid AND ${ownExport(actor, 'e')} AND e.status = 'READY' AND e.expires_at > now() AND e.data_key_enc IS NOT NULL
         RETURNING e.id, e.kind, e.file_key, e.size_bytes::text AS size_bytes, e.data_key_enc`,

  ownStatus: (actor: Actor, id: string): Sql =>
    sql`SELECT e.status FROM export_job e WHERE e.id = ${id}::uuid AND ${ownExport(actor, 'e')}`,

  /** A stored file that failed authentication. */
  integrityFailure: (id: string): Sql =>
    sql`UPDATE export_job SET status = 'FAILED', error_code = 'FILE_INTEGRITY', finished_at = now() WHERE id = ${id}::uuid AND status = 'READY'`,

  /** Who is told about an export (the worker's handlers). */
  facts: (id: string): Sql => sql`SELECT requested_by_id, agency_id, case_id FROM export_job WHERE id = ${id}::uuid`,

  /** The job claims its row (again, after a crash). */
  claimRun: (id: string): Sql =>
    sql`UPDATE export_job SET status = 'RUNNING', started_at = now(), attempts = attempts + 1
         WHERE id = ${id}::uuid AND status IN ('QUEUED', 'RUNNING')
         RETURNING id, kind, status, requested_by_id, agency_id, filters, case_id, include_identity, approved_by_id`,

  ready: (
    id: string,
    f: { fileKey: string; size: number; rows: number; ttlSeconds: number; dataKeyEnc: string },
  ): Sql =>
    sql`UPDATE export_job SET status = 'READY', file_key = ${f.fileKey}, size_bytes = ${f.size}, row_count = ${f.rows}, finished_at = now(),
               expires_at = now() + make_interval(secs => ${f.ttlSeconds}), error_code = NULL, data_key_enc = ${f.dataKeyEnc}
         WHERE id = ${id}::uuid AND status = 'RUNNING'`,

  /** A job still to run or running (its last attempt failed). */
  unfinished: (id: string): Sql =>
    sql`SELECT id, kind FROM export_job WHERE id = ${id}::uuid AND status IN ('QUEUED', 'RUNNING')`,

  fail: (id: string, code: string): Sql =>
    sql`UPDATE export_job SET status = 'FAILED', error_code = ${code}, finished_at = now() WHERE id = ${id}::uuid`,

  /** Exports not downloaded in time. */
  expire: (): Sql =>
    sql`UPDATE export_job SET status = 'EXPIRED' WHERE status = 'READY' AND expires_at <= now() RETURNING id, file_key`,

  /** One batch of the cases the requester leads in scope, with the filters, after `after` (by id). */
  caseBatch: (actor: Actor, filters: ExportFilters, identity: boolean, after: string, batch: number): Sql =>
    sql`SELECT ${CASE_COLUMNS},
               ${raw(identity ? `p.id AS person_id, p.identity_enc, p.sex` : `NULL::uuid AS person_id, NULL::text AS identity_enc, NULL::text AS sex`)}
          FROM case_record c ${CASE_JOINS} ${raw(identity ? `JOIN person p ON p.id = c.person_id` : '')}
         WHERE ${and([
           caseLead(actor, 'c'),
           filters.status ? sql`c.status = ${filters.status}` : sql``,
           filters.province ? sql`c.province_code = ${filters.province}` : sql``,
         ])} AND c.id > ${after}::uuid
         ORDER BY c.id LIMIT ${batch}`,

  /** The case of a case-file export, when the requester leads it in scope. */
  casePdf: (actor: Actor, caseId: string): Sql =>
    sql`SELECT ${CASE_COLUMNS}, c.closed_at, c.needs, c.destination_countries, c.exploitation_enc, c.plan_enc, p.id AS person_id, p.identity_enc, p.sex
          FROM case_record c ${CASE_JOINS} JOIN person p ON p.id = c.person_id
         WHERE c.id = ${caseId}::uuid AND ${caseLead(actor, 'c')}`,

  /** The notes of a case-file export's case (already checked by `casePdf`). */
  caseNotes: (caseId: string): Sql =>
    sql`SELECT n.id, n.body_enc, n.category, n.created_at, u.username FROM case_note n LEFT JOIN app_user u ON u.id = n.author_id
         WHERE n.case_id = ${caseId}::uuid ORDER BY n.created_at, n.id LIMIT 500`,
};

/**
 * The export jobs' data access (decision 0018). The reasons' encryption binding lives here: the
 * service hands plaintext in and gets it back. The file's key binding stays with the file cipher.
 */
@Injectable()
export class ExportRepository {
  constructor(private readonly cipher: FieldCipher) {}

  /** Encrypts the requester's reason for a new row (bound to its id). */
  sealReason(id: string, reason: string): string {
    return this.cipher.encrypt(reason, reasonBinding(id, 'reason_enc'));
  }

  private open(r: ExportRow): ExportReadRow {
    const { reason_enc, decline_reason_enc, ...rest } = r;
    return {
      ...rest,
      reason: reason_enc ? this.cipher.decrypt(reason_enc, reasonBinding(r.id, 'reason_enc')) : null,
      decline_reason: decline_reason_enc
        ? this.cipher.decrypt(decline_reason_enc, reasonBinding(r.id, 'decline_reason_enc'))
        : null,
    };
  }

  async leadCase(m: Runner, actor: Actor, caseId: string): Promise<boolean> {
    return (await selectOne(m, exportSql.leadCase(actor, caseId))) !== undefined;
  }

  async insert(m: Runner, e: NewExport): Promise<void> {
    await exec(m, exportSql.insert(e));
  }

  lockOfAgency(
    m: Runner,
    actor: Actor,
    id: string,
  ): Promise<
    PickRow<typeof exportJobTable, 'requested_by_id' | 'agency_id' | 'status' | 'kind' | 'include_identity'> | undefined
  > {
    return selectOne(m, exportSql.lockOfAgency(actor, id));
  }

  /** Answers the rows changed (1, or 0 when it no longer waits). */
  approve(m: Runner, id: string, approverId: string): Promise<number> {
    return exec(m, exportSql.approve(id, approverId));
  }

  /** Answers the rows changed (1, or 0 when it no longer waits). */
  decline(m: Runner, id: string, declinerId: string, reason: string): Promise<number> {
    return exec(
      m,
      exportSql.decline(id, declinerId, this.cipher.encrypt(reason, reasonBinding(id, 'decline_reason_enc'))),
    );
  }

  async view(m: Runner, id: string): Promise<ExportReadRow | undefined> {
    const r = await selectOne<ExportRow>(m, exportSql.view(id));
    return r && this.open(r);
  }

  async own(m: Runner, actor: Actor, id: string): Promise<ExportReadRow | undefined> {
    const r = await selectOne<ExportRow>(m, exportSql.own(actor, id));
    return r && this.open(r);
  }

  async list(
    m: Runner,
    actor: Actor,
    box: 'own' | 'awaiting',
    cursor: string | undefined,
    limit: number | undefined,
  ): Promise<ExportReadRow[]> {
    return (await select<ExportRow>(m, exportSql.list(actor, box, cursor, limit))).map((r) => this.open(r));
  }

  claimDownload(m: Runner, actor: Actor, id: string): Promise<DownloadRow | undefined> {
    return selectOne<DownloadRow>(m, exportSql.claimDownload(actor, id));
  }

  async ownStatus(m: Runner, actor: Actor, id: string): Promise<ExportStatus | undefined> {
    return (await selectOne<{ status: ExportStatus }>(m, exportSql.ownStatus(actor, id)))?.status;
  }

  async integrityFailure(m: Runner, id: string): Promise<void> {
    await exec(m, exportSql.integrityFailure(id));
  }

  facts(
    m: Runner,
    id: string,
  ): Promise<PickRow<typeof exportJobTable, 'requested_by_id' | 'agency_id' | 'case_id'> | undefined> {
    return selectOne(m, exportSql.facts(id));
  }

  claimRun(m: Runner, id: string): Promise<JobRow | undefined> {
    return selectOne<JobRow>(m, exportSql.claimRun(id));
  }

  async ready(m: Runner, id: string, f: Parameters<typeof exportSql.ready>[1]): Promise<void> {
    await exec(m, exportSql.ready(id, f));
  }

  unfinished(m: Runner, id: string): Promise<PickRow<typeof exportJobTable, 'id' | 'kind'> | undefined> {
    return selectOne(m, exportSql.unfinished(id));
  }

  async fail(m: Runner, id: string, code: string): Promise<void> {
    await exec(m, exportSql.fail(id, code));
  }

  expire(m: Runner): Promise<PickRow<typeof exportJobTable, 'id' | 'file_key'>[]> {
    return select(m, exportSql.expire());
  }

  caseBatch(
    m: Runner,
    actor: Actor,
    filters: ExportFilters,
    identity: boolean,
    after: string,
    batch: number,
  ): Promise<CaseListRow[]> {
    return select<CaseListRow>(m, exportSql.caseBatch(actor, filters, identity, after, batch));
  }

  casePdf(m: Runner, actor: Actor, caseId: string): Promise<CasePdfRow | undefined> {
    return selectOne<CasePdfRow>(m, exportSql.casePdf(actor, caseId));
  }

  caseNotes(m: Runner, caseId: string): Promise<CaseNoteRow[]> {
    return select<CaseNoteRow>(m, exportSql.caseNotes(caseId));
  }
}
