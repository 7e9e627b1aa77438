import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditOutcome } from '@ctms/domain';

/**
 * Append-only audit trail. A trigger (migration AddAuditTrail) numbers each row, chains it to the
 * previous one by SHA-256 and refuses UPDATE, DELETE and TRUNCATE; the application role is also
 * denied those privileges. Never holds passwords, tokens or values of protected fields.
 */
@Entity({ name: 'audit_event' })
@Index('IDX_audit_event_object', ['objectType', 'objectId', 'seq'])
@Index('IDX_audit_event_actor', ['actorUserId', 'seq'])
@Index('IDX_audit_event_agency', ['actorAgencyId', 'seq'])
export class AuditEventEntity {
  /** assigned by the trigger, in chain order */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_username', type: 'varchar', length: 128, nullable: true })
  actorUsername: string | null;

  @Column({ name: 'actor_agency_id', type: 'uuid', nullable: true })
  actorAgencyId: string | null;

  @Column({ name: 'actor_roles', type: 'text', array: true, default: () => "'{}'" })
  actorRoles: string[];

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'object_type', type: 'varchar', length: 40, nullable: true })
  objectType: string | null;

  @Column({ name: 'object_id', type: 'varchar', length: 64, nullable: true })
  objectId: string | null;

  @Column({ type: 'varchar', length: 8 })
  outcome: AuditOutcome;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ name: 'source_ip', type: 'varchar', length: 64, nullable: true })
  sourceIp: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** what changed: field names and coded values, never protected values */
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @Column({ name: 'prev_hash', type: 'bytea' })
  prevHash: Buffer;

  @Column({ type: 'bytea' })
  hash: Buffer;
}
