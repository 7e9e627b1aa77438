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
import { UserRepository, type UserWithAgencyRow } from '../users/user.repository';
import { checkCodesExist, staleVersion } from './admin-db';
import {
  AdminDenied,
  adminScope,
  agencyOfNewUser,
  AdminScope,
  cannotChangeSelf,
  checkGrant,
  checkManageable,
  checkProvinceScope,
  decodeCursor,
  encodeCursor,
  pageOf,
  initialStatus,
  type UserAction,
} from './admin-policy';
import { DEFAULT_PAGE } from './dto/common.dto';
import { diffUser } from './user-changes';
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
    const page = pageOf(rows, limit, (u) => encodeCursor(u.username));
    return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
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
      const agency = await this.agencies.loadActive(this.ds, agencyOfNewUser(scope, dto.agencyId));
      if (!agency) throw new ValidationFailed([{ field: 'agencyId', problems: ['no such active agency'] }]);
      const allProvinces = dto.allProvinces ?? false;
      const provinces = dto.provinces ?? [];
      const language = dto.language ?? 'lo';
      checkGrant(scope, dto.roles, agency);
      checkProvinceScope(allProvinces, provinces);
      await checkCodesExist(this.ds.manager, 'province', 'provinces', provinces);

      const id = await this.ds.transaction(async (m) => {
        const otherAdmins = scope.system ? await this.users.otherActiveAdmins(m, agency.id, scope.actor.userId) : 0;
        const initial = initialStatus(scope, dto.roles, otherAdmins);
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
        await this.allowed(ctx, m, 'USER_CREATED', createdId, {
          fields: ['username', 'displayName', 'agencyId', 'roles', 'allProvinces', 'provinces', 'language', 'email'],
          agencyId: agency.id,
          roles: dto.roles,
          status: initial,
          activationId,
        });
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
    return this.onUser(ctx, 'USER_APPROVED', id, async (m, u, scope) => {
      if (scope.system)
        throw new AdminDenied(
          'APPROVAL_BY_AGENCY_ADMIN',
          "Only the agency's own administrator approves its new accounts",
        );
      if (u.status !== 'PENDING_APPROVAL')
        throw new Conflict('NOT_PENDING_APPROVAL', 'The account is not waiting for approval');
      await this.users.approve(m, id);
      const activationId = await this.sendActivation(m, id, 'INVITE', scope.actor.userId, null);
      const details = { fields: ['status'], from: 'PENDING_APPROVAL', to: 'INVITED', activationId };
      await this.allowed(ctx, m, 'USER_APPROVED', id, details, reason);
      return this.view(m, id);
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.onUser(ctx, 'USER_UPDATED', id, async (m, u, scope) => {
      if (u.version !== dto.version) throw staleVersion();
      const d = diffUser(u, dto);
      if (u.id === scope.actor.userId && d.authChanged) throw cannotChangeSelf('change the roles or province scope of');
      checkManageable(scope, u.roles);
      if (d.rolesChanged && dto.roles)
        checkGrant(scope, dto.roles, { id: u.agency_id, capabilities: u.agency_capabilities });
      if (d.allChanged || d.provincesChanged) checkProvinceScope(d.nextAll, d.nextProvinces);
      if (d.provincesChanged) await checkCodesExist(m, 'province', 'provinces', d.nextProvinces);
      // the address the activation link goes to is the user's: an administrator may correct it only
      // before the account is theirs (otherwise: change it, reset, and the account is the admin's)
      if (d.emailChanged && u.status !== 'PENDING_APPROVAL' && u.status !== 'INVITED') {
        throw new Conflict(
          'EMAIL_FIXED',
          'The e-mail address of an activated account cannot be changed by an administrator',
        );
      }
      if (!d.fields.length) return toUserView(u); // nothing changed: nothing written

      // a change of roles or scope invalidates every token issued before it (jwt.strategy checks auth_version)
      const n = await this.users.update(m, scope.agencyId, id, dto.version, d.changes, d.authChanged);
      if (n !== 1) throw staleVersion();
      // a corrected address gets a new link; the one sent to the old address stops working
      const activationId =
        d.emailChanged && u.status === 'INVITED'
          ? await this.sendActivation(m, id, 'INVITE', scope.actor.userId, null)
          : null;
      await this.allowed(ctx, m, 'USER_UPDATED', id, {
        fields: d.fields,
        ...(d.rolesChanged ? { roles: dto.roles, previousRoles: u.roles } : {}),
        authVersionBumped: d.authChanged,
        ...(activationId ? { activationId } : {}),
      });
      return this.view(m, id);
    });
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
      await this.allowed(ctx, m, 'USER_PASSWORD_RESET', id, details, reason);
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
      const details = { fields: ['mfa'], wasEnabled, refreshTokensRevoked: revoked };
      await this.allowed(ctx, m, 'USER_MFA_RESET', id, details, reason);
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
      const details = {
        fields: ['status'],
        from: u.status,
        to: next,
        ...(to === 'DISABLED' ? { refreshTokensRevoked: revoked } : {}),
      };
      await this.allowed(ctx, m, action, id, details, reason);
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
    return this.onUser(ctx, action, id, (m, u, scope) => {
      if (u.id === scope.actor.userId) throw cannotChangeSelf(what);
      checkManageable(scope, u.roles);
      return fn(m, u, scope);
    });
  }

  /** An administrator's action on an account locked through the caller's scope (outside it: 404); a refusal is audited under `action`. */
  private onUser<T>(
    ctx: RequestContext,
    action: UserAction,
    id: string,
    fn: (m: EntityManager, u: UserWithAgencyRow, scope: AdminScope) => Promise<T>,
  ): Promise<T> {
    const scope = adminScope(ctx);
    return this.deniedIsAudited(ctx, action, id, () =>
      this.ds.transaction(async (m) => {
        const u = await this.users.inScope(m, scope.agencyId, id, true); // out of scope and missing: the same 404
        if (!u) throw new NotFound();
        return fn(m, u, scope);
      }),
    );
  }

  /** The ALLOWED audit row of a change to an account, in the change's transaction; `reason` is the administrator's text. */
  private allowed(
    ctx: RequestContext,
    m: EntityManager,
    action: UserAction,
    id: string,
    details: Record<string, unknown>,
    reason?: string,
  ): Promise<void> {
    return this.audit.record(
      ctx,
      { action, outcome: 'ALLOWED', objectType: 'user', objectId: id, reasonText: reason, details },
      m,
    );
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
