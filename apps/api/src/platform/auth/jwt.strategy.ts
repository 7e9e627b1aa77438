import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { AgencyCapability, Role } from '@ctms/domain';
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

interface ActorRow {
  id: string;
  username: string;
  agency_id: string;
  agency_code: string;
  capabilities: AgencyCapability[];
  roles: Role[];
  all_provinces: boolean;
  provinces: string[];
  must_change_password: boolean;
  mfa_missing: boolean;
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
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.av !== 'number' || typeof claims.sid !== 'string') {
      throw new UnauthorizedException();
    }
    const rows: ActorRow[] = await this.ds.query(
      `SELECT u.id, u.username, u.agency_id, a.code AS agency_code, a.capabilities, u.roles, u.all_provinces, u.provinces,
              u.must_change_password, u.mfa_enabled_at IS NULL AS mfa_missing
         FROM app_user u JOIN agency a ON a.id = u.agency_id
        WHERE u.id = $1 AND u.status = 'ACTIVE' AND a.active AND u.auth_version = $2
          AND EXISTS (SELECT 1 FROM refresh_token t WHERE t.family_id = $3 AND t.user_id = u.id AND t.revoked_at IS NULL)`,
      [claims.sub, claims.av, claims.sid],
    );
    const u = rows[0];
    if (!u) throw new UnauthorizedException();
    return {
      userId: u.id,
      username: u.username,
      agencyId: u.agency_id,
      agencyCode: u.agency_code,
      capabilities: u.capabilities,
      roles: u.roles,
      allProvinces: u.all_provinces,
      provinces: u.provinces,
      sessionId: claims.sid,
      mustChangePassword: u.must_change_password,
      mfaSetupRequired: this.config.mfaRequired && u.mfa_missing,
    };
  }
}
