import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Page, UserStatus, UserView } from '@ctms/domain';
import { AgencyEntity } from '../agencies/agency.entity';
import { AuditService } from '../platform/audit/audit.service';
import { PasswordHasher } from '../platform/auth/password-hasher';
import { Conflict, markAudited, NotFound, ValidationFailed } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';
import { UserEntity } from '../users/user.entity';
import { toUserView } from '../users/user.mapper';
import { endSessions } from '../auth/sessions';
import { execUpdate } from '../platform/database/exec-update';
import { checkCodesExist, sameSet, staleVersion } from './admin-db';
import {
  AdminDenied,
  adminScope,
  AdminScope,
  checkGrant,
  checkManageable,
  checkProvinceScope,
  decodeCursor,
  encodeCursor,
  passwordContextWords,
  temporaryPassword,
} from './admin-policy';
import { DEFAULT_PAGE } from './dto/common.dto';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, USERNAME } from './dto/user.dto';

export interface UserWithTemporaryPassword {
  user: UserView;
  /** shown once, never stored in clear and never audited */
  temporaryPassword: string;
}

type UserAction = 'USER_CREATED' | 'USER_UPDATED' | 'USER_DISABLED' | 'USER_ENABLED' | 'USER_PASSWORD_RESET' | 'USER_MFA_RESET';

const cannotChangeSelf = (what: string) => new Conflict('CANNOT_CHANGE_SELF', `You cannot ${what} your own account here`);

