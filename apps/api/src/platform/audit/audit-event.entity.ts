import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditOutcome } from '@ctms/domain';

/**
 * Append-only audit trail. A trigger numbers each row and stamps its transaction id; another
 * refuses UPDATE, DELETE and TRUNCATE; the application role is also denied those privileges. Rows
 * are sealed into hash-chained blocks by `audit_seal()` once their transaction has finished
 * (migration AddAsyncAuditSeal, decision 0007). Never holds passwords, tokens or protected values.
 */
@Entity({ name: 'audit_event' })
@Index('IDX_audit_event_object', ['objectType', 'objectId', 'seq'])
@Index('IDX_audit_event_actor', ['actorUserId', 'seq'])
@Index('IDX_audit_event_agency', ['actorAgencyId', 'seq'])
@Index('IDX_audit_event_xact', ['xact', 'seq'])
export class AuditEventEntity {
  /** assigned by the trigger */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  /** the writing transaction's id, set by the trigger: decides the seal block the row goes into */
  @Column({ type: 'bigint' })
  xact: string;

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

  /** a code (NOT_FOUND, SECOND_PERSON_REQUIRED, …); free text goes to reason_enc */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** a free-text reason (merge, undo, an administrator's reason), encrypted and bound to seq (decision 0013) */
  @Column({ name: 'reason_enc', type: 'text', nullable: true })
  reasonEnc: string | null;

  /** what changed: field names and coded values, never protected values */
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}

/** One sealed block of audit rows: those with xact_from <= xact < xact_to (see audit_seal()). */
@Entity({ name: 'audit_seal' })
@Check('CHK_audit_seal_range', '"xact_to" > "xact_from"')
export class AuditSealEntity {
  @PrimaryColumn({ type: 'bigint' })
  block: string;

  @Column({ name: 'xact_from', type: 'bigint' })
  xactFrom: string;

  @Column({ name: 'xact_to', type: 'bigint' })
  xactTo: string;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @Column({ name: 'sealed_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  sealedAt: Date;

  @Column({ name: 'prev_hash', type: 'bytea' })
  prevHash: Buffer;

  @Column({ type: 'bytea' })
  hash: Buffer;
}
