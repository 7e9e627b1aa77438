import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { DataCategory, Page } from '@ctms/domain';
import { actorOf } from '../platform/http/request-context';
import { addCaseEvent } from '../platform/workflow/timeline';
import { requireCaseEditor } from '../platform/access/editor';
import { TS_KEY_RE } from '../cases/cases.service';
import { caseCategoriesOf, caseLead } from '../platform/access/access';
import { and, select, selectOne, sql, type Sql } from '../platform/database/sql';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, NotFound, RefusedId, UnsupportedMediaType, ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, pageOf, PageQueryDto } from '../platform/http/pagination';
import type { Actor, RequestContext } from '../platform/http/request-context';
import { AttachmentStorage } from './attachment-storage';
import type { AttachmentView, UploadAttachmentDto } from './attachment.dto';
import { EXTENSIONS, inspectFile, UnacceptableFile, type AcceptedMediaType } from './file-content';
import { UUID_RE } from '../platform/http/params';

/** What multer (memory storage) hands over for the part named `file`. */
export interface UploadedFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export interface AttachmentContent {
  /** the plaintext, authenticated as a whole before this is returned */
  stream: Readable;
  bytes: number;
  mediaType: string;
  downloadName: string;
}

interface AttachmentRow {
  id: string;
  case_id: string;
  referral_id: string | null;
  handoff_id: string | null;
  kind: string;
  category: DataCategory;
  file_name_enc: string;
  media_type: string;
  size_bytes: string;
  sha256: string;
  uploaded_by_id: string;
  uploaded_by_username: string | null;
  uploaded_by_display_name: string | null;
  created_at: Date;
  created_key: string;
}

const FILE_NAME = (rowId: string) => ({ table: 'attachment', column: 'file_name_enc', rowId });
const MAX_NAME = 255;
/** Referral states in which the receiving agency works on the case and may add files to it. */
const ACTIVE_REFERRAL = ['ACCEPTED', 'IN_PROGRESS'];

