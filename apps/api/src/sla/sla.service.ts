import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { OutboxService } from '../platform/outbox/outbox.service';

export type SlaKind = 'REMINDER' | 'BREACH';
/** The clocks: a referral's acknowledgement and a handoff's receipt (ACKNOWLEDGE), an accepted referral's first service (SERVICES). */
export type SlaClock = 'ACKNOWLEDGE' | 'SERVICES';
/** The sla_event kind of each clock's events (one of each per object, the unique key). */
const EVENT_KIND: Record<SlaClock, Record<SlaKind, string>> = {
  ACKNOWLEDGE: { REMINDER: 'REMINDER', BREACH: 'BREACH' },
  SERVICES: { REMINDER: 'SERVICE_REMINDER', BREACH: 'SERVICE_BREACH' },
};
export type SlaObject = 'REFERRAL' | 'HANDOFF';

/** Outbox kinds of the SLA events; their handlers (sla-handlers.ts) notify the supervisors. */
export const SLA_OUTBOX_KIND: Record<SlaKind, 'sla.reminder' | 'sla.breach'> = { REMINDER: 'sla.reminder', BREACH: 'sla.breach' };

/** Rows per transaction of one scan: a long backlog is worked off in bounded steps. */
const SCAN_BATCH = 500;

/**
 * What is due, per clock and object: a referral still PENDING is due by `acknowledge_by`, a handoff
 * still SUBMITTED by `receive_by`; an ACCEPTED referral (no service recorded yet) by
 * `services_due_by`, counted from its acceptance. A reminder is due once `percent` of the period
 * (start → deadline) is left and the deadline has not passed; a breach once it has.
 */
const DUE: Record<SlaClock, string> = {
  ACKNOWLEDGE: `
  SELECT 'REFERRAL'::text AS object_type, r.id AS object_id, r.acknowledge_by AS due_at, r.created_at AS started_at
    FROM referral r WHERE r.status = 'PENDING'
  UNION ALL
  SELECT 'HANDOFF'::text, h.id, h.receive_by, h.created_at
    FROM handoff h WHERE h.status = 'SUBMITTED'`,
  SERVICES: `
  SELECT 'REFERRAL'::text AS object_type, r.id AS object_id, r.services_due_by AS due_at, COALESCE(r.acknowledged_at, r.created_at) AS started_at
    FROM referral r WHERE r.status = 'ACCEPTED' AND r.services_due_by IS NOT NULL`,
};

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
    let breaches = 0;
    let reminders = 0;
    for (const clock of ['ACKNOWLEDGE', 'SERVICES'] as const) {
      breaches += await this.raise(clock, 'BREACH', now);
      reminders += await this.raise(clock, 'REMINDER', now);
    }
    if (reminders || breaches) this.logger.log({ reminders, breaches }, 'SLA events raised');
    return { reminders, breaches };
  }

  private async raise(clock: SlaClock, kind: SlaKind, now: Date): Promise<number> {
    const eventKind = EVENT_KIND[clock][kind];
    const due =
      kind === 'BREACH'
        ? `d.due_at <= $1`
        : `d.due_at > $1 AND d.due_at - (d.due_at - d.started_at) * ($4::numeric / 100) <= $1`;
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const rows: { object_type: SlaObject; object_id: string }[] = await m.query(
          `INSERT INTO sla_event (object_type, object_id, kind, due_at)
           SELECT d.object_type, d.object_id, $2::varchar, d.due_at FROM (${DUE[clock]}) d
            WHERE ${due}
              AND NOT EXISTS (SELECT 1 FROM sla_event e WHERE e.object_type = d.object_type AND e.object_id = d.object_id AND e.kind = $2::varchar)
            ORDER BY d.due_at, d.object_id
            LIMIT $3
           ON CONFLICT (object_type, object_id, kind) DO NOTHING
           RETURNING object_type, object_id::text AS object_id`,
          kind === 'BREACH' ? [now, eventKind, SCAN_BATCH] : [now, eventKind, SCAN_BATCH, this.config.slaReminderPercent],
        );
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
