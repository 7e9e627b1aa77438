import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { checkPassword, LoginResponse, MfaChallenge, MfaSetup, TokenPair } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { HasherBusy, PasswordHasher } from '../platform/auth/password-hasher';
import { SIGN_OPTIONS, tokenKey, VERIFY_OPTIONS } from '../platform/auth/token-claims';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, ValidationFailed } from '../platform/http/errors';
import { OutboxService } from '../platform/outbox/outbox.service';
import type { Actor, RequestContext } from '../platform/http/request-context';
import { toMeView } from '../users/user.mapper';
import { UserRepository, type UserWithAgencyRow } from '../users/user.repository';
import { CredentialThrottle, Reservation, TooManyAttempts } from './credential-throttle';
import { FailedCheck, FailureLog } from './failure-log';
import { acceptedStep, MFA_TOKEN_TTL_SECONDS, MfaChallengeClaims, newMfaSecret, otpauthUri } from './mfa';
import { SessionRepository } from './session.repository';

export { TooManyAttempts } from './credential-throttle';

const INVALID = 'Invalid username or password';
const INVALID_CODE = 'Invalid or expired code';
const mfaAlreadyOn = () =>
  new Conflict('MFA_ALREADY_ENABLED', 'Two-step sign-in is already on; an administrator can reset it');

export function normaliseUsername(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase().slice(0, 128);
}

export function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The words a user's password may not contain (the password policy's context words). */
export function passwordContextWords(username: string, displayName: string): string[] {
  return [username, ...username.split(/[._-]/), displayName, 'ctms'];
}

interface RefreshClaims {
  typ: 'refresh';
  jti: string;
}

