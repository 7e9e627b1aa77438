import type { EntityManager } from 'typeorm';
import { execUpdate } from '../platform/database/exec-update';

/**
 * Ends a user's sessions by revoking their refresh-token families; the access tokens of those
 * sessions stop at once, because JwtStrategy checks their family. `keep` spares one session (the
 * one making a credential change). Returns the refresh tokens revoked.
 */
export function endSessions(m: EntityManager, userId: string, keep: string | null = null): Promise<number> {
  return execUpdate(
    m,
    `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND family_id IS DISTINCT FROM $2::uuid AND revoked_at IS NULL`,
    [userId, keep],
  );
}
