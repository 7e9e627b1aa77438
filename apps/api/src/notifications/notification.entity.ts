import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { OutboxEntity } from '../platform/outbox/outbox.entity';

/**
 * An in-app notification: what happened (kind), to which object, and the case number; never a
 * name. Unique per (outbox row, recipient): a handler that runs twice inserts nothing new.
 */
@Entity({ name: 'notification' })
@Index('UQ_notification_outbox_recipient', ['outboxId', 'recipientUserId'], { unique: true })
@Index('IDX_notification_recipient', ['recipientUserId', 'createdAt', 'id'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'recipient_user_id', type: 'uuid' })
  recipientUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'FK_notification_recipient' })
  private recipientRef?: UserEntity;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ name: 'object_type', type: 'varchar', length: 32 })
  objectType: string;

  @Column({ name: 'object_id', type: 'uuid' })
  objectId: string;

  @Column({ name: 'case_number', type: 'varchar', length: 40, nullable: true })
  caseNumber: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'outbox_id', type: 'uuid' })
  outboxId: string;

  @ManyToOne(() => OutboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outbox_id', foreignKeyConstraintName: 'FK_notification_outbox' })
  private outboxRef?: OutboxEntity;
}

/**
 * One e-mail to one recipient for one outbox row. The row is claimed (SENDING) before the message
 * is handed to SMTP, so a message is sent at most once per (outbox row, recipient)
 * (docs/decisions/0005-outbox.md).
 */
@Entity({ name: 'mail_delivery' })
@Index('UQ_mail_delivery_outbox_recipient', ['outboxId', 'recipientUserId'], { unique: true })
export class MailDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'outbox_id', type: 'uuid' })
  outboxId: string;

  @ManyToOne(() => OutboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outbox_id', foreignKeyConstraintName: 'FK_mail_delivery_outbox' })
  private outboxRef?: OutboxEntity;

  @Column({ name: 'recipient_user_id', type: 'uuid' })
  recipientUserId: string;

  /** SENDING (claimed), SENT, FAILED (refused before acceptance: may be claimed again) */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'claimed_at', type: 'timestamptz', default: () => 'now()' })
  claimedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId: string | null;
}
