import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CASE_ASSIGNEE_ROLES, type Role } from '@ctms/domain';
import { actorOf } from '../platform/http/request-context';
import type { RequestContext } from '../platform/http/request-context';
import type { AssignableUsersQueryDto, AssignableUsersView } from './assignable-users.dto';

/** More than any agency has staff: the list is a picker, not a directory. */
export const MAX_ASSIGNABLE = 500;

/**
 * The users a supervisor may pick when assigning a case or accepting a referral: ACTIVE users of the
 * caller's own agency (never another agency's staff) holding a caseworker-type role, optionally only
 * those whose province scope covers a province. The agency comes from the token, not from the request.
 */
@Injectable()
export class AssignableUsersService {
  constructor(private readonly ds: DataSource) {}

  async list(ctx: RequestContext, q: AssignableUsersQueryDto): Promise<AssignableUsersView> {
    const actor = actorOf(ctx);
    const params: unknown[] = [actor.agencyId, [...CASE_ASSIGNEE_ROLES]];
    const province = q.province ? ` AND (u.all_provinces OR $${params.push(q.province)} = ANY(u.provinces))` : '';
    const rows: { id: string; display_name: string; username: string; roles: Role[] }[] = await this.ds.query(
      `SELECT u.id, u.display_name, u.username, u.roles
         FROM app_user u
        WHERE u.agency_id = $1 AND u.status = 'ACTIVE' AND u.roles && $2::text[]${province}
        ORDER BY u.display_name, u.username
        LIMIT ${MAX_ASSIGNABLE}`,
      params,
    );
    return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, roles: [...r.roles] })) };
  }
}
