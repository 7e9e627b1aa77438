import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  exportNeedsApproval,
  exportReviewRefusal,
  type ExportReviewAction,
  type ExportStatus,
  type ExportView,
  type Page,
} from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FieldCryptoError, UnknownKeyVersionError } from '../platform/crypto/crypto-errors';
import { FileCipher, type EnvelopeReader } from '../platform/crypto/file-cipher';
import { Conflict, markAudited, NotFound, ValidationFailed } from '../platform/http/errors';
import { type Actor, type RequestContext, actorOf } from '../platform/http/request-context';
import { OutboxService } from '../platform/outbox/outbox.service';
import { exportFile } from './export-runner';
import type { CreateExportDto, ListExportsQueryDto } from './export.dto';
import { EXPORT_FILE_EXT, EXPORT_MEDIA_TYPE, EXPORT_OUTBOX_KIND } from './export.types';
import { ExportRepository, exportKeyset, type DownloadRow, type ExportReadRow } from './export.repository';

const FILE_KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(csv|xlsx|pdf)$/;

/** 410: the export was yours, but its one download has happened or its time ran out. */
export class Gone extends HttpException {
  constructor() {
    super('This export has been downloaded already or has expired', HttpStatus.GONE);
  }
}

function toView(r: ExportReadRow): ExportView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    filters: r.filters,
    caseId: r.case_id,
    includeIdentity: r.include_identity,
    reason: r.reason,
    requestedBy: { id: r.requested_by_id, username: r.requested_username, displayName: r.requested_display_name },
    approvedBy: r.approved_by_id ? { id: r.approved_by_id, username: r.approved_username ?? '' } : null,
    declinedBy: r.declined_by_id ? { id: r.declined_by_id, username: r.declined_username ?? '' } : null,
    declineReason: r.decline_reason,
    rowCount: r.row_count,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    errorCode: r.error_code,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
    downloadedAt: r.downloaded_at?.toISOString() ?? null,
  };
}

export interface ExportDownload {
  /** the plaintext, authenticated as a whole before this is returned; closes the file when done */
  stream: Readable;
  size: number;
  mediaType: string;
  downloadName: string;
}

