import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per SLA event that was raised: at most one REMINDER and one BREACH per referral, handoff or
 * handoff (the unique key), so a scan that runs twice, or two workers scanning at once, notify once.
 */
@Entity({ name: 'sla_event' })
@Check('CHK_sla_event_kind', `"kind" IN ('REMINDER', 'BREACH', 'SERVICE_REMINDER', 'SERVICE_BREACH')`)
@Check('CHK_sla_event_object_type', `"object_type" IN ('REFERRAL', 'HANDOFF', 'TRANSFER')`)
@Index('UQ_sla_event', ['objectType', 'objectId', 'kind'], { unique: true })
export class SlaEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** REFERRAL, HANDOFF or TRANSFER */
  @Column({ name: 'object_type', type: 'varchar', length: 16 })
  objectType: string;

  @Column({ name: 'object_id', type: 'uuid' })
  objectId: string;

  /** REMINDER or BREACH (acknowledgement clock), SERVICE_REMINDER or SERVICE_BREACH (a referral's services clock) */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** the deadline the event was raised against */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
