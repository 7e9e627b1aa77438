import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { districtInProvince, type FollowUpPage, type FollowUpVisitView } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { NotFound, staleVersion, ValidationFailed } from '../platform/http/errors';
import type { PageQueryDto } from '../platform/http/pagination';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { caseRecordWorkflow, TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import type { RecordVisitDto, UpdateVisitDto } from './dto/follow-up.dto';
import { caseActions, requireFollowUpWriter, requireOwnRecord, toVisitView } from './follow-up.mapper';
import {
  FollowUpRepository,
  visitKeyset,
  type FollowUpCaseRow,
  type VisitInput,
  type VisitRow,
} from './follow-up.repository';

/** The request's visit, checked across fields: the district in the province, the next visit after this one. Nothing is stored on a problem. */
export function visitInput(dto: RecordVisitDto): VisitInput {
  const problems: { field: string; problems: string[] }[] = [];
  const districtCode = dto.districtCode ?? null;
  if (districtCode !== null && !districtInProvince(districtCode, dto.provinceCode))
    problems.push({ field: 'districtCode', problems: [`must be a district of province ${dto.provinceCode}`] });
  const nextVisitDue = dto.nextVisitDue ?? null;
  if (nextVisitDue !== null && nextVisitDue <= dto.visitedOn)
    problems.push({ field: 'nextVisitDue', problems: ['must be after visitedOn'] });
  if (problems.length) throw new ValidationFailed(problems);
  return {
    visitedOn: dto.visitedOn,
    provinceCode: dto.provinceCode,
    districtCode,
    kind: dto.kind,
    withWhom: dto.withWhom,
    outcome: dto.outcome,
    outcomeNote: dto.outcomeNote || null,
    nextVisitDue,
  };
}

/** A follow-up record locked for a change, with its case as the caller sees it. */
export type Locked<R> = R & { followUpCase: FollowUpCaseRow };

/**
 * Follow-up visits and contacts on a case (decision 0032): the lead agency and agencies with an
 * active referral record them; each agency changes only its own; reads follow `followUpRecord` of
 * the access layer. Every write is one transaction with its timeline event and audit row.
 */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly repo: FollowUpRepository,
    private readonly runner: TransitionRunner,
  ) {}

  /** The case's follow-up as the caller may see it, or the standard 404. */
  async caseOf(m: EntityManager | DataSource, actor: Actor, caseId: string, lock = false): Promise<FollowUpCaseRow> {
    const c = await this.repo.caseOf(m, actor, caseId, lock);
    if (!c) throw new NotFound();
    return c;
  }

  /** Newest first (keyset), with what the caller may do on the case's follow-up. */
  async list(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<FollowUpPage<FollowUpVisitView>> {
    const actor = actorOf(ctx);
    const c = await this.caseOf(this.ds, actor, caseId);
    const page = visitKeyset.page(await this.repo.visits(this.ds, actor, caseId, q.cursor, q.limit), q.limit);
    await this.audit.record(ctx, {
      action: 'VISITS_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
      details: { count: page.items.length, relation: c.relation },
    });
    return {
      items: page.items.map((r) => toVisitView(this.repo, actor, c, r)),
      nextCursor: page.nextCursor,
      allowedActions: caseActions(actor, c),
    };
  }

  /** The case first (404), then the write rule (409), then the fields across each other (400): nothing is stored on any of them. */
  record(ctx: RequestContext, caseId: string, dto: RecordVisitDto): Promise<FollowUpVisitView> {
    const id = randomUUID();
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.caseOf(m, actor, caseId, true);
      requireFollowUpWriter(actor, c);
      const input = visitInput(dto);
      await this.repo.insertVisit(m, actor, id, caseId, input);
      await this.runner.recordCreated(m, ctx, {
        objectType: 'follow_up_visit',
        objectId: id,
        caseId,
        audit: 'VISIT_RECORDED',
        event: 'VISIT_RECORDED',
        details: { visitId: id, kind: input.kind, outcome: input.outcome },
      });
      return this.answer(m, actor, c, id);
    });
  }

  update(ctx: RequestContext, caseId: string, visitId: string, dto: UpdateVisitDto): Promise<FollowUpVisitView> {
    let input: VisitInput | null = null;
    return this.runner.run(ctx, this.workflow(caseId), {
      id: visitId,
      audit: 'VISIT_UPDATED',
      event: 'VISIT_UPDATED',
      guard: (actor, r) => {
        requireFollowUpWriter(actor, r.followUpCase);
        requireOwnRecord(actor, r);
      },
      check: () => {
        input = visitInput(dto);
      },
      version: dto.version,
      apply: async (m, _actor, r) => {
        if (!input) throw new Error('visit input not checked');
        if (!(await this.repo.updateVisit(m, r.id, dto.version, input))) throw staleVersion('visit');
        return { details: { kind: input.kind, outcome: input.outcome } };
      },
    });
  }

  private workflow(caseId: string): Workflow<Locked<VisitRow>, FollowUpVisitView> {
    return caseRecordWorkflow<Locked<VisitRow>, FollowUpVisitView>({
      objectType: 'follow_up_visit',
      noun: 'visit',
      idKey: 'visitId',
      lock: async (m, actor, id) => {
        const c = await this.repo.caseOf(m, actor, caseId, true);
        const r = c && (await this.repo.visit(m, actor, caseId, id, true));
        return c && r ? { ...r, followUpCase: c } : undefined;
      },
      answer: async (m, actor, id) => this.answer(m, actor, await this.caseOf(m, actor, caseId), id),
    });
  }

  private async answer(m: EntityManager, actor: Actor, c: FollowUpCaseRow, id: string): Promise<FollowUpVisitView> {
    const row = await this.repo.visit(m, actor, c.id, id);
    if (!row) throw new Error('follow_up_visit vanished');
    return toVisitView(this.repo, actor, c, row);
  }
}
