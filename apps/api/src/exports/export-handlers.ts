import { DataSource } from 'typeorm';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ExportRepository } from './export.repository';
import { Notifier } from '../notifications/notifier';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';
import { ExportRunner } from './export-runner';
import { EXPORT_OUTBOX_KIND } from './export.types';

function exportId(job: OutboxJob): string {
  const v = job.payload['exportId'];
  if (typeof v !== 'string') throw new PermanentJobError('PAYLOAD_EXPORTID_MISSING');
  return v;
}

/**
 * The worker's export handlers:
 *   export.generate   make the file (ExportRunner; idempotent); after the last failed attempt the export is FAILED
 *   export.approval   tell the agency's approvers (export:approve) other than the requester
 *   export.ready      tell the requester
 *   export.declined   tell the requester (the second person said no)
 */
@Injectable()
export class ExportHandlers implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly runner: ExportRunner,
    private readonly notifier: Notifier,
    private readonly repo: ExportRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.register(EXPORT_OUTBOX_KIND, (job) => this.generate(job));
    this.handlers.register('export.approval', (job) => this.notify(job, 'export.approval'));
    this.handlers.register('export.ready', (job) => this.notify(job, 'export.ready'));
    this.handlers.register('export.declined', (job) => this.notify(job, 'export.declined'));
  }

  private async generate(job: OutboxJob): Promise<void> {
    const id = exportId(job);
    try {
      await this.runner.run(id);
    } catch (e) {
      if (job.lastAttempt) await this.runner.giveUp(id);
      throw e;
    }
  }

  private async notify(job: OutboxJob, kind: 'export.approval' | 'export.ready' | 'export.declined'): Promise<void> {
    const id = exportId(job);
    const e = await this.repo.facts(this.ds, id);
    if (!e) throw new PermanentJobError('OBJECT_MISSING');
    const recipients =
      kind !== 'export.approval'
        ? [e.requested_by_id]
        : (await this.notifier.agencyUsers(e.agency_id, 'export:approve', e.case_id)).filter(
            (u) => u !== e.requested_by_id,
          );
    await this.notifier.deliver(job, {
      kind,
      objectType: 'export',
      objectId: id,
      caseId: e.case_id,
      recipientUserIds: recipients,
    });
  }
}
