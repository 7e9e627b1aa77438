import { Injectable } from '@nestjs/common';
import { raw, select, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';

export type SlaKind = 'REMINDER' | 'BREACH';
/** The clocks: a referral's acknowledgement, a handoff's receipt and a transfer's answer (ACKNOWLEDGE), an accepted referral's first service (SERVICES). */
export type SlaClock = 'ACKNOWLEDGE' | 'SERVICES';
/** The sla_event kind of each clock's events (one of each per object, the unique key). */
export type SlaEventKind = 'REMINDER' | 'BREACH' | 'SERVICE_REMINDER' | 'SERVICE_BREACH' | 'TASK_OVERDUE';
const EVENT_KIND: Record<SlaClock, Record<SlaKind, SlaEventKind>> = {
  ACKNOWLEDGE: { REMINDER: 'REMINDER', BREACH: 'BREACH' },
  SERVICES: { REMINDER: 'SERVICE_REMINDER', BREACH: 'SERVICE_BREACH' },
};
export type SlaObject = 'REFERRAL' | 'HANDOFF' | 'TRANSFER' | 'PLAN_TASK';

/**
 * One row per SLA event that was raised: at most one REMINDER and one BREACH per referral or
 * handoff (UQ_sla_event on object, kind), so a scan that runs twice, or two workers scanning at
 * once, notify once. CHK_sla_event_kind, CHK_sla_event_object_type.
 */
export const slaEventTable = table('sla_event', {
  id: col('int8'),
  object_type: col('varchar').of<SlaObject>(),
  object_id: col('uuid'),
  kind: col('varchar').of<SlaEventKind>(),
  /** the deadline the event was raised against */
  due_at: col('timestamptz'),
  created_at: col('timestamptz'),
});

export type RaisedRow = PickRow<typeof slaEventTable, 'object_type' | 'object_id'>;

/**
 * What is due, per clock and object: a referral still PENDING is due by `acknowledge_by`, a handoff
 * still SUBMITTED by `receive_by`, a case transfer still REQUESTED by `respond_by`; an ACCEPTED
 * referral (no service recorded yet) by `services_due_by`, counted from its acceptance.
 */
const DUE: Record<SlaClock, Sql> = {
  ACKNOWLEDGE: raw(`
  SELECT 'REFERRAL'::text AS object_type, r.id AS object_id, r.acknowledge_by AS due_at, r.created_at AS started_at
    FROM referral r WHERE r.status = 'PENDING'
  UNION ALL
  SELECT 'HANDOFF'::text, h.id, h.receive_by, h.created_at
    FROM handoff h WHERE h.status = 'SUBMITTED'
  UNION ALL
  SELECT 'TRANSFER'::text, t.id, t.respond_by, t.created_at
    FROM case_transfer t WHERE t.status = 'REQUESTED'`),
  SERVICES: raw(`
  SELECT 'REFERRAL'::text AS object_type, r.id AS object_id, r.services_due_by AS due_at, COALESCE(r.acknowledged_at, r.created_at) AS started_at
    FROM referral r WHERE r.status = 'ACCEPTED' AND r.services_due_by IS NOT NULL`),
};

/** The statements, pure: sla.repository.spec.ts snapshots each one's text. */
export const slaSql = {
  /**
   * Raises up to `batch` events of one kind: a breach once the deadline has passed, a reminder once
   * `reminderPercent` of the period (created → deadline) is left and the deadline has not passed.
   */
  raise: (clock: SlaClock, kind: SlaKind, now: Date, batch: number, reminderPercent: number): Sql =>
    sql`INSERT INTO sla_event (object_type, object_id, kind, due_at)
        SELECT d.object_type, d.object_id, ${EVENT_KIND[clock][kind]}::varchar, d.due_at FROM (${DUE[clock]}) d
         WHERE ${kind === 'BREACH' ? sql`d.due_at <= ${now}` : sql`d.due_at > ${now} AND d.due_at - (d.due_at - d.started_at) * (${reminderPercent}::numeric / 100) <= ${now}`}
           AND NOT EXISTS (SELECT 1 FROM sla_event e WHERE e.object_type = d.object_type AND e.object_id = d.object_id AND e.kind = ${EVENT_KIND[clock][kind]}::varchar)
         ORDER BY d.due_at, d.object_id
         LIMIT ${batch}
        ON CONFLICT (object_type, object_id, kind) WHERE object_type <> 'PLAN_TASK' DO NOTHING
        RETURNING object_type, object_id::text AS object_id`,

  /**
   * Raises up to `batch` TASK_OVERDUE events: a plan task still OPEN or IN_PROGRESS once its due
   * date (a Lao calendar day) has ended. One per task and due date (UQ_sla_event_plan_task on
   * object, kind and due_at): a task given a new date that passes too is reminded again.
   */
  overdueTasks: (now: Date, batch: number): Sql =>
    sql`INSERT INTO sla_event (object_type, object_id, kind, due_at)
        SELECT 'PLAN_TASK', d.id, 'TASK_OVERDUE', d.due_at FROM (
          SELECT t.id, ((t.due_date + 1)::timestamp AT TIME ZONE 'Asia/Vientiane') AS due_at
            FROM case_plan_task t
           WHERE t.status IN ('OPEN', 'IN_PROGRESS') AND t.due_date IS NOT NULL
             AND t.due_date < (${now}::timestamptz AT TIME ZONE 'Asia/Vientiane')::date) d
         WHERE NOT EXISTS (SELECT 1 FROM sla_event e WHERE e.object_type = 'PLAN_TASK' AND e.object_id = d.id AND e.kind = 'TASK_OVERDUE' AND e.due_at = d.due_at)
         ORDER BY d.due_at, d.id
         LIMIT ${batch}
        ON CONFLICT (object_id, kind, due_at) WHERE object_type = 'PLAN_TASK' DO NOTHING
        RETURNING object_id::text AS object_id`,
};

/** SLA events (decision 0018). */
@Injectable()
export class SlaRepository {
  raise(
    m: Runner,
    clock: SlaClock,
    kind: SlaKind,
    now: Date,
    batch: number,
    reminderPercent: number,
  ): Promise<RaisedRow[]> {
    return select<RaisedRow>(m, slaSql.raise(clock, kind, now, batch, reminderPercent));
  }

  overdueTasks(m: Runner, now: Date, batch: number): Promise<{ object_id: string }[]> {
    return select<{ object_id: string }>(m, slaSql.overdueTasks(now, batch));
  }
}
