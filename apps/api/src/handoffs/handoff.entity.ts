import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import { CaseEntity } from '../cases/case.entity';

/**
 * A prosecution handoff from MoPS ATD to OSPP. `categories` is what travels: CASE_SUMMARY,
 * LEGAL_PROCEEDINGS and PERPETRATORS always; IDENTITY, EXPLOITATION_ACCOUNT and HEALTH only under an
 * active LAW_ENFORCEMENT_SHARING consent (checked again at every read).
 */
@Entity({ name: 'handoff' })
@Index('IDX_handoff_incoming', ['toAgencyId', 'status', 'id'])
@Index('IDX_handoff_outgoing', ['fromAgencyId', 'status', 'id'])
export class HandoffEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('IDX_handoff_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_handoff_case' })
  private caseRef?: CaseEntity;

  @Column({ name: 'from_agency_id', type: 'uuid' })
  fromAgencyId: string;

  @Column({ name: 'from_user_id', type: 'uuid' })
  fromUserId: string;

  @Column({ name: 'to_agency_id', type: 'uuid' })
  toAgencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_agency_id', foreignKeyConstraintName: 'FK_handoff_to_agency' })
  private toAgencyRef?: AgencyEntity;

  /** SUBMITTED, RECEIVED, ACCEPTED, RETURNED, CHARGED, AT_TRIAL, DECIDED, CLOSED, WITHDRAWN */
  @Column({ type: 'varchar', length: 16, default: 'SUBMITTED' })
  status: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: string[];

  /** LEGAL_PROCEEDINGS: statement summary, evidence list, proposed charges, protection measures */
  @Column({ name: 'packet_enc', type: 'text', nullable: true })
  packetEnc: string | null;

  /** PERPETRATORS: suspects with role in the process and relation to the victim */
  @Column({ name: 'suspects_enc', type: 'text', nullable: true })
  suspectsEnc: string | null;

  /** YES, NO, UNDECIDED */
  @Column({ name: 'willing_to_testify', type: 'varchar', length: 12, nullable: true })
  willingToTestify: string | null;

  @Column({ name: 'prosecutor_id', type: 'uuid', nullable: true })
  prosecutorId: string | null;

  /** return reason, charges, court, trial dates, verdict details, sentence, restitution */
  @Column({ name: 'prosecution_enc', type: 'text', nullable: true })
  prosecutionEnc: string | null;

  /** CONVICTED, ACQUITTED, DISMISSED */
  @Column({ type: 'varchar', length: 16, nullable: true })
  verdict: string | null;

  @Column({ name: 'receive_by', type: 'timestamptz' })
  receiveBy: Date;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
