import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkPassword, type ActivationMfaStep, type ActivationStart } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { PasswordHasher } from '../platform/auth/password-hasher';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { ValidationFailed } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';
import type { Runner } from '../platform/database/sql';
import { UserRepository, type UserWithAgencyRow } from '../users/user.repository';
import { ActivationRepository, type OpenActivationRow } from './activation.repository';
import { passwordContextWords } from './auth.service';
import { CredentialChecker } from './credential-check';
import { digest } from './tokens';
import { acceptedStep, newMfaSecret, otpauthUri } from './mfa';
import { SessionRepository } from './session.repository';

const badToken = () => new ValidationFailed([{ field: 'token', problems: ['is invalid, used or expired'] }]);

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
    private readonly activations: ActivationRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly credentials: CredentialChecker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async find(
    m: Runner,
    token: string,
    lock: boolean,
  ): Promise<{ a: OpenActivationRow; user: UserWithAgencyRow }> {
    const a = await this.activations.byToken(m, digest(token), lock);
    if (!a) throw badToken();
    const user = await this.users.byId(m, a.user_id);
    if (!user || !user.agency_active || (user.status !== 'ACTIVE' && user.status !== 'INVITED')) throw badToken();
    return { a, user };
  }

  private mfaStep(user: UserWithAgencyRow): ActivationMfaStep {
    if (user.mfa_enabled_at) return 'VERIFY';
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
        await this.activations.setPendingMfa(m, a.id, secret);
        mfaSetup = { secret, otpauthUri: otpauthUri(user.username, secret) };
      }
      return { username: user.username, purpose: a.purpose, mfa, mfaSetup, expiresAt: a.expires_at.toISOString() };
    });
  }

  async complete(ctx: RequestContext, token: string, newPassword: string, code: string | undefined): Promise<void> {
    const { a, user } = await this.find(this.ds, token, false);
    const problems: string[] = checkPassword(newPassword, passwordContextWords(user.username, user.display_name));
    if (problems.length) throw new ValidationFailed([{ field: 'newPassword', problems }]);
    // a reset is completed with a password different from the one it replaced
    if (
      a.previous_password_hash &&
      (await this.hasher.verify(a.previous_password_hash, newPassword, { priority: true }))
    ) {
      throw new ValidationFailed([{ field: 'newPassword', problems: ['REUSED'] }]);
    }
    const mfa = this.mfaStep(user);
    let step: number | null = null;
    let enrolSecret: string | null = null;
    if (mfa !== 'NONE') {
      if (!code) throw new ValidationFailed([{ field: 'code', problems: ['is required'] }]);
      if (mfa === 'ENROL') {
        enrolSecret = this.activations.pendingMfaSecretOf(a);
        if (!enrolSecret) throw new ValidationFailed([{ field: 'code', problems: ['no setup in progress'] }]);
      }
      // the code is checked like every credential: the account's reservation, counted and audited on failure
      const secret = enrolSecret ?? this.users.mfaSecretOf(user);
      const lastStep = enrolSecret ? null : user.mfa_last_step === null ? null : Number(user.mfa_last_step);
      const failure = await this.credentials.check(
        ctx,
        { action: 'CREDENTIAL_CHECK_FAILED', username: user.username, user, markKnown: false },
        async () => {
          // no stored secret (it cannot be read): no code is right
          step = secret ? acceptedStep(secret, code, lastStep) : null;
          return step === null ? 'WRONG_MFA_CODE' : null;
        },
      );
      if (failure) throw new ValidationFailed([{ field: 'code', problems: ['is not the current code'] }]);
    }
    const hash = await this.hasher.hash(newPassword);
    await this.ds.transaction(async (m) => {
      if (!(await this.activations.use(m, a.id))) throw badToken();
      const mfaChange =
        enrolSecret !== null && step !== null
          ? { enrol: { secret: enrolSecret, step } }
          : mfa === 'VERIFY' && step !== null
            ? { verifiedStep: step }
            : null;
      if (!(await this.users.activate(m, user.id, hash, mfaChange))) throw badToken();
      const sessionsEnded = await this.sessions.endSessions(m, user.id);
      await this.audit.record(
        { ...ctx, actor: null },
        {
          action: 'ACCOUNT_ACTIVATED',
          outcome: 'ALLOWED',
          actorUserId: user.id,
          actorUsername: user.username,
          actorAgencyId: user.agency_id,
          objectType: 'user',
          objectId: user.id,
          details: { activationId: a.id, purpose: a.purpose, mfa, sessionsEnded },
        },
        m,
      );
    });
  }
}
