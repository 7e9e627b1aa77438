import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Page, AttachmentView } from '@ctms/domain';
import { requireCaseEditor } from '../platform/access/editor';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, NotFound, RefusedId, UnsupportedMediaType, ValidationFailed } from '../platform/http/errors';
import type { PageQueryDto } from '../platform/http/pagination';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { TransitionRunner } from '../platform/workflow/transition-runner';
import { AttachmentStorage } from './attachment-storage';
import type { UploadAttachmentDto } from './attachment.dto';
import { AttachmentRepository, attachmentKeyset, type AttachmentRow } from './attachment.repository';
import { EXTENSIONS, inspectFile, UnacceptableFile, type AcceptedMediaType } from './file-content';

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

const MAX_NAME = 255;

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
    private readonly storage: AttachmentStorage,
    private readonly attachments: AttachmentRepository,
    private readonly runner: TransitionRunner,
  ) {}

  async upload(
    ctx: RequestContext,
    caseId: string,
    dto: UploadAttachmentDto,
    file: UploadedFile | undefined,
  ): Promise<AttachmentView> {
    if (!file)
      throw new ValidationFailed([{ field: 'file', problems: ['file is required (a multipart part named "file")'] }]);
    if (file.size === 0 || file.buffer.length === 0)
      throw new ValidationFailed([{ field: 'file', problems: ['file is empty'] }]);
    const actor = actorOf(ctx);

    // the relation first: a caller without one gets the standard 404 whatever the file is
    const found = await this.attachments.uploadCase(this.ds, actor, caseId, {
      referralId: dto.referralId,
      category: dto.category,
    });
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
      throw new UnsupportedMediaType(
        [{ field: 'file', problems: [e.message, `accepted: PDF, JPEG, PNG (${acceptedExtensions()})`] }],
        'The file is not an accepted type',
      );
    }

    const id = randomUUID();
    const key = this.storage.newKey(id);
    const dataKey = this.storage.newDataKey(id);
    const { path: temp, sha256 } = await this.storage.writeTemp(clean.bytes, id, dataKey.key);
    let placed = false;
    try {
      await this.ds.transaction(async (m) => {
        // the relation is checked again by the statement that writes the row
        const inserted = await this.attachments.insert(m, actor, {
          id,
          caseId,
          referralId: dto.referralId ?? null,
          handoffId: dto.handoffId ?? null,
          kind: dto.kind,
          category: dto.category,
          fileName,
          mediaType: clean.mediaType,
          sizeBytes: clean.bytes.length,
          sha256,
          storageKey: key,
          uploadedById: actor.userId,
          dataKeyEnc: dataKey.wrapped,
        });
        if (!inserted) throw new NotFound();
        await this.runner.record(m, ctx, {
          objectType: 'case',
          objectId: caseId,
          audit: 'ATTACHMENT_UPLOADED',
          caseId,
          event: 'ATTACHMENT_ADDED',
          eventDetails: { attachmentId: id, kind: dto.kind, category: dto.category },
          auditDetails: {
            attachmentId: id,
            kind: dto.kind,
            category: dto.category,
            mediaType: clean.mediaType,
            sizeBytes: clean.bytes.length,
            metadataStripped: clean.stripped,
          },
        });
        await this.storage.place(temp, key);
        placed = true;
      });
    } catch (e) {
      await this.storage.remove({ path: temp }).catch(() => undefined);
      if (placed)
        await this.storage
          .remove({ key })
          .catch((err: Error) =>
            this.logger.error({ attachmentId: id, err: err.message }, 'could not remove the file of a failed upload'),
          );
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
    if (!(await this.attachments.seesCase(this.ds, actor, caseId))) throw new NotFound();
    const page = await this.loadViews(actor, caseId, { q });
    await this.audit.record(ctx, {
      action: 'ATTACHMENTS_LISTED',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
      details: { count: page.items.length },
    });
    return page;
  }

  /**
   * The plaintext of one attachment as a stream: the file is decrypted and authenticated as a whole,
   * and checked against the digest recorded at upload, before the first byte is handed out. A file
   * from before encryption (no data key) is refused until `keys:rotate` has encrypted it.
   */
  async content(ctx: RequestContext, id: string): Promise<AttachmentContent> {
    const actor = actorOf(ctx);
    const row = await this.attachments.file(this.ds, actor, id);
    if (!row) throw new NotFound();
    if (!row.data_key_enc) {
      this.logger.error({ attachmentId: id }, 'attachment file is not encrypted yet: run keys:rotate');
      throw new Conflict(
        'FILE_NOT_ENCRYPTED_YET',
        'This file is waiting to be encrypted; ask an administrator to run the key rotation',
      );
    }
    let file;
    try {
      file = await this.storage.openDecrypted(row.storage_key, id, this.storage.dataKey(id, row.data_key_enc));
    } catch (e) {
      // the error names no path or value; the file is not served
      this.logger.error(
        { attachmentId: id, err: e instanceof Error ? e.name : 'error' },
        'attachment file cannot be read or failed authentication',
      );
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
    return {
      stream: file.stream(),
      bytes: file.bytes,
      mediaType: row.media_type,
      downloadName: `attachment-${id}.${ext}`,
    };
  }

  // -------------------------------------------------------------------------------------------

  private async loadViews(
    actor: Actor,
    caseId: string,
    opts: { id?: string; q?: PageQueryDto },
  ): Promise<Page<AttachmentView>> {
    const rows = await this.attachments.list(this.ds, actor, caseId, {
      id: opts.id,
      cursor: opts.q?.cursor,
      limit: opts.q?.limit,
    });
    const page = attachmentKeyset.page(rows, opts.q?.limit);
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
      fileName: this.attachments.fileName(r),
      uploadedBy: { id: r.uploaded_by_id, username: r.uploaded_by_username, displayName: r.uploaded_by_display_name },
      createdAt: r.created_at.toISOString(),
    };
  }

  /** A referral or handoff named in the upload must belong to this case. */
  private async checkLinks(caseId: string, dto: UploadAttachmentDto): Promise<void> {
    if (dto.referralId && !(await this.attachments.referralOfCase(this.ds, dto.referralId, caseId))) {
      throw new RefusedId('referralId', 'is not a referral of this case');
    }
    if (dto.handoffId && !(await this.attachments.handoffOfCase(this.ds, dto.handoffId, caseId))) {
      throw new RefusedId('handoffId', 'is not a handoff of this case');
    }
  }
}

/** The base name the client sent, without control characters, NFC, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
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
