import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { checkPassword, type ActivationMfaStep, type ActivationPurpose, type ActivationStart } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { PasswordHasher } from '../platform/auth/password-hasher';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FieldCipher, type FieldBinding } from '../platform/crypto/field-cipher';
import { execUpdate } from '../platform/database/exec-update';
import { ValidationFailed } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';
import { OutboxService } from '../platform/outbox/outbox.service';
import { UserEntity } from '../users/user.entity';
import { AuthService, digest, passwordContextWords } from './auth.service';
import { acceptedStep, MFA_SECRET, newMfaSecret, otpauthUri } from './mfa';
import { endSessions } from './sessions';

export const ACTIVATION_PENDING_SECRET = (rowId: string): FieldBinding => ({ table: 'account_activation', column: 'mfa_pending_secret_enc', rowId });

const badToken = () => new ValidationFailed([{ field: 'token', problems: ['is invalid, used or expired'] }]);

interface ActivationRow {
  id: string;
  user_id: string;
  purpose: ActivationPurpose;
  previous_password_hash: string | null;
  mfa_pending_secret_enc: string | null;
  expires_at: Date;
}

/**
 * Account activation (decision 0010). An administrator's create, approve or reset writes an
 * `account_activation` row and an outbox event (`account.activation`, ids only); the worker makes
 * the token when it sends the e-mail (ActivationMailer). Here the holder of the link:
 *   start     learns what to do (password; MFA to enrol, or a code to confirm a reset of an MFA account)
 *   complete  sets their own password (policy; different from the one a reset replaced), enrols MFA
 *             where required, once, within 72 hours; the account's sessions end; audited.
 */
