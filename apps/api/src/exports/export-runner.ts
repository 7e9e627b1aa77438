import { Inject, Injectable, Logger } from '@nestjs/common';
import { chmod, mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { EncryptingFileWriter, FileCipher, type FileBinding } from '../platform/crypto/file-cipher';
import type { Actor, RequestContext } from '../platform/http/request-context';
import { OutboxService } from '../platform/outbox/outbox.service';
import { writeCasePdf, type PdfSection } from './case-pdf';
import { csvSink, xlsxSink, type RowSink } from './export-format';
import { EXPORT_FILE_EXT } from './export.types';
import { ExportRepository, type CaseListRow, type JobRow } from './export.repository';
import { UserRepository } from '../users/user.repository';
import { exportNeedsApproval, hasPermission } from '@ctms/domain';

/** Rows per query: memory stays flat and the query count grows by one per batch, never per row. */
export const EXPORT_BATCH = 1000;

interface IdentityJson {
  givenNameLo?: string;
  familyNameLo?: string;
  latinNames?: string[];
  dateOfBirth?: string;
  homeProvince?: string;
  documents?: { type?: string; number?: string }[];
}

const LIST_HEADER = [
  'Case number',
  'Status',
  'Identification',
  'Province',
  'Lead agency',
  'Assigned to',
  'Flags',
  'Exploitation types',
  'Risk level',
  'Opened',
  'Updated',
];
const IDENTITY_HEADER = [
  'Given name (Lao)',
  'Family name (Lao)',
  'Latin names',
  'Sex',
  'Date of birth',
  'Home province',
];

export type ExportOutcome = 'GENERATED' | 'ALREADY_DONE' | 'FAILED';

/**
 * The export job: generates the file for one export_job row. Idempotent: a row already READY (or
 * downloaded, expired, failed) is left alone; a row left RUNNING by a crashed worker is generated
 * again from the start and its partial file replaced. The requester is re-read, so an export runs
 * with the requester's access as it is now, and only over the cases they may open.
 */
@Injectable()
export class ExportRunner {
  private readonly logger = new Logger('ExportRunner');

  constructor(
    private readonly ds: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FileCipher,
    private readonly repo: ExportRepository,
    private readonly users: UserRepository,
  ) {}

  async run(exportId: string): Promise<ExportOutcome> {
    const job = await this.repo.claimRun(this.ds, exportId);
    if (!job) return 'ALREADY_DONE';
    const ctx: RequestContext = { actor: null, requestId: `export:${job.id}`, sourceIp: null };
    const actor = await this.requester(job);
    if (!actor) return this.fail(ctx, job, 'REQUESTER_NOT_ALLOWED');
    if (exportNeedsApproval(job.kind, job.include_identity) && !job.approved_by_id)
      return this.fail(ctx, job, 'APPROVAL_MISSING');

    await mkdir(this.config.exportsDir, { recursive: true, mode: 0o700 });
    const fileKey = `${job.id}.${EXPORT_FILE_EXT[job.kind]}`;
    const tmp = join(this.config.exportsDir, `.${job.id}.part`);
    let rows = 0;
    // the file is written encrypted as it is generated (decision 0013): a fresh data key per attempt
    const dataKey = this.files.newDataKey(exportFile(job.id));
    let size = 0;
    let out: EncryptingFileWriter | null = null;
    try {
      await unlink(tmp).catch(() => undefined);
      out = this.files.writer(tmp, dataKey.key, exportFile(job.id));
      if (job.kind === 'CASE_FILE_PDF') {
        const found = await this.casePdf(out, actor, job);
        if (!found) {
          out.destroy();
          await finished(out).catch(() => undefined);
          await unlink(tmp).catch(() => undefined);
          return this.fail(ctx, job, 'CASE_NOT_FOUND');
        }
        rows = 1;
      } else {
        const header = job.include_identity ? [...LIST_HEADER, ...IDENTITY_HEADER] : LIST_HEADER;
        const sink = job.kind === 'CASE_LIST_CSV' ? await csvSink(out, header) : await xlsxSink(out, 'Cases', header);
        rows = await this.caseList(sink, actor, job);
        await sink.finish();
      }
      // the last segment is sealed, synced and the file closed
      await finished(out);
      size = out.plaintextBytes;
      await chmod(tmp, 0o600);
      await rename(tmp, join(this.config.exportsDir, fileKey));
    } catch (e) {
      out?.destroy();
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    await this.ds.transaction(async (m) => {
      await this.repo.ready(m, job.id, {
        fileKey,
        size,
        rows,
        ttlSeconds: this.config.exportTtlSeconds,
        dataKeyEnc: dataKey.wrapped,
      });
      await this.outbox.add(m, 'export.ready', { exportId: job.id });
      await this.audit.record(
        ctx,
        {
          action: 'EXPORT_GENERATED',
          outcome: 'ALLOWED',
          objectType: 'export',
          objectId: job.id,
          actorUsername: 'worker',
          details: {
            kind: job.kind,
            rows,
            bytes: size,
            includeIdentity: job.include_identity,
            requestedBy: job.requested_by_id,
          },
        },
        m,
      );
    });
    this.logger.log({ exportId: job.id, kind: job.kind, rows }, 'export generated');
    return 'GENERATED';
  }

  /** Writes every case the requester may open (with the filters) in keyset batches; returns the row count. */
  async caseList(sink: RowSink, actor: Actor, job: Pick<JobRow, 'filters' | 'include_identity'>): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    for (;;) {
      const batch = await this.repo.caseBatch(this.ds, actor, job.filters, job.include_identity, after, EXPORT_BATCH);
      if (!batch.length) break;
      await sink.writeRows(batch.map((r) => this.listCells(r, job.include_identity)));
      total += batch.length;
      after = batch[batch.length - 1].id;
      if (batch.length < EXPORT_BATCH) break;
    }
    return total;
  }

  private listCells(r: CaseListRow, identity: boolean): (string | null)[] {
    const cells: (string | null)[] = [
      r.case_number,
      r.status,
      r.identification_status,
      r.province_code,
      r.agency_code,
      r.assigned_username,
      r.flags.join(' '),
      r.exploitation_types.join(' '),
      r.risk_level,
      r.opened_at.toISOString(),
      r.updated_at.toISOString(),
    ];
    if (!identity) return cells;
    const id = r.person_id
      ? this.cipher.decryptJson<IdentityJson>(r.identity_enc, {
          table: 'person',
          column: 'identity_enc',
          rowId: r.person_id,
        })
      : null;
    cells.push(
      id?.givenNameLo ?? null,
      id?.familyNameLo ?? null,
      (id?.latinNames ?? []).join('; '),
      r.sex,
      id?.dateOfBirth ?? null,
      id?.homeProvince ?? null,
    );
    return cells;
  }

  /** The case file of one case the requester may open. False when it is not (any more) theirs to open. */
  private async casePdf(out: Writable, actor: Actor, job: JobRow): Promise<boolean> {
    if (!job.case_id) return false;
    const c = await this.repo.casePdf(this.ds, actor, job.case_id);
    if (!c) return false;
    const notes = await this.repo.caseNotes(this.ds, c.id);
    const sections: PdfSection[] = [
      {
        heading: 'ສະຫຼຸບກໍລະນີ / Case summary',
        lines: [
          ['Status', c.status],
          ['Identification', c.identification_status],
          ['Province', c.province_code],
          ['Lead agency', c.agency_code],
          ['Assigned to', c.assigned_username],
          ['Flags', c.flags.join(', ') || null],
          ['Exploitation types', c.exploitation_types.join(', ') || null],
          ['Destination countries', c.destination_countries.join(', ') || null],
          ['Needs', c.needs.join(', ') || null],
          ['Risk level', c.risk_level],
          ['Opened', c.opened_at.toISOString()],
          ['Closed', c.closed_at ? c.closed_at.toISOString() : null],
        ],
      },
    ];
    if (job.include_identity && c.person_id) {
      const id = this.cipher.decryptJson<IdentityJson>(c.identity_enc, {
        table: 'person',
        column: 'identity_enc',
        rowId: c.person_id,
      });
      sections.push({
        heading: 'ຕົວຕົນ / Identity',
        lines: [
          ['ຊື່ / Given name', id?.givenNameLo ?? null],
          ['ນາມສະກຸນ / Family name', id?.familyNameLo ?? null],
          ['Latin names', (id?.latinNames ?? []).join('; ') || null],
          ['Sex', c.sex],
          ['Date of birth', id?.dateOfBirth ?? null],
          ['Home province', id?.homeProvince ?? null],
          [
            'Documents',
            (id?.documents ?? []).map((d) => `${d.type ?? ''} ${d.number ?? ''}`.trim()).join('; ') || null,
          ],
        ],
      });
    }
    const exploitation = this.cipher.decryptJson<{ narrative?: string; meansOfControl?: string[] }>(
      c.exploitation_enc,
      {
        table: 'case_record',
        column: 'exploitation_enc',
        rowId: c.id,
      },
    );
    if (exploitation) {
      sections.push({
        heading: 'ເລື່ອງລາວການຂູດຮີດ / Exploitation account',
        paragraphs: [exploitation.narrative ?? '', (exploitation.meansOfControl ?? []).join(', ')].filter(
          (p) => p !== '',
        ),
      });
    }
    const plan = this.cipher.decryptJson<Record<string, unknown>>(c.plan_enc, {
      table: 'case_record',
      column: 'plan_enc',
      rowId: c.id,
    });
    if (plan && typeof plan === 'object') {
      sections.push({
        heading: 'ແຜນການ / Case plan',
        lines: Object.entries(plan).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const),
      });
    }
    if (notes.length) {
      sections.push({
        heading: 'ບັນທຶກ / Notes',
        paragraphs: notes.map(
          (n) =>
            `${n.created_at.toISOString()} ${n.username ?? ''} (${n.category}): ${this.cipher.decrypt(n.body_enc, { table: 'case_note', column: 'body_enc', rowId: n.id })}`,
        ),
      });
    }
    await writeCasePdf(
      out,
      `ແຟ້ມກໍລະນີ / Case file ${c.case_number}`,
      `Generated ${new Date().toISOString()} for ${actor.username} (${actor.agencyCode}). Confidential.`,
      sections,
    );
    return true;
  }

  /** The requester as they are now: active, still allowed to export, still in the export's agency. */
  private async requester(job: JobRow): Promise<Actor | null> {
    const actor = await this.users.activeActor(this.ds, job.requested_by_id);
    return actor && actor.agencyId === job.agency_id && hasPermission(actor, 'export:create') ? actor : null;
  }

  /** After the last attempt failed: the export is FAILED and its partial file gone. */
  async giveUp(exportId: string): Promise<void> {
    const job = await this.repo.unfinished(this.ds, exportId);
    if (!job) return;
    await unlink(join(this.config.exportsDir, `.${job.id}.part`)).catch(() => undefined);
    await this.fail({ actor: null, requestId: `export:${job.id}`, sourceIp: null }, job, 'GENERATION_FAILED');
  }

  /** Exports not downloaded in time: EXPIRED, their files deleted. Returns how many. */
  async sweepExpired(): Promise<number> {
    const rows = await this.repo.expire(this.ds);
    for (const r of rows) {
      if (r.file_key && /^[0-9a-f-]{36}\.(csv|xlsx|pdf)$/.test(r.file_key))
        await unlink(join(this.config.exportsDir, r.file_key)).catch(() => undefined);
    }
    return rows.length;
  }

  private async fail(ctx: RequestContext, job: Pick<JobRow, 'id' | 'kind'>, code: string): Promise<ExportOutcome> {
    await this.ds.transaction(async (m) => {
      await this.repo.fail(m, job.id, code);
      await this.audit.record(
        ctx,
        {
          action: 'EXPORT_FAILED',
          outcome: 'DENIED',
          objectType: 'export',
          objectId: job.id,
          actorUsername: 'worker',
          reason: code,
          details: { kind: job.kind },
        },
        m,
      );
    });
    return 'FAILED';
  }
}

/** An export's file is bound to its export_job row: another export's file does not decrypt as this one. */
export function exportFile(id: string): FileBinding {
  return { table: 'export_job', rowId: id };
}
