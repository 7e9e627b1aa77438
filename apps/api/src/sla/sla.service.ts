import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { OutboxService } from '../platform/outbox/outbox.service';
import { SlaRepository, type SlaKind } from './sla.repository';

/** Outbox kinds of the SLA events; their handlers (sla-handlers.ts) notify the supervisors. */
export const SLA_OUTBOX_KIND: Record<SlaKind, 'sla.reminder' | 'sla.breach'> = { REMINDER: 'sla.reminder', BREACH: 'sla.breach' };

/** Rows per transaction of one scan: a long backlog is worked off in bounded steps. */
const SCAN_BATCH = 500;

export interface SlaScanResult {
  reminders: number;
  breaches: number;
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
    const breaches = await this.raise('BREACH', now);
    const reminders = await this.raise('REMINDER', now);
    if (reminders || breaches) this.logger.log({ reminders, breaches }, 'SLA events raised');
    return { reminders, breaches };
  }

  private async raise(kind: SlaKind, now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const rows = await this.repo.raise(m, kind, now, SCAN_BATCH, this.config.slaReminderPercent);
        for (const r of rows) {
          await this.outbox.add(m, SLA_OUTBOX_KIND[kind], { objectType: r.object_type, objectId: r.object_id });
        }
        return rows.length;
      });
      total += n;
      if (n < SCAN_BATCH) return total;
    }
  }
}
