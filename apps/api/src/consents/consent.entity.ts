import { CaseEntity } from '../cases/case.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A consent: granted, and later perhaps withdrawn; never edited (a trigger refuses any other
 * change and any delete). Scope: recipient agencies, purposes (consent types) and data categories.
 */
@Entity({ name: 'consent' })
@Index('IDX_consent_case', ['caseId', 'status'])
export class ConsentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_consent_case' })
  private caseIdRef?: CaseEntity;

  /** INTERVIEW, DATA_PROCESSING, REFERRAL_SHARING, LAW_ENFORCEMENT_SHARING, … */
  @Column({ type: 'varchar', length: 32 })
  type: string;

  /** ACTIVE or WITHDRAWN (expiry is computed from expires_at) */
  @Column({ type: 'varchar', length: 12, default: 'ACTIVE' })
  status: string;

  @Column({ name: 'agency_ids', type: 'uuid', array: true, default: () => "'{}'" })
  agencyIds: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  purposes: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: string[];

  /** SELF, PARENT, LEGAL_GUARDIAN, SOCIAL_WORKER, … */
  @Column({ name: 'given_by', type: 'varchar', length: 20 })
  givenBy: string;

  /** WRITTEN, THUMBPRINT, VERBAL_CERTIFIED, AUDIO, VIDEO */
  @Column({ type: 'varchar', length: 40 })
  form: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  language: string | null;

  @Column({ name: 'interpreter_used', type: 'boolean', default: false })
  interpreterUsed: boolean;

  /** names of the guardian / witness, when recorded */
  @Column({ name: 'parties_enc', type: 'text', nullable: true })
  partiesEnc: string | null;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById: string;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by_id', type: 'uuid', nullable: true })
  withdrawnById: string | null;

  /** legacy plaintext from before decision 0013: read-only, emptied by `keys:rotate`, to be dropped */
  @Column({ name: 'withdrawal_reason', type: 'varchar', length: 200, nullable: true })
  withdrawalReason: string | null;

  /** why consent was withdrawn (free text), encrypted and bound to this row */
  @Column({ name: 'withdrawal_reason_enc', type: 'text', nullable: true })
  withdrawalReasonEnc: string | null;
}
