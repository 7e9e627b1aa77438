import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import {
  ASSIGNABLE_BY_AGENCY_ADMIN,
  PERMISSIONS,
  rolePermissions,
  type AgencyCapability,
  type AuditAction,
  type Role,
  type UserStatus,
} from '@ctms/domain';
import { Conflict, ValidationFailed } from '../platform/http/errors';
import type { Actor, RequestContext } from '../platform/http/request-context';

/**
 * Whose users an administrator may see and manage. The scope is applied in the WHERE clause of
 * every query that loads a user, so a user outside it is indistinguishable from a missing one.
 * - SYSTEM_ADMIN: every agency (`agencyId` null).
 * - AGENCY_ADMIN: their own agency only.
 * Anybody else holds neither `user:read` nor `user:manage`; should such a caller get here anyway,
 * they are refused (deny by default).
 */
export interface AdminScope {
  actor: Actor;
  system: boolean;
  /** null: every agency */
  agencyId: string | null;
}

export function adminScope(ctx: RequestContext): AdminScope {
  const actor = ctx.actor;
  if (!actor) throw new UnauthorizedException();
  if (actor.roles.includes('SYSTEM_ADMIN')) return { actor, system: true, agencyId: null };
  if (actor.roles.includes('AGENCY_ADMIN')) return { actor, system: false, agencyId: actor.agencyId };
  throw new ForbiddenException('You do not have permission to do this');
}

export const ADMIN_ROLES: readonly Role[] = ['AGENCY_ADMIN', 'SYSTEM_ADMIN'];

/** A refusal that the service audits (outcome DENIED) after the transaction has rolled back. */
export class AdminDenied extends ForbiddenException {
  constructor(
    public readonly reasonCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Roles that need the agency to have a capability: the relation checks rely on it. */
const ROLE_NEEDS_CAPABILITY: Partial<Record<Role, AgencyCapability>> = {
  INVESTIGATOR: 'INVESTIGATE',
  PROSECUTOR: 'PROSECUTE',
};

/** the agency the user belongs to */
export interface GrantTarget {
  id: string;
  capabilities: readonly AgencyCapability[];
}

/**
 * May this administrator give these roles to a user of this agency?
 *
 * - An agency administrator grants only ASSIGNABLE_BY_AGENCY_ADMIN (everything below admin): an
 *   attempt to grant more is a 403 (audited), not a validation error.
 * - A system administrator may also grant AGENCY_ADMIN in any agency, and SYSTEM_ADMIN, but
 *   SYSTEM_ADMIN only to users of their own agency (the operator of the system, IOM in the seed):
 *   system administration stays with the one agency that runs the system, and a government or NGO
 *   account can never be made a system administrator. Keyed on the granting admin's agency rather
 *   than a hard-coded code, so the operator can be another organisation without a code change.
 * - Separation of duties (docs/access.md "Separation of duties"): an administrator never reads case content, so an admin
 *   role cannot be combined with any role that holds a case-content permission.
 * - INVESTIGATOR and PROSECUTOR need an agency with the matching capability.
 */
export function checkGrant(scope: AdminScope, roles: readonly Role[], target: GrantTarget): void {
  if (!scope.system) {
    const refused = roles.filter((r) => !ASSIGNABLE_BY_AGENCY_ADMIN.includes(r));
    if (refused.length) {
      throw new AdminDenied(
        'ROLE_NOT_ASSIGNABLE',
        `roles: an agency administrator may not grant ${refused.join(', ')}`,
      );
    }
  }
  const problems: string[] = [];
  if (roles.includes('SYSTEM_ADMIN') && target.id !== scope.actor.agencyId) {
    problems.push("SYSTEM_ADMIN may be granted only to users of the system administrator's own agency");
  }
  if (roles.some((r) => ADMIN_ROLES.includes(r))) {
    const caseRoles = roles.filter((r) => [...rolePermissions([r])].some((p) => PERMISSIONS[p].caseContent));
    if (caseRoles.length)
      problems.push(
        `an administrator role cannot be combined with ${caseRoles.join(', ')} (administrators never read case content)`,
      );
  }
  for (const r of roles) {
    const needed = ROLE_NEEDS_CAPABILITY[r];
    if (needed && !target.capabilities.includes(needed))
      problems.push(`${r} needs an agency with the ${needed} capability`);
  }
  if (problems.length) throw new ValidationFailed([{ field: 'roles', problems }]);
}

/**
 * May this administrator manage (change, disable, enable, reset) an account holding these roles?
 * An agency administrator may not touch an administrator's account (their own included): resetting
 * it would hand them that account, and an IOM agency administrator could otherwise take over a
 * system administrator.
 */
export function checkManageable(scope: AdminScope, currentRoles: readonly Role[]): void {
  if (scope.system) return;
  if (currentRoles.some((r) => !ASSIGNABLE_BY_AGENCY_ADMIN.includes(r))) {
    throw new AdminDenied('TARGET_IS_ADMIN', "Only a system administrator may change an administrator's account");
  }
}

/** The province scope a user will hold: "all" and a list are exclusive. */
export function checkProvinceScope(allProvinces: boolean, provinces: readonly string[]): void {
  if (allProvinces && provinces.length) {
    throw new ValidationFailed([{ field: 'provinces', problems: ['must be empty when allProvinces is true'] }]);
  }
}

export { decodeCursor, encodeCursor, pageOf } from '../platform/http/pagination';

export type UserAction = Extract<
  AuditAction,
  | 'USER_CREATED'
  | 'USER_UPDATED'
  | 'USER_DISABLED'
  | 'USER_ENABLED'
  | 'USER_PASSWORD_RESET'
  | 'USER_MFA_RESET'
  | 'USER_APPROVED'
  | 'PERMISSION_DENIED'
>;

/** Roles that can read case content: a system administrator never makes one without the agency's own administrator. */
export function holdsCaseContent(roles: readonly Role[]): boolean {
  return [...rolePermissions(roles)].some((p) => PERMISSIONS[p].caseContent);
}

/**
 * The agency a new user belongs to: a system administrator names it; an agency administrator's
 * users always belong to their own agency, and naming one is refused (400 naming the field).
 */
export function agencyOfNewUser(scope: AdminScope, agencyId: string | undefined): string {
  if (scope.system) {
    if (!agencyId)
      throw new ValidationFailed([{ field: 'agencyId', problems: ['is required for a system administrator'] }]);
    return agencyId;
  }
  if (agencyId !== undefined) {
    throw new ValidationFailed([
      {
        field: 'agencyId',
        problems: ["must not be sent: an agency administrator's users always belong to their own agency"],
      },
    ]);
  }
  return scope.actor.agencyId;
}

/**
 * The status a new account starts in. A system administrator's user waits for the agency's own
 * administrator (`otherAdmins` active ones); where the agency has none yet, only an account without
 * case content (its first administrator) is made. An agency administrator's user is invited at once.
 */
export function initialStatus(scope: AdminScope, roles: readonly Role[], otherAdmins: number): UserStatus {
  if (!scope.system) return 'INVITED';
  if (otherAdmins > 0) return 'PENDING_APPROVAL';
  if (holdsCaseContent(roles)) {
    throw new AdminDenied(
      'NO_AGENCY_ADMIN_TO_APPROVE',
      "This agency has no administrator to approve the account: create the agency's administrator first",
    );
  }
  return 'INVITED';
}

export const cannotChangeSelf = (what: string) =>
  new Conflict('CANNOT_CHANGE_SELF', `You cannot ${what} your own account here`);
