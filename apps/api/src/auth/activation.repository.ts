import { Injectable } from '@nestjs/common';
import type { ActivationPurpose } from '@ctms/domain';
import { FieldCipher, type FieldBinding } from '../platform/crypto/field-cipher';
import { exec, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow, type RowOf } from '../platform/database/table';

/**
 * One activation of an account (decision 0010): created when an administrator creates, approves or
 * resets it; the worker makes the one-time token when it sends the e-mail, and keeps only its
 * SHA-256 here (the token exists nowhere but in the user's mailbox). It works once, for 72 hours.
 * Indexes: IDX_account_activation_user, UQ_account_activation_token.
 */
export const accountActivationTable = table('account_activation', {
  id: col('uuid'),
  user_id: col('uuid'),
  purpose: col('varchar').of<ActivationPurpose>(),
  /** the administrator who created, approved or reset the account */
  requested_by: col('uuid').nullable(),
  /** SHA-256 of the token; null until the e-mail goes out */
  token_hash: col('bytea').nullable(),
  /** the password hash before a reset, so that the new password must differ; cleared once used */
  previous_password_hash: col('text').nullable(),
  /** an MFA secret shown on the activation page, not yet confirmed (FieldCipher, bound to this row) */
  mfa_pending_secret_enc: col('text').nullable(),
  created_at: col('timestamptz'),
  sent_at: col('timestamptz').nullable(),
  expires_at: col('timestamptz').nullable(),
  used_at: col('timestamptz').nullable(),
  revoked_at: col('timestamptz').nullable(),
});
export type AccountActivationRow = RowOf<typeof accountActivationTable>;

/** An activation the holder of a link may use (sent, so it has an expiry). */
export type OpenActivationRow = PickRow<
  typeof accountActivationTable,
  'id' | 'user_id' | 'purpose' | 'previous_password_hash' | 'mfa_pending_secret_enc'
> & { expires_at: Date };

/** An activation to send, with its user's address. */
export type ActivationToSendRow = PickRow<typeof accountActivationTable, 'user_id' | 'purpose'> & {
  email: string | null;
  agency_id: string;
  username: string;
};

export const ACTIVATION_PENDING_SECRET = (rowId: string): FieldBinding => ({
  table: 'account_activation',
  column: 'mfa_pending_secret_enc',
  rowId,
});

/** The statements, pure: activation.repository.spec.ts snapshots each one. */
export const activationSql = {
  revokeOpen: (userId: string): Sql =>
    sql`UPDATE account_activation SET revoked_at = now() WHERE user_id = ${userId}::uuid AND used_at IS NULL AND revoked_at IS NULL`,
  insert: (userId: string, purpose: ActivationPurpose, requestedBy: string, previousPasswordHash: string | null): Sql =>
    sql`INSERT INTO account_activation (user_id, purpose, requested_by, previous_password_hash) VALUES (${userId}::uuid, ${purpose}, ${requestedBy}::uuid, ${previousPasswordHash}) RETURNING id`,
  byToken: (hash: Buffer, lock: boolean): Sql =>
    sql`SELECT id, user_id, purpose, previous_password_hash, mfa_pending_secret_enc, expires_at FROM account_activation
         WHERE token_hash = ${hash} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()${lock ? sql` FOR UPDATE` : sql``}`,
  setPendingMfa: (id: string, secretEnc: string): Sql =>
    sql`UPDATE account_activation SET mfa_pending_secret_enc = ${secretEnc} WHERE id = ${id}::uuid`,
  use: (id: string): Sql =>
    sql`UPDATE account_activation SET used_at = now(), previous_password_hash = NULL, mfa_pending_secret_enc = NULL
         WHERE id = ${id}::uuid AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
  toSend: (id: string): Sql =>
    sql`SELECT a.user_id, a.purpose, u.email, u.agency_id, u.username FROM account_activation a JOIN app_user u ON u.id = a.user_id
         WHERE a.id = ${id}::uuid AND a.used_at IS NULL AND a.revoked_at IS NULL AND u.status IN ('ACTIVE', 'INVITED')`,
  markSent: (id: string, tokenHash: Buffer, ttlHours: number): Sql =>
    sql`UPDATE account_activation SET token_hash = ${tokenHash}, sent_at = now(), expires_at = now() + make_interval(hours => ${ttlHours}::int)
         WHERE id = ${id}::uuid AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
};

/** Account activations: their SQL and the encryption binding of the pending MFA secret. */
@Injectable()
export class ActivationRepository {
  constructor(private readonly cipher: FieldCipher) {}

  /** Earlier links of the account stop working; a new activation is created. Its id. */
  async open(
    m: Runner,
    userId: string,
    purpose: ActivationPurpose,
    requestedBy: string,
    previousPasswordHash: string | null,
  ): Promise<string> {
    await exec(m, activationSql.revokeOpen(userId));
    const id = (
      await selectOne<{ id: string }>(m, activationSql.insert(userId, purpose, requestedBy, previousPasswordHash))
    )?.id;
    if (!id) throw new Error('activation not created');
    return id;
  }

  async revokeOpen(m: Runner, userId: string): Promise<void> {
    await exec(m, activationSql.revokeOpen(userId));
  }

  byToken(m: Runner, hash: Buffer, lock: boolean): Promise<OpenActivationRow | undefined> {
    return selectOne<OpenActivationRow>(m, activationSql.byToken(hash, lock));
  }

  async setPendingMfa(m: Runner, id: string, secret: string): Promise<void> {
    await exec(m, activationSql.setPendingMfa(id, this.cipher.encrypt(secret, ACTIVATION_PENDING_SECRET(id))));
  }

  pendingMfaSecretOf(a: Pick<OpenActivationRow, 'id' | 'mfa_pending_secret_enc'>): string | null {
    return this.cipher.decrypt(a.mfa_pending_secret_enc, ACTIVATION_PENDING_SECRET(a.id));
  }

  /** Marks the activation used (once, unexpired); false when it was not. */
  async use(m: Runner, id: string): Promise<boolean> {
    return (await exec(m, activationSql.use(id))) === 1;
  }

  toSend(m: Runner, id: string): Promise<ActivationToSendRow | undefined> {
    return selectOne<ActivationToSendRow>(m, activationSql.toSend(id));
  }

  /** Keeps the digest of the token being mailed; false when the activation was used or revoked meanwhile. */
  async markSent(m: Runner, id: string, tokenHash: Buffer, ttlHours: number): Promise<boolean> {
    return (await selectOne(m, activationSql.markSent(id, tokenHash, ttlHours))) !== undefined;
  }
}