/** One check of a password or a code, under the credential throttle. */
export interface CredentialCheck {
  action: FailedCheck['action'];
  /** the normalised username the attempt names */
  username: string;
  user: { id: string; username: string; agency_id: string } | null;
  /** a success makes this client known to the account (a full sign-in only) */
  markKnown: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly throttle: CredentialThrottle,
    private readonly failures: FailureLog,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Runs `verify` (which answers null when the credential is right, else the failure's reason code)
   * only once the attempt holds its slot (CredentialThrottle.reserve, decision 0011). A refusal is a
   * 429; a failure counts and is logged aggregated per account and minute. Returns the failure
   * reason, or null. The argon2 queue being full is a 429 too, nothing counted against the account.
   */
  async checkCredential(
    ctx: RequestContext,
    c: CredentialCheck,
    verify: (priority: boolean) => Promise<string | null>,
  ): Promise<string | null> {
    const res: Reservation = await this.throttle.reserve({
      username: c.username,
      ip: ctx.sourceIp,
      device: ctx.device ?? null,
    });
    const user = c.user ? { id: c.user.id, username: c.user.username, agencyId: c.user.agency_id } : null;
    if (!res.ok) {
      await this.failures.record(ctx, {
        action: c.action,
        accountKey: res.accountKey,
        user,
        reason: res.reason,
        refused: true,
      });
      throw new TooManyAttempts(res.retryAfterSeconds);
    }
    let failure: string | null;
    try {
      // a client the owner signed in from, and a signed-in user, take argon2's priority lane
      failure = await verify(res.known || !!ctx.actor);
    } catch (e) {
      await this.throttle.release(res);
      if (e instanceof HasherBusy) {
        await this.failures.record(ctx, {
          action: c.action,
          accountKey: res.accountKey,
          user,
          reason: 'BUSY',
          refused: true,
        });
        throw new TooManyAttempts(1);
      }
      throw e;
    }
    if (failure) {
      await this.throttle.failed(res);
      await this.failures.record(ctx, {
        action: c.action,
        accountKey: res.accountKey,
        user,
        reason: failure,
        refused: false,
      });
      return failure;
    }
    await this.throttle.succeeded(res, c.markKnown);
    return null;
  }

  /** The signed-in user's own row. */
  private async self(ctx: RequestContext): Promise<{ actor: Actor; user: UserWithAgencyRow }> {
    const actor = ctx.actor;
    if (!actor) throw new UnauthorizedException();
    const user = await this.users.byId(this.ds, actor.userId);
    if (!user) throw new UnauthorizedException();
    return { actor, user };
  }

  async login(ctx: RequestContext, rawUsername: string, password: string): Promise<LoginResponse | MfaChallenge> {
    const username = normaliseUsername(rawUsername);
    const now = new Date();
    const user = (await this.users.byUsername(this.ds, username)) ?? null;
    const failure = await this.checkCredential(
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
      const claims: MfaChallengeClaims = { typ: 'mfa', sub: user.id, av: user.auth_version };
      const mfaToken = await this.jwt.signAsync(claims, {
        secret: tokenKey(this.config.jwtSecret, 'mfa'),
        expiresIn: MFA_TOKEN_TTL_SECONDS,
        ...SIGN_OPTIONS,
      });
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
    let claims: Partial<MfaChallengeClaims>;
    try {
      claims = await this.jwt.verifyAsync<MfaChallengeClaims>(mfaToken, {
        secret: tokenKey(this.config.jwtSecret, 'mfa'),
        ...VERIFY_OPTIONS,
        algorithms: [...VERIFY_OPTIONS.algorithms],
      });
    } catch {
      throw new UnauthorizedException(INVALID_CODE);
    }
    if (claims.typ !== 'mfa' || typeof claims.sub !== 'string' || typeof claims.av !== 'number')
      throw new UnauthorizedException(INVALID_CODE);
    const user = await this.users.byId(this.ds, claims.sub);
    // the challenge is signed: its account exists unless it was deleted since
    if (!user) throw new UnauthorizedException(INVALID_CODE);
    const failure = await this.checkCredential(
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
      const pair = await this.issue(m, user, familyId, now);
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
    const failure = await this.checkCredential(
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
    const failure = await this.checkCredential(
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
    try {
      const claims = await this.jwt.verifyAsync<Partial<RefreshClaims>>(token, {
        secret: tokenKey(this.config.jwtSecret, 'refresh'),
        ...VERIFY_OPTIONS,
        algorithms: [...VERIFY_OPTIONS.algorithms],
      });
      if (claims.typ !== 'refresh' || typeof claims.jti !== 'string') throw new Error('not a refresh token');
    } catch {
      throw new UnauthorizedException();
    }
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
      return { kind: 'ok' as const, pair: await this.issue(m, user, row.family_id, row.family_started_at, now) };
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

  private async issue(
    m: EntityManager,
    user: Pick<UserWithAgencyRow, 'id' | 'auth_version'>,
    familyId: string,
    familyStartedAt: Date,
    now = familyStartedAt,
  ): Promise<TokenPair> {
    const absoluteEnd = familyStartedAt.getTime() + this.config.refreshAbsoluteSeconds * 1000;
    const refreshClaims: RefreshClaims = { typ: 'refresh', jti: randomBytes(32).toString('base64url') };
    const refreshToken = await this.jwt.signAsync(refreshClaims, {
      secret: tokenKey(this.config.jwtSecret, 'refresh'),
      expiresIn: Math.max(1, Math.ceil((absoluteEnd - now.getTime()) / 1000)),
      ...SIGN_OPTIONS,
    });
    await this.sessions.insert(m, {
      token_hash: digest(refreshToken),
      user_id: user.id,
      family_id: familyId,
      family_started_at: familyStartedAt,
      issued_at: now,
      expires_at: new Date(Math.min(now.getTime() + this.config.refreshIdleSeconds * 1000, absoluteEnd)),
    });
    const accessToken = await this.jwt.signAsync(
      { typ: 'access', sub: user.id, av: user.auth_version, sid: familyId },
      {
        secret: tokenKey(this.config.jwtSecret, 'access'),
        expiresIn: this.config.accessTokenTtlSeconds,
        ...SIGN_OPTIONS,
      },
    );
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds };
  }
}
