import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  can,
  CASE_ASSIGNEE_ROLES,
  hasPermission,
  PLAN_REVIEW_MACHINE,
  PLAN_TASK_MACHINE,
  type PlanReviewAction,
  type StructuredPlanView,
} from '@ctms/domain';
import { AccessService } from '../platform/access/access.service';
import { mayEditCase, requireCaseEditor } from '../platform/access/editor';
import { AuditService } from '../platform/audit/audit.service';
import type { Runner } from '../platform/database/sql';
import { Conflict, NotFound } from '../platform/http/errors';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { caseRecordWorkflow, TransitionRunner, type Workflow } from '../platform/workflow/transition-runner';
import { mayWriteTask, toPlanView, type PlanRole } from './case-plan.mapper';
import {
  CasePlanRepository,
  type LockedGoalRow,
  type LockedPlanRow,
  type LockedTaskRow,
  type PlanCaseRow,
  type PlanReach,
} from './case-plan.repository';
import type {
  CreatePlanGoalDto,
  CreatePlanTaskDto,
  PlanReviewDto,
  UpdatePlanGoalDto,
  UpdatePlanTaskDto,
} from './dto/case-plan.dto';

const AUDIT: Record<PlanReviewAction, 'PLAN_SUBMITTED' | 'PLAN_APPROVED' | 'PLAN_RETURNED'> = {
  SUBMIT: 'PLAN_SUBMITTED',
  APPROVE: 'PLAN_APPROVED',
  RETURN: 'PLAN_RETURNED',
};

/** The case facts of a locked row, as the editor rule reads them. */
const facts = (r: {
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  case_status: string;
}) => ({
  lead_agency_id: r.lead_agency_id,
  province_code: r.province_code,
  assigned_to_id: r.assigned_to_id,
  status: r.case_status,
});

/**
 * The structured case plan (issue 15 item 1, decision 0031): goals and tasks on a case, and the
 * supervisor's review. Reads go through the access layer's plan predicates (the lead sees all; any
 * other relation its own tasks and the goals its categories cover); writes follow the plan rule: the
 * lead's editors plan everything, an agency with an active referral its own tasks only.
 */
