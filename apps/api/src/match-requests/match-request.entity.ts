import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import { PersonEntity } from '../persons/person.entity';
import { ScreeningEntity } from '../screenings/screening.entity';

/**
 * One agency asking another whether the person of one of its screenings is a person the other
 * already holds (spec/workflows.md "Match request"). The asking side never sees the candidates;
 * the answering side sees the asking side's terms (encrypted at rest) beside its own persons.
 */
@Entity({ name: 'match_request' })
@Index('IDX_match_request_incoming', ['toAgencyId', 'status', 'updatedAt', 'id'])
@Index('IDX_match_request_outgoing', ['fromAgencyId', 'status', 'updatedAt', 'id'])
/** partial index (linked requests only): not expressible here */
@Index('IDX_match_request_linked', { synchronize: false })
export class MatchRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'from_agency_id', type: 'uuid' })
  fromAgencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_agency_id', foreignKeyConstraintName: 'FK_match_request_from_agency' })
  private fromAgencyRef?: AgencyEntity;

  @Column({ name: 'from_user_id', type: 'uuid' })
  fromUserId: string;

  @Index('IDX_match_request_screening')
  @Column({ name: 'screening_id', type: 'uuid' })
  screeningId: string;

  @ManyToOne(() => ScreeningEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'screening_id', foreignKeyConstraintName: 'FK_match_request_screening' })
  private screeningRef?: ScreeningEntity;

  @Column({ name: 'to_agency_id', type: 'uuid' })
  toAgencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_agency_id', foreignKeyConstraintName: 'FK_match_request_to_agency' })
  private toAgencyRef?: AgencyEntity;

  /** the asking side's terms (names, birth date, sex, document), encrypted, bound to this row */
  @Column({ name: 'terms_enc', type: 'text' })
  termsEnc: string;

  /** the answering agency's persons that matched: shown to the answering side only */
  @Column({ name: 'candidate_ids', type: 'uuid', array: true, default: () => "'{}'" })
  candidateIds: string[];

  /** OPEN, LINKED, NO_MATCH, WITHDRAWN */
  @Column({ type: 'varchar', length: 16, default: 'OPEN' })
  status: string;

  @Column({ name: 'linked_person_id', type: 'uuid', nullable: true })
  linkedPersonId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'linked_person_id', foreignKeyConstraintName: 'FK_match_request_linked_person' })
  private linkedPersonRef?: PersonEntity;

  @Column({ name: 'answered_by_id', type: 'uuid', nullable: true })
  answeredById: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'comment_enc', type: 'text', nullable: true })
  commentEnc: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
