import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Notifier } from '../notifications/notifier';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';
import { OutboxService } from '../platform/outbox/outbox.service';
import { VisitReminderRepository } from './visit-reminders.repository';

/** The outbox kind of an overdue visit (payload: the visit's id only). */
export const VISIT_OVERDUE = 'visit.overdue';

/** Rows per transaction of one scan. */
const SCAN_BATCH = 500;

/**
 * Overdue follow-up visits (decision 0032), part of the worker's `sla.scan`: a visit whose next
 * visit was due and passed with no later visit of its agency raises one `follow_up_reminder` row
 * and its outbox row in one transaction (the primary key makes it once, however often the scan
 * runs). The handler tells the worker who recorded the visit, or, when they can no longer open the
 * case (disabled, moved, out of scope), the supervisors of the agency.
 */
@Injectable()
export class VisitReminders implements OnModuleInit {
  private readonly logger = new Logger('VisitReminders');

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: OutboxHandlers,
    private readonly notifier: Notifier,
    private readonly repo: VisitReminderRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.register(VISIT_OVERDUE, (job) => this.notify(job));
  }

  async scan(now: Date = new Date()): Promise<{ visitReminders: number }> {
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const rows = await this.repo.raise(m, now, SCAN_BATCH);
        for (const r of rows) await this.outbox.add(m, VISIT_OVERDUE, { visitId: r.visit_id });
        return rows.length;
      });
      total += n;
      if (n < SCAN_BATCH) break;
    }
    if (total) this.logger.log({ visitReminders: total }, 'overdue visit reminders raised');
    return { visitReminders: total };
  }

  private async notify(job: OutboxJob): Promise<void> {
    const visitId = job.payload['visitId'];
    if (typeof visitId !== 'string') throw new PermanentJobError('PAYLOAD_OBJECT_MISSING');
    const f = await this.repo.facts(this.ds, visitId);
    if (!f) throw new PermanentJobError('OBJECT_MISSING');
    const recipients = f.recorder_id
      ? [f.recorder_id]
      : await this.notifier.agencyUsers(f.agency_id, 'case:assign', f.case_id);
    await this.notifier.deliver(job, {
      kind: VISIT_OVERDUE,
      objectType: 'case',
      objectId: f.case_id,
      caseId: f.case_id,
      recipientUserIds: recipients,
    });
  }
}
