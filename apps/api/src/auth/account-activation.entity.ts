import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivationPurpose } from '@ctms/domain';
import { UserEntity } from '../users/user.entity';

/**
 * One activation of an account (decision 0010): created when an administrator creates, approves or
 * resets it; the worker makes the one-time token when it sends the e-mail, and keeps only its
 * SHA-256 here (the token exists nowhere but in the user's mailbox). It works once, for 72 hours.
 */
@Entity({ name: 'account_activation' })
export class AccountActivationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_account_activation_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_account_activation_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  purpose: ActivationPurpose;

  /** the administrator who created, approved or reset the account */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  /** SHA-256 of the token; null until the e-mail goes out */
  @Index('UQ_account_activation_token', { unique: true })
  @Column({ name: 'token_hash', type: 'bytea', nullable: true })
  tokenHash: Buffer | null;

  /** the password hash before a reset, so that the new password must differ; cleared once used */
  @Column({ name: 'previous_password_hash', type: 'text', nullable: true })
  previousPasswordHash: string | null;

  /** an MFA secret shown on the activation page, not yet confirmed (FieldCipher, bound to this row) */
  @Column({ name: 'mfa_pending_secret_enc', type: 'text', nullable: true })
  mfaPendingSecretEnc: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
