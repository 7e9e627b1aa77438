import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CASE_ASSIGNEE_ROLES, type AssignableUsersView } from '@ctms/domain';
import { actorOf } from '../platform/http/request-context';
import type { RequestContext } from '../platform/http/request-context';
import type { AssignableUsersQueryDto } from './assignable-users.dto';
import { UserRepository } from './user.repository';

/** More than any agency has staff: the list is a picker, not a directory. */
export const MAX_ASSIGNABLE = 500;

/**
 * The users a supervisor may pick when assigning a case or accepting a referral: ACTIVE users of the
 * caller's own agency (never another agency's staff) holding a caseworker-type role, optionally only
 * those whose province scope covers a province. The agency comes from the token, not from the request.
 */
@Injectable()
export class AssignableUsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
  ) {}

  async list(ctx: RequestContext, q: AssignableUsersQueryDto): Promise<AssignableUsersView> {
    const actor = actorOf(ctx);
    const rows = await this.users.assignable(this.ds, actor.agencyId, CASE_ASSIGNEE_ROLES, q.province, MAX_ASSIGNABLE);
    return {
      items: rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, roles: [...r.roles] })),
    };
  }
}
