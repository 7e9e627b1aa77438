import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  ASSESSMENT_LEVELS,
  assessmentScoreProblems,
  assessmentTrend,
  type AssessmentScores,
  type AssessmentTrendView,
  type FollowUpPage,
  type ReintegrationAssessmentView,
} from '@ctms/domain';
import { AccessService } from '../platform/access/access.service';
import { AuditService } from '../platform/audit/audit.service';
import { staleVersion, ValidationFailed } from '../platform/http/errors';
import type { PageQueryDto } from '../platform/http/pagination';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { caseRecordWorkflow, TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import type { RecordAssessmentDto, UpdateAssessmentDto } from './dto/follow-up.dto';
import { caseActions, requireFollowUpWriter, requireOwnRecord, toAssessmentView } from './follow-up.mapper';
import {
  assessmentKeyset,
  FollowUpRepository,
  type AssessmentInput,
  type AssessmentRow,
  type FollowUpCaseRow,
} from './follow-up.repository';
import { FollowUpService, type Locked } from './follow-up.service';

/** How many assessments the trend reads (the newest): a case has a few a year. */
export const TREND_MAX = 100;

/** The scores as given, checked item by item (400 naming `scores.<ITEM>`); nothing is stored on a problem. */
export function assessmentScores(scores: unknown): AssessmentScores {
  const problems = assessmentScoreProblems(scores);
  if (problems.length) throw new ValidationFailed(problems);
  return scores as AssessmentScores;
}

/**
 * Reintegration assessments on a case (decision 0032): scored items at individual, household and
 * community level, encrypted; written like visits (lead editors, agencies with an active referral,
 * each changing only its own), read through `followUpRecord` with HEALTH for the others' ones.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly repo: FollowUpRepository,
    private readonly runner: TransitionRunner,
    private readonly visits: FollowUpService,
  ) {}

  async list(ctx: RequestContext, caseId: string, q: PageQueryDto): Promise<FollowUpPage<ReintegrationAssessmentView>> {
    const actor = actorOf(ctx);
    const c = await this.visits.caseOf(this.ds, actor, caseId);
    const rows = await this.repo.assessments(this.ds, actor, caseId, q.cursor, q.limit);
    const page = assessmentKeyset.page(rows, q.limit);
    await this.audit.record(ctx, {
      action: 'ASSESSMENTS_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
      details: { count: page.items.length, relation: c.relation },
    });
    return {
      items: page.items.map((r) => toAssessmentView(this.repo, actor, c, r)),
      nextCursor: page.nextCursor,
      allowedActions: caseActions(actor, c),
    };
  }

  /** Each visible assessment in date order with its level scores and their change since the one before. */
  async trend(ctx: RequestContext, caseId: string): Promise<AssessmentTrendView> {
    const actor = actorOf(ctx);
    await this.visits.caseOf(this.ds, actor, caseId);
    const rows = await this.repo.trend(this.ds, actor, caseId, TREND_MAX);
    const agencyOf = new Map(rows.map((r) => [r.id, r.agency_code]));
    // oldest first: assessments of the same day keep the order they were recorded in
    const points = assessmentTrend(
      [...rows]
        .reverse()
        .map((r) => ({ key: r.id, assessedOn: r.assessed_on, scores: this.repo.assessmentPlain(r).scores })),
    );
    await this.audit.record(ctx, {
      action: 'ASSESSMENT_TREND_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
      details: { count: points.length },
    });
    return {
      levels: [...ASSESSMENT_LEVELS],
      points: points.map((p) => ({
        assessmentId: p.key,
        assessedOn: p.assessedOn,
        agencyCode: agencyOf.get(p.key) ?? '',
        levels: p.levels,
      })),
    };
  }

  /** The case first (404), then the write rule (409), then the scores and the visit (400): nothing is stored on any of them. */
  record(ctx: RequestContext, caseId: string, dto: RecordAssessmentDto): Promise<ReintegrationAssessmentView> {
    const id = randomUUID();
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.visits.caseOf(m, actor, caseId, true);
      requireFollowUpWriter(actor, c);
      const scores = assessmentScores(dto.scores);
      const input = await this.input(m, actor, caseId, dto, scores);
      await this.repo.insertAssessment(m, actor, id, caseId, input);
      await this.runner.recordCreated(m, ctx, {
        objectType: 'reintegration_assessment',
        objectId: id,
        caseId,
        audit: 'ASSESSMENT_RECORDED',
        event: 'ASSESSMENT_RECORDED',
        details: { assessmentId: id, visitId: input.visitId, items: Object.keys(scores).length },
      });
      return this.answer(m, actor, c, id);
    });
  }

  update(
    ctx: RequestContext,
    caseId: string,
    assessmentId: string,
    dto: UpdateAssessmentDto,
  ): Promise<ReintegrationAssessmentView> {
    let scores: AssessmentScores = {};
    return this.runner.run(ctx, this.workflow(caseId), {
      id: assessmentId,
      audit: 'ASSESSMENT_UPDATED',
      event: 'ASSESSMENT_UPDATED',
      guard: (actor, r) => {
        requireFollowUpWriter(actor, r.followUpCase);
        requireOwnRecord(actor, r);
      },
      check: () => {
        scores = assessmentScores(dto.scores);
      },
      version: dto.version,
      apply: async (m, actor, r) => {
        const input = await this.input(m, actor, caseId, dto, scores);
        if (!(await this.repo.updateAssessment(m, r.id, dto.version, input))) throw staleVersion('assessment');
        return { details: { visitId: input.visitId, items: Object.keys(scores).length } };
      },
    });
  }

  /** The request's assessment, its visit resolved through the access layer (a visit of this case the caller sees). */
  private async input(
    m: EntityManager,
    actor: Actor,
    caseId: string,
    dto: RecordAssessmentDto,
    scores: AssessmentScores,
  ): Promise<AssessmentInput> {
    const visitId = dto.visitId ? await this.access.followUpVisit(m, actor, caseId, dto.visitId, 'visitId') : null;
    return { assessedOn: dto.assessedOn, visitId, scores, notes: dto.notes || null };
  }

  private workflow(caseId: string): Workflow<Locked<AssessmentRow>, ReintegrationAssessmentView> {
    return caseRecordWorkflow<Locked<AssessmentRow>, ReintegrationAssessmentView>({
      objectType: 'reintegration_assessment',
      noun: 'assessment',
      idKey: 'assessmentId',
      lock: async (m, actor, id) => {
        const c = await this.repo.caseOf(m, actor, caseId, true);
        const r = c && (await this.repo.assessment(m, actor, caseId, id, true));
        return c && r ? { ...r, followUpCase: c } : undefined;
      },
      answer: async (m, actor, id) => this.answer(m, actor, await this.visits.caseOf(m, actor, caseId), id),
    });
  }

  private async answer(
    m: EntityManager,
    actor: Actor,
    c: FollowUpCaseRow,
    id: string,
  ): Promise<ReintegrationAssessmentView> {
    const row = await this.repo.assessment(m, actor, c.id, id);
    if (!row) throw new Error('reintegration_assessment vanished');
    return toAssessmentView(this.repo, actor, c, row);
  }
}
