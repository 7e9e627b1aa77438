import type { DataCategory } from '@ctms/domain';
import { Injectable } from '@nestjs/common';
import { caseCategoriesOf, caseLead } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/**
 * A file of a case (evidence, a signed consent form). The file lives on disk, encrypted with its own
 * data key (data_key_enc, wrapped); the row holds what serving it safely needs. file_name_enc is
 * bound to (attachment, file_name_enc, id).
 */
export const attachmentTable = table('attachment', {
  id: col('uuid'),
  case_id: col('uuid'),
  referral_id: col('uuid').nullable(),
  handoff_id: col('uuid').nullable(),
  kind: col('varchar'),
  category: col('varchar').of<DataCategory>(),
  file_name_enc: col('text'),
  media_type: col('varchar'),
  size_bytes: col('int8'),
  sha256: col('varchar'),
  storage_key: col('varchar'),
  uploaded_by_id: col('uuid'),
  created_at: col('timestamptz'),
  /** the file's data key, wrapped; NULL for a file from before encryption until keys:rotate */
  data_key_enc: col('text').nullable(),
});

export type AttachmentRow = PickRow<
  typeof attachmentTable,
  | 'id'
  | 'case_id'
  | 'referral_id'
  | 'handoff_id'
  | 'kind'
  | 'category'
  | 'file_name_enc'
  | 'media_type'
  | 'size_bytes'
  | 'sha256'
  | 'uploaded_by_id'
  | 'created_at'
> &
  KeysetRow & { uploaded_by_username: string | null; uploaded_by_display_name: string | null };

export type AttachmentFileRow = PickRow<
  typeof attachmentTable,
  'case_id' | 'media_type' | 'storage_key' | 'sha256' | 'category' | 'data_key_enc'
>;

/** The case an upload goes to, with the editor rule's facts and whether the caller's agency leads it. */
export interface UploadCaseRow {
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  status: string;
  lead: boolean;
}

/** Who uploads what: the referral it is for (when the receiving agency uploads) and its category. */
export interface UploadScope {
  referralId?: string;
  category: string;
}

export interface NewAttachment {
  id: string;
  caseId: string;
  referralId: string | null;
  handoffId: string | null;
  kind: string;
  category: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedById: string;
  dataKeyEnc: string;
}

/** Referral states in which the receiving agency works on the case and may add files to it. */
const ACTIVE_REFERRAL = ['ACCEPTED', 'IN_PROGRESS'];

export const attachmentKeyset = keyset('a.created_at', 'a.id');

/**
 * Who may add a file to case `c`: the lead agency in scope; or, for an upload naming its referral,
 * the receiving agency of that referral while it is active, in a category its relation shows.
 */
function uploadAccess(actor: Actor, s: UploadScope): Sql {
  const lead = caseLead(actor, 'c');
  if (!s.referralId) return lead;
  return sql`(${lead} OR (EXISTS (SELECT 1 FROM referral r WHERE r.id = ${s.referralId}::uuid AND r.case_id = c.id AND r.to_agency_id = ${actor.agencyId}::uuid AND r.status = ANY(${[...ACTIVE_REFERRAL]}::text[]))
            AND ${s.category}::text = ANY(${caseCategoriesOf(actor, 'c')})))`;
}

