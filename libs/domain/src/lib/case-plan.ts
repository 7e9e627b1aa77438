/**
 * The structured case plan (issue 15 item 1, docs/decisions/0031-case-plan.md): goals by domain,
 * tasks per goal with a responsible agency and worker, and the supervisor's review of the plan,
 * as data. The API enforces these machines and the domain → data category rule; the portal shows
 * them and reads the allowed actions the API computes (it never decides permissions itself).
 */
import type { DataCategory, PlanEventKind } from './enums';
import type { LabelMap } from './i18n';
import { defineMachine, type MachineContext } from './state-machine';

// ---------------------------------------------------------------------------------------------
// Goals
// ---------------------------------------------------------------------------------------------

/** The domains a goal belongs to (the HTCDS reintegration areas the issue names). */
export const PLAN_GOAL_DOMAINS = [
  'SAFETY',
  'HEALTH',
  'PSYCHOSOCIAL',
  'LEGAL',
  'EDUCATION_SKILLS',
  'LIVELIHOOD',
  'FAMILY_COMMUNITY',
  'RETURN',
] as const;
export type PlanGoalDomain = (typeof PLAN_GOAL_DOMAINS)[number];

export const PLAN_GOAL_DOMAIN_LABELS: LabelMap<PlanGoalDomain> = {
  SAFETY: { lo: 'ຄວາມປອດໄພ', en: 'Safety' },
  HEALTH: { lo: 'ສຸຂະພາບ', en: 'Health' },
  PSYCHOSOCIAL: { lo: 'ຈິດໃຈ-ສັງຄົມ', en: 'Psychosocial' },
  LEGAL: { lo: 'ກົດໝາຍ', en: 'Legal' },
  EDUCATION_SKILLS: { lo: 'ການສຶກສາ ແລະ ທັກສະ', en: 'Education and skills' },
  LIVELIHOOD: { lo: 'ອາຊີບ ແລະ ລາຍໄດ້', en: 'Livelihood' },
  FAMILY_COMMUNITY: { lo: 'ຄອບຄົວ ແລະ ຊຸມຊົນ', en: 'Family and community' },
  RETURN: { lo: 'ການສົ່ງກັບຄືນ', en: 'Return' },
};

/**
 * The data category a goal (and every task under it) belongs to: an agency that is not the lead
 * sees a goal only when its relation to the case carries this category (besides its own tasks).
 * Health and psychosocial goals say what care the person needs (HEALTH); legal goals speak of the
 * proceedings (LEGAL_PROCEEDINGS); family, community and return goals say where the person and the
 * family live (CONTACT_LOCATION); safety, education/skills and livelihood goals are the plan's
 * outline that every agency serving the person needs (CASE_SUMMARY: a referral always carries it).
 */
export const PLAN_GOAL_DOMAIN_CATEGORY: Readonly<Record<PlanGoalDomain, DataCategory>> = {
  SAFETY: 'CASE_SUMMARY',
  HEALTH: 'HEALTH',
  PSYCHOSOCIAL: 'HEALTH',
  LEGAL: 'LEGAL_PROCEEDINGS',
  EDUCATION_SKILLS: 'CASE_SUMMARY',
  LIVELIHOOD: 'CASE_SUMMARY',
  FAMILY_COMMUNITY: 'CONTACT_LOCATION',
  RETURN: 'CONTACT_LOCATION',
};

/** The goal domains whose category is one of `categories` (what a relation lets an agency see). */
export function visiblePlanDomains(categories: readonly string[]): PlanGoalDomain[] {
  return PLAN_GOAL_DOMAINS.filter((d) => categories.includes(PLAN_GOAL_DOMAIN_CATEGORY[d]));
}

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

export const PLAN_TASK_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type PlanTaskStatus = (typeof PLAN_TASK_STATUSES)[number];

export const PLAN_TASK_ACTIONS = ['START', 'COMPLETE', 'CANCEL', 'REOPEN'] as const;
export type PlanTaskAction = (typeof PLAN_TASK_ACTIONS)[number];

/** Statuses a task still needs work in (counted as overdue past its due date). */
export const PLAN_TASK_OPEN_STATUSES: readonly PlanTaskStatus[] = ['OPEN', 'IN_PROGRESS'];

export interface PlanTaskContext extends MachineContext {
  /** an outcome is given with the action (or already recorded) */
  readonly hasOutcome: boolean;
}

const TASK_WORKERS = ['CASEWORKER', 'SUPERVISOR', 'INVESTIGATOR'] as const;
const outcomeRequired = (ctx: PlanTaskContext): string | null => (ctx.hasOutcome ? null : 'OUTCOME_REQUIRED');

/**
 * A task: OPEN → IN_PROGRESS → DONE, or CANCELLED from either open state; a done or cancelled task
 * may be reopened (a follow-up shows the need came back). Completing and cancelling need an
 * outcome (what was done, or why not). Who may act on which task is the access rule of the API.
 */