/**
 * Attachments of a case: evidence, signed consent forms. The file lives on disk (AttachmentStorage),
 * the row holds what serving it safely needs. Who may upload: the lead agency in scope, or the
 * receiving agency of an active referral (for that referral, within the categories it sees). Who may
 * list or download: whoever the case's relations let see the attachment's category
 * (case_relation_categories), decided in the SQL that loads the rows; anyone else gets the
 * standard 404.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly storage: AttachmentStorage,
  ) {}

  async upload(ctx: RequestContext, caseId: string, dto: UploadAttachmentDto, file: UploadedFile | undefined): Promise<AttachmentView> {
    if (!file) throw new ValidationFailed([{ field: 'file', problems: ['file is required (a multipart part named "file")'] }]);
    if (file.size === 0 || file.buffer.length === 0) throw new ValidationFailed([{ field: 'file', problems: ['file is empty'] }]);
    const actor = actorOf(ctx);
    const access = uploadAccess(actor, dto);

    // the relation first: a caller without one gets the standard 404 whatever the file is
    const found = await selectOne<{ lead_agency_id: string; province_code: string; assigned_to_id: string | null; status: string; lead: boolean }>(
      this.ds,
      sql`SELECT c.lead_agency_id, c.province_code, c.assigned_to_id, c.status, ${caseLead(actor, 'c')} AS lead
            FROM case_record c WHERE c.id = ${caseId}::uuid AND ${access}`,
    );
    if (!found) throw new NotFound();
    // the lead agency's side of the editor rule: the assigned caseworker or a supervisor uploads
    if (found.lead) requireCaseEditor(actor, found);
    await this.checkLinks(caseId, dto);

    const fileName = cleanFileName(file.originalname);
    let clean;
    try {
      clean = inspectFile(file.buffer, fileName);
    } catch (e) {
      if (!(e instanceof UnacceptableFile)) throw e;
      throw new UnsupportedMediaType([{ field: 'file', problems: [e.message, `accepted: PDF, JPEG, PNG (${acceptedExtensions()})`] }], 'The file is not an accepted type');
    }

    const id = randomUUID();
    const key = this.storage.newKey(id);
    const dataKey = this.storage.newDataKey(id);
    const { path: temp, sha256 } = await this.storage.writeTemp(clean.bytes, id, dataKey.key);
    let placed = false;
    try {
      await this.ds.transaction(async (m) => {
        // the relation is checked again by the statement that writes the row
        const inserted = await select<{ id: string }>(
          m,
          sql`INSERT INTO attachment (id, case_id, referral_id, handoff_id, kind, category, file_name_enc, media_type, size_bytes, sha256, storage_key, uploaded_by_id, created_at, data_key_enc)
              SELECT ${id}::uuid, c.id, ${dto.referralId ?? null}::uuid, ${dto.handoffId ?? null}::uuid, ${dto.kind}, ${dto.category}, ${this.cipher.encrypt(fileName, FILE_NAME(id))},
                     ${clean.mediaType}, ${clean.bytes.length}, ${sha256}, ${key}, ${actor.userId}::uuid, clock_timestamp(), ${dataKey.wrapped}
                FROM case_record c WHERE c.id = ${caseId}::uuid AND ${access}
              RETURNING id`,
        );
        if (!inserted.length) throw new NotFound();
        const details = { attachmentId: id, kind: dto.kind, category: dto.category, mediaType: clean.mediaType, sizeBytes: clean.bytes.length, metadataStripped: clean.stripped };
        await addCaseEvent(m, ctx, caseId, 'ATTACHMENT_ADDED', { attachmentId: id, kind: dto.kind, category: dto.category });
        await this.audit.record(ctx, { action: 'ATTACHMENT_UPLOADED', outcome: 'ALLOWED', objectType: 'case', objectId: caseId, details }, m);
        await this.storage.place(temp, key);
        placed = true;
      });
    } catch (e) {
      await this.storage.remove({ path: temp }).catch(() => undefined);
      if (placed) await this.storage.remove({ key }).catch((err: Error) => this.logger.error({ attachmentId: id, err: err.message }, 'could not remove the file of a failed upload'));
      throw e;
    }
    const view = await this.loadViews(actor, caseId, { id });
    const first = view.items[0];
    if (!first) throw new Error('attachment vanished');
    return first;
  }

  /** The attachments of a case whose category the caller's relation shows, newest first (keyset). */
  async list(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<Page<AttachmentView>> {
    const actor = actorOf(ctx);
    const seen = await selectOne<{ id: string }>(this.ds, sql`SELECT c.id FROM case_record c WHERE c.id = ${caseId}::uuid AND ${caseCategoriesOf(actor, 'c')} IS NOT NULL`);
    if (!seen) throw new NotFound();
    const page = await this.loadViews(actor, caseId, { q });
    await this.audit.record(ctx, { action: 'ATTACHMENTS_LISTED', outcome: 'ALLOWED', objectType: 'case', objectId: caseId, details: { count: page.items.length } });
    return page;
  }

  /**
   * The plaintext of one attachment as a stream: the file is decrypted and authenticated as a whole,
   * and checked against the digest recorded at upload, before the first byte is handed out. A file
   * from before encryption (no data key) is refused until `keys:rotate` has encrypted it.
   */
  async content(ctx: RequestContext, id: string): Promise<AttachmentContent> {
    const actor = actorOf(ctx);
    const row = await selectOne<{ case_id: string; media_type: string; storage_key: string; sha256: string; category: string; data_key_enc: string | null }>(
      this.ds,
      sql`SELECT a.case_id, a.media_type, a.storage_key, a.sha256, a.category, a.data_key_enc
            FROM attachment a JOIN case_record c ON c.id = a.case_id
           WHERE a.id = ${id}::uuid AND a.category = ANY(${caseCategoriesOf(actor, 'c')})`,
    );
    if (!row) throw new NotFound();
    if (!row.data_key_enc) {
      this.logger.error({ attachmentId: id }, 'attachment file is not encrypted yet: run keys:rotate');
      throw new Conflict('FILE_NOT_ENCRYPTED_YET', 'This file is waiting to be encrypted; ask an administrator to run the key rotation');
    }
    let file;
    try {
      file = await this.storage.openDecrypted(row.storage_key, id, this.storage.dataKey(id, row.data_key_enc));
    } catch (e) {
      // the error names no path or value; the file is not served
      this.logger.error({ attachmentId: id, err: e instanceof Error ? e.name : 'error' }, 'attachment file cannot be read or failed authentication');
      throw new Error('attachment integrity check failed');
    }
    if (file.sha256 !== row.sha256) {
      await file.close();
      this.logger.error({ attachmentId: id }, 'attachment file does not match its recorded digest');
      throw new Error('attachment integrity check failed');
    }
    await this.audit.record(ctx, {
      action: 'ATTACHMENT_DOWNLOADED',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: row.case_id,
      details: { attachmentId: id, category: row.category, mediaType: row.media_type },
    });
    const ext = extensionFor(row.media_type);
    return { stream: file.stream(), bytes: file.bytes, mediaType: row.media_type, downloadName: `attachment-${id}.${ext}` };
  }

  // -------------------------------------------------------------------------------------------

  private async loadViews(actor: Actor, caseId: string, opts: { id?: string; q?: PageQueryDto }): Promise<Page<AttachmentView>> {
    const where: Sql[] = [sql`a.case_id = ${caseId}::uuid`, sql`a.category = ANY(${caseCategoriesOf(actor, 'c')})`];
    if (opts.id) where.push(sql`a.id = ${opts.id}::uuid`);
    if (opts.q?.cursor) {
      const [at, cid] = decodeTupleCursor(opts.q.cursor, [TS_KEY_RE, UUID_RE]);
      where.push(sql`(a.created_at, a.id) < (${at}::timestamptz, ${cid}::uuid)`);
    }
    const limit = opts.q?.limit ?? DEFAULT_PAGE;
    const rows = await select<AttachmentRow>(
      this.ds,
      sql`SELECT a.id, a.case_id, a.referral_id, a.handoff_id, a.kind, a.category, a.file_name_enc, a.media_type, a.size_bytes::text AS size_bytes,
                 a.sha256, a.uploaded_by_id, u.username AS uploaded_by_username, u.display_name AS uploaded_by_display_name, a.created_at,
                 to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
            FROM attachment a JOIN case_record c ON c.id = a.case_id LEFT JOIN app_user u ON u.id = a.uploaded_by_id
           WHERE ${and(where)}
           ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit + 1}`,
    );
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.created_key, r.id]));
    return { items: page.items.map((r) => this.toView(r)), nextCursor: page.nextCursor };
  }

  private toView(r: AttachmentRow): AttachmentView {
    return {
      id: r.id,
      caseId: r.case_id,
      referralId: r.referral_id,
      handoffId: r.handoff_id,
      kind: r.kind,
      category: r.category,
      mediaType: r.media_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.sha256,
      fileName: this.cipher.decrypt(r.file_name_enc, FILE_NAME(r.id)),
      uploadedBy: { id: r.uploaded_by_id, username: r.uploaded_by_username, displayName: r.uploaded_by_display_name },
      createdAt: r.created_at.toISOString(),
    };
  }

  /** A referral or handoff named in the upload must belong to this case. */
  private async checkLinks(caseId: string, dto: UploadAttachmentDto): Promise<void> {
    if (dto.referralId && !(await selectOne(this.ds, sql`SELECT 1 FROM referral WHERE id = ${dto.referralId}::uuid AND case_id = ${caseId}::uuid`))) {
      throw new RefusedId('referralId', 'is not a referral of this case');
    }
    if (dto.handoffId && !(await selectOne(this.ds, sql`SELECT 1 FROM handoff WHERE id = ${dto.handoffId}::uuid AND case_id = ${caseId}::uuid`))) {
      throw new RefusedId('handoffId', 'is not a handoff of this case');
    }
  }
}

