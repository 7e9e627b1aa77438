import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import { CaseEntity } from '../cases/case.entity';

/**
 * A referral of a case to an agency inbox. `categories` is the data packet: what the receiving
 * agency may read while the referral lasts (and, once closed, what it had), always narrowed at read
 * time to what an active consent still covers (SQL function case_relation_categories).
 */
@Entity({ name: 'referral' })
@Index('IDX_referral_incoming', ['toAgencyId', 'status', 'id'])
@Index('IDX_referral_outgoing', ['fromAgencyId', 'status', 'id'])
/** covering index (INCLUDE) for the statistics: not expressible here */
@Index('IDX_referral_stats', { synchronize: false })
export class ReferralEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('IDX_referral_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_referral_case' })
  private caseRef?: CaseEntity;

  @Column({ name: 'from_agency_id', type: 'uuid' })
  fromAgencyId: string;

  @Column({ name: 'from_user_id', type: 'uuid' })
  fromUserId: string;

  @Column({ name: 'to_agency_id', type: 'uuid' })
  toAgencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_agency_id', foreignKeyConstraintName: 'FK_referral_to_agency' })
  private toAgencyRef?: AgencyEntity;

  /** service types requested (SERVICE_TYPES) */
  @Column({ name: 'service_types', type: 'text', array: true, default: () => "'{}'" })
  serviceTypes: string[];

  /** EMERGENCY, HIGH, ROUTINE */
  @Column({ type: 'varchar', length: 16 })
  urgency: string;

  @Column({ name: 'reason_enc', type: 'text', nullable: true })
  reasonEnc: string | null;

  /** the data packet: DATA_CATEGORIES that travel (CASE_SUMMARY always does) */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: string[];

  /** the consents that covered the packet when it was created */
  @Column({ name: 'consent_ids', type: 'uuid', array: true, default: () => "'{}'" })
  consentIds: string[];

  /** PENDING, ACCEPTED, DECLINED, IN_PROGRESS, COMPLETED, CANCELLED */
  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: string;

  @Column({ name: 'assigned_to_id', type: 'uuid', nullable: true })
  assignedToId: string | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 32, nullable: true })
  declineReason: string | null;

  @Column({ name: 'outcome', type: 'varchar', length: 32, nullable: true })
  outcome: string | null;

  /** decline, outcome and cancellation texts */
  @Column({ name: 'notes_enc', type: 'text', nullable: true })
  notesEnc: string | null;

  @Column({ name: 'acknowledge_by', type: 'timestamptz' })
  acknowledgeBy: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A service delivered under a referral. */
@Entity({ name: 'referral_service' })
@Index('IDX_referral_service_referral', ['referralId', 'deliveredOn'])
export class ReferralServiceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @ManyToOne(() => ReferralEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_service_referral' })
  private referralRef?: ReferralEntity;

  @Column({ name: 'service_type', type: 'varchar', length: 40 })
  serviceType: string;

  @Column({ name: 'delivered_on', type: 'date' })
  deliveredOn: string;

  /** legacy plaintext from before decision 0013: read-only, emptied by `keys:rotate`, to be dropped */
  @Column({ type: 'varchar', length: 200, nullable: true })
  provider: string | null;

  /** who delivered the service (free text, may name a person), encrypted and bound to this row */
  @Column({ name: 'provider_enc', type: 'text', nullable: true })
  providerEnc: string | null;

  @Column({ name: 'notes_enc', type: 'text', nullable: true })
  notesEnc: string | null;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
