import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { checkPassword, LoginResponse, MfaChallenge, MfaSetup, TokenPair } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { PasswordHasher } from '../platform/auth/password-hasher';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, ValidationFailed } from '../platform/http/errors';
import { execUpdate } from '../platform/database/exec-update';
import type { Actor, RequestContext } from '../platform/http/request-context';
import { UserEntity } from '../users/user.entity';
import { toMeView } from '../users/user.mapper';
import { LoginFailureEntity } from './login-failure.entity';
import { requiredWaitSeconds } from './login-throttle';
import { acceptedStep, MFA_PENDING_SECRET, MFA_SECRET, MFA_TOKEN_TTL_SECONDS, mfaTokenKey, MfaChallengeClaims, newMfaSecret, otpauthUri } from './mfa';
import { RefreshTokenEntity } from './refresh-token.entity';
import { endSessions } from './sessions';

const INVALID = 'Invalid username or password';
const INVALID_CODE = 'Invalid or expired code';
const mfaAlreadyOn = () => new Conflict('MFA_ALREADY_ENABLED', 'Two-step sign-in is already on; an administrator can reset it');

/** Who a login attempt names, for its audit row (nobody when the account is unknown). */
function attemptBy(user: UserEntity | null): { actorUserId: string | null; actorUsername: string | null; actorAgencyId: string | null } {
  return { actorUserId: user?.id ?? null, actorUsername: user?.username ?? null, actorAgencyId: user?.agencyId ?? null };
}

export class TooManyAttempts extends HttpException {
  constructor(public readonly retryAfterSeconds: number) {
    super('Too many failed attempts; try again later', HttpStatus.TOO_MANY_REQUESTS);
  }
}

