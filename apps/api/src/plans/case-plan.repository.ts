import { Injectable } from '@nestjs/common';
import type { PlanGoalDomain, PlanReviewAction, PlanReviewStatus, PlanTaskStatus } from '@ctms/domain';
import {
  activeReferralAgency,
  caseCategoriesOf,
  caseLead,
  planGoal,
  planGoalCategory,
  planTask,
  planTaskPartner,
} from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { exec, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type Patch, type PickRow, type RowOf } from '../platform/database/table';
import { staleVersion } from '../platform/http/errors';
import type { Actor } from '../platform/http/request-context';

/** A case's plan: its review state and the number of its latest submission (CHK_case_plan_status). */
export const casePlanTable = table('case_plan', {
  case_id: col('uuid'),
  status: col('varchar').of<PlanReviewStatus>(),
  plan_version: col('int4'),
  submitted_by_id: col('uuid').nullable(),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});

/** Each submission, approval and return (append-only); the supervisor's comment encrypted (case_plan_review, comment_enc, id). */
export const casePlanReviewTable = table('case_plan_review', {
  id: col('uuid'),
  case_id: col('uuid'),
  plan_version: col('int4'),
  action: col('varchar').of<PlanReviewAction>(),
  actor_id: col('uuid'),
  comment_enc: col('text').nullable(),
  created_at: col('timestamptz'),
});

/** A goal by domain; its description encrypted (case_plan_goal, description_enc, id). */
export const casePlanGoalTable = table('case_plan_goal', {
  id: col('uuid'),
  case_id: col('uuid'),
  domain: col('varchar').of<PlanGoalDomain>(),
  description_enc: col('text'),
  created_by_id: col('uuid'),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});

/** A task of one agency under a goal; title, description and outcome encrypted (case_plan_task, <column>, id). */
export const casePlanTaskTable = table('case_plan_task', {
  id: col('uuid'),
  case_id: col('uuid'),
  goal_id: col('uuid'),
  agency_id: col('uuid'),
  assignee_id: col('uuid').nullable(),
  title_enc: col('text'),
  description_enc: col('text').nullable(),
  due_date: col('date').nullable(),
  status: col('varchar').of<PlanTaskStatus>(),
  outcome_enc: col('text').nullable(),
  created_by_id: col('uuid'),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});

export type PlanRow = RowOf<typeof casePlanTable>;
export type GoalRow = RowOf<typeof casePlanGoalTable> & { category: string };
export type TaskRow = RowOf<typeof casePlanTaskTable> & {
  agency_code: string;
  assignee_name: string | null;
  /** the caller's agency is the task's and holds an active referral (access.ts planTaskPartner) */
  is_partner: boolean;
  overdue: boolean;
};
export type ReviewRow = PickRow<
  typeof casePlanReviewTable,
  'id' | 'plan_version' | 'action' | 'comment_enc' | 'created_at'
> & {
  actor_name: string | null;
};

/** Which relation a load needs (planSql.caseFacts). */
export type PlanReach = 'READ' | 'LEAD' | 'PLANNER';

/** The case as the plan's rules read it, for this caller (visible through some relation). */
export interface PlanCaseRow {
  id: string;
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  status: string;
  categories: string[];
  is_lead: boolean;
  /** REFERRAL_ACTIVE (access.ts activeReferralAgency) */
  active_partner: boolean;
}

/** A task locked for a write, with the case facts the editor rule reads. */
export type LockedTaskRow = TaskRow & {
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  case_status: string;
};

/** A goal locked for a write, with the case facts the editor rule reads. */
export type LockedGoalRow = RowOf<typeof casePlanGoalTable> & {
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  case_status: string;
};

/** The plan locked for a review action, with the case facts (the case visible to the caller). */
export type LockedPlanRow = PlanRow & {
  id: string;
  lead_agency_id: string;
  province_code: string;
  assigned_to_id: string | null;
  case_status: string;
  goal_count: number;
};

