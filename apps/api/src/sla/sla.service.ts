import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { OutboxService } from '../platform/outbox/outbox.service';

export type SlaKind = 'REMINDER' | 'BREACH';
export type SlaObject = 'REFERRAL' | 'HANDOFF' | 'TRANSFER';

/** Outbox kinds of the SLA events; their handlers (sla-handlers.ts) notify the supervisors. */
export const SLA_OUTBOX_KIND: Record<SlaKind, 'sla.reminder' | 'sla.breach'> = { REMINDER: 'sla.reminder', BREACH: 'sla.breach' };

/** Rows per transaction of one scan: a long backlog is worked off in bounded steps. */
const SCAN_BATCH = 500;

/**
 * What is due, per object: a referral still PENDING is due by `acknowledge_by`, a handoff still
 * SUBMITTED by `receive_by`, a case transfer still REQUESTED by `respond_by`. A reminder is due once `percent` of the period (created → deadline)
 * is left and the deadline has not passed; a breach once it has.
 */
const DUE = `
  SELECT 'REFERRAL'::text AS object_type, r.id AS object_id, r.acknowledge_by AS due_at, r.created_at AS started_at
    FROM referral r WHERE r.status = 'PENDING'
  UNION ALL
  SELECT 'HANDOFF'::text, h.id, h.receive_by, h.created_at
    FROM handoff h WHERE h.status = 'SUBMITTED'
  UNION ALL
  SELECT 'TRANSFER'::text, t.id, t.respond_by, t.created_at
    FROM case_transfer t WHERE t.status = 'REQUESTED'`;

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
  ) {}

  async scan(now: Date = new Date()): Promise<SlaScanResult> {
    const breaches = await this.raise('BREACH', now);
    const reminders = await this.raise('REMINDER', now);
    if (reminders || breaches) this.logger.log({ reminders, breaches }, 'SLA events raised');
    return { reminders, breaches };
  }

  private async raise(kind: SlaKind, now: Date): Promise<number> {
    const due =
      kind === 'BREACH'
        ? `d.due_at <= $1`
        : `d.due_at > $1 AND d.due_at - (d.due_at - d.started_at) * ($4::numeric / 100) <= $1`;
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const rows: { object_type: SlaObject; object_id: string }[] = await m.query(
          `INSERT INTO sla_event (object_type, object_id, kind, due_at)
           SELECT d.object_type, d.object_id, $2::varchar, d.due_at FROM (${DUE}) d
            WHERE ${due}
              AND NOT EXISTS (SELECT 1 FROM sla_event e WHERE e.object_type = d.object_type AND e.object_id = d.object_id AND e.kind = $2::varchar)
            ORDER BY d.due_at, d.object_id
            LIMIT $3
           ON CONFLICT (object_type, object_id, kind) DO NOTHING
           RETURNING object_type, object_id::text AS object_id`,
          kind === 'BREACH' ? [now, kind, SCAN_BATCH] : [now, kind, SCAN_BATCH, this.config.slaReminderPercent],
        );
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
