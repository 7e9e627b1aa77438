import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TokenPair } from '@ctms/domain';
import { SIGN_OPTIONS, tokenKey, VERIFY_OPTIONS } from '../platform/auth/token-claims';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import type { UserWithAgencyRow } from '../users/user.repository';
import { MFA_TOKEN_TTL_SECONDS, type MfaChallengeClaims } from './mfa';
import { SessionRepository } from './session.repository';

/** How a refresh token, or any one-time token, is stored and looked up: its SHA-256, never the token. */
export function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

interface RefreshClaims {
  typ: 'refresh';
  jti: string;
}

/**
 * The tokens of a session: the access and refresh pair (the refresh token's digest stored as a row
 * of its login's family), and the short challenge of a right password when the account has MFA.
 * Each kind is signed with its own key (tokenKey), so one can never pass for another.
 */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new pair in the login `familyId`; the refresh token lives no longer than the family's absolute end. */
  async issue(
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

  /** Whether the token is a refresh token this API signed (kind, issuer, audience, signature, expiry). */
  async isRefreshToken(token: string): Promise<boolean> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<RefreshClaims>>(token, {
        secret: tokenKey(this.config.jwtSecret, 'refresh'),
        ...VERIFY_OPTIONS,
        algorithms: [...VERIFY_OPTIONS.algorithms],
      });
      return claims.typ === 'refresh' && typeof claims.jti === 'string';
    } catch {
      return false;
    }
  }

  /** The challenge a right password answers when the account has MFA (5 minutes; void once auth_version moves). */
  mfaChallenge(user: Pick<UserWithAgencyRow, 'id' | 'auth_version'>): Promise<string> {
    const claims: MfaChallengeClaims = { typ: 'mfa', sub: user.id, av: user.auth_version };
    return this.jwt.signAsync(claims, {
      secret: tokenKey(this.config.jwtSecret, 'mfa'),
      expiresIn: MFA_TOKEN_TTL_SECONDS,
      ...SIGN_OPTIONS,
    });
  }

  /** The claims of a challenge this API signed and that has not expired; null otherwise. */
  async mfaChallengeClaims(token: string): Promise<MfaChallengeClaims | null> {
    let claims: Partial<MfaChallengeClaims>;
    try {
      claims = await this.jwt.verifyAsync<MfaChallengeClaims>(token, {
        secret: tokenKey(this.config.jwtSecret, 'mfa'),
        ...VERIFY_OPTIONS,
        algorithms: [...VERIFY_OPTIONS.algorithms],
      });
    } catch {
      return null;
    }
    if (claims.typ !== 'mfa' || typeof claims.sub !== 'string' || typeof claims.av !== 'number') return null;
    return { typ: 'mfa', sub: claims.sub, av: claims.av };
  }
}
