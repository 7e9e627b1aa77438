import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed and refused credential checks, counted per account, action and minute (decision 0011).
 * The account is a keyed hash of the username (FieldCipher blind index, purpose auth.username), or
 * `unknown` for every name that is no account: no username is stored in plaintext. Plain counters,
 * deletable (unlike the audit trail, which gets one row per account and minute).
 */
@Entity({ name: 'login_failure' })
@Index('IDX_login_failure_minute', ['minute'])
export class LoginFailureEntity {
  @PrimaryColumn({ name: 'account_key', type: 'varchar', length: 64 })
  accountKey: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  action: string;

  @PrimaryColumn({ type: 'timestamptz' })
  minute: Date;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** checks that were made and failed */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  /** attempts refused before any check (throttled, one already in flight, argon2 queue full) */
  @Column({ type: 'integer', default: 0 })
  refused: number;

  @Column({ name: 'last_reason', type: 'varchar', length: 32 })
  lastReason: string;

  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt: Date;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt: Date;
}