@Injectable()
export class CasePlanService {
  private readonly goalFlow: Workflow<LockedGoalRow, StructuredPlanView> = caseRecordWorkflow({
    objectType: 'plan_goal',
    noun: 'plan goal',
    idKey: 'goalId',
    lock: (m, actor, id) => this.plans.lockGoal(m, actor, id),
    answer: async (m, actor, id) => this.mustView(m, actor, await this.plans.caseOf(m, 'plan_goal', id)),
  });
  private readonly taskFlow: Workflow<LockedTaskRow, StructuredPlanView> = caseRecordWorkflow({
    objectType: 'plan_task',
    noun: 'plan task',
    idKey: 'taskId',
    lock: (m, actor, id) => this.plans.lockTask(m, actor, id),
    answer: async (m, actor, id) => this.mustView(m, actor, await this.plans.caseOf(m, 'plan_task', id)),
  });
  private readonly planFlow: Workflow<LockedPlanRow, StructuredPlanView> = {
    objectType: 'case_plan',
    noun: 'case plan',
    lock: async (m, actor, caseId) => {
      if (!(await this.plans.caseFacts(m, actor, caseId, 'LEAD'))) return undefined;
      await this.plans.ensurePlan(m, caseId);
      return this.plans.lockPlan(m, actor, caseId);
    },
    version: (r) => r.version,
    caseOf: (r) => r.case_id,
    keys: (r) => ({ event: {}, audit: { caseId: r.case_id } }),
    payload: (r) => ({ caseId: r.case_id }),
    answer: (m, actor, caseId) => this.mustView(m, actor, caseId),
  };

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly plans: CasePlanRepository,
    private readonly runner: TransitionRunner,
  ) {}

  /** The plan as the caller may see it; a case the caller has no relation to is the standard 404. */
  async read(ctx: RequestContext, caseId: string): Promise<StructuredPlanView> {
    const view = await this.mustView(this.ds, actorOf(ctx), caseId);
    await this.audit.record(ctx, {
      action: 'PLAN_READ',
      outcome: 'ALLOWED',
      objectType: 'case',
      objectId: caseId,
      details: { caseId, goals: view.goals.length, whole: view.whole },
    });
    return view;
  }

  /** A goal, by the lead's editors. */
  addGoal(ctx: RequestContext, caseId: string, dto: CreatePlanGoalDto): Promise<StructuredPlanView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.mustCase(m, actor, caseId, 'LEAD');
      requireCaseEditor(actor, c);
      await this.plans.ensurePlan(m, caseId);
      const id = randomUUID();
      await this.plans.insertGoal(m, actor, id, caseId, dto.domain, dto.description);
      await this.runner.recordCreated(m, ctx, {
        objectType: 'plan_goal',
        objectId: id,
        audit: 'PLAN_GOAL_ADDED',
        caseId,
        event: 'PLAN_GOAL_ADDED',
        details: { goalId: id, domain: dto.domain },
      });
      return this.mustView(m, actor, caseId);
    });
  }

  /** A goal's domain or description, by the lead's editors (versioned). */
  updateGoal(ctx: RequestContext, goalId: string, dto: UpdatePlanGoalDto): Promise<StructuredPlanView> {
    return this.runner.run(ctx, this.goalFlow, {
      id: goalId,
      audit: 'PLAN_GOAL_UPDATED',
      event: 'PLAN_GOAL_UPDATED',
      guard: (actor, g) => requireCaseEditor(actor, facts(g)),
      version: dto.version,
      apply: async (m, _actor, g) => {
        const fields = (['domain', 'description'] as const).filter((f) => dto[f] !== undefined);
        if (!fields.length) return null;
        await this.plans.updateGoal(m, g.id, g.version, { domain: dto.domain, description: dto.description });
        return { details: { fields, domain: dto.domain ?? g.domain } };
      },
    });
  }

  /**
   * A task under a goal of the case: the lead's editors for the lead agency or any agency with an
   * active referral; such an agency for itself only. Every id in the body is resolved first.
   */
  addTask(ctx: RequestContext, caseId: string, dto: CreatePlanTaskDto): Promise<StructuredPlanView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const c = await this.mustCase(m, actor, caseId, 'PLANNER');
      const role = this.role(actor, c);
      if (!role.leadEditor) {
        if (c.is_lead) requireCaseEditor(actor, c);
        if (!role.partner)
          throw new Conflict(
            'NOT_PLAN_PARTNER',
            'Only the lead agency or an agency with an active referral plans tasks',
          );
      }
      const goal = await this.access.planGoal(m, actor, caseId, dto.goalId, 'goalId');
      const only = role.leadEditor ? null : actor.agencyId;
      const agency = await this.access.planTaskAgency(m, caseId, dto.agencyId, 'agencyId', only);
      const assigneeId = dto.assigneeId ? await this.assignee(m, dto.assigneeId, agency.id, c.province_code) : null;
      const id = randomUUID();
      await this.plans.insertTask(m, actor, {
        id,
        caseId,
        goalId: goal.id,
        agencyId: agency.id,
        assigneeId,
        title: dto.title,
        description: dto.description ?? null,
        dueDate: dto.dueDate ?? null,
      });
      await this.runner.recordCreated(m, ctx, {
        objectType: 'plan_task',
        objectId: id,
        audit: 'PLAN_TASK_ADDED',
        caseId,
        event: 'PLAN_TASK_ADDED',
        details: { taskId: id, goalId: goal.id, agencyId: agency.id, agencyCode: agency.code, assigneeId },
      });
      return this.mustView(m, actor, caseId);
    });
  }

  /**
   * A task's status (PLAN_TASK_MACHINE), outcome and assignee (a worker of the task's agency): the
   * lead's editors on any task, an agency with an active referral on its own; title, description and
   * due date by the lead's editors only. Versioned, on the locked row: no lost update.
   */
  updateTask(ctx: RequestContext, taskId: string, dto: UpdatePlanTaskDto): Promise<StructuredPlanView> {
    const outcome =
      dto.outcome === undefined ? undefined : dto.outcome === null || dto.outcome === '' ? null : dto.outcome;
    const action = dto.action;
    return this.runner.run(ctx, this.taskFlow, {
      id: taskId,
      audit: 'PLAN_TASK_UPDATED',
      event: 'PLAN_TASK_UPDATED',
      guard: (actor, t) => {
        const role = this.role(actor, { ...facts(t), active_partner: t.is_partner });
        if (!mayWriteTask(role, t)) {
          if (t.lead_agency_id === actor.agencyId) requireCaseEditor(actor, facts(t));
          throw new Conflict(
            'NOT_TASK_AGENCY',
            "Only the lead agency's editors or the task's own agency update this task",
          );
        }
        const editsPlan = dto.title !== undefined || dto.description !== undefined || dto.dueDate !== undefined;
        if (editsPlan && !role.leadEditor)
          throw new Conflict(
            'NOT_CASE_EDITOR',
            "Only the lead agency's editors change a task's title, description or due date",
          );
      },
      decide: action
        ? (actor, t) =>
            can(PLAN_TASK_MACHINE, t.status, action, {
              roles: actor.roles,
              hasOutcome: outcome !== undefined ? outcome !== null : t.outcome_enc !== null,
            })
        : undefined,
      version: dto.version,
      apply: async (m, _actor, t, to) => {
        const assigneeId =
          dto.assigneeId === undefined
            ? undefined
            : dto.assigneeId === null
              ? null
              : await this.assignee(m, dto.assigneeId, t.agency_id, t.province_code);
        const change = {
          status: to === null ? undefined : (to as LockedTaskRow['status']),
          assigneeId,
          outcome,
          title: dto.title,
          description: dto.description,
          dueDate: dto.dueDate,
        };
        const fields = Object.entries(change)
          .filter(([, v]) => v !== undefined)
          .map(([k]) => k);
        if (!fields.length) return null;
        await this.plans.updateTask(m, t.id, t.version, change);
        return { details: { goalId: t.goal_id, agencyId: t.agency_id, fields, from: t.status, to: to ?? t.status } };
      },
    });
  }

  /** Submit (the lead's editors), approve or return with a comment (a supervisor of the lead agency who did not submit). */
  review(
    ctx: RequestContext,
    caseId: string,
    action: PlanReviewAction,
    dto: PlanReviewDto,
  ): Promise<StructuredPlanView> {
    const comment = dto.comment?.trim() ? dto.comment : null;
    return this.runner.run(ctx, this.planFlow, {
      id: caseId,
      audit: AUDIT[action],
      event: AUDIT[action],
      guard: (actor, p) => requireCaseEditor(actor, facts(p)),
      decide: (actor, p) =>
        can(PLAN_REVIEW_MACHINE, p.status, action, {
          roles: actor.roles,
          submittedBySelf: p.submitted_by_id === actor.userId,
          hasComment: comment !== null,
        }),
      check: (_actor, p) => {
        if (action === 'SUBMIT' && p.goal_count === 0)
          throw new Conflict('PLAN_EMPTY', 'Add a goal before submitting the plan');
      },
      version: dto.version,
      apply: async (m, actor, p, to) => {
        const planVersion = action === 'SUBMIT' ? p.plan_version + 1 : p.plan_version;
        await this.plans.updatePlan(m, p.case_id, p.version, {
          status: to as LockedPlanRow['status'],
          plan_version: planVersion,
          submitted_by_id: action === 'SUBMIT' ? actor.userId : p.submitted_by_id,
        });
        await this.plans.insertReview(
          m,
          actor,
          p.case_id,
          randomUUID(),
          planVersion,
          action,
          action === 'SUBMIT' ? null : comment,
        );
        return { details: { planVersion, from: p.status, to, commented: comment !== null && action !== 'SUBMIT' } };
      },
    });
  }

  // -------------------------------------------------------------------------------------------

  /** The caller's role on the plan (decision 0031). */
  private role(
    actor: Actor,
    c: Pick<PlanCaseRow, 'lead_agency_id' | 'province_code' | 'assigned_to_id' | 'status' | 'active_partner'>,
  ): PlanRole {
    return {
      leadEditor: mayEditCase(actor, c, 'case:update'),
      partner: c.active_partner && c.status !== 'CLOSED' && hasPermission(actor, 'case:update'),
    };
  }

  private assignee(m: EntityManager, userId: string, agencyId: string, provinceCode: string): Promise<string> {
    return this.access.assignee(m, userId, 'assigneeId', {
      agencyId,
      roles: CASE_ASSIGNEE_ROLES,
      provinceCode,
      problem: "must be an active worker of the task's agency whose scope covers the case",
    });
  }

  private async mustCase(m: Runner, actor: Actor, caseId: string, reach: PlanReach): Promise<PlanCaseRow> {
    const c = await this.plans.caseFacts(m, actor, caseId, reach);
    if (!c) throw new NotFound();
    return c;
  }

  private async mustView(m: Runner, actor: Actor, caseId: string): Promise<StructuredPlanView> {
    const c = await this.mustCase(m, actor, caseId, 'READ');
    const role = this.role(actor, c);
    const taskAgencies = role.leadEditor
      ? await this.plans.taskAgencies(m, caseId)
      : role.partner
        ? [{ id: actor.agencyId, code: actor.agencyCode }]
        : [];
    return toPlanView(this.plans, actor, c, role, {
      plan: await this.plans.plan(m, caseId),
      goals: await this.plans.goals(m, actor, caseId),
      tasks: await this.plans.tasks(m, actor, caseId),
      reviews: c.is_lead ? await this.plans.reviews(m, caseId) : [],
      taskAgencies,
    });
  }
}
