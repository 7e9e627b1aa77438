import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { AuditEntryView, Page } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { ValidationFailed } from '../platform/http/errors';
import { DEFAULT_PAGE, encodeCursor, pageOf } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import { AuditQueryDto } from './audit-query.dto';
import { AuditViewRepository } from './audit.repository';

/** Object types whose ids the audit view shows (ids of records, which the reader still needs access to open). */
const RECORD_TYPES = new Set([
  'case',
  'consent',
  'referral',
  'handoff',
  'person',
  'person_merge',
  'screening',
  'attachment',
  'export',
  'notification',
  'match_request',
  'user',
  'agency',
]);

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
    private readonly repo: AuditViewRepository,
  ) {}

  @RequirePermission('audit:read')
  @Get()
  async list(@Ctx() ctx: RequestContext, @Query() q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const actor = ctx.actor;
    if (!actor) throw new ValidationFailed([{ field: 'actor', problems: ['no actor'] }]);
    if (q.from && q.to && q.from > q.to)
      throw new ValidationFailed([{ field: 'to', problems: ['to must not be before from'] }]);
    const limit = q.limit ?? DEFAULT_PAGE;
    const rows = await this.repo.list(this.ds, actor, q);
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

@Module({ controllers: [AuditController], providers: [AuditViewRepository] })
export class AuditViewModule {}
