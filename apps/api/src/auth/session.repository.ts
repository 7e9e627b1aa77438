import { Injectable } from '@nestjs/common';
import { exec, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type RowOf } from '../platform/database/table';

/**
 * Opaque refresh tokens, stored only as a SHA-256 digest (UQ_refresh_token_hash). Every use rotates
 * the token; tokens of one login (a session) share a family, and presenting an already used token
 * revokes the whole family. Indexes: IDX_refresh_token_user, IDX_refresh_token_family.
 */
export const refreshTokenTable = table('refresh_token', {
  id: col('uuid'),
  token_hash: col('bytea'),
  user_id: col('uuid'),
  family_id: col('uuid'),
  /** when the family (the login) started: the absolute session limit counts from here */
  family_started_at: col('timestamptz'),
  issued_at: col('timestamptz'),
  /** idle limit */
  expires_at: col('timestamptz'),
  used_at: col('timestamptz').nullable(),
  revoked_at: col('timestamptz').nullable(),
});
export type RefreshTokenRow = RowOf<typeof refreshTokenTable>;

/** The statements, pure: session.repository.spec.ts snapshots each one. */
export const sessionSql = {
  insert: (
    t: Pick<RefreshTokenRow, 'token_hash' | 'user_id' | 'family_id' | 'family_started_at' | 'issued_at' | 'expires_at'>,
  ): Sql =>
    sql`INSERT INTO refresh_token (token_hash, user_id, family_id, family_started_at, issued_at, expires_at)
        VALUES (${t.token_hash}, ${t.user_id}::uuid, ${t.family_id}::uuid, ${t.family_started_at}, ${t.issued_at}, ${t.expires_at})`,
  lockByHash: (hash: Buffer): Sql =>
    sql`SELECT ${refreshTokenTable.select('t')} FROM refresh_token t WHERE t.token_hash = ${hash} FOR UPDATE`,
  markUsed: (id: string, at: Date): Sql => sql`UPDATE refresh_token SET used_at = ${at} WHERE id = ${id}::uuid`,
  revokeFamily: (familyId: string, at: Date): Sql =>
    sql`UPDATE refresh_token SET revoked_at = ${at} WHERE family_id = ${familyId}::uuid AND revoked_at IS NULL`,
  /** One session of one user (a logout). */
  endSession: (familyId: string, userId: string): Sql =>
    sql`UPDATE refresh_token SET revoked_at = now() WHERE family_id = ${familyId}::uuid AND user_id = ${userId}::uuid AND revoked_at IS NULL`,
  /** Every session of a user but `keep`. */
  endSessions: (userId: string, keep: string | null): Sql =>
    sql`UPDATE refresh_token SET revoked_at = now() WHERE user_id = ${userId}::uuid AND family_id IS DISTINCT FROM ${keep}::uuid AND revoked_at IS NULL`,
};

/** Sessions: the refresh-token families of the users' logins. */
@Injectable()
export class SessionRepository {
  async insert(m: Runner, t: Parameters<typeof sessionSql.insert>[0]): Promise<void> {
    await exec(m, sessionSql.insert(t));
  }

  async lockByHash(m: Runner, hash: Buffer): Promise<RefreshTokenRow | undefined> {
    return selectOne<RefreshTokenRow>(m, sessionSql.lockByHash(hash));
  }

  async markUsed(m: Runner, id: string, at: Date): Promise<void> {
    await exec(m, sessionSql.markUsed(id, at));
  }

  async revokeFamily(m: Runner, familyId: string, at: Date): Promise<void> {
    await exec(m, sessionSql.revokeFamily(familyId, at));
  }

  /** Ends one session of the user; the refresh tokens revoked. */
  endSession(m: Runner, familyId: string, userId: string): Promise<number> {
    return exec(m, sessionSql.endSession(familyId, userId));
  }

  /**
   * Ends a user's sessions by revoking their refresh-token families; the access tokens of those
   * sessions stop at once, because JwtStrategy checks their family. `keep` spares one session (the
   * one making a credential change). Returns the refresh tokens revoked.
   */
  endSessions(m: Runner, userId: string, keep: string | null = null): Promise<number> {
    return exec(m, sessionSql.endSessions(userId, keep));
  }
}