@Injectable()
export class ActivationService {
  constructor(
    private readonly ds: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * An administrator asks for an activation of `userId` in the caller's transaction: earlier links
   * of the account stop working, and the e-mail goes out through the outbox (ids only).
   */
  static async request(m: EntityManager, outbox: OutboxService, userId: string, purpose: ActivationPurpose, requestedBy: string, previousPasswordHash: string | null): Promise<string> {
    await m.query(`UPDATE account_activation SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [userId]);
    const rows: { id: string }[] = await m.query(
      `INSERT INTO account_activation (user_id, purpose, requested_by, previous_password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
      [userId, purpose, requestedBy, previousPasswordHash],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('activation not created');
    await outbox.add(m, 'account.activation', { activationId: id });
    return id;
  }

  private async find(m: EntityManager, token: string, lock: boolean): Promise<{ a: ActivationRow; user: UserEntity }> {
    const rows: ActivationRow[] = await m.query(
      `SELECT id, user_id, purpose, previous_password_hash, mfa_pending_secret_enc, expires_at FROM account_activation
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()${lock ? ' FOR UPDATE' : ''}`,
      [digest(token)],
    );
    const a = rows[0];
    if (!a) throw badToken();
    const user = await m.getRepository(UserEntity).findOne({ where: { id: a.user_id }, relations: { agency: true } });
    if (!user || !user.agency?.active || (user.status !== 'ACTIVE' && user.status !== 'INVITED')) throw badToken();
    return { a, user };
  }

  private mfaStep(user: UserEntity): ActivationMfaStep {
    if (user.mfaEnabledAt) return 'VERIFY';
    return this.config.mfaRequired ? 'ENROL' : 'NONE';
  }

  async start(token: string): Promise<ActivationStart> {
    return this.ds.transaction(async (m) => {
      const { a, user } = await this.find(m, token, true);
      const mfa = this.mfaStep(user);
      let mfaSetup: ActivationStart['mfaSetup'] = null;
      if (mfa === 'ENROL') {
        // a new secret each time the page opens: the one shown last is the one a code must match
        const secret = newMfaSecret();
        await m.query(`UPDATE account_activation SET mfa_pending_secret_enc = $2 WHERE id = $1`, [a.id, this.cipher.encrypt(secret, ACTIVATION_PENDING_SECRET(a.id))]);
        mfaSetup = { secret, otpauthUri: otpauthUri(user.username, secret) };
      }
      return { username: user.username, purpose: a.purpose, mfa, mfaSetup, expiresAt: a.expires_at.toISOString() };
    });
  }

  async complete(ctx: RequestContext, token: string, newPassword: string, code: string | undefined): Promise<void> {
    const { a, user } = await this.find(this.ds.manager, token, false);
    const problems: string[] = checkPassword(newPassword, passwordContextWords(user.username, user.displayName));
    if (problems.length) throw new ValidationFailed([{ field: 'newPassword', problems }]);
    // a reset is completed with a password different from the one it replaced
    if (a.previous_password_hash && (await this.hasher.verify(a.previous_password_hash, newPassword, { priority: true }))) {
      throw new ValidationFailed([{ field: 'newPassword', problems: ['REUSED'] }]);
    }
    const mfa = this.mfaStep(user);
    let step: number | null = null;
    let enrolSecret: string | null = null;
    if (mfa !== 'NONE') {
      if (!code) throw new ValidationFailed([{ field: 'code', problems: ['is required'] }]);
      if (mfa === 'ENROL') {
        if (!a.mfa_pending_secret_enc) throw new ValidationFailed([{ field: 'code', problems: ['no setup in progress'] }]);
        enrolSecret = this.cipher.decrypt(a.mfa_pending_secret_enc, ACTIVATION_PENDING_SECRET(a.id));
      }
      // the code is checked like every credential: the account's reservation, counted and audited on failure
      const secret = enrolSecret ?? this.cipher.decrypt(user.mfaSecretEnc as string, MFA_SECRET(user.id));
      const lastStep = enrolSecret ? null : user.mfaLastStep === null ? null : Number(user.mfaLastStep);
      const failure = await this.auth.checkCredential(ctx, { action: 'CREDENTIAL_CHECK_FAILED', username: user.username, user, markKnown: false }, async () => {
        step = acceptedStep(secret, code, lastStep);
        return step === null ? 'WRONG_MFA_CODE' : null;
      });
      if (failure) throw new ValidationFailed([{ field: 'code', problems: ['is not the current code'] }]);
    }
    const hash = await this.hasher.hash(newPassword);
    await this.ds.transaction(async (m) => {
      const used = await execUpdate(
        m,
        `UPDATE account_activation SET used_at = now(), previous_password_hash = NULL, mfa_pending_secret_enc = NULL
          WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
        [a.id],
      );
      if (used !== 1) throw badToken();
      const params: unknown[] = [user.id, hash];
      let mfaSet = '';
      if (enrolSecret !== null && step !== null) {
        params.push(this.cipher.encrypt(enrolSecret, MFA_SECRET(user.id)), step);
        mfaSet = `, mfa_secret_enc = $3, mfa_pending_secret_enc = NULL, mfa_enabled_at = now(), mfa_last_step = $4`;
      } else if (mfa === 'VERIFY' && step !== null) {
        params.push(step);
        mfaSet = `, mfa_last_step = GREATEST(coalesce(mfa_last_step, 0), $3)`;
      }
      const n = await execUpdate(
        m,
        `UPDATE app_user SET password_hash = $2, must_change_password = false, notify_first_sign_in = true,
                status = CASE WHEN status = 'INVITED' THEN 'ACTIVE' ELSE status END${mfaSet},
                auth_version = auth_version + 1, version = version + 1, updated_at = now()
          WHERE id = $1 AND status IN ('ACTIVE', 'INVITED')`,
        params,
      );
      if (n !== 1) throw badToken();
      const sessionsEnded = await endSessions(m, user.id);
      await this.audit.record(
        { ...ctx, actor: null },
        {
          action: 'ACCOUNT_ACTIVATED',
          outcome: 'ALLOWED',
          actorUserId: user.id,
          actorUsername: user.username,
          actorAgencyId: user.agencyId,
          objectType: 'user',
          objectId: user.id,
          details: { activationId: a.id, purpose: a.purpose, mfa, sessionsEnded },
        },
        m,
      );
    });
  }
}
