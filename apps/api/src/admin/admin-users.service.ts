import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivationPurpose, Page, UserStatus, UserView } from '@ctms/domain';
import { AgencyRepository } from '../agencies/agency.repository';
import { ActivationRepository } from '../auth/activation.repository';
import { SessionRepository } from '../auth/session.repository';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, markAudited, NotFound, ValidationFailed } from '../platform/http/errors';
import { OutboxService } from '../platform/outbox/outbox.service';
import type { RequestContext } from '../platform/http/request-context';
import { toUserView } from '../users/user.mapper';
import { UserRepository, type UserChanges, type UserWithAgencyRow } from '../users/user.repository';
import { checkCodesExist, sameSet, staleVersion } from './admin-db';
import {
  AdminDenied,
  adminScope,
  AdminScope,
  cannotChangeSelf,
  checkGrant,
  checkManageable,
  checkProvinceScope,
  decodeCursor,
  encodeCursor,
  holdsCaseContent,
  type UserAction,
} from './admin-policy';
import { DEFAULT_PAGE } from './dto/common.dto';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, USERNAME } from './dto/user.dto';

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
    private readonly users: UserRepository,
    private readonly agencies: AgencyRepository,
    private readonly activations: ActivationRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async list(ctx: RequestContext, q: ListUsersQueryDto): Promise<Page<UserView>> {
    const scope = adminScope(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const after = q.cursor ? decodeCursor(q.cursor, USERNAME) : undefined;
    const rows = await this.users.list(this.ds, scope.agencyId, {
      agencyId: q.agencyId,
      status: q.status,
      afterUsername: after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toUserView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.username) : null,
    };
  }

  async get(ctx: RequestContext, id: string): Promise<UserView> {
    return this.deniedIsAudited(ctx, 'PERMISSION_DENIED', id, async () => {
      const u = await this.users.inScope(this.ds, adminScope(ctx).agencyId, id, false);
      if (!u) throw new NotFound();
      return toUserView(u);
    });
  }

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserView> {
    const scope = adminScope(ctx);
    return this.deniedIsAudited(ctx, 'USER_CREATED', null, async () => {
      let agencyId: string;
      if (scope.system) {
        if (!dto.agencyId)
          throw new ValidationFailed([{ field: 'agencyId', problems: ['is required for a system administrator'] }]);
        agencyId = dto.agencyId;
      } else {
        if (dto.agencyId !== undefined) {
          throw new ValidationFailed([
            {
              field: 'agencyId',
              problems: ["must not be sent: an agency administrator's users always belong to their own agency"],
            },
          ]);
        }
        agencyId = scope.actor.agencyId;
      }
      const agency = await this.agencies.loadActive(this.ds, agencyId);
      if (!agency) throw new ValidationFailed([{ field: 'agencyId', problems: ['no such active agency'] }]);
      const allProvinces = dto.allProvinces ?? false;
      const provinces = dto.provinces ?? [];
      const language = dto.language ?? 'lo';
      checkGrant(scope, dto.roles, agency);
      checkProvinceScope(allProvinces, provinces);
      await checkCodesExist(this.ds.manager, 'province', 'provinces', provinces);

      const id = await this.ds.transaction(async (m) => {
        // a system administrator's user waits for the agency's own administrator; where the agency
        // has none yet, only an account without case content (its first administrator) is made
        let initial: UserStatus = 'INVITED';
        if (scope.system) {
          if ((await this.users.otherActiveAdmins(m, agency.id, scope.actor.userId)) > 0) initial = 'PENDING_APPROVAL';
          else if (holdsCaseContent(dto.roles)) {
            throw new AdminDenied(
              'NO_AGENCY_ADMIN_TO_APPROVE',
              "This agency has no administrator to approve the account: create the agency's administrator first",
            );
          }
        }
        const createdId = await this.users.insert(m, {
          username: dto.username,
          display_name: dto.displayName,
          agency_id: agency.id,
          roles: dto.roles,
          all_provinces: allProvinces,
          provinces,
          language,
          email: dto.email,
          status: initial,
        });
        if (!createdId) throw new Conflict('USERNAME_TAKEN', 'That username is already taken');
        const activationId =
          initial === 'INVITED' ? await this.sendActivation(m, createdId, 'INVITE', scope.actor.userId, null) : null;
        await this.audit.record(
          ctx,
          {
            action: 'USER_CREATED',
            outcome: 'ALLOWED',
            objectType: 'user',
            objectId: createdId,
            details: {
              fields: [
                'username',
                'displayName',
                'agencyId',
                'roles',
                'allProvinces',
                'provinces',
                'language',
                'email',
              ],
              agencyId: agency.id,
              roles: dto.roles,
              status: initial,
              activationId,
            },
          },
          m,
        );
        return createdId;
      });
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
        if (scope.system)
          throw new AdminDenied(
            'APPROVAL_BY_AGENCY_ADMIN',
            "Only the agency's own administrator approves its new accounts",
          );
        if (u.status !== 'PENDING_APPROVAL')
          throw new Conflict('NOT_PENDING_APPROVAL', 'The account is not waiting for approval');
        await this.users.approve(m, id);
        const activationId = await this.sendActivation(m, id, 'INVITE', scope.actor.userId, null);
        await this.audit.record(
          ctx,
          {
            action: 'USER_APPROVED',
            outcome: 'ALLOWED',
            objectType: 'user',
            objectId: id,
            reasonText: reason,
            details: { fields: ['status'], from: 'PENDING_APPROVAL', to: 'INVITED', activationId },
          },
          m,
        );
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

        const changes: UserChanges = {};
        const fields: string[] = [];
        const set = <K extends keyof UserChanges>(column: K, field: string, value: UserChanges[K]) => {
          changes[column] = value;
          fields.push(field);
        };

        const nextAll = dto.allProvinces ?? u.all_provinces;
        // switching to "all provinces" drops the list unless one is sent (and then refused)
        const nextProvinces = dto.provinces ?? (dto.allProvinces === true ? [] : u.provinces);
        const rolesChanged = dto.roles !== undefined && !sameSet(dto.roles, u.roles);
        const allChanged = nextAll !== u.all_provinces;
        const provincesChanged = !sameSet(nextProvinces, u.provinces);
        const authChanged = rolesChanged || allChanged || provincesChanged;

        if (self && authChanged) throw cannotChangeSelf('change the roles or province scope of');
        checkManageable(scope, u.roles);
        if (rolesChanged && dto.roles)
          checkGrant(scope, dto.roles, { id: u.agency_id, capabilities: u.agency_capabilities });
        if (allChanged || provincesChanged) checkProvinceScope(nextAll, nextProvinces);
        if (provincesChanged) await checkCodesExist(m, 'province', 'provinces', nextProvinces);

        const emailChanged = dto.email !== undefined && dto.email !== u.email;
        // the address the activation link goes to is the user's: an administrator may correct it only
        // before the account is theirs (otherwise: change it, reset, and the account is the admin's)
        if (emailChanged && u.status !== 'PENDING_APPROVAL' && u.status !== 'INVITED') {
          throw new Conflict(
            'EMAIL_FIXED',
            'The e-mail address of an activated account cannot be changed by an administrator',
          );
        }
        if (emailChanged) set('email', 'email', dto.email);
        if (dto.displayName !== undefined && dto.displayName !== u.display_name)
          set('display_name', 'displayName', dto.displayName);
        if (dto.language !== undefined && dto.language !== u.language) set('language', 'language', dto.language);
        if (rolesChanged) set('roles', 'roles', dto.roles);
        if (allChanged) set('all_provinces', 'allProvinces', nextAll);
        if (provincesChanged) set('provinces', 'provinces', nextProvinces);
        if (!fields.length) return toUserView(u); // nothing changed: nothing written

        // a change of roles or scope invalidates every token issued before it (jwt.strategy checks auth_version)
        const n = await this.users.update(m, scope.agencyId, id, dto.version, changes, authChanged);
        if (n !== 1) throw staleVersion();
        // a corrected address gets a new link; the one sent to the old address stops working
        const activationId =
          emailChanged && u.status === 'INVITED'
            ? await this.sendActivation(m, id, 'INVITE', scope.actor.userId, null)
            : null;
        await this.audit.record(
          ctx,
          {
            action: 'USER_UPDATED',
            outcome: 'ALLOWED',
            objectType: 'user',
            objectId: id,
            details: {
              fields,
              ...(rolesChanged ? { roles: dto.roles, previousRoles: u.roles } : {}),
              authVersionBumped: authChanged,
              ...(activationId ? { activationId } : {}),
            },
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
      if (u.status !== 'ACTIVE' && u.status !== 'INVITED')
        throw new Conflict('ACCOUNT_NOT_ACTIVE', 'Only an active or invited account can be reset');
      if (!u.email) throw new Conflict('NO_EMAIL', 'The account has no e-mail address for the activation link');
      await this.users.clearPassword(m, id);
      const revoked = await this.sessions.endSessions(m, id);
      const activationId = await this.sendActivation(
        m,
        id,
        u.status === 'INVITED' ? 'INVITE' : 'RESET',
        scope.actor.userId,
        u.password_hash,
      );
      const details = { fields: ['password'], refreshTokensRevoked: revoked, activationId };
      await this.audit.record(
        ctx,
        {
          action: 'USER_PASSWORD_RESET',
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: id,
          reasonText: reason,
          details,
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
      const wasEnabled = u.mfa_enabled_at !== null;
      await this.users.clearMfa(m, id);
      const revoked = await this.sessions.endSessions(m, id);
      await this.audit.record(
        ctx,
        {
          action: 'USER_MFA_RESET',
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: id,
          reasonText: reason,
          details: { fields: ['mfa'], wasEnabled, refreshTokensRevoked: revoked },
        },
        m,
      );
      return this.view(m, id);
    });
  }

  private async setStatus(
    ctx: RequestContext,
    id: string,
    reason: string,
    to: Extract<UserStatus, 'ACTIVE' | 'DISABLED'>,
  ): Promise<UserView> {
    const action: UserAction = to === 'DISABLED' ? 'USER_DISABLED' : 'USER_ENABLED';
    return this.onOtherUser(ctx, action, id, to === 'DISABLED' ? 'disable' : 'enable', async (m, u) => {
      if (to === 'DISABLED' && u.status === 'DISABLED')
        throw new Conflict('ALREADY_DISABLED', 'The account is already disabled');
      if (to === 'ACTIVE' && u.status !== 'DISABLED' && u.status !== 'LOCKED')
        throw new Conflict('ALREADY_ACTIVE', 'The account is not disabled');
      // an account that never chose a password comes back as invited (a reset sends it a new link)
      const next: UserStatus = to === 'ACTIVE' && !u.password_hash ? 'INVITED' : to;
      await this.users.setStatus(m, id, next);
      if (to === 'DISABLED') await this.activations.revokeOpen(m, id);
      const revoked = to === 'DISABLED' ? await this.sessions.endSessions(m, id) : 0;
      await this.audit.record(
        ctx,
        {
          action,
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: id,
          reasonText: reason,
          details: {
            fields: ['status'],
            from: u.status,
            to: next,
            ...(to === 'DISABLED' ? { refreshTokensRevoked: revoked } : {}),
          },
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
  private onOtherUser<T>(
    ctx: RequestContext,
    action: UserAction,
    id: string,
    what: string,
    fn: (m: EntityManager, u: UserWithAgencyRow, scope: AdminScope) => Promise<T>,
  ): Promise<T> {
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

  /** Loads and locks a user in scope; out of scope and missing are the same 404. */
  private async lockInScope(m: EntityManager, scope: AdminScope, id: string): Promise<UserWithAgencyRow> {
    const u = await this.users.inScope(m, scope.agencyId, id, true);
    if (!u) throw new NotFound();
    return u;
  }

  private async view(m: EntityManager, id: string): Promise<UserView> {
    const u = await this.users.byId(m, id);
    if (!u) throw new Error(`user ${id} vanished in its own transaction`);
    return toUserView(u);
  }

  /** An activation in the caller's transaction: earlier links stop working; the e-mail goes out through the outbox (ids only). */
  private async sendActivation(
    m: EntityManager,
    userId: string,
    purpose: ActivationPurpose,
    requestedBy: string,
    previousPasswordHash: string | null,
  ): Promise<string> {
    const id = await this.activations.open(m, userId, purpose, requestedBy, previousPasswordHash);
    await this.outbox.add(m, 'account.activation', { activationId: id });
    return id;
  }

  /**
   * A refusal decided by the admin policy (not by the guard), and a 404 (a user of another agency or
   * none at all), is audited as DENIED with the action that was attempted. It is written after the
   * transaction has rolled back, so it survives it.
   */
  private async deniedIsAudited<T>(
    ctx: RequestContext,
    action: UserAction,
    objectId: string | null,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AdminDenied || e instanceof NotFound) {
        await this.audit.record(ctx, {
          action,
          outcome: 'DENIED',
          objectType: 'user',
          objectId,
          reason: e instanceof AdminDenied ? e.reasonCode : 'NOT_FOUND',
        });
        markAudited(e);
      }
      throw e;
    }
  }
}