export const PLAN_TASK_MACHINE = defineMachine<PlanTaskStatus, PlanTaskAction, PlanTaskContext>({
  name: 'plan-task',
  states: PLAN_TASK_STATUSES,
  initial: 'OPEN',
  terminal: [],
  actions: PLAN_TASK_ACTIONS,
  transitions: [
    { action: 'START', from: ['OPEN'], to: 'IN_PROGRESS', roles: TASK_WORKERS, permission: 'case:update' },
    {
      action: 'COMPLETE',
      from: ['OPEN', 'IN_PROGRESS'],
      to: 'DONE',
      roles: TASK_WORKERS,
      permission: 'case:update',
      validate: outcomeRequired,
    },
    {
      action: 'CANCEL',
      from: ['OPEN', 'IN_PROGRESS'],
      to: 'CANCELLED',
      roles: TASK_WORKERS,
      permission: 'case:update',
      validate: outcomeRequired,
    },
    { action: 'REOPEN', from: ['DONE', 'CANCELLED'], to: 'OPEN', roles: TASK_WORKERS, permission: 'case:update' },
  ],
});

export const PLAN_TASK_STATUS_LABELS: LabelMap<PlanTaskStatus> = {
  OPEN: { lo: 'ຍັງບໍ່ເລີ່ມ', en: 'Open' },
  IN_PROGRESS: { lo: 'ກຳລັງດຳເນີນ', en: 'In progress' },
  DONE: { lo: 'ສຳເລັດແລ້ວ', en: 'Done' },
  CANCELLED: { lo: 'ຍົກເລີກ', en: 'Cancelled' },
};

export const PLAN_TASK_ACTION_LABELS: LabelMap<PlanTaskAction> = {
  START: { lo: 'ເລີ່ມດຳເນີນ', en: 'Start' },
  COMPLETE: { lo: 'ໝາຍວ່າສຳເລັດ', en: 'Mark done' },
  CANCEL: { lo: 'ຍົກເລີກ', en: 'Cancel' },
  REOPEN: { lo: 'ເປີດຄືນ', en: 'Reopen' },
};

/** Done out of the tasks that count (a cancelled task no longer counts). */
export interface PlanProgress {
  done: number;
  total: number;
}

export function planProgress(statuses: readonly PlanTaskStatus[]): PlanProgress {
  const counted = statuses.filter((s) => s !== 'CANCELLED');
  return { done: counted.filter((s) => s === 'DONE').length, total: counted.length };
}

// ---------------------------------------------------------------------------------------------
// Review
// ---------------------------------------------------------------------------------------------

export const PLAN_REVIEW_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'RETURNED'] as const;
export type PlanReviewStatus = (typeof PLAN_REVIEW_STATUSES)[number];

export const PLAN_REVIEW_ACTIONS = ['SUBMIT', 'APPROVE', 'RETURN'] as const;
export type PlanReviewAction = (typeof PLAN_REVIEW_ACTIONS)[number];

export interface PlanReviewContext extends MachineContext {
  /** the reviewer submitted this version themselves (nobody approves their own plan) */
  readonly submittedBySelf: boolean;
  /** a comment is given (returning needs one) */
  readonly hasComment: boolean;
}

const notOwnSubmission = (ctx: PlanReviewContext): string | null => (ctx.submittedBySelf ? 'OWN_SUBMISSION' : null);

/**
 * The plan's review: an editor submits (each submission is a new version number), a supervisor of
 * the lead agency approves or returns it with a comment; a returned or approved plan is submitted
 * again after changes. Nobody approves or returns the version they submitted.
 */
export const PLAN_REVIEW_MACHINE = defineMachine<PlanReviewStatus, PlanReviewAction, PlanReviewContext>({
  name: 'plan-review',
  states: PLAN_REVIEW_STATUSES,
  initial: 'DRAFT',
  terminal: [],
  actions: PLAN_REVIEW_ACTIONS,
  transitions: [
    {
      action: 'SUBMIT',
      from: ['DRAFT', 'RETURNED', 'APPROVED'],
      to: 'IN_REVIEW',
      roles: ['CASEWORKER', 'SUPERVISOR', 'INVESTIGATOR'],
      permission: 'case:update',
    },
    {
      action: 'APPROVE',
      from: ['IN_REVIEW'],
      to: 'APPROVED',
      roles: ['SUPERVISOR'],
      permission: 'case:assign',
      guard: notOwnSubmission,
    },
    {
      action: 'RETURN',
      from: ['IN_REVIEW'],
      to: 'RETURNED',
      roles: ['SUPERVISOR'],
      permission: 'case:assign',
      guard: notOwnSubmission,
      validate: (ctx) => (ctx.hasComment ? null : 'COMMENT_REQUIRED'),
    },
  ],
});

export const PLAN_REVIEW_STATUS_LABELS: LabelMap<PlanReviewStatus> = {
  DRAFT: { lo: 'ຮ່າງ', en: 'Draft' },
  IN_REVIEW: { lo: 'ລໍຖ້າການກວດ', en: 'In review' },
  APPROVED: { lo: 'ອະນຸມັດແລ້ວ', en: 'Approved' },
  RETURNED: { lo: 'ສົ່ງຄືນໃຫ້ແກ້ໄຂ', en: 'Returned' },
};