const CASE_FACTS = sql`c.lead_agency_id, c.province_code, c.assigned_to_id, c.status AS case_status`;
const TASK_COLUMNS = sql`t.id, t.case_id, t.goal_id, t.agency_id, t.assignee_id, t.title_enc, t.description_enc, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.status, t.outcome_enc, t.created_by_id, t.version, t.created_at, t.updated_at,
       a.code AS agency_code, u.display_name AS assignee_name,
       (t.status IN ('OPEN', 'IN_PROGRESS') AND t.due_date < (now() AT TIME ZONE 'Asia/Vientiane')::date) AS overdue`;

/** The statements, pure: case-plan.repository.spec.ts snapshots each one's text. */
export const planSql = {
  /**
   * The case with the facts the plan's rules read, when the caller may `reach` it: to read, through
   * any relation (READ); to plan goals and review, as the lead agency (LEAD); to plan tasks, as the lead
   * or an agency with an active referral (PLANNER). Anyone else gets the standard 404.
   */
  caseFacts: (actor: Actor, caseId: string, reach: PlanReach): Sql =>
    sql`SELECT c.id, c.lead_agency_id, c.province_code, c.assigned_to_id, c.status, ${caseCategoriesOf(actor)} AS categories,
               ${caseLead(actor)} AS is_lead, ${activeReferralAgency(actor)} AS active_partner
          FROM case_record c
         WHERE c.id = ${caseId}::uuid AND ${
           reach === 'READ'
             ? sql`${caseCategoriesOf(actor)} IS NOT NULL`
             : reach === 'LEAD'
               ? caseLead(actor)
               : sql`(${caseLead(actor)} OR ${activeReferralAgency(actor)})`
         }`,

  /** The case of a goal or a task (the answer of a write reads the whole plan). */
  caseOf: (kind: 'plan_goal' | 'plan_task', id: string): Sql =>
    kind === 'plan_goal'
      ? sql`SELECT case_id FROM case_plan_goal WHERE id = ${id}::uuid`
      : sql`SELECT case_id FROM case_plan_task WHERE id = ${id}::uuid`,

  plan: (caseId: string): Sql => sql`SELECT p.* FROM case_plan p WHERE p.case_id = ${caseId}::uuid`,

  /** The case's plan row (DRAFT) if it has none yet: the first goal, or the first review action, makes it. */
  ensurePlan: (caseId: string): Sql =>
    sql`INSERT INTO case_plan (case_id, status, plan_version, version, created_at, updated_at)
        VALUES (${caseId}::uuid, 'DRAFT', 0, 1, now(), now()) ON CONFLICT (case_id) DO NOTHING`,

  /** The plan of a case the caller's agency leads, locked for a review action. */
  lockPlan: (actor: Actor, caseId: string): Sql =>
    sql`SELECT p.*, c.id, ${CASE_FACTS}, (SELECT count(*)::int FROM case_plan_goal g WHERE g.case_id = p.case_id) AS goal_count
          FROM case_plan p JOIN case_record c ON c.id = p.case_id
         WHERE p.case_id = ${caseId}::uuid AND ${caseLead(actor)}
         FOR UPDATE OF p`,

  updatePlan: (caseId: string, version: number, patch: Patch<typeof casePlanTable>): Sql =>
    sql`UPDATE case_plan SET ${casePlanTable.set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })}
         WHERE case_id = ${caseId}::uuid AND version = ${version}`,

  /** The goals of a case the caller may see (access.ts planGoal), oldest first. */
  goals: (actor: Actor, caseId: string): Sql =>
    sql`SELECT g.*, ${planGoalCategory('g')} AS category
          FROM case_plan_goal g JOIN case_record c ON c.id = g.case_id
         WHERE g.case_id = ${caseId}::uuid AND ${planGoal(actor, 'g', 'c')}
         ORDER BY g.created_at, g.id`,

  /** The tasks of a case the caller may see (access.ts planTask), oldest first. */
  tasks: (actor: Actor, caseId: string): Sql =>
    sql`SELECT ${TASK_COLUMNS}, ${planTaskPartner(actor, 't', 'c')} AS is_partner
          FROM case_plan_task t JOIN case_plan_goal g ON g.id = t.goal_id JOIN case_record c ON c.id = t.case_id
          JOIN agency a ON a.id = t.agency_id LEFT JOIN app_user u ON u.id = t.assignee_id
         WHERE t.case_id = ${caseId}::uuid AND ${planTask(actor, 't', 'g', 'c')}
         ORDER BY t.created_at, t.id`,

  /** The review history of a case, newest first (the lead agency reads it). */
  reviews: (caseId: string): Sql =>
    sql`SELECT r.id, r.plan_version, r.action, r.comment_enc, r.created_at, u.display_name AS actor_name
          FROM case_plan_review r LEFT JOIN app_user u ON u.id = r.actor_id
         WHERE r.case_id = ${caseId}::uuid ORDER BY r.created_at DESC, r.id DESC LIMIT 50`,

  /** The agencies a task of the case may be for: the lead agency and every agency with an active referral of it. */
  taskAgencies: (caseId: string): Sql =>
    sql`SELECT a.id, a.code FROM agency a JOIN case_record c ON c.id = ${caseId}::uuid
         WHERE a.active AND (a.id = c.lead_agency_id OR EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id AND r.to_agency_id = a.id AND r.status IN ('ACCEPTED', 'IN_PROGRESS')))
         ORDER BY a.code`,

  /** A goal locked for a write: the lead agency's (its editors change goals). */
  lockGoal: (actor: Actor, id: string): Sql =>
    sql`SELECT g.*, ${CASE_FACTS} FROM case_plan_goal g JOIN case_record c ON c.id = g.case_id
         WHERE g.id = ${id}::uuid AND ${caseLead(actor)} FOR UPDATE OF g`,

  /** A task locked for a write: the lead agency, or the task's own agency holding an active referral; anyone else 404. */
  lockTask: (actor: Actor, id: string): Sql =>
    sql`SELECT ${TASK_COLUMNS}, ${planTaskPartner(actor, 't', 'c')} AS is_partner, ${CASE_FACTS}
          FROM case_plan_task t JOIN case_plan_goal g ON g.id = t.goal_id JOIN case_record c ON c.id = t.case_id
          JOIN agency a ON a.id = t.agency_id LEFT JOIN app_user u ON u.id = t.assignee_id
         WHERE t.id = ${id}::uuid AND (${caseLead(actor)} OR ${planTaskPartner(actor, 't', 'c')}) FOR UPDATE OF t`,

  /** Who hears of an overdue task: its worker (when active), else the task agency's supervisors (plan-handlers.ts). */
  overdueParties: (taskId: string): Sql =>
    sql`SELECT t.case_id, t.agency_id, u.id AS assignee_id, t.status
          FROM case_plan_task t LEFT JOIN app_user u ON u.id = t.assignee_id AND u.status = 'ACTIVE'
         WHERE t.id = ${taskId}::uuid`,

  insertGoal: (actor: Actor, id: string, caseId: string, domain: PlanGoalDomain, descriptionEnc: string): Sql =>
    sql`INSERT INTO case_plan_goal (id, case_id, domain, description_enc, created_by_id, version, created_at, updated_at)
        VALUES (${id}::uuid, ${caseId}::uuid, ${domain}, ${descriptionEnc}, ${actor.userId}::uuid, 1, clock_timestamp(), clock_timestamp())`,

  updateGoal: (id: string, version: number, patch: Patch<typeof casePlanGoalTable>): Sql =>
    sql`UPDATE case_plan_goal SET ${casePlanGoalTable.set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })}
         WHERE id = ${id}::uuid AND version = ${version}`,

  insertTask: (actor: Actor, t: NewTask): Sql =>
    sql`INSERT INTO case_plan_task (id, case_id, goal_id, agency_id, assignee_id, title_enc, description_enc, due_date, status, created_by_id, version, created_at, updated_at)
        VALUES (${t.id}::uuid, ${t.caseId}::uuid, ${t.goalId}::uuid, ${t.agencyId}::uuid, ${t.assigneeId}::uuid, ${t.titleEnc}, ${t.descriptionEnc}, ${t.dueDate}::date, 'OPEN', ${actor.userId}::uuid, 1, clock_timestamp(), clock_timestamp())`,

  updateTask: (id: string, version: number, patch: Patch<typeof casePlanTaskTable>): Sql =>
    sql`UPDATE case_plan_task SET ${casePlanTaskTable.set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })}
         WHERE id = ${id}::uuid AND version = ${version}`,

  insertReview: (
    actor: Actor,
    id: string,
    caseId: string,
    planVersion: number,
    action: PlanReviewAction,
    commentEnc: string | null,
  ): Sql =>
    sql`INSERT INTO case_plan_review (id, case_id, plan_version, action, actor_id, comment_enc, created_at)
        VALUES (${id}::uuid, ${caseId}::uuid, ${planVersion}, ${action}, ${actor.userId}::uuid, ${commentEnc}, clock_timestamp())`,
};

