import {
  PLAN_GOAL_DOMAIN_CATEGORY,
  PLAN_GOAL_DOMAINS,
  PLAN_REVIEW_MACHINE,
  PLAN_TASK_MACHINE,
  planProgress,
  visiblePlanDomains,
} from './case-plan';
import { allowedActions, can, machineProblems } from './state-machine';

const worker = { roles: ['CASEWORKER'] as const, hasOutcome: false };
const supervisor = { roles: ['SUPERVISOR'] as const, submittedBySelf: false, hasComment: false };

describe('plan task machine', () => {
  it('is sound', () => {
    expect(machineProblems(PLAN_TASK_MACHINE)).toEqual([]);
  });

  it('goes OPEN → IN_PROGRESS → DONE with an outcome, and reopens', () => {
    expect(can(PLAN_TASK_MACHINE, 'OPEN', 'START', worker)).toEqual({ ok: true, to: 'IN_PROGRESS' });
    expect(can(PLAN_TASK_MACHINE, 'IN_PROGRESS', 'COMPLETE', worker)).toEqual({
      ok: false,
      reason: 'OUTCOME_REQUIRED',
    });
    expect(can(PLAN_TASK_MACHINE, 'IN_PROGRESS', 'COMPLETE', { ...worker, hasOutcome: true })).toEqual({
      ok: true,
      to: 'DONE',
    });
    expect(can(PLAN_TASK_MACHINE, 'DONE', 'REOPEN', worker)).toEqual({ ok: true, to: 'OPEN' });
    expect(can(PLAN_TASK_MACHINE, 'DONE', 'START', worker)).toEqual({
      ok: false,
      reason: 'ACTION_NOT_ALLOWED_IN_STATE',
    });
  });

  it('offers the actions of each state (outcome checked only when taken)', () => {
    expect(allowedActions(PLAN_TASK_MACHINE, 'OPEN', worker)).toEqual(['START', 'COMPLETE', 'CANCEL']);
    expect(allowedActions(PLAN_TASK_MACHINE, 'CANCELLED', worker)).toEqual(['REOPEN']);
    expect(allowedActions(PLAN_TASK_MACHINE, 'OPEN', { roles: ['PROSECUTOR'], hasOutcome: true })).toEqual([]);
  });
});

describe('plan review machine', () => {
  it('is sound', () => {
    expect(machineProblems(PLAN_REVIEW_MACHINE)).toEqual([]);
  });

  it('lets a caseworker submit and only another supervisor approve or return with a comment', () => {
    expect(can(PLAN_REVIEW_MACHINE, 'DRAFT', 'SUBMIT', { ...supervisor, roles: ['CASEWORKER'] })).toEqual({
      ok: true,
      to: 'IN_REVIEW',
    });
    expect(can(PLAN_REVIEW_MACHINE, 'IN_REVIEW', 'APPROVE', { ...supervisor, roles: ['CASEWORKER'] })).toEqual({
      ok: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(can(PLAN_REVIEW_MACHINE, 'IN_REVIEW', 'APPROVE', { ...supervisor, submittedBySelf: true })).toEqual({
      ok: false,
      reason: 'OWN_SUBMISSION',
    });
    expect(can(PLAN_REVIEW_MACHINE, 'IN_REVIEW', 'RETURN', supervisor)).toEqual({
      ok: false,
      reason: 'COMMENT_REQUIRED',
    });
    expect(can(PLAN_REVIEW_MACHINE, 'IN_REVIEW', 'RETURN', { ...supervisor, hasComment: true })).toEqual({
      ok: true,
      to: 'RETURNED',
    });
    expect(can(PLAN_REVIEW_MACHINE, 'RETURNED', 'SUBMIT', supervisor)).toEqual({ ok: true, to: 'IN_REVIEW' });
    expect(can(PLAN_REVIEW_MACHINE, 'APPROVED', 'SUBMIT', supervisor)).toEqual({ ok: true, to: 'IN_REVIEW' });
  });
});

describe('goal domains and categories', () => {
  it('puts every domain under one category', () => {
    for (const d of PLAN_GOAL_DOMAINS) expect(PLAN_GOAL_DOMAIN_CATEGORY[d]).toBeDefined();
    expect(PLAN_GOAL_DOMAIN_CATEGORY.PSYCHOSOCIAL).toBe('HEALTH');
    expect(PLAN_GOAL_DOMAIN_CATEGORY.LEGAL).toBe('LEGAL_PROCEEDINGS');
    expect(PLAN_GOAL_DOMAIN_CATEGORY.RETURN).toBe('CONTACT_LOCATION');
  });

  it('shows a referral that carries only CASE_SUMMARY the outline domains', () => {
    expect(visiblePlanDomains(['CASE_SUMMARY'])).toEqual(['SAFETY', 'EDUCATION_SKILLS', 'LIVELIHOOD']);
    expect(visiblePlanDomains(['CASE_SUMMARY', 'HEALTH'])).toContain('PSYCHOSOCIAL');
    expect(visiblePlanDomains([])).toEqual([]);
  });

  it('counts progress without cancelled tasks', () => {
    expect(planProgress(['DONE', 'OPEN', 'CANCELLED', 'IN_PROGRESS', 'DONE'])).toEqual({ done: 2, total: 4 });
    expect(planProgress([])).toEqual({ done: 0, total: 0 });
  });
});
