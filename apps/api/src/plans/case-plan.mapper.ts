import {
  allowedActions,
  PLAN_REVIEW_MACHINE,
  PLAN_TASK_MACHINE,
  planProgress,
  type PlanAllowedActions,
  type PlanGoalView,
  type PlanReviewView,
  type PlanTaskView,
  type StructuredPlanView,
} from '@ctms/domain';
import type { Actor } from '../platform/http/request-context';
import type { CasePlanRepository, GoalRow, PlanCaseRow, PlanRow, ReviewRow, TaskRow } from './case-plan.repository';

/** Who the caller is to this plan (decision 0031), from the facts loaded through the access layer. */
export interface PlanRole {
  /** the lead agency's editor rule holds (assigned caseworker or supervisor, case not closed) */
  leadEditor: boolean;
  /** REFERRAL_ACTIVE on a case that is not closed: plans and updates its own agency's tasks */
  partner: boolean;
}

/** May the caller update task `t` (status, outcome, assignee)? The lead's editors any task; a partner its own agency's. */
export function mayWriteTask(role: PlanRole, t: Pick<TaskRow, 'is_partner'>): boolean {
  return role.leadEditor || (role.partner && t.is_partner);
}

function taskView(repo: CasePlanRepository, actor: Actor, role: PlanRole, t: TaskRow): PlanTaskView {
  const writes = mayWriteTask(role, t);
  const outcome = repo.decrypt('case_plan_task.outcome_enc', t.id, t.outcome_enc);
  return {
    id: t.id,
    goalId: t.goal_id,
    title: repo.decrypt('case_plan_task.title_enc', t.id, t.title_enc) ?? '',
    description: repo.decrypt('case_plan_task.description_enc', t.id, t.description_enc),
    agency: { id: t.agency_id, code: t.agency_code },
    assignee: t.assignee_id ? { id: t.assignee_id, displayName: t.assignee_name ?? '' } : null,
    dueDate: t.due_date,
    status: t.status,
    outcome,
    overdue: t.overdue,
    version: t.version,
    updatedAt: t.updated_at.toISOString(),
    allowedActions: writes
      ? allowedActions(PLAN_TASK_MACHINE, t.status, { roles: actor.roles, hasOutcome: outcome !== null })
      : [],
    mayEdit: role.leadEditor,
    // a worker is picked among the caller's own agency's (GET /users/assignable): its own tasks only
    mayAssign: writes && t.agency_id === actor.agencyId,
  };
}

function reviewView(repo: CasePlanRepository, r: ReviewRow): PlanReviewView {
  return {
    planVersion: r.plan_version,
    action: r.action,
    at: r.created_at.toISOString(),
    by: r.actor_name === null ? null : { displayName: r.actor_name },
    comment: repo.decrypt('case_plan_review.comment_enc', r.id, r.comment_enc),
  };
}

/** The plan as the caller may see it: goals with their visible tasks, progress, reviews (lead only) and what the caller may do. */
export function toPlanView(
  repo: CasePlanRepository,
  actor: Actor,
  c: PlanCaseRow,
  role: PlanRole,
  data: {
    plan: PlanRow | undefined;
    goals: GoalRow[];
    tasks: TaskRow[];
    reviews: ReviewRow[];
    taskAgencies: { id: string; code: string }[];
  },
): StructuredPlanView {
  const tasks = data.tasks.map((t) => taskView(repo, actor, role, t));
  const goals: PlanGoalView[] = data.goals.map((g) => {
    const mine = tasks.filter((t) => t.goalId === g.id);
    // a goal seen only through an own task, whose category the relation does not carry: no description
    const described = c.is_lead || c.categories.includes(g.category);
    return {
      id: g.id,
      domain: g.domain,
      description: described ? repo.decrypt('case_plan_goal.description_enc', g.id, g.description_enc) : null,
      version: g.version,
      tasks: mine,
      progress: planProgress(mine.map((t) => t.status)),
      mayEdit: role.leadEditor,
      mayAddTask: data.taskAgencies.length > 0,
    };
  });
  const status = data.plan?.status ?? 'DRAFT';
  const allowed: PlanAllowedActions = {
    addGoal: role.leadEditor,
    taskAgencies: data.taskAgencies,
    review: role.leadEditor
      ? allowedActions(PLAN_REVIEW_MACHINE, status, {
          roles: actor.roles,
          submittedBySelf: data.plan?.submitted_by_id === actor.userId,
          hasComment: true,
        })
      : [],
  };
  return {
    caseId: c.id,
    status,
    planVersion: data.plan?.plan_version ?? 0,
    version: data.plan?.version ?? 0,
    whole: c.is_lead,
    goals,
    progress: planProgress(tasks.map((t) => t.status)),
    reviews: data.reviews.map((r) => reviewView(repo, r)),
    allowedActions: allowed,
  };
}