export interface NewTask {
  id: string;
  caseId: string;
  goalId: string;
  agencyId: string;
  assigneeId: string | null;
  titleEnc: string;
  descriptionEnc: string | null;
  dueDate: string | null;
}

type Bound =
  | 'case_plan_goal.description_enc'
  | 'case_plan_task.title_enc'
  | 'case_plan_task.description_enc'
  | 'case_plan_task.outcome_enc'
  | 'case_plan_review.comment_enc';

/** The plan's data access: free text encrypted and decrypted with its binding (table, column, row id). */
@Injectable()
export class CasePlanRepository {
  constructor(private readonly cipher: FieldCipher) {}

  encrypt(where: Bound, rowId: string, value: string): string {
    const [t, c] = where.split('.');
    return this.cipher.encrypt(value, { table: t, column: c, rowId });
  }

  decrypt(where: Bound, rowId: string, value: string | null): string | null {
    if (value === null) return null;
    const [t, c] = where.split('.');
    return this.cipher.decrypt(value, { table: t, column: c, rowId });
  }

  overdueParties(
    m: Runner,
    taskId: string,
  ): Promise<{ case_id: string; agency_id: string; assignee_id: string | null; status: PlanTaskStatus } | undefined> {
    return selectOne(m, planSql.overdueParties(taskId));
  }

