import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per SLA event that was raised: at most one REMINDER and one BREACH per referral, handoff or
 * handoff (the unique key), so a scan that runs twice, or two workers scanning at once, notify once.
 */
@Entity({ name: 'sla_event' })
@Check('CHK_sla_event_kind', `"kind" IN ('REMINDER', 'BREACH', 'SERVICE_REMINDER', 'SERVICE_BREACH', 'TASK_OVERDUE')`)
@Check('CHK_sla_event_object_type', `"object_type" IN ('REFERRAL', 'HANDOFF', 'TRANSFER', 'PLAN_TASK')`)
@Index('UQ_sla_event', ['objectType', 'objectId', 'kind'], { unique: true, where: `"object_type" <> 'PLAN_TASK'` })
// an overdue plan task: once per task and due date (decision 0031)
@Index('UQ_sla_event_plan_task', ['objectId', 'kind', 'dueAt'], { unique: true, where: `"object_type" = 'PLAN_TASK'` })
export class SlaEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** REFERRAL, HANDOFF, TRANSFER or PLAN_TASK */
  @Column({ name: 'object_type', type: 'varchar', length: 16 })
  objectType: string;

  @Column({ name: 'object_id', type: 'uuid' })
  objectId: string;

  /** REMINDER or BREACH (acknowledgement clock), SERVICE_REMINDER or SERVICE_BREACH (a referral's services clock), TASK_OVERDUE (a plan task past its due date) */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** the deadline the event was raised against */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
