import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { actorOfRow, UserRepository } from '../../users/user.repository';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { Actor } from '../http/request-context';
import { tokenKey, VERIFY_OPTIONS } from './token-claims';

export interface AccessTokenClaims {
  typ: 'access';
  sub: string;
  /** authorisation version: a role, agency, scope or status change invalidates older tokens */
  av: number;
  /** the refresh-token family (login session): logout revokes it, and with it this token */
  sid: string;
}

/** Who the caller is, and whether they are held to the profile routes (a temporary password, or MFA required and not set up). */
export type AuthenticatedUser = Actor & { mustChangePassword: boolean; mfaSetupRequired: boolean };

/**
 * Verifies the access token, then re-reads the user on every request, so that disabling a user,
 * changing their roles or logging out takes effect on the next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly users: UserRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: tokenKey(config.jwtSecret, 'access'),
      algorithms: [...VERIFY_OPTIONS.algorithms],
      issuer: VERIFY_OPTIONS.issuer,
      audience: VERIFY_OPTIONS.audience,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      typeof claims.av !== 'number' ||
      typeof claims.sid !== 'string'
    ) {
      throw new UnauthorizedException();
    }
    const u = await this.users.sessionActor(this.ds, claims.sub, claims.av, claims.sid);
    if (!u) throw new UnauthorizedException();
    return {
      ...actorOfRow(u),
      sessionId: claims.sid,
      mustChangePassword: u.must_change_password,
      mfaSetupRequired: this.config.mfaRequired && u.mfa_missing,
    };
  }
}