  caseFacts(m: Runner, actor: Actor, caseId: string, reach: PlanReach): Promise<PlanCaseRow | undefined> {
    return selectOne<PlanCaseRow>(m, planSql.caseFacts(actor, caseId, reach));
  }

  async caseOf(m: Runner, kind: 'plan_goal' | 'plan_task', id: string): Promise<string> {
    const row = await selectOne<{ case_id: string }>(m, planSql.caseOf(kind, id));
    if (!row) throw new Error(`${kind} ${id} vanished`);
    return row.case_id;
  }

  plan(m: Runner, caseId: string): Promise<PlanRow | undefined> {
    return selectOne<PlanRow>(m, planSql.plan(caseId));
  }

  async ensurePlan(m: Runner, caseId: string): Promise<void> {
    await exec(m, planSql.ensurePlan(caseId));
  }

  lockPlan(m: Runner, actor: Actor, caseId: string): Promise<LockedPlanRow | undefined> {
    return selectOne<LockedPlanRow>(m, planSql.lockPlan(actor, caseId));
  }

  async updatePlan(m: Runner, caseId: string, version: number, patch: Patch<typeof casePlanTable>): Promise<void> {
    if ((await exec(m, planSql.updatePlan(caseId, version, patch))) !== 1) throw staleVersion('case plan');
  }