export function normaliseUsername(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase().slice(0, 128);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.mfaKey = mfaTokenKey(config.jwtSecret);
  }

  /** signs MFA challenges; never the access-token key */
  private readonly mfaKey: string;

  /**
   * Refuses (429, audited) while this username must wait: failed passwords and failed codes count
   * alike toward the progressive delay.
   */
  private async refuseIfThrottled(ctx: RequestContext, username: string, user: UserEntity | null, now: Date): Promise<void> {
    const [stats] = await this.ds.query(
      `SELECT count(*)::int AS n, max(at) AS last, min(at) AS oldest FROM login_failure
        WHERE username = $1 AND at > $2`,
      [username, new Date(now.getTime() - 3600_000)],
    );
    const wait = requiredWaitSeconds(stats.n, stats.last, stats.oldest, now);
    if (wait <= 0) return;
    await this.audit.record(ctx, { action: 'LOGIN_FAILED', outcome: 'DENIED', reason: 'THROTTLED', ...attemptBy(user) });
    throw new TooManyAttempts(wait);
  }

  /** A failed attempt: it counts toward the throttle and leaves one audit row, together. */
  private async recordFailure(ctx: RequestContext, username: string, user: UserEntity | null, reason: string, now: Date): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.insert(LoginFailureEntity, { username, at: now });
      await this.audit.record(ctx, { action: 'LOGIN_FAILED', outcome: 'FAILED', reason, ...attemptBy(user) }, m);
    });
  }

  /** The signed-in user's own row. */
  private async self(ctx: RequestContext): Promise<{ actor: Actor; user: UserEntity }> {
    const actor = ctx.actor;
    if (!actor) throw new UnauthorizedException();
    return { actor, user: await this.ds.getRepository(UserEntity).findOneByOrFail({ id: actor.userId }) };
  }

  async login(ctx: RequestContext, rawUsername: string, password: string): Promise<LoginResponse | MfaChallenge> {
    const username = normaliseUsername(rawUsername);
    const now = new Date();
    const user = await this.ds.getRepository(UserEntity).findOne({ where: { username }, relations: { agency: true } });
    await this.refuseIfThrottled(ctx, username, user, now);
    // always verify a hash, even for unknown or disabled accounts, so the timing tells nothing
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, password);
    const usable = !!user && user.status === 'ACTIVE' && !!user.agency?.active && !!user.passwordHash;
    if (!passwordOk || !usable || !user?.agency) {
      await this.recordFailure(ctx, username, user, !user ? 'UNKNOWN_USER' : !passwordOk ? 'WRONG_PASSWORD' : 'ACCOUNT_NOT_ACTIVE', now);
      throw new UnauthorizedException(INVALID);
    }
    if (user.passwordHash && this.hasher.needsRehash(user.passwordHash)) {
      await this.ds.getRepository(UserEntity).update({ id: user.id }, { passwordHash: await this.hasher.hash(password) });
    }
    if (user.mfaEnabledAt) {
      // the password was right; the session starts only with a code (POST /auth/mfa)
      const claims: MfaChallengeClaims = { typ: 'mfa', sub: user.id, av: user.authVersion };
      const mfaToken = await this.jwt.signAsync(claims, { secret: this.mfaKey, expiresIn: MFA_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
      await this.audit.record(
        { ...ctx, actor: null },
        { action: 'LOGIN_MFA_CHALLENGED', outcome: 'ALLOWED', actorUserId: user.id, actorUsername: user.username, actorAgencyId: user.agencyId },
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
      claims = await this.jwt.verifyAsync<MfaChallengeClaims>(mfaToken, { secret: this.mfaKey, algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException(INVALID_CODE);
    }
    if (claims.typ !== 'mfa' || typeof claims.sub !== 'string' || typeof claims.av !== 'number') throw new UnauthorizedException(INVALID_CODE);
    const user = await this.ds.getRepository(UserEntity).findOne({ where: { id: claims.sub }, relations: { agency: true } });
    // the challenge is signed: its account exists unless it was deleted since
    if (!user) throw new UnauthorizedException(INVALID_CODE);
    await this.refuseIfThrottled(ctx, user.username, user, now);
    const secretEnc = user.status === 'ACTIVE' && user.agency?.active && user.authVersion === claims.av ? user.mfaSecretEnc : null;
    if (!secretEnc) {
      await this.recordFailure(ctx, user.username, user, 'ACCOUNT_NOT_ACTIVE', now);
      throw new UnauthorizedException(INVALID_CODE);
    }
    const step = acceptedStep(this.cipher.decrypt(secretEnc, MFA_SECRET(user.id)), code, user.mfaLastStep === null ? null : Number(user.mfaLastStep), now.getTime());
    // the step is claimed in the same statement that checks it: two requests with one code cannot both pass
    const claimed =
      step !== null &&
      (await execUpdate(this.ds.manager, `UPDATE app_user SET mfa_last_step = $2 WHERE id = $1 AND (mfa_last_step IS NULL OR mfa_last_step < $2)`, [user.id, step])) === 1;
    if (!claimed) {
      await this.recordFailure(ctx, user.username, user, 'WRONG_MFA_CODE', now);
      throw new UnauthorizedException(INVALID_CODE);
    }
    return this.startSession(ctx, user, now, true);
  }

  private startSession(ctx: RequestContext, user: UserEntity, now: Date, mfa: boolean): Promise<LoginResponse> {
    const agency = user.agency;
    if (!agency) throw new UnauthorizedException(INVALID);
    return this.ds.transaction(async (m) => {
      const familyId = randomUUID();
      const pair = await this.issue(m, user, familyId, now);
      await this.audit.record(
        { ...ctx, actor: null },
        {
          action: 'LOGIN_SUCCEEDED',
          outcome: 'ALLOWED',
          actorUserId: user.id,
          actorUsername: user.username,
          actorAgencyId: user.agencyId,
          objectType: 'session',
          objectId: familyId,
          details: { mfa },
        },
        m,
      );
      return { ...pair, user: toMeView(user, agency, this.config.mfaRequired) };
    });
  }

  /** Starts MFA enrolment: checks the password again, keeps a new secret aside and shows it once. */
  async startMfaSetup(ctx: RequestContext, currentPassword: string): Promise<MfaSetup> {
    const { user } = await this.self(ctx);
    if (user.mfaEnabledAt) throw mfaAlreadyOn();
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new ValidationFailed([{ field: 'currentPassword', problems: ['does not match'] }]);
    }
    const secret = newMfaSecret();
    await this.ds.transaction(async (m) => {
      await m.query(`UPDATE app_user SET mfa_pending_secret_enc = $2 WHERE id = $1`, [user.id, this.cipher.encrypt(secret, MFA_PENDING_SECRET(user.id))]);
      await this.audit.record(ctx, { action: 'MFA_SETUP_STARTED', outcome: 'ALLOWED', objectType: 'user', objectId: user.id }, m);
    });
    return { secret, otpauthUri: otpauthUri(user.username, secret) };
  }

  /** Turns MFA on once a code from the secret being set up is right. */
  async enableMfa(ctx: RequestContext, code: string): Promise<void> {
    const { actor, user } = await this.self(ctx);
    if (user.mfaEnabledAt) throw mfaAlreadyOn();
    if (!user.mfaPendingSecretEnc) throw new ValidationFailed([{ field: 'code', problems: ['no setup in progress'] }]);
    const secret = this.cipher.decrypt(user.mfaPendingSecretEnc, MFA_PENDING_SECRET(user.id));
    const step = acceptedStep(secret, code, null);
    if (step === null) throw new ValidationFailed([{ field: 'code', problems: ['is not the current code'] }]);
    await this.ds.transaction(async (m) => {
      const done = await execUpdate(
        m,
        `UPDATE app_user SET mfa_secret_enc = $2, mfa_pending_secret_enc = NULL, mfa_enabled_at = now(), mfa_last_step = $3
          WHERE id = $1 AND mfa_enabled_at IS NULL AND mfa_pending_secret_enc = $4`,
        [user.id, this.cipher.encrypt(secret, MFA_SECRET(user.id)), step, user.mfaPendingSecretEnc],
      );
      if (done !== 1) throw new Conflict('MFA_SETUP_CHANGED', 'The setup changed meanwhile; start again');
      const otherSessionsEnded = await this.endOtherSessions(m, actor);
      await this.audit.record(ctx, { action: 'MFA_ENABLED', outcome: 'ALLOWED', objectType: 'user', objectId: user.id, details: { otherSessionsEnded } }, m);
    });
  }

  async refresh(ctx: RequestContext, token: string): Promise<TokenPair> {
    const now = new Date();
    const outcome = await this.ds.transaction(async (m) => {
      const row = await m
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :h', { h: digest(token) })
        .getOne();
      if (!row) return { kind: 'invalid' as const };
      if (row.usedAt || row.revokedAt) {
        // a token presented twice: someone holds a copy. Revoke the whole login.
        const alreadyRevoked = !!row.revokedAt && !row.usedAt;
        await m.query(`UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [row.familyId, now]);
        if (!alreadyRevoked) {
          await this.audit.record(
            ctx,
            { action: 'REFRESH_TOKEN_REUSED', outcome: 'DENIED', actorUserId: row.userId, objectType: 'session', objectId: row.familyId },
            m,
          );
        }
        return { kind: 'reuse' as const };
      }
      const absoluteEnd = row.familyStartedAt.getTime() + this.config.refreshAbsoluteSeconds * 1000;
      if (row.expiresAt.getTime() <= now.getTime() || absoluteEnd <= now.getTime()) return { kind: 'invalid' as const };
      const user = await m.getRepository(UserEntity).findOne({ where: { id: row.userId }, relations: { agency: true } });
      if (!user || user.status !== 'ACTIVE' || !user.agency?.active) return { kind: 'invalid' as const };
      await m.update(RefreshTokenEntity, { id: row.id }, { usedAt: now });
      return { kind: 'ok' as const, pair: await this.issue(m, user, row.familyId, row.familyStartedAt, now) };
    });
    if (outcome.kind !== 'ok') throw new UnauthorizedException();
    return outcome.pair;
  }

  async logout(ctx: RequestContext, token: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw new UnauthorizedException();
    await this.ds.transaction(async (m) => {
      const rows: { family_id: string }[] = await m.query(`SELECT family_id FROM refresh_token WHERE token_hash = $1 AND user_id = $2`, [digest(token), actor.userId]);
      const familyId = rows[0]?.family_id ?? null;
      if (familyId) await m.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
      await this.audit.record(ctx, { action: 'LOGOUT', outcome: 'ALLOWED', objectType: 'session', objectId: familyId }, m);
    });
  }

  async changePassword(ctx: RequestContext, current: string, next: string): Promise<void> {
    const { actor, user } = await this.self(ctx);
    const problems = checkPassword(next, [user.username, ...user.username.split(/[._-]/), user.displayName, 'ctms']);
    if (problems.length) throw new ValidationFailed([{ field: 'newPassword', problems }]);
    if (!(await this.hasher.verify(user.passwordHash, current))) {
      throw new ValidationFailed([{ field: 'currentPassword', problems: ['does not match'] }]);
    }
    const hash = await this.hasher.hash(next);
    await this.ds.transaction(async (m) => {
      await m.update(UserEntity, { id: user.id }, { passwordHash: hash, mustChangePassword: false });
      const otherSessionsEnded = await this.endOtherSessions(m, actor);
      await this.audit.record(ctx, { action: 'PASSWORD_CHANGED', outcome: 'ALLOWED', objectType: 'user', objectId: user.id, details: { otherSessionsEnded } }, m);
    });
  }

  /**
   * After a credential change (a new password, MFA turned on) the user's other sessions end
   * (ASVS 7.4.3): whoever knew the old password on another device is signed out there.
   */
  private endOtherSessions(m: EntityManager, actor: Actor): Promise<number> {
    return endSessions(m, actor.userId, actor.sessionId ?? null);
  }

  private async issue(m: EntityManager, user: UserEntity, familyId: string, familyStartedAt: Date, now = familyStartedAt): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const absoluteEnd = familyStartedAt.getTime() + this.config.refreshAbsoluteSeconds * 1000;
    await m.insert(RefreshTokenEntity, {
      tokenHash: digest(refreshToken),
      userId: user.id,
      familyId,
      familyStartedAt,
      issuedAt: now,
      expiresAt: new Date(Math.min(now.getTime() + this.config.refreshIdleSeconds * 1000, absoluteEnd)),
    });
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, av: user.authVersion, sid: familyId },
      { secret: this.config.jwtSecret, expiresIn: this.config.accessTokenTtlSeconds, algorithm: 'HS256' },
    );
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds };
  }
}
