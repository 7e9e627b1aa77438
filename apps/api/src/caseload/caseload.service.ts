import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  CASE_ASSIGNEE_ROLES,
  MY_WORK_LIMIT,
  type BulkReassignView,
  type CaseloadView,
  type CaseSummaryView,
  type MyWorkView,
  type Page,
} from '@ctms/domain';
import { AccessService } from '../platform/access/access.service';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { OutboxService } from '../platform/outbox/outbox.service';
import { TransitionRunner } from '../platform/workflow/transition-runner';
import { toCaseSummary } from '../cases/case.mapper';
import { CaseRepository, caseKeyset } from '../cases/case.repository';
import { CaseloadRepository } from './caseload.repository';
import type { BulkReassignDto, CaseloadCasesQueryDto } from './dto/caseload.dto';

const ASSIGNEE_PROBLEM =
  "must be an active caseworker, investigator or supervisor of the case's lead agency whose province scope covers every case";

/**
 * The caseload of a supervisor's agency, bulk reassignment, and each worker's day
 * (docs/decisions/0034-caseload-and-reassignment.md). Counts and items come from the work item
 * sources (work-items.ts) over what the caller may open; a worker who is disabled carries nothing:
 * the queries join assignees only while ACTIVE.
 */
@Injectable()
export class CaseloadService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly runner: TransitionRunner,
    private readonly caseRows: CaseRepository,
    private readonly repo: CaseloadRepository,
  ) {}

  /** GET /caseload */
  async caseload(ctx: RequestContext): Promise<CaseloadView> {
    const actor = actorOf(ctx);
    const [workers, unassigned] = await Promise.all([
      this.repo.workers(this.ds, actor),
      this.repo.unassigned(this.ds, actor),
    ]);
    await this.audit.record(ctx, {
      action: 'CASELOAD_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      details: { workers: workers.length },
    });
    return {
      workers: workers.map((w) => ({
        user: { id: w.id, username: w.username, displayName: w.display_name, roles: w.roles },
        activeCases: w.active_cases,
        openItems: w.open_items,
        overdueItems: w.overdue_items,
      })),
      unassigned: {
        activeCases: unassigned.active_cases,
        openItems: unassigned.open_items,
        overdueItems: unassigned.overdue_items,
      },
    };
  }

  /** GET /caseload/cases: the case list's one statement (caseSql.list), open cases of one worker or of nobody active. */
  async cases(ctx: RequestContext, q: CaseloadCasesQueryDto): Promise<Page<CaseSummaryView>> {
    const actor = actorOf(ctx);
    if ((q.assignee === undefined) === (q.unassigned === undefined))
      throw new ValidationFailed([{ field: 'assignee', problems: ['give assignee or unassigned=true, one of them'] }]);
    if (q.assignee !== undefined)
      await this.access.assignee(this.ds.manager, q.assignee, 'assignee', {
        agencyId: actor.agencyId,
        roles: CASE_ASSIGNEE_ROLES,
        problem: 'must be an active caseworker, investigator or supervisor of your agency',
      });
    const rows = await this.caseRows.list(this.ds, actor, {
      open: true,
      ...(q.assignee !== undefined ? { assignedTo: q.assignee } : { unassigned: true }),
      cursor: q.cursor,
      limit: q.limit,
    });
    const page = caseKeyset.page(rows, q.limit);
    await this.audit.record(ctx, {
      action: 'CASE_LISTED',
      outcome: 'ALLOWED',
      objectType: 'case',
      details: {
        count: page.items.length,
        caseload: q.assignee !== undefined ? 'WORKER' : 'UNASSIGNED',
        cursor: !!q.cursor,
      },
    });
    return { items: page.items.map(toCaseSummary), nextCursor: page.nextCursor };
  }

  /**
   * POST /caseload/reassign, all or nothing in one transaction: every case locked in id order
   * through the access layer (the caller's agency leads it in the caller's scope; any other is the
   * standard 404, naming none), none closed, the assignee eligible for each case's province (the
   * single assignment's rule, AccessService.assignee), then per moved case the change, its timeline
   * event and its audit row with the reason encrypted; one outbox row tells the new assignee once.
   */
  reassign(ctx: RequestContext, dto: BulkReassignDto): Promise<BulkReassignView> {
    const ids = [...new Set(dto.caseIds)].sort();
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const rows = await this.repo.lockCases(m, actor, ids);
      if (rows.length !== ids.length) throw new NotFound();
      if (rows.some((c) => c.status === 'CLOSED'))
        throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'A closed case is not assigned; reopen it first');
      await this.eligible(m, actor, rows, dto.assigneeId);
      const moved = rows.filter((c) => c.assigned_to_id !== dto.assigneeId);
      if (moved.length) {
        await this.repo.reassign(
          m,
          moved.map((c) => c.id),
          dto.assigneeId,
        );
        for (const c of moved) {
          const details = { assignedTo: dto.assigneeId, previous: c.assigned_to_id, bulk: true };
          await this.runner.record(m, ctx, {
            objectType: 'case',
            objectId: c.id,
            audit: 'CASE_ASSIGNED',
            caseId: c.id,
            event: 'CASE_ASSIGNED',
            eventDetails: details,
            auditDetails: { ...details, cases: rows.length },
            reasonText: dto.reason,
          });
        }
        await this.outbox.add(m, 'case.assigned', {
          assigneeId: dto.assigneeId,
          caseIds: moved.map((c) => c.id),
        });
      }
      return { assigneeId: dto.assigneeId, reassigned: moved.length, unchanged: rows.length - moved.length };
    });
  }

  /** GET /me/work: the caller's items, from what the caller may open. */
  async myWork(ctx: RequestContext): Promise<MyWorkView> {
    const actor = actorOf(ctx);
    const rows = await this.repo.myWork(this.ds, actor);
    const items = rows.slice(0, MY_WORK_LIMIT).map((r) => ({
      kind: r.kind,
      recordId: r.record_id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      dueAt: r.due_at ? r.due_at.toISOString() : null,
      overdue: r.overdue,
      bucket: r.bucket,
    }));
    await this.audit.record(ctx, {
      action: 'WORK_ITEMS_READ',
      outcome: 'ALLOWED',
      objectType: 'user',
      objectId: actor.userId,
      details: { count: items.length },
    });
    return { items, truncated: rows.length > MY_WORK_LIMIT };
  }

  /** The single assignment's rule for each province of the set (the cases' lead agency is the caller's: lockCases). */
  private async eligible(
    m: EntityManager,
    actor: Actor,
    rows: { province_code: string }[],
    userId: string,
  ): Promise<void> {
    for (const provinceCode of [...new Set(rows.map((c) => c.province_code))].sort())
      await this.access.assignee(m, userId, 'assigneeId', {
        agencyId: actor.agencyId,
        roles: CASE_ASSIGNEE_ROLES,
        provinceCode,
        problem: ASSIGNEE_PROBLEM,
      });
  }
}