/**
 * User administration. Every read carries the caller's scope in its WHERE clause; every write is
 * one transaction holding the change and its one audit row. Passwords are never chosen by an
 * administrator: creation and reset hand out a one-time password that must be changed at first use.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, q: ListUsersQueryDto): Promise<Page<UserView>> {
    const scope = adminScope(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const qb = this.scoped(this.ds.manager, scope);
    if (q.agencyId) qb.andWhere('u.agencyId = :filterAgencyId', { filterAgencyId: q.agencyId });
    if (q.status) qb.andWhere('u.status = :status', { status: q.status });
    if (q.cursor) qb.andWhere('u.username > :after', { after: decodeCursor(q.cursor, USERNAME) });
    const rows = await qb.orderBy('u.username', 'ASC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((u) => toUserView(u, u.agency as AgencyEntity)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.username) : null,
    };
  }

  async get(ctx: RequestContext, id: string): Promise<UserView> {
    const u = await this.scoped(this.ds.manager, adminScope(ctx)).andWhere('u.id = :id', { id }).getOne();
    if (!u) throw new NotFound();
    return toUserView(u, u.agency as AgencyEntity);
  }

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserWithTemporaryPassword> {
    const scope = adminScope(ctx);
    return this.deniedIsAudited(ctx, 'USER_CREATED', null, async () => {
      let agencyId: string;
      if (scope.system) {
        if (!dto.agencyId) throw new ValidationFailed([{ field: 'agencyId', problems: ['is required for a system administrator'] }]);
        agencyId = dto.agencyId;
      } else {
        if (dto.agencyId !== undefined) {
          throw new ValidationFailed([{ field: 'agencyId', problems: ["must not be sent: an agency administrator's users always belong to their own agency"] }]);
        }
        agencyId = scope.actor.agencyId;
      }
      const agency = await this.ds.getRepository(AgencyEntity).findOneBy({ id: agencyId, active: true });
      if (!agency) throw new ValidationFailed([{ field: 'agencyId', problems: ['no such active agency'] }]);
      const allProvinces = dto.allProvinces ?? false;
      const provinces = dto.provinces ?? [];
      const language = dto.language ?? 'lo';
      checkGrant(scope, dto.roles, agency);
      checkProvinceScope(allProvinces, provinces);
      await checkCodesExist(this.ds.manager, 'province', 'provinces', provinces);

      const password = temporaryPassword(passwordContextWords(dto.username, dto.displayName));
      const hash = await this.hasher.hash(password);
      const id = await this.ds.transaction(async (m) => {
        const rows: { id: string }[] = await m.query(
          `INSERT INTO app_user (username, display_name, agency_id, roles, all_provinces, provinces, language, password_hash, must_change_password)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
           ON CONFLICT (username) DO NOTHING
           RETURNING id`,
          [dto.username, dto.displayName, agency.id, dto.roles, allProvinces, provinces, language, hash],
        );
        const created = rows[0];
        if (!created) throw new Conflict('USERNAME_TAKEN', 'That username is already taken');
        await this.audit.record(
          ctx,
          {
            action: 'USER_CREATED',
            outcome: 'ALLOWED',
            objectType: 'user',
            objectId: created.id,
            details: {
              fields: ['username', 'displayName', 'agencyId', 'roles', 'allProvinces', 'provinces', 'language', 'password', 'mustChangePassword'],
              agencyId: agency.id,
              roles: dto.roles,
            },
          },
          m,
        );
        return created.id;
      });
      return { user: await this.view(this.ds.manager, id), temporaryPassword: password };
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserView> {
    const scope = adminScope(ctx);
    return this.deniedIsAudited(ctx, 'USER_UPDATED', id, () =>
      this.ds.transaction(async (m) => {
        const u = await this.lockInScope(m, scope, id);
        if (u.version !== dto.version) throw staleVersion();
        const self = u.id === scope.actor.userId;

        const sets: string[] = [];
        const params: unknown[] = [id, dto.version];
        const fields: string[] = [];
        const set = (column: string, field: string, value: unknown) => {
          params.push(value);
          sets.push(`${column} = $${params.length}`);
          fields.push(field);
        };

        const nextAll = dto.allProvinces ?? u.allProvinces;
        // switching to "all provinces" drops the list unless one is sent (and then refused)
        const nextProvinces = dto.provinces ?? (dto.allProvinces === true ? [] : u.provinces);
        const rolesChanged = dto.roles !== undefined && !sameSet(dto.roles, u.roles);
        const allChanged = nextAll !== u.allProvinces;
        const provincesChanged = !sameSet(nextProvinces, u.provinces);
        const authChanged = rolesChanged || allChanged || provincesChanged;

        if (self && authChanged) throw cannotChangeSelf('change the roles or province scope of');
        checkManageable(scope, u.roles);
        if (rolesChanged && dto.roles) checkGrant(scope, dto.roles, u.agency as AgencyEntity);
        if (allChanged || provincesChanged) checkProvinceScope(nextAll, nextProvinces);
        if (provincesChanged) await checkCodesExist(m, 'province', 'provinces', nextProvinces);

        if (dto.displayName !== undefined && dto.displayName !== u.displayName) set('display_name', 'displayName', dto.displayName);
        if (dto.language !== undefined && dto.language !== u.language) set('language', 'language', dto.language);
        if (rolesChanged) set('roles', 'roles', dto.roles);
        if (allChanged) set('all_provinces', 'allProvinces', nextAll);
        if (provincesChanged) set('provinces', 'provinces', nextProvinces);
        if (!fields.length) return toUserView(u, u.agency as AgencyEntity); // nothing changed: nothing written

        // a change of roles or scope invalidates every token issued before it (jwt.strategy checks auth_version)
        if (authChanged) sets.push('auth_version = auth_version + 1');
        const scopeClause = scope.agencyId ? ` AND agency_id = $${params.push(scope.agencyId)}` : '';
        const n = await execUpdate(
          m,
          `UPDATE app_user SET ${sets.join(', ')}, version = version + 1, updated_at = now()
            WHERE id = $1 AND version = $2${scopeClause}`,
          params,
        );
        if (n !== 1) throw staleVersion();
        await this.audit.record(
          ctx,
          {
            action: 'USER_UPDATED',
            outcome: 'ALLOWED',
            objectType: 'user',
            objectId: id,
            details: { fields, ...(rolesChanged ? { roles: dto.roles, previousRoles: u.roles } : {}), authVersionBumped: authChanged },
          },
          m,
        );
        return this.view(m, id);
      }),
    );
  }

  async disable(ctx: RequestContext, id: string, reason: string): Promise<UserView> {
    return this.setStatus(ctx, id, reason, 'DISABLED');
  }

  async enable(ctx: RequestContext, id: string, reason: string): Promise<UserView> {
    return this.setStatus(ctx, id, reason, 'ACTIVE');
  }

  async resetPassword(ctx: RequestContext, id: string, reason: string): Promise<UserWithTemporaryPassword> {
    return this.onOtherUser(ctx, 'USER_PASSWORD_RESET', id, 'reset the password of', async (m, u) => {
      const password = temporaryPassword(passwordContextWords(u.username, u.displayName));
      const hash = await this.hasher.hash(password);
      await execUpdate(
        m,
        `UPDATE app_user SET password_hash = $2, must_change_password = true, auth_version = auth_version + 1,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, hash],
      );
      const revoked = await endSessions(m, id);
      await this.audit.record(
        ctx,
        {
          action: 'USER_PASSWORD_RESET',
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: id,
          reasonText: reason,
          details: { fields: ['password', 'mustChangePassword'], refreshTokensRevoked: revoked },
        },
        m,
      );
      return { user: await this.view(m, id), temporaryPassword: password };
    });
  }

  /**
   * Turns a user's MFA off (a lost or replaced phone): their sessions end, the next sign-in takes the
   * password alone, and where MFA is required they must set it up again before anything else.
   */
  async resetMfa(ctx: RequestContext, id: string, reason: string): Promise<UserView> {
    return this.onOtherUser(ctx, 'USER_MFA_RESET', id, 'reset the two-step sign-in of', async (m, u) => {
      const wasEnabled = u.mfaEnabledAt !== null;
      await execUpdate(
        m,
        `UPDATE app_user SET mfa_secret_enc = NULL, mfa_pending_secret_enc = NULL, mfa_enabled_at = NULL, mfa_last_step = NULL,
                auth_version = auth_version + 1, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id],
      );
      const revoked = await endSessions(m, id);
      await this.audit.record(
        ctx,
        { action: 'USER_MFA_RESET', outcome: 'ALLOWED', objectType: 'user', objectId: id, reasonText: reason, details: { fields: ['mfa'], wasEnabled, refreshTokensRevoked: revoked } },
        m,
      );
      return this.view(m, id);
    });
  }

  private async setStatus(ctx: RequestContext, id: string, reason: string, to: Extract<UserStatus, 'ACTIVE' | 'DISABLED'>): Promise<UserView> {
    const action: UserAction = to === 'DISABLED' ? 'USER_DISABLED' : 'USER_ENABLED';
    return this.onOtherUser(ctx, action, id, to === 'DISABLED' ? 'disable' : 'enable', async (m, u) => {
      if (u.status === to) throw new Conflict(to === 'DISABLED' ? 'ALREADY_DISABLED' : 'ALREADY_ACTIVE', `The account is already ${to.toLowerCase()}`);
      await execUpdate(
        m,
        `UPDATE app_user SET status = $2, auth_version = auth_version + 1, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, to],
      );
      const revoked = to === 'DISABLED' ? await endSessions(m, id) : 0;
      await this.audit.record(
        ctx,
        {
          action,
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: id,
          reasonText: reason,
          details: { fields: ['status'], from: u.status, to, ...(to === 'DISABLED' ? { refreshTokensRevoked: revoked } : {}) },
        },
        m,
      );
      return this.view(m, id);
    });
  }

  /**
   * An administrator's action on another account: the account is locked through the caller's scope
   * (outside it: 404), is never the caller's own, and holds no role above what the caller may
   * manage; a refusal is audited under `action`.
   */
  private onOtherUser<T>(ctx: RequestContext, action: UserAction, id: string, what: string, fn: (m: EntityManager, u: UserEntity) => Promise<T>): Promise<T> {
    const scope = adminScope(ctx);
    return this.deniedIsAudited(ctx, action, id, () =>
      this.ds.transaction(async (m) => {
        const u = await this.lockInScope(m, scope, id);
        if (u.id === scope.actor.userId) throw cannotChangeSelf(what);
        checkManageable(scope, u.roles);
        return fn(m, u);
      }),
    );
  }

  /** Users joined with their agency, restricted to the caller's scope in the WHERE clause. */
  private scoped(m: EntityManager, scope: AdminScope): SelectQueryBuilder<UserEntity> {
    const qb = m.getRepository(UserEntity).createQueryBuilder('u').innerJoinAndSelect('u.agency', 'a');
    if (scope.agencyId) qb.where('u.agencyId = :scopeAgencyId', { scopeAgencyId: scope.agencyId });
    else qb.where('TRUE');
    return qb;
  }

  /** Loads and locks a user in scope; out of scope and missing are the same 404. */
  private async lockInScope(m: EntityManager, scope: AdminScope, id: string): Promise<UserEntity> {
    const u = await this.scoped(m, scope).andWhere('u.id = :id', { id }).setLock('pessimistic_write', undefined, ['u']).getOne();
    if (!u) throw new NotFound();
    return u;
  }

  private async view(m: EntityManager, id: string): Promise<UserView> {
    const u = await m.getRepository(UserEntity).findOneOrFail({ where: { id }, relations: { agency: true } });
    return toUserView(u, u.agency as AgencyEntity);
  }

  /**
   * A refusal decided by the admin policy (not by the guard) is audited as DENIED with the action
   * that was attempted. It is written after the transaction has rolled back, so it survives it.
   */
  private async deniedIsAudited<T>(ctx: RequestContext, action: UserAction, objectId: string | null, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AdminDenied) {
        await this.audit.record(ctx, { action, outcome: 'DENIED', objectType: 'user', objectId, reason: e.reasonCode });
        markAudited(e);
      }
      throw e;
    }
  }
}
