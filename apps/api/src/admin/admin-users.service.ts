import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { PERMISSIONS, rolePermissions, type AuditAction, type Page, type Role, type UserStatus, type UserView } from '@ctms/domain';
import { AgencyEntity } from '../agencies/agency.entity';
import { ActivationService } from '../auth/activation.service';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, markAudited, NotFound, ValidationFailed } from '../platform/http/errors';
import { OutboxService } from '../platform/outbox/outbox.service';
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
} from './admin-policy';
import { DEFAULT_PAGE } from './dto/common.dto';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, USERNAME } from './dto/user.dto';

type UserAction = Extract<AuditAction, 'USER_CREATED' | 'USER_UPDATED' | 'USER_DISABLED' | 'USER_ENABLED' | 'USER_PASSWORD_RESET' | 'USER_MFA_RESET' | 'USER_APPROVED' | 'PERMISSION_DENIED'>;

/** Roles that can read case content: a system administrator never makes one without the agency's own administrator. */
function holdsCaseContent(roles: readonly Role[]): boolean {
  return [...rolePermissions(roles)].some((p) => PERMISSIONS[p].caseContent);
}

const cannotChangeSelf = (what: string) => new Conflict('CANNOT_CHANGE_SELF', `You cannot ${what} your own account here`);

/**
 * User administration. Every read carries the caller's scope in its WHERE clause; every write is
 * one transaction holding the change and its one audit row. No administrator ever sees or sets a
 * password (decision 0010): creation, approval and reset send a one-time activation link to the
 * user's own address, where they choose their password. A system administrator's new user in an
 * agency waits for that agency's administrator to approve it.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
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
    return this.deniedIsAudited(ctx, 'PERMISSION_DENIED', id, async () => {
      const u = await this.scoped(this.ds.manager, adminScope(ctx)).andWhere('u.id = :id', { id }).getOne();
      if (!u) throw new NotFound();
      return toUserView(u, u.agency as AgencyEntity);
    });
  }

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserView> {
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

      const { id, status } = await this.ds.transaction(async (m) => {
        // a system administrator's user waits for the agency's own administrator; where the agency
        // has none yet, only an account without case content (its first administrator) is made
        let initial: UserStatus = 'INVITED';
        if (scope.system) {
          const admins: { n: number }[] = await m.query(
            `SELECT count(*)::int AS n FROM app_user WHERE agency_id = $1 AND status = 'ACTIVE' AND 'AGENCY_ADMIN' = ANY(roles) AND id <> $2`,
            [agency.id, scope.actor.userId],
          );
          if ((admins[0]?.n ?? 0) > 0) initial = 'PENDING_APPROVAL';
          else if (holdsCaseContent(dto.roles)) {
            throw new AdminDenied('NO_AGENCY_ADMIN_TO_APPROVE', "This agency has no administrator to approve the account: create the agency's administrator first");
          }
        }
        const rows: { id: string }[] = await m.query(
          `INSERT INTO app_user (username, display_name, agency_id, roles, all_provinces, provinces, language, email, status, password_hash, must_change_password)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, false)
           ON CONFLICT (username) DO NOTHING
           RETURNING id`,
          [dto.username, dto.displayName, agency.id, dto.roles, allProvinces, provinces, language, dto.email, initial],
        );
        const created = rows[0];
        if (!created) throw new Conflict('USERNAME_TAKEN', 'That username is already taken');
        const activationId = initial === 'INVITED' ? await ActivationService.request(m, this.outbox, created.id, 'INVITE', scope.actor.userId, null) : null;
        await this.audit.record(
          ctx,
          {
            action: 'USER_CREATED',
            outcome: 'ALLOWED',
            objectType: 'user',
            objectId: created.id,
            details: {
              fields: ['username', 'displayName', 'agencyId', 'roles', 'allProvinces', 'provinces', 'language', 'email'],
              agencyId: agency.id,
              roles: dto.roles,
              status: initial,
              activationId,
            },
          },
          m,
        );
        return { id: created.id, status: initial };
      });
      void status;
      return this.view(this.ds.manager, id);
    });
  }

  /**
   * The agency's administrator approves a user the system administrator created in their agency:
   * only then does the activation link go out. A system administrator cannot approve (403, audited).
   */
  async approve(ctx: RequestContext, id: string, reason: string): Promise<UserView> {
    const scope = adminScope(ctx);
    return this.deniedIsAudited(ctx, 'USER_APPROVED', id, () =>
      this.ds.transaction(async (m) => {
        const u = await this.lockInScope(m, scope, id);
        if (scope.system) throw new AdminDenied('APPROVAL_BY_AGENCY_ADMIN', "Only the agency's own administrator approves its new accounts");
        if (u.status !== 'PENDING_APPROVAL') throw new Conflict('NOT_PENDING_APPROVAL', 'The account is not waiting for approval');
        await execUpdate(m, `UPDATE app_user SET status = 'INVITED', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
        const activationId = await ActivationService.request(m, this.outbox, id, 'INVITE', scope.actor.userId, null);
        await this.audit.record(ctx, { action: 'USER_APPROVED', outcome: 'ALLOWED', objectType: 'user', objectId: id, reasonText: reason, details: { fields: ['status'], from: 'PENDING_APPROVAL', to: 'INVITED', activationId } }, m);
        return this.view(m, id);
      }),
    );
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

        const emailChanged = dto.email !== undefined && dto.email !== u.email;
        // the address the activation link goes to is the user's: an administrator may correct it only
        // before the account is theirs (otherwise: change it, reset, and the account is the admin's)
        if (emailChanged && u.status !== 'PENDING_APPROVAL' && u.status !== 'INVITED') {
          throw new Conflict('EMAIL_FIXED', 'The e-mail address of an activated account cannot be changed by an administrator');
        }
        if (emailChanged) set('email', 'email', dto.email);
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
        // a corrected address gets a new link; the one sent to the old address stops working
        const activationId = emailChanged && u.status === 'INVITED' ? await ActivationService.request(m, this.outbox, id, 'INVITE', scope.actor.userId, null) : null;
        await this.audit.record(
          ctx,
          {
            action: 'USER_UPDATED',
            outcome: 'ALLOWED',
            objectType: 'user',
            objectId: id,
            details: { fields, ...(rolesChanged ? { roles: dto.roles, previousRoles: u.roles } : {}), authVersionBumped: authChanged, ...(activationId ? { activationId } : {}) },
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

  /**
   * Resets a password without anyone knowing the new one: the old password stops working at once,
   * the sessions end, and a one-time link goes to the user's own address, where they choose a new
   * password (different from the old one) and confirm with their MFA code if they have MFA.
   */
  async resetPassword(ctx: RequestContext, id: string, reason: string): Promise<UserView> {
    return this.onOtherUser(ctx, 'USER_PASSWORD_RESET', id, 'reset the password of', async (m, u, scope) => {
      if (u.status !== 'ACTIVE' && u.status !== 'INVITED') throw new Conflict('ACCOUNT_NOT_ACTIVE', 'Only an active or invited account can be reset');
      if (!u.email) throw new Conflict('NO_EMAIL', 'The account has no e-mail address for the activation link');
      await execUpdate(
        m,
        `UPDATE app_user SET password_hash = NULL, must_change_password = false, auth_version = auth_version + 1,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id],
      );
      const revoked = await endSessions(m, id);
      const activationId = await ActivationService.request(m, this.outbox, id, u.status === 'INVITED' ? 'INVITE' : 'RESET', scope.actor.userId, u.passwordHash);
      await this.audit.record(
        ctx,
        {
          action: 'USER_PASSWORD_RESET',
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: id,
          reasonText: reason,
          details: { fields: ['password'], refreshTokensRevoked: revoked, activationId },
        },
        m,
      );
      return this.view(m, id);
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
      if (to === 'DISABLED' && u.status === 'DISABLED') throw new Conflict('ALREADY_DISABLED', 'The account is already disabled');
      if (to === 'ACTIVE' && u.status !== 'DISABLED' && u.status !== 'LOCKED') throw new Conflict('ALREADY_ACTIVE', 'The account is not disabled');
      // an account that never chose a password comes back as invited (a reset sends it a new link)
      const next: UserStatus = to === 'ACTIVE' && !u.passwordHash ? 'INVITED' : to;
      await execUpdate(
        m,
        `UPDATE app_user SET status = $2, auth_version = auth_version + 1, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, next],
      );
      if (to === 'DISABLED') await m.query(`UPDATE account_activation SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [id]);
      const revoked = to === 'DISABLED' ? await endSessions(m, id) : 0;
      await this.audit.record(
        ctx,
        {
          action,
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: id,
          reasonText: reason,
          details: { fields: ['status'], from: u.status, to: next, ...(to === 'DISABLED' ? { refreshTokensRevoked: revoked } : {}) },
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
  private onOtherUser<T>(ctx: RequestContext, action: UserAction, id: string, what: string, fn: (m: EntityManager, u: UserEntity, scope: AdminScope) => Promise<T>): Promise<T> {
    const scope = adminScope(ctx);
    return this.deniedIsAudited(ctx, action, id, () =>
      this.ds.transaction(async (m) => {
        const u = await this.lockInScope(m, scope, id);
        if (u.id === scope.actor.userId) throw cannotChangeSelf(what);
        checkManageable(scope, u.roles);
        return fn(m, u, scope);
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
   * A refusal decided by the admin policy (not by the guard), and a 404 (a user of another agency or
   * none at all), is audited as DENIED with the action that was attempted. It is written after the
   * transaction has rolled back, so it survives it.
   */
  private async deniedIsAudited<T>(ctx: RequestContext, action: UserAction, objectId: string | null, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AdminDenied || e instanceof NotFound) {
        await this.audit.record(ctx, { action, outcome: 'DENIED', objectType: 'user', objectId, reason: e instanceof AdminDenied ? e.reasonCode : 'NOT_FOUND' });
        markAudited(e);
      }
      throw e;
    }
  }
}
