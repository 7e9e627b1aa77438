import { CaseEntity } from '../cases/case.entity';
import { PersonEntity } from '../persons/person.entity';
import { AgencyEntity } from '../agencies/agency.entity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A screening interview. Coded, non-identifying fields are columns (they drive lists, scope and
 * statistics); every narrative and identifying answer is inside the encrypted blobs.
 */
@Entity({ name: 'screening' })
@Check('CHK_screening_district_code', `"district" IS NULL OR ("district" ~ '^[0-9]{4}$' AND left("district", 2) = "province_code")`)
@Check('CHK_screening_crossing_point_code', `"crossing_point" IS NULL OR "crossing_point" ~ '^[A-Z0-9_]{2,40}$'`)
@Index('IDX_screening_agency_status', ['agencyId', 'status', 'id'])
@Index('IDX_screening_interviewer', ['interviewerId', 'status', 'id'])
export class ScreeningEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_screening_agency' })
  private agencyIdRef?: AgencyEntity;

  @Column({ name: 'interviewer_id', type: 'uuid' })
  interviewerId: string;

  @Column({ type: 'varchar', length: 16, default: 'DRAFT' })
  status: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode: string;

  /** a district code (libs/domain places.ts) of the province; never free text (decision 0017) */
  @Column({ type: 'varchar', length: 120, nullable: true })
  district: string | null;

  @Column({ name: 'facility_type', type: 'varchar', length: 40, nullable: true })
  facilityType: string | null;

  @Column({ name: 'crossing_point', type: 'varchar', length: 120, nullable: true })
  crossingPoint: string | null;

  @Column({ name: 'referral_source', type: 'varchar', length: 40, nullable: true })
  referralSource: string | null;

  @Column({ name: 'interview_at', type: 'timestamptz', nullable: true })
  interviewAt: Date | null;

  @Column({ name: 'interview_language', type: 'varchar', length: 16, nullable: true })
  interviewLanguage: string | null;

  /** the seven interview-consent answers (codes only) */
  @Column({ name: 'interview_consent', type: 'jsonb', default: () => "'{}'" })
  interviewConsent: Record<string, string>;

  /** interpreter, bio-data, recruitment, transit, destination and exploitation, exit, needs and risks */
  @Column({ name: 'content_enc', type: 'text', nullable: true })
  contentEnc: string | null;

  /** indicator answers with their evidence text */
  @Column({ name: 'indicators_enc', type: 'text', nullable: true })
  indicatorsEnc: string | null;

  /** the computed, indicative result (codes and counts only) with its rule version */
  @Column({ type: 'jsonb', nullable: true })
  assessment: Record<string, unknown> | null;

  @Column({ name: 'interviewer_assessment', type: 'varchar', length: 24, nullable: true })
  interviewerAssessment: string | null;

  @Column({ name: 'is_child', type: 'boolean', default: false })
  isChild: boolean;

  /** the person this interview is about, once linked (or created at approval) */
  @Index('IDX_screening_person')
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_screening_person' })
  private personIdRef?: PersonEntity;

  @Index('IDX_screening_case')
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_screening_case' })
  private caseIdRef?: CaseEntity;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reviewed_by_id', type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  /** supervisor's comments on return or approval, and the termination note */
  @Column({ name: 'review_comment_enc', type: 'text', nullable: true })
  reviewCommentEnc: string | null;

  @Column({ name: 'termination_reason', type: 'varchar', length: 40, nullable: true })
  terminationReason: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
