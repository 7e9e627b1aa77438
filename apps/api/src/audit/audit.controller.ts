import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { AuditEntryView, Page } from '@ctms/domain';
import { auditRow } from '../platform/access/access';
import { AuditService } from '../platform/audit/audit.service';
import { and, select, sql, type Sql } from '../platform/database/sql';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeCursor, encodeCursor, pageOf } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import { AuditQueryDto } from './audit-query.dto';


/** Object types whose ids the audit view shows (ids of records, which the reader still needs access to open). */
const RECORD_TYPES = new Set(['case', 'consent', 'referral', 'handoff', 'person', 'person_merge', 'screening', 'attachment', 'export', 'notification', 'match_request', 'user', 'agency']);

/**
 * The agency's audit view for supervisors (docs/access.md "The supervisor's audit view"): events by the agency's own users, and
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
    const where: Sql[] = [auditRow(actor, 'e')];
    if (q.objectType) where.push(sql`e.object_type = ${q.objectType}`);
    if (q.objectId) where.push(sql`e.object_id = ${q.objectId}`);
    if (q.actor) where.push(sql`e.actor_username = ${q.actor}`);
    if (q.action) where.push(sql`e.action = ${q.action}`);
    if (q.outcome) where.push(sql`e.outcome = ${q.outcome}`);
    if (q.from) where.push(sql`e.at >= ${q.from}::timestamptz`);
    if (q.to) where.push(sql`e.at <= ${q.to}::timestamptz`);
    if (q.cursor) where.push(sql`e.seq < ${decodeCursor(q.cursor, /^[0-9]{1,19}$/)}::bigint`);
    const rows = await select<{ seq: string; at: Date; username: string | null; display_name: string | null; agency_code: string | null; case_id: string | null; case_number: string | null; action: string; object_type: string | null; object_id: string | null; outcome: string; reason: string | null; reason_enc: string | null }>(
      this.ds,
      sql`SELECT p.seq::text AS seq, p.at, p.username, p.display_name, p.agency_code, p.action, p.object_type, p.object_id, p.outcome, p.reason, p.reason_enc,
                 cr.id AS case_id, cr.case_number
            FROM (SELECT e.seq, e.at, e.actor_username AS username, au.display_name, ag.code AS agency_code, e.action, e.object_type, e.object_id, e.outcome, e.reason, e.reason_enc
                    FROM audit_event e LEFT JOIN agency ag ON ag.id = e.actor_agency_id LEFT JOIN app_user au ON au.id = e.actor_user_id
                   WHERE ${and(where)}
                   ORDER BY e.seq DESC LIMIT ${limit + 1}) p
            -- the page's case numbers: a case, or the case of a consent, referral or handoff (ids are text in the audit)
            LEFT JOIN LATERAL (
              SELECT c.id, c.case_number FROM case_record c
               WHERE p.object_id ~ '^[0-9a-f-]{36}$' AND c.id = CASE p.object_type
                 WHEN 'case' THEN p.object_id::uuid
                 WHEN 'consent' THEN (SELECT k.case_id FROM consent k WHERE k.id = p.object_id::uuid)
                 WHEN 'referral' THEN (SELECT r.case_id FROM referral r WHERE r.id = p.object_id::uuid)
                 WHEN 'handoff' THEN (SELECT h.case_id FROM handoff h WHERE h.id = p.object_id::uuid)
               END) cr ON true
           ORDER BY p.seq DESC`,
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
        actor: { username: r.username, displayName: r.display_name, agencyCode: r.agency_code },
        action: r.action,
        objectType: r.object_type,
        // ids of records only: a session (refresh-token family) id is a credential's handle, never shown
        objectId: r.object_type && RECORD_TYPES.has(r.object_type) ? r.object_id : null,
        case: r.case_id && r.case_number ? { id: r.case_id, caseNumber: r.case_number } : null,
        outcome: r.outcome,
        reason: this.audit.reasonOf(r),
      })),
      nextCursor: page.nextCursor,
    };
  }
}

@Module({ controllers: [AuditController] })
export class AuditViewModule {}
