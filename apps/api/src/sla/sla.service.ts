import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { OutboxService } from '../platform/outbox/outbox.service';
import { SlaRepository, type SlaClock, type SlaKind } from './sla.repository';

/** Outbox kinds of the SLA events; their handlers (sla-handlers.ts) notify the supervisors. */
export const SLA_OUTBOX_KIND: Record<SlaKind, 'sla.reminder' | 'sla.breach'> = {
  REMINDER: 'sla.reminder',
  BREACH: 'sla.breach',
};

/** Rows per transaction of one scan: a long backlog is worked off in bounded steps. */
const SCAN_BATCH = 500;

/** The outbox kind of an overdue plan task (payload `{ taskId }`); its handler is the plan's (plan-handlers.ts). */
export const PLAN_TASK_OVERDUE_KIND = 'plan.task_overdue';

export interface SlaScanResult {
  reminders: number;
  breaches: number;
  /** plan tasks that became overdue (one reminder each per due date) */
  overdueTasks: number;
}

/**
 * The SLA clock. Each scan raises, for every referral or handoff that needs one, a REMINDER or a
 * BREACH event: the `sla_event` row (unique per object and kind, so at most one of each, however
 * often or concurrently the scan runs) and its outbox row commit in one transaction.
 */
@Injectable()
export class SlaService {
  private readonly logger = new Logger('Sla');

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SlaRepository = new SlaRepository(),
  ) {}

  async scan(now: Date = new Date()): Promise<SlaScanResult> {
    let breaches = 0;
    let reminders = 0;
    for (const clock of ['ACKNOWLEDGE', 'SERVICES'] as const) {
      breaches += await this.raise(clock, 'BREACH', now);
      reminders += await this.raise(clock, 'REMINDER', now);
    }
    const overdueTasks = await this.raiseOverdueTasks(now);
    if (reminders || breaches || overdueTasks)
      this.logger.log({ reminders, breaches, overdueTasks }, 'SLA events raised');
    return { reminders, breaches, overdueTasks };
  }

  /** Plan tasks past their due date: the sla_event row and its outbox row (`{ taskId }`) in one transaction. */
  private async raiseOverdueTasks(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const rows = await this.repo.overdueTasks(m, now, SCAN_BATCH);
        for (const r of rows) await this.outbox.add(m, PLAN_TASK_OVERDUE_KIND, { taskId: r.object_id });
        return rows.length;
      });
      total += n;
      if (n < SCAN_BATCH) return total;
    }
  }

  private async raise(clock: SlaClock, kind: SlaKind, now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const rows = await this.repo.raise(m, clock, kind, now, SCAN_BATCH, this.config.slaReminderPercent);
        for (const r of rows) {
          await this.outbox.add(m, SLA_OUTBOX_KIND[kind], { objectType: r.object_type, objectId: r.object_id, clock });
        }
        return rows.length;
      });
      total += n;
      if (n < SCAN_BATCH) return total;
    }
  }
}
