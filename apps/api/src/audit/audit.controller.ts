import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Page } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeCursor, encodeCursor, pageOf } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import { AuditQueryDto } from './audit-query.dto';

export interface AuditEntryView {
  seq: string;
  at: string;
  actor: { username: string | null; agencyCode: string | null };
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  reason: string | null;
}

/**
 * The agency's audit view for supervisors (spec/access.md): events by the agency's own users, and
 * events on the agency's cases (and their consents, referrals and handoffs) by anyone. Newest
 * first, keyset on seq. Reading it is itself audited.
 */
@ApiTags('audit')
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  @RequirePermission('audit:read')
  @Get()
  async list(@Ctx() ctx: RequestContext, @Query() q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const actor = ctx.actor;
    if (!actor) throw new ValidationFailed([{ field: 'actor', problems: ['no actor'] }]);
    if (q.from && q.to && q.from > q.to) throw new ValidationFailed([{ field: 'to', problems: ['to must not be before from'] }]);
    const limit = q.limit ?? DEFAULT_PAGE;
    const params: unknown[] = [actor.agencyId, actor.allProvinces, actor.provinces];
    const where = [
      `(e.actor_agency_id = $1 OR (e.object_type IN ('case', 'consent', 'referral', 'handoff') AND e.object_id IN (
          SELECT c.id::text FROM case_record c WHERE c.lead_agency_id = $1 AND ($2::boolean OR c.province_code = ANY($3::text[]))
          UNION ALL SELECT k.id::text FROM consent k JOIN case_record c ON c.id = k.case_id WHERE c.lead_agency_id = $1
          UNION ALL SELECT r.id::text FROM referral r JOIN case_record c ON c.id = r.case_id WHERE c.lead_agency_id = $1
          UNION ALL SELECT h.id::text FROM handoff h JOIN case_record c ON c.id = h.case_id WHERE c.lead_agency_id = $1)))`,
    ];
    const add = (sql: string, v: unknown) => where.push(sql.replace('?', `$${params.push(v)}`));
    if (q.objectType) add('e.object_type = ?', q.objectType);
    if (q.objectId) add('e.object_id = ?', q.objectId);
    if (q.actor) add('e.actor_username = ?', q.actor);
    if (q.action) add('e.action = ?', q.action);
    if (q.outcome) add('e.outcome = ?', q.outcome);
    if (q.from) add('e.at >= ?::timestamptz', q.from);
    if (q.to) add('e.at <= ?::timestamptz', q.to);
    if (q.cursor) add('e.seq < ?::bigint', decodeCursor(q.cursor, /^[0-9]{1,19}$/));
    const rows: { seq: string; at: Date; username: string | null; agency_code: string | null; action: string; object_type: string | null; object_id: string | null; outcome: string; reason: string | null; reason_enc: string | null }[] =
      await this.ds.query(
        `SELECT e.seq::text AS seq, e.at, e.actor_username AS username, ag.code AS agency_code, e.action, e.object_type, e.object_id, e.outcome, e.reason, e.reason_enc
           FROM audit_event e LEFT JOIN agency ag ON ag.id = e.actor_agency_id
          WHERE ${where.join(' AND ')}
          ORDER BY e.seq DESC LIMIT ${limit + 1}`,
        params,
      );
    const page = pageOf(rows, limit, (r) => encodeCursor(r.seq));
    await this.audit.record(ctx, {
      action: 'AUDIT_READ',
      outcome: 'ALLOWED',
      details: { filters: Object.keys(q).filter((k) => k !== 'cursor' && k !== 'limit') },
    });
    return {
      items: page.items.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actor: { username: r.username, agencyCode: r.agency_code },
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        outcome: r.outcome,
        reason: this.audit.reasonOf(r),
      })),
      nextCursor: page.nextCursor,
    };
  }
}

@Module({ controllers: [AuditController] })
export class AuditViewModule {}