/** The statements, pure: attachment.repository.spec.ts snapshots each one's text. */
export const attachmentSql = {
  uploadCase: (actor: Actor, caseId: string, s: UploadScope): Sql =>
    sql`SELECT c.lead_agency_id, c.province_code, c.assigned_to_id, c.status, ${caseLead(actor, 'c')} AS lead
          FROM case_record c WHERE c.id = ${caseId}::uuid AND ${uploadAccess(actor, s)}`,

  /** The case through any relation (its attachments are then filtered by category). */
  seenCase: (actor: Actor, caseId: string): Sql =>
    sql`SELECT c.id FROM case_record c WHERE c.id = ${caseId}::uuid AND ${caseCategoriesOf(actor, 'c')} IS NOT NULL`,

  referralOfCase: (referralId: string, caseId: string): Sql =>
    sql`SELECT 1 AS found FROM referral WHERE id = ${referralId}::uuid AND case_id = ${caseId}::uuid`,

  handoffOfCase: (handoffId: string, caseId: string): Sql =>
    sql`SELECT 1 AS found FROM handoff WHERE id = ${handoffId}::uuid AND case_id = ${caseId}::uuid`,

  /** The row, written only while the relation still holds (checked again by this statement). */
  insert: (actor: Actor, a: NewAttachment, fileNameEnc: string): Sql =>
    sql`INSERT INTO attachment (id, case_id, referral_id, handoff_id, kind, category, file_name_enc, media_type, size_bytes, sha256, storage_key, uploaded_by_id, created_at, data_key_enc)
        SELECT ${a.id}::uuid, c.id, ${a.referralId}::uuid, ${a.handoffId}::uuid, ${a.kind}, ${a.category}, ${fileNameEnc},
               ${a.mediaType}, ${a.sizeBytes}, ${a.sha256}, ${a.storageKey}, ${a.uploadedById}::uuid, clock_timestamp(), ${a.dataKeyEnc}
          FROM case_record c WHERE c.id = ${a.caseId}::uuid AND ${uploadAccess(actor, { referralId: a.referralId ?? undefined, category: a.category })}
        RETURNING id`,

  /** A case's attachments whose category the caller's relation shows, newest first; or the one with `id`. */
  list: (actor: Actor, caseId: string, opts: { id?: string; cursor?: string; limit?: number }): Sql =>
    sql`SELECT a.id, a.case_id, a.referral_id, a.handoff_id, a.kind, a.category, a.file_name_enc, a.media_type, a.size_bytes::text AS size_bytes,
               a.sha256, a.uploaded_by_id, u.username AS uploaded_by_username, u.display_name AS uploaded_by_display_name, a.created_at, ${attachmentKeyset.key}
          FROM attachment a JOIN case_record c ON c.id = a.case_id LEFT JOIN app_user u ON u.id = a.uploaded_by_id
         WHERE ${and([
           sql`a.case_id = ${caseId}::uuid`,
           sql`a.category = ANY(${caseCategoriesOf(actor, 'c')})`,
           opts.id ? sql`a.id = ${opts.id}::uuid` : sql``,
           attachmentKeyset.after(opts.cursor),
         ])}
         ORDER BY ${attachmentKeyset.order} LIMIT ${attachmentKeyset.limit(opts.limit)}`,

  /** What serving one file needs, when the caller's relation shows its category. */
  file: (actor: Actor, id: string): Sql =>
    sql`SELECT a.case_id, a.media_type, a.storage_key, a.sha256, a.category, a.data_key_enc
          FROM attachment a JOIN case_record c ON c.id = a.case_id
         WHERE a.id = ${id}::uuid AND a.category = ANY(${caseCategoriesOf(actor, 'c')})`,
};

/** The attachment aggregate's data access (decision 0018): SQL, row types and the file name's encryption binding. */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly cipher: FieldCipher) {}

  uploadCase(m: Runner, actor: Actor, caseId: string, s: UploadScope): Promise<UploadCaseRow | undefined> {
    return selectOne<UploadCaseRow>(m, attachmentSql.uploadCase(actor, caseId, s));
  }

  async seesCase(m: Runner, actor: Actor, caseId: string): Promise<boolean> {
    return (await selectOne(m, attachmentSql.seenCase(actor, caseId))) !== undefined;
  }

  async referralOfCase(m: Runner, referralId: string, caseId: string): Promise<boolean> {
    return (await selectOne(m, attachmentSql.referralOfCase(referralId, caseId))) !== undefined;
  }

  async handoffOfCase(m: Runner, handoffId: string, caseId: string): Promise<boolean> {
    return (await selectOne(m, attachmentSql.handoffOfCase(handoffId, caseId))) !== undefined;
  }

  /** Inserts the row while the caller's relation holds; false when it no longer does. */
  async insert(m: Runner, actor: Actor, a: NewAttachment): Promise<boolean> {
    const rows = await select<{ id: string }>(
      m,
      attachmentSql.insert(actor, a, this.cipher.encrypt(a.fileName, this.bindName(a.id))),
    );
    return rows.length > 0;
  }

  list(
    m: Runner,
    actor: Actor,
    caseId: string,
    opts: { id?: string; cursor?: string; limit?: number },
  ): Promise<AttachmentRow[]> {
    return select<AttachmentRow>(m, attachmentSql.list(actor, caseId, opts));
  }

  file(m: Runner, actor: Actor, id: string): Promise<AttachmentFileRow | undefined> {
    return selectOne<AttachmentFileRow>(m, attachmentSql.file(actor, id));
  }

  fileName(r: Pick<AttachmentRow, 'id' | 'file_name_enc'>): string {
    return this.cipher.decrypt(r.file_name_enc, this.bindName(r.id));
  }

  private bindName(rowId: string) {
    return { table: 'attachment', column: 'file_name_enc', rowId };
  }
}
