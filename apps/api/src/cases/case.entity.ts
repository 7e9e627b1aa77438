import { AgencyEntity } from '../agencies/agency.entity';
import { PersonEntity } from '../persons/person.entity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A case. CASE_SUMMARY fields are columns; each protected category is one encrypted JSON blob,
 * so a data packet (a set of categories) decrypts exactly the blobs it names.
 */
@Entity({ name: 'case_record' })
@Index('IDX_case_scope', ['leadAgencyId', 'provinceCode', 'status', 'updatedAt', 'id'])
@Index('IDX_case_assigned', ['assignedToId', 'status', 'updatedAt', 'id'])
@Index('IDX_case_agency_updated', ['leadAgencyId', 'updatedAt', 'id'])
/** covering index (INCLUDE) for the statistics: not expressible here */
@Index('IDX_case_stats', { synchronize: false })
export class CaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** e.g. VT-2026-00042: province, year, sequence; never the person's name */
  @Index('UQ_case_number', { unique: true })
  @Column({ name: 'case_number', type: 'varchar', length: 32 })
  caseNumber: string;

  @Index('IDX_case_person')
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_case_person' })
  private personIdRef?: PersonEntity;

  @Column({ name: 'lead_agency_id', type: 'uuid' })
  leadAgencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_agency_id', foreignKeyConstraintName: 'FK_case_lead_agency' })
  private leadAgencyIdRef?: AgencyEntity;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode: string;

  @Column({ name: 'assigned_to_id', type: 'uuid', nullable: true })
  assignedToId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'OPEN' })
  status: string;

  @Column({ name: 'identification_status', type: 'varchar', length: 20, default: 'POSSIBLE_VICTIM' })
  identificationStatus: string;

  @Column({ name: 'exploitation_types', type: 'text', array: true, default: () => "'{}'" })
  exploitationTypes: string[];

  @Column({ name: 'destination_countries', type: 'text', array: true, default: () => "'{}'" })
  destinationCountries: string[];

  @Column({ name: 'risk_level', type: 'varchar', length: 16, nullable: true })
  riskLevel: string | null;

  /** service types needed (coded) */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  needs: string[];

  /** CHILD, RESTRICTED, NON_PUNISHMENT */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags: string[];

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closure_reason', type: 'varchar', length: 32, nullable: true })
  closureReason: string | null;

  /** EXPLOITATION_ACCOUNT: narrative, journey events, means of control */
  @Column({ name: 'exploitation_enc', type: 'text', nullable: true })
  exploitationEnc: string | null;

  /** PERPETRATORS: role in the process, relation to the victim */
  @Column({ name: 'perpetrators_enc', type: 'text', nullable: true })
  perpetratorsEnc: string | null;

  /** HEALTH */
  @Column({ name: 'health_enc', type: 'text', nullable: true })
  healthEnc: string | null;

  /** CONTACT_LOCATION: current shelter, safe contact */
  @Column({ name: 'contact_enc', type: 'text', nullable: true })
  contactEnc: string | null;

  /** LEGAL_PROCEEDINGS */
  @Column({ name: 'legal_enc', type: 'text', nullable: true })
  legalEnc: string | null;

  /** case plan (free text) */
  @Column({ name: 'plan_enc', type: 'text', nullable: true })
  planEnc: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