  goals(m: Runner, actor: Actor, caseId: string): Promise<GoalRow[]> {
    return select<GoalRow>(m, planSql.goals(actor, caseId));
  }

  tasks(m: Runner, actor: Actor, caseId: string): Promise<TaskRow[]> {
    return select<TaskRow>(m, planSql.tasks(actor, caseId));
  }

  reviews(m: Runner, caseId: string): Promise<ReviewRow[]> {
    return select<ReviewRow>(m, planSql.reviews(caseId));
  }

  taskAgencies(m: Runner, caseId: string): Promise<{ id: string; code: string }[]> {
    return select<{ id: string; code: string }>(m, planSql.taskAgencies(caseId));
  }

  lockGoal(m: Runner, actor: Actor, id: string): Promise<LockedGoalRow | undefined> {
    return selectOne<LockedGoalRow>(m, planSql.lockGoal(actor, id));
  }

  lockTask(m: Runner, actor: Actor, id: string): Promise<LockedTaskRow | undefined> {
    return selectOne<LockedTaskRow>(m, planSql.lockTask(actor, id));
  }

  async insertGoal(
    m: Runner,
    actor: Actor,
    id: string,
    caseId: string,
    domain: PlanGoalDomain,
    description: string,
  ): Promise<void> {
    await exec(
      m,
      planSql.insertGoal(actor, id, caseId, domain, this.encrypt('case_plan_goal.description_enc', id, description)),
    );
  }

  async updateGoal(
    m: Runner,
    id: string,
    version: number,
    change: { domain?: PlanGoalDomain; description?: string },
  ): Promise<void> {
    const patch: Patch<typeof casePlanGoalTable> = { domain: change.domain };
    if (change.description !== undefined)
      patch.description_enc = this.encrypt('case_plan_goal.description_enc', id, change.description);
    if ((await exec(m, planSql.updateGoal(id, version, patch))) !== 1) throw staleVersion('plan goal');
  }

  async insertTask(
    m: Runner,
    actor: Actor,
    t: Omit<NewTask, 'titleEnc' | 'descriptionEnc'> & { title: string; description: string | null },
  ): Promise<void> {
    const { title, description, ...rest } = t;
    await exec(
      m,
      planSql.insertTask(actor, {
        ...rest,
        titleEnc: this.encrypt('case_plan_task.title_enc', t.id, title),
        descriptionEnc: description === null ? null : this.encrypt('case_plan_task.description_enc', t.id, description),
      }),
    );
  }

  async updateTask(
    m: Runner,
    id: string,
    version: number,
    change: {
      status?: PlanTaskStatus;
      assigneeId?: string | null;
      dueDate?: string | null;
      title?: string;
      description?: string | null;
      outcome?: string | null;
    },
  ): Promise<void> {
    const text = (where: Bound, v: string | null | undefined) =>
      v === undefined ? undefined : v === null ? null : this.encrypt(where, id, v);
    const patch: Patch<typeof casePlanTaskTable> = {
      status: change.status,
      assignee_id: change.assigneeId,
      due_date: change.dueDate,
      title_enc: change.title === undefined ? undefined : this.encrypt('case_plan_task.title_enc', id, change.title),
      description_enc: text('case_plan_task.description_enc', change.description),
      outcome_enc: text('case_plan_task.outcome_enc', change.outcome),
    };
    if ((await exec(m, planSql.updateTask(id, version, patch))) !== 1) throw staleVersion('plan task');
  }

  async insertReview(
    m: Runner,
    actor: Actor,
    caseId: string,
    id: string,
    planVersion: number,
    action: PlanReviewAction,
    comment: string | null,
  ): Promise<void> {
    const commentEnc = comment === null ? null : this.encrypt('case_plan_review.comment_enc', id, comment);
    await exec(m, planSql.insertReview(actor, id, caseId, planVersion, action, commentEnc));
  }
}