export const PLAN_REVIEW_ACTION_LABELS: LabelMap<PlanReviewAction> = {
  SUBMIT: { lo: 'ສົ່ງໃຫ້ກວດ', en: 'Submit for review' },
  APPROVE: { lo: 'ອະນຸມັດ', en: 'Approve' },
  RETURN: { lo: 'ສົ່ງຄືນ', en: 'Return' },
};

/** The plan's timeline events and audit actions. */
export const PLAN_EVENT_LABELS: LabelMap<PlanEventKind> = {
  PLAN_GOAL_ADDED: { lo: 'ເພີ່ມເປົ້າໝາຍໃນແຜນ', en: 'Plan goal added' },
  PLAN_GOAL_UPDATED: { lo: 'ແກ້ໄຂເປົ້າໝາຍໃນແຜນ', en: 'Plan goal changed' },
  PLAN_TASK_ADDED: { lo: 'ເພີ່ມວຽກໃນແຜນ', en: 'Plan task added' },
  PLAN_TASK_UPDATED: { lo: 'ປັບປຸງວຽກໃນແຜນ', en: 'Plan task updated' },
  PLAN_SUBMITTED: { lo: 'ສົ່ງແຜນໃຫ້ກວດ', en: 'Plan submitted for review' },
  PLAN_APPROVED: { lo: 'ອະນຸມັດແຜນ', en: 'Plan approved' },
  PLAN_RETURNED: { lo: 'ສົ່ງແຜນຄືນໃຫ້ແກ້ໄຂ', en: 'Plan returned' },
};

// ---------------------------------------------------------------------------------------------
// Wire shapes (decision 0020)
// ---------------------------------------------------------------------------------------------

export interface PlanTaskView {
  id: string;
  goalId: string;
  title: string;
  description: string | null;
  agency: { id: string; code: string };
  assignee: { id: string; displayName: string } | null;
  /** YYYY-MM-DD (Lao calendar day) or null */
  dueDate: string | null;
  status: PlanTaskStatus;
  outcome: string | null;
  /** OPEN or IN_PROGRESS past its due date */
  overdue: boolean;
  version: number;
  updatedAt: string;
  /** the status actions the caller may take on this task (empty: read only) */
  allowedActions: PlanTaskAction[];
  /** the caller may change the task's title, description, due date (the lead's editors) */
  mayEdit: boolean;
  /** the caller may (re)assign the task to a worker of its own agency (a task of the caller's agency it may write) */
  mayAssign: boolean;
}

export interface PlanGoalView {
  id: string;
  domain: PlanGoalDomain;
  /** null when the caller sees the goal only through a task of its own and not the goal's category */
  description: string | null;
  version: number;
  tasks: PlanTaskView[];
  progress: PlanProgress;
  /** the caller may edit the goal (the lead's editors) */
  mayEdit: boolean;
  /** the caller may add a task under the goal */
  mayAddTask: boolean;
}

export interface PlanReviewView {
  planVersion: number;
  action: PlanReviewAction;
  at: string;
  by: { displayName: string } | null;
  /** the supervisor's comment on a return (lead agency only) */
  comment: string | null;
}

/** What the caller may do with the plan, computed by the API. */
export interface PlanAllowedActions {
  addGoal: boolean;
  /** the agencies the caller may create tasks for (empty: none) */
  taskAgencies: { id: string; code: string }[];
  review: PlanReviewAction[];
}

/** A case's structured plan as the caller may see it (GET /cases/:id/plan). */
export interface StructuredPlanView {
  caseId: string;
  status: PlanReviewStatus;
  /** the number of the latest submission (0: never submitted) */
  planVersion: number;
  /** the plan row's version (optimistic concurrency of the review actions) */
  version: number;
  /** the caller sees every goal (the lead agency) */
  whole: boolean;
  goals: PlanGoalView[];
  progress: PlanProgress;
  /** the review history, newest first (the lead agency only) */
  reviews: PlanReviewView[];
  allowedActions: PlanAllowedActions;
}

export interface CreatePlanGoalRequest {
  domain: PlanGoalDomain;
  description: string;
}

export interface UpdatePlanGoalRequest {
  version: number;
  domain?: PlanGoalDomain;
  description?: string;
}

export interface CreatePlanTaskRequest {
  goalId: string;
  agencyId: string;
  assigneeId?: string | null;
  title: string;
  description?: string | null;
  dueDate?: string | null;
}

export interface UpdatePlanTaskRequest {
  version: number;
  action?: PlanTaskAction;
  outcome?: string | null;
  /** a user of the task's agency; null unassigns */
  assigneeId?: string | null;
  title?: string;
  description?: string | null;
  dueDate?: string | null;
}

export interface PlanReviewRequest {
  /** the plan row's version the caller read */
  version: number;
  /** required to return */
  comment?: string;
}