/**
 * Who may add a file to case `c`: the lead agency in scope; or, for an upload naming its referral,
 * the receiving agency of that referral while it is active, in a category its relation shows.
 */
function uploadAccess(actor: Actor, dto: UploadAttachmentDto): Sql {
  const lead = caseLead(actor, 'c');
  if (!dto.referralId) return lead;
  return sql`(${lead} OR (EXISTS (SELECT 1 FROM referral r WHERE r.id = ${dto.referralId}::uuid AND r.case_id = c.id AND r.to_agency_id = ${actor.agencyId}::uuid AND r.status = ANY(${[...ACTIVE_REFERRAL]}::text[]))
            AND ${dto.category}::text = ANY(${caseCategoriesOf(actor, 'c')})))`;
}

/** The base name the client sent, without control characters, NFC, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return Array.from(clean).slice(0, MAX_NAME).join('') || 'attachment';
}

function extensionFor(mediaType: string): string {
  const exts = EXTENSIONS[mediaType as AcceptedMediaType] as readonly string[] | undefined;
  return mediaType === 'image/jpeg' ? 'jpg' : (exts?.[0] ?? 'bin');
}

function acceptedExtensions(): string {
  return Object.values(EXTENSIONS)
    .flat()
    .map((e) => `.${e}`)
    .join(' ');
}
