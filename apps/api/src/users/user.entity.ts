import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Language, Role, UserStatus } from '@ctms/domain';
import { AgencyEntity } from '../agencies/agency.entity';

@Entity({ name: 'app_user' })
@Check('CHK_app_user_mfa', `("mfa_enabled_at" IS NULL) = ("mfa_secret_enc" IS NULL)`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** stored lower-case; unique */
  @Index('UQ_app_user_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Index('IDX_app_user_agency')
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_app_user_agency' })
  agency?: AgencyEntity;

  /** where notification e-mails go (no personal data in them); optional */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: Role[];

  @Column({ name: 'all_provinces', type: 'boolean', default: false })
  allProvinces: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  provinces: string[];

  @Column({ type: 'varchar', length: 2, default: 'lo' })
  language: Language;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: UserStatus;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  /** set when an admin resets the password: the user must choose a new one */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** the TOTP secret (FieldCipher, bound to this row and column); null: no MFA */
  @Column({ name: 'mfa_secret_enc', type: 'text', nullable: true })
  mfaSecretEnc: string | null;

  /** a secret shown for enrolment and not yet confirmed with a code */
  @Column({ name: 'mfa_pending_secret_enc', type: 'text', nullable: true })
  mfaPendingSecretEnc: string | null;

  @Column({ name: 'mfa_enabled_at', type: 'timestamptz', nullable: true })
  mfaEnabledAt: Date | null;

  /** the last accepted TOTP time step: a code is accepted once */
  @Column({ name: 'mfa_last_step', type: 'bigint', nullable: true })
  mfaLastStep: string | null;

  /**
   * set when the user activates an account an administrator created or reset: their first sign-in
   * after it tells the agency's supervisors (decision 0010)
   */
  @Column({ name: 'notify_first_sign_in', type: 'boolean', default: false })
  notifyFirstSignIn: boolean;

  /** bumped when roles, agency, scope or status change: every token carrying an older value is refused */
  @Column({ name: 'auth_version', type: 'integer', default: 1 })
  authVersion: number;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
