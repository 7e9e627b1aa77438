import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Opaque refresh tokens, stored only as a SHA-256 digest. Every use rotates the token; tokens of
 * one login share a family, and presenting an already used token revokes the whole family.
 */
@Entity({ name: 'refresh_token' })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_refresh_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Index('IDX_refresh_token_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Index('IDX_refresh_token_family')
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  /** when the family (the login) started: the absolute session limit counts from here */
  @Column({ name: 'family_started_at', type: 'timestamptz' })
  familyStartedAt: Date;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  /** idle limit */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