/**
 * Exports as jobs. A request is one row plus (unless it carries identity and waits for approval)
 * one outbox row in the same transaction; the worker makes the file; the requester downloads it once.
 * Every step writes one audit row in its transaction.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FileCipher,
    private readonly repo: ExportRepository,
  ) {}

  async create(ctx: RequestContext, dto: CreateExportDto): Promise<ExportView> {
    const actor = actorOf(ctx);
    const pdf = dto.kind === 'CASE_FILE_PDF';
    if (pdf && !dto.caseId)
      throw new ValidationFailed([{ field: 'caseId', problems: ['is required for CASE_FILE_PDF'] }]);
    if (!pdf && dto.caseId) throw new ValidationFailed([{ field: 'caseId', problems: ['is only for CASE_FILE_PDF'] }]);
    if (pdf && dto.filters) throw new ValidationFailed([{ field: 'filters', problems: ['are only for case lists'] }]);
    const includeIdentity = dto.includeIdentity === true;
    const filters: Record<string, string> = {};
    if (dto.filters?.status) filters['status'] = dto.filters.status;
    if (dto.filters?.province) filters['province'] = dto.filters.province;
    const id = randomUUID();
    // a case file always waits for a second person, like any export with identity (decision 0035)
    const status: ExportStatus = exportNeedsApproval(dto.kind, includeIdentity) ? 'AWAITING_APPROVAL' : 'QUEUED';
    await this.ds.transaction(async (m) => {
      if (pdf) {
        if (!(await this.repo.leadCase(m, actor, dto.caseId ?? ''))) {
          await this.audit.record(ctx, {
            action: 'EXPORT_REQUESTED',
            outcome: 'DENIED',
            objectType: 'case',
            objectId: dto.caseId ?? null,
            details: { kind: dto.kind },
          });
          throw markAudited(new NotFound());
        }
      }
      await this.repo.insert(m, {
        id,
        kind: dto.kind,
        status,
        requested_by_id: actor.userId,
        agency_id: actor.agencyId,
        filters,
        case_id: dto.caseId ?? null,
        include_identity: includeIdentity,
        reason_enc: this.repo.sealReason(id, dto.reason),
      });
      // a plain export runs at once; one that needs a second person first tells the agency's approvers
      await this.outbox.add(m, status === 'QUEUED' ? EXPORT_OUTBOX_KIND : 'export.approval', { exportId: id });
      await this.audit.record(
        ctx,
        {
          action: 'EXPORT_REQUESTED',
          outcome: 'ALLOWED',
          objectType: 'export',
          objectId: id,
          reasonText: dto.reason,
          details: { kind: dto.kind, filters, caseId: dto.caseId ?? null, includeIdentity },
        },
        m,
      );
    });
    return this.view(id);
  }

  /** A second person of the requester's agency, holding export:approve, lets a waiting export run. */
  approve(ctx: RequestContext, id: string): Promise<ExportView> {
    return this.review(ctx, id, 'APPROVE', null);
  }

  /** A second person of the requester's agency, holding export:approve, says no (with their reason); nothing runs. */
  decline(ctx: RequestContext, id: string, reason: string): Promise<ExportView> {
    return this.review(ctx, id, 'DECLINE', reason);
  }

  /**
   * Approve or decline, in one transaction with the row locked: not of the caller's agency is the
   * 404 of a missing export; the requester's own is 409 SECOND_PERSON_REQUIRED (audited here, as
   * before); one that no longer waits is 409 ACTION_NOT_ALLOWED_IN_STATE, so of two concurrent
   * approvals exactly one wins.
   */
  private async review(
    ctx: RequestContext,
    id: string,
    action: ExportReviewAction,
    reason: string | null,
  ): Promise<ExportView> {
    const actor = actorOf(ctx);
    const auditAction = action === 'APPROVE' ? 'EXPORT_APPROVED' : 'EXPORT_DECLINED';
    await this.ds.transaction(async (m) => {
      const e = await this.repo.lockOfAgency(m, actor, id);
      const refusal = e
        ? exportReviewRefusal({ status: e.status, requestedById: e.requested_by_id }, actor.userId)
        : null;
      if (!e || refusal === 'SECOND_PERSON_REQUIRED') {
        await this.audit.record(ctx, {
          action: auditAction,
          outcome: 'DENIED',
          objectType: 'export',
          objectId: id,
          reason: e ? 'SECOND_PERSON_REQUIRED' : 'NOT_FOUND',
        });
        throw markAudited(
          e
            ? new Conflict(
                'SECOND_PERSON_REQUIRED',
                'An export is approved or declined by someone other than the person who asked for it',
              )
            : new NotFound(),
        );
      }
      if (refusal) throw new Conflict(refusal, 'This export is not waiting for approval');
      const changed =
        action === 'APPROVE'
          ? await this.repo.approve(m, id, actor.userId)
          : await this.repo.decline(m, id, actor.userId, reason ?? '');
      if (changed !== 1) throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'This export is not waiting for approval');
      await this.outbox.add(m, action === 'APPROVE' ? EXPORT_OUTBOX_KIND : 'export.declined', { exportId: id });
      await this.audit.record(
        ctx,
        {
          action: auditAction,
          outcome: 'ALLOWED',
          objectType: 'export',
          objectId: id,
          reasonText: reason,
          details: { kind: e.kind, includeIdentity: e.include_identity, requestedBy: e.requested_by_id },
        },
        m,
      );
    });
    return this.view(id);
  }

  /** The caller's own exports, newest first (keyset). */
  async listOwn(ctx: RequestContext, q: ListExportsQueryDto): Promise<Page<ExportView>> {
    const actor = actorOf(ctx);
    return this.page(actor, 'own', q);
  }

  /** Exports of the caller's agency waiting for a second person (not the caller's own), with their reasons. */
  async listAwaitingApproval(ctx: RequestContext, q: ListExportsQueryDto): Promise<Page<ExportView>> {
    const actor = actorOf(ctx);
    return this.page(actor, 'awaiting', q);
  }

  async getOwn(ctx: RequestContext, id: string): Promise<ExportView> {
    const actor = actorOf(ctx);
    const r = await this.repo.own(this.ds, actor, id);
    if (!r) throw new NotFound();
    return toView(r);
  }

  /**
   * The one download: marks the export DOWNLOADED (and audits it) in one transaction, in which the
   * file is also opened and authenticated as a whole (decision 0013), then unlinks it at once, so
   * the plaintext goes out through the open handle, decrypted as a stream, and the file is gone from
   * the disk whatever happens to the connection. A file that fails authentication is never served:
   * the export becomes FAILED (FILE_INTEGRITY), its file is deleted and the answer is a plain 500.
   * Not the requester's: 404. Theirs but used, expired, or a plaintext file from before encryption:
   * 410.
   */
  async download(ctx: RequestContext, id: string): Promise<ExportDownload> {
    const actor = actorOf(ctx);
    let fh: FileHandle | null = null;
    let envelope: EnvelopeReader | null = null;
    let path: string | null = null;
    let claimed: DownloadRow | null;
    try {
      claimed = await this.ds.transaction(async (m) => {
        const row = await this.repo.claimDownload(m, actor, id);
        if (!row || !row.file_key || !FILE_KEY_RE.test(row.file_key) || !row.data_key_enc) return row ?? null;
        path = join(this.config.exportsDir, row.file_key);
        try {
          fh = await open(path, 'r');
        } catch {
          throw new Gone();
        }
        envelope = await this.files.open(fh, this.files.unwrap(row.data_key_enc, exportFile(id)), exportFile(id));
        await envelope.verify();
        await this.audit.record(
          ctx,
          {
            action: 'EXPORT_DOWNLOADED',
            outcome: 'ALLOWED',
            objectType: 'export',
            objectId: id,
            details: { kind: row.kind, bytes: Number(row.size_bytes) },
          },
          m,
        );
        return row;
      });
    } catch (e) {
      await (fh as FileHandle | null)?.close().catch(() => undefined);
      // a missing key version is configuration, not a bad file: that export is left as it is
      if (e instanceof FieldCryptoError && !(e instanceof UnknownKeyVersionError) && path) {
        await this.integrityFailure(ctx, id, path);
        throw new Error('export file failed its integrity check');
      }
      throw e;
    }
    const file = fh as FileHandle | null;
    const reader = envelope as EnvelopeReader | null;
    if (!claimed || !claimed.file_key || !FILE_KEY_RE.test(claimed.file_key) || !file || !reader) {
      await file?.close().catch(() => undefined);
      const own: ExportStatus | undefined = await this.repo.ownStatus(this.ds, actor, id);
      await this.audit.record(ctx, {
        action: 'EXPORT_DOWNLOADED',
        outcome: 'DENIED',
        objectType: 'export',
        objectId: id,
        reason: own ? `STATUS_${own}` : 'NOT_FOUND',
      });
      if (own === 'DOWNLOADED' || own === 'EXPIRED') throw new Gone();
      if (own === 'READY') throw new Gone(); // past its time (the sweep deletes the file), or a plaintext file from before encryption (keys:rotate expires it)
      throw markAudited(new NotFound());
    }
    await unlink(join(this.config.exportsDir, claimed.file_key)).catch(() => undefined);
    const stream = reader.stream();
    stream.once('close', () => void file.close().catch(() => undefined));
    return {
      stream,
      size: reader.plaintextBytes,
      mediaType: EXPORT_MEDIA_TYPE[claimed.kind],
      downloadName: `ctms-export-${id.slice(0, 8)}.${EXPORT_FILE_EXT[claimed.kind]}`,
    };
  }

  /** A stored export that failed authentication: FAILED, file deleted, the refusal audited; nothing is served. */
  private async integrityFailure(ctx: RequestContext, id: string, path: string): Promise<void> {
    this.logger.error({ exportId: id }, 'export file failed authentication: not served, export failed');
    await unlink(path).catch(() => undefined);
    await this.ds.transaction(async (m) => {
      await this.repo.integrityFailure(m, id);
      await this.audit.record(
        ctx,
        {
          action: 'EXPORT_DOWNLOADED',
          outcome: 'DENIED',
          objectType: 'export',
          objectId: id,
          reason: 'FILE_INTEGRITY',
        },
        m,
      );
    });
  }

  private async view(id: string): Promise<ExportView> {
    const r = await this.repo.view(this.ds, id);
    if (!r) throw new NotFound();
    return toView(r);
  }

  private async page(actor: Actor, box: 'own' | 'awaiting', q: ListExportsQueryDto): Promise<Page<ExportView>> {
    const page = exportKeyset.page(await this.repo.list(this.ds, actor, box, q.cursor, q.limit), q.limit);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }
}
