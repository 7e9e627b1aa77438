import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { checkPassword, LoginResponse, MfaChallenge, MfaSetup, TokenPair } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { PasswordHasher } from '../platform/auth/password-hasher';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { Conflict, ValidationFailed } from '../platform/http/errors';
import { OutboxService } from '../platform/outbox/outbox.service';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { toMeView } from '../users/user.mapper';
import { UserRepository, type UserWithAgencyRow } from '../users/user.repository';
import { CredentialChecker } from './credential-check';
import { acceptedStep, newMfaSecret, otpauthUri } from './mfa';
import { SessionRepository } from './session.repository';
import { digest, TokenIssuer } from './tokens';

export { TooManyAttempts } from './credential-throttle';

const INVALID = 'Invalid username or password';
const INVALID_CODE = 'Invalid or expired code';
const mfaAlreadyOn = () =>
  new Conflict('MFA_ALREADY_ENABLED', 'Two-step sign-in is already on; an administrator can reset it');

export function normaliseUsername(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase().slice(0, 128);
}

/** The words a user's password may not contain (the password policy's context words). */
export function passwordContextWords(username: string, displayName: string): string[] {
  return [username, ...username.split(/[._-]/), displayName, 'ctms'];
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenIssuer,
    private readonly credentials: CredentialChecker,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The signed-in user's own row. */
  private async self(ctx: RequestContext): Promise<{ actor: Actor; user: UserWithAgencyRow }> {
    const actor = actorOf(ctx);
    const user = await this.users.byId(this.ds, actor.userId);
    if (!user) throw new UnauthorizedException();
    return { actor, user };
  }

  async login(ctx: RequestContext, rawUsername: string, password: string): Promise<LoginResponse | MfaChallenge> {
    const username = normaliseUsername(rawUsername);
    const now = new Date();
    const user = (await this.users.byUsername(this.ds, username)) ?? null;
    const failure = await this.credentials.check(
      ctx,
      { action: 'LOGIN_FAILED', username, user, markKnown: !user?.mfa_enabled_at },
      async (priority) => {
        // always verify a hash, even for unknown or disabled accounts, so the timing tells nothing
        const passwordOk = await this.hasher.verify(user?.password_hash ?? null, password, { priority });
        if (!user) return 'UNKNOWN_USER';
        if (!passwordOk) return 'WRONG_PASSWORD';
        return user.status === 'ACTIVE' && user.agency_active && !!user.password_hash ? null : 'ACCOUNT_NOT_ACTIVE';
      },
    );
    if (failure || !user) throw new UnauthorizedException(INVALID);
    if (user.password_hash && this.hasher.needsRehash(user.password_hash)) {
      await this.users.setPasswordHash(this.ds, user.id, await this.hasher.hash(password));
    }
    if (user.mfa_enabled_at) {
      // the password was right; the session starts only with a code (POST /auth/mfa)
      const mfaToken = await this.tokens.mfaChallenge(user);
      await this.audit.record(
        { ...ctx, actor: null },
        {
          action: 'LOGIN_MFA_CHALLENGED',
          outcome: 'ALLOWED',
          actorUserId: user.id,
          actorUsername: user.username,
          actorAgencyId: user.agency_id,
        },
      );
      return { mfaRequired: true, mfaToken };
    }
    return this.startSession(ctx, user, now, false);
  }

  /**
   * The second step of a login with MFA: the challenge from the right password and a current code.
   * A wrong or reused code counts as a failed login (same throttle); the challenge lasts 5 minutes.
   */
  async loginWithCode(ctx: RequestContext, mfaToken: string, code: string): Promise<LoginResponse> {
    const now = new Date();
    const claims = await this.tokens.mfaChallengeClaims(mfaToken);
    if (!claims) throw new UnauthorizedException(INVALID_CODE);
    const user = await this.users.byId(this.ds, claims.sub);
    // the challenge is signed: its account exists unless it was deleted since
    if (!user) throw new UnauthorizedException(INVALID_CODE);
    const failure = await this.credentials.check(
      ctx,
      { action: 'LOGIN_FAILED', username: user.username, user, markKnown: true },
      async () => {
        const secret =
          user.status === 'ACTIVE' && user.agency_active && user.auth_version === claims.av
            ? this.users.mfaSecretOf(user)
            : null;
        if (!secret) return 'ACCOUNT_NOT_ACTIVE';
        const step = acceptedStep(
          secret,
          code,
          user.mfa_last_step === null ? null : Number(user.mfa_last_step),
          now.getTime(),
        );
        // the step is claimed in the same statement that checks it: two requests with one code cannot both pass
        const claimed = step !== null && (await this.users.claimMfaStep(this.ds, user.id, step));
        return claimed ? null : 'WRONG_MFA_CODE';
      },
    );
    if (failure) throw new UnauthorizedException(INVALID_CODE);
    return this.startSession(ctx, user, now, true);
  }

  private startSession(ctx: RequestContext, user: UserWithAgencyRow, now: Date, mfa: boolean): Promise<LoginResponse> {
    return this.ds.transaction(async (m) => {
      const familyId = randomUUID();
      const pair = await this.tokens.issue(m, user, familyId, now);
      // the first sign-in after an administrator created or reset the account tells the agency's supervisors
      const first = await this.users.takeFirstSignIn(m, user.id);
      if (first) await this.outbox.add(m, 'account.first_sign_in', { userId: user.id, sessionId: familyId });
      await this.audit.record(
        { ...ctx, actor: null },
        {
          action: 'LOGIN_SUCCEEDED',
          outcome: 'ALLOWED',
          actorUserId: user.id,
          actorUsername: user.username,
          actorAgencyId: user.agency_id,
          objectType: 'session',
          objectId: familyId,
          details: { mfa, ...(first ? { firstAfterActivation: true } : {}) },
        },
        m,
      );
      return { ...pair, user: toMeView(user, this.config.mfaRequired) };
    });
  }

  /** The current password asked again on a /me route, under the throttle; a wrong one is a 400 naming the field. */
  private async checkCurrentPassword(ctx: RequestContext, user: UserWithAgencyRow, current: string): Promise<void> {
    const failure = await this.credentials.check(
      ctx,
      { action: 'CREDENTIAL_CHECK_FAILED', username: user.username, user, markKnown: false },
      async (priority) =>
        (await this.hasher.verify(user.password_hash, current, { priority })) ? null : 'WRONG_PASSWORD',
    );
    if (failure) throw new ValidationFailed([{ field: 'currentPassword', problems: ['does not match'] }]);
  }

  /** Starts MFA enrolment: checks the password again, keeps a new secret aside and shows it once. */
  async startMfaSetup(ctx: RequestContext, currentPassword: string): Promise<MfaSetup> {
    const { user } = await this.self(ctx);
    if (user.mfa_enabled_at) throw mfaAlreadyOn();
    await this.checkCurrentPassword(ctx, user, currentPassword);
    const secret = newMfaSecret();
    await this.ds.transaction(async (m) => {
      await this.users.setPendingMfa(m, user.id, secret);
      await this.audit.record(
        ctx,
        { action: 'MFA_SETUP_STARTED', outcome: 'ALLOWED', objectType: 'user', objectId: user.id },
        m,
      );
    });
    return { secret, otpauthUri: otpauthUri(user.username, secret) };
  }

  /** Turns MFA on once a code from the secret being set up is right (the code check is throttled like any other). */
  async enableMfa(ctx: RequestContext, code: string): Promise<void> {
    const { actor, user } = await this.self(ctx);
    if (user.mfa_enabled_at) throw mfaAlreadyOn();
    const pending = user.mfa_pending_secret_enc;
    const secret = this.users.pendingMfaSecretOf(user);
    if (!pending || !secret) throw new ValidationFailed([{ field: 'code', problems: ['no setup in progress'] }]);
    let step: number | null = null;
    const failure = await this.credentials.check(
      ctx,
      { action: 'CREDENTIAL_CHECK_FAILED', username: user.username, user, markKnown: false },
      async () => {
        step = acceptedStep(secret, code, null);
        return step === null ? 'WRONG_MFA_CODE' : null;
      },
    );
    if (failure || step === null)
      throw new ValidationFailed([{ field: 'code', problems: ['is not the current code'] }]);
    const accepted: number = step;
    await this.ds.transaction(async (m) => {
      if (!(await this.users.enableMfa(m, user.id, secret, accepted, pending)))
        throw new Conflict('MFA_SETUP_CHANGED', 'The setup changed meanwhile; start again');
      const otherSessionsEnded = await this.endOtherSessions(m, actor);
      await this.audit.record(
        ctx,
        {
          action: 'MFA_ENABLED',
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: user.id,
          details: { otherSessionsEnded },
        },
        m,
      );
    });
  }

  async refresh(ctx: RequestContext, token: string): Promise<TokenPair> {
    const now = new Date();
    // the token's kind, issuer and audience first: an access token or a challenge is no refresh token
    if (!(await this.tokens.isRefreshToken(token))) throw new UnauthorizedException();
    const outcome = await this.ds.transaction(async (m) => {
      const row = await this.sessions.lockByHash(m, digest(token));
      if (!row) return { kind: 'invalid' as const };
      if (row.used_at || row.revoked_at) {
        // a token presented twice: someone holds a copy. Revoke the whole login.
        const alreadyRevoked = !!row.revoked_at && !row.used_at;
        await this.sessions.revokeFamily(m, row.family_id, now);
        if (!alreadyRevoked) {
          await this.audit.record(
            ctx,
            {
              action: 'REFRESH_TOKEN_REUSED',
              outcome: 'DENIED',
              actorUserId: row.user_id,
              objectType: 'session',
              objectId: row.family_id,
            },
            m,
          );
        }
        return { kind: 'reuse' as const };
      }
      const absoluteEnd = row.family_started_at.getTime() + this.config.refreshAbsoluteSeconds * 1000;
      if (row.expires_at.getTime() <= now.getTime() || absoluteEnd <= now.getTime())
        return { kind: 'invalid' as const };
      const user = await this.users.byId(m, row.user_id);
      if (!user || user.status !== 'ACTIVE' || !user.agency_active) return { kind: 'invalid' as const };
      await this.sessions.markUsed(m, row.id, now);
      return { kind: 'ok' as const, pair: await this.tokens.issue(m, user, row.family_id, row.family_started_at, now) };
    });
    if (outcome.kind !== 'ok') throw new UnauthorizedException();
    return outcome.pair;
  }

  /**
   * Ends the session the access token names (its refresh-token family), whatever the body holds: a
   * stale or foreign refresh token in the body changes nothing, and this session ends all the same.
   */
  async logout(ctx: RequestContext): Promise<void> {
    const actor = ctx.actor;
    if (!actor?.sessionId) throw new UnauthorizedException();
    const sessionId = actor.sessionId;
    await this.ds.transaction(async (m) => {
      const revoked = await this.sessions.endSession(m, sessionId, actor.userId);
      await this.audit.record(
        ctx,
        {
          action: 'LOGOUT',
          outcome: 'ALLOWED',
          objectType: 'session',
          objectId: sessionId,
          details: { refreshTokensRevoked: revoked },
        },
        m,
      );
    });
  }

  async changePassword(ctx: RequestContext, current: string, next: string): Promise<void> {
    const { actor, user } = await this.self(ctx);
    const problems: string[] = checkPassword(next, passwordContextWords(user.username, user.display_name));
    // a password (a temporary one above all) is changed to a different one
    if (next === current) problems.push('REUSED');
    if (problems.length) throw new ValidationFailed([{ field: 'newPassword', problems }]);
    await this.checkCurrentPassword(ctx, user, current);
    const hash = await this.hasher.hash(next);
    await this.ds.transaction(async (m) => {
      await this.users.changePassword(m, user.id, hash);
      const otherSessionsEnded = await this.endOtherSessions(m, actor);
      await this.audit.record(
        ctx,
        {
          action: 'PASSWORD_CHANGED',
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: user.id,
          details: { otherSessionsEnded },
        },
        m,
      );
    });
  }

  /**
   * After a credential change (a new password, MFA turned on) the user's other sessions end
   * (ASVS 7.4.3): whoever knew the old password on another device is signed out there.
   */
  private endOtherSessions(m: EntityManager, actor: Actor): Promise<number> {
    return this.sessions.endSessions(m, actor.userId, actor.sessionId ?? null);
  }
}
