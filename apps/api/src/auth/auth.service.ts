import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { checkPassword, LoginResponse, TokenPair } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { PasswordHasher } from '../platform/auth/password-hasher';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { ValidationFailed } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';
import { UserEntity } from '../users/user.entity';
import { toMeView } from '../users/user.mapper';
import { LoginFailureEntity } from './login-failure.entity';
import { requiredWaitSeconds } from './login-throttle';
import { RefreshTokenEntity } from './refresh-token.entity';

const INVALID = 'Invalid username or password';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(ctx: RequestContext, rawUsername: string, password: string): Promise<LoginResponse> {
    const username = normaliseUsername(rawUsername);
    const now = new Date();
    const [stats] = await this.ds.query(
      `SELECT count(*)::int AS n, max(at) AS last, min(at) AS oldest FROM login_failure
        WHERE username = $1 AND at > $2`,
      [username, new Date(now.getTime() - 3600_000)],
    );
    const wait = requiredWaitSeconds(stats.n, stats.last, stats.oldest, now);
    const user = await this.ds.getRepository(UserEntity).findOne({ where: { username }, relations: { agency: true } });
    if (wait > 0) {
      await this.audit.record(ctx, {
        action: 'LOGIN_FAILED',
        outcome: 'DENIED',
        reason: 'THROTTLED',
        actorUserId: user?.id ?? null,
        actorUsername: user ? user.username : null,
        actorAgencyId: user?.agencyId ?? null,
      });
      throw new TooManyAttempts(wait);
    }
    // always verify a hash, even for unknown or disabled accounts, so the timing tells nothing
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, password);
    const usable = !!user && user.status === 'ACTIVE' && !!user.agency?.active && !!user.passwordHash;
    if (!passwordOk || !usable || !user?.agency) {
      await this.ds.transaction(async (m) => {
        await m.insert(LoginFailureEntity, { username, at: now });
        await this.audit.record(
          ctx,
          {
            action: 'LOGIN_FAILED',
            outcome: 'FAILED',
            reason: !user ? 'UNKNOWN_USER' : !passwordOk ? 'WRONG_PASSWORD' : 'ACCOUNT_NOT_ACTIVE',
            actorUserId: user?.id ?? null,
            actorUsername: user ? user.username : null,
            actorAgencyId: user?.agencyId ?? null,
          },
          m,
        );
      });
      throw new UnauthorizedException(INVALID);
    }
    const agency = user.agency;
    return this.ds.transaction(async (m) => {
      if (user.passwordHash && this.hasher.needsRehash(user.passwordHash)) {
        await m.update(UserEntity, { id: user.id }, { passwordHash: await this.hasher.hash(password) });
      }
      const familyId = randomUUID();
      const pair = await this.issue(m, user, familyId, now);
      await this.audit.record(
        { ...ctx, actor: null },
        { action: 'LOGIN_SUCCEEDED', outcome: 'ALLOWED', actorUserId: user.id, actorUsername: user.username, actorAgencyId: user.agencyId, objectType: 'session', objectId: familyId },
        m,
      );
      return { ...pair, user: toMeView(user, agency) };
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
    const actor = ctx.actor;
    if (!actor) throw new UnauthorizedException();
    const user = await this.ds.getRepository(UserEntity).findOneByOrFail({ id: actor.userId });
    const problems = checkPassword(next, [user.username, ...user.username.split(/[._-]/), user.displayName, 'ctms']);
    if (problems.length) throw new ValidationFailed([{ field: 'newPassword', problems }]);
    if (!(await this.hasher.verify(user.passwordHash, current))) {
      throw new ValidationFailed([{ field: 'currentPassword', problems: ['does not match'] }]);
    }
    const hash = await this.hasher.hash(next);
    await this.ds.transaction(async (m) => {
      await m.update(UserEntity, { id: user.id }, { passwordHash: hash, mustChangePassword: false });
      await this.audit.record(ctx, { action: 'PASSWORD_CHANGED', outcome: 'ALLOWED', objectType: 'user', objectId: user.id }, m);
    });
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
