import { AT, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { planSql } from './case-plan.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('case plan statements', () => {
  const statements = {
    caseFactsRead: planSql.caseFacts(actor, ID, 'READ'),
    caseFactsLead: planSql.caseFacts(actor, ID, 'LEAD'),
    caseFactsPlanner: planSql.caseFacts(actor, ID, 'PLANNER'),
    caseOfGoal: planSql.caseOf('plan_goal', ID),
    caseOfTask: planSql.caseOf('plan_task', ID),
    plan: planSql.plan(ID),
    ensurePlan: planSql.ensurePlan(ID),
    lockPlan: planSql.lockPlan(actor, ID),
    updatePlan: planSql.updatePlan(ID, 3, { status: 'IN_REVIEW', plan_version: 2, submitted_by_id: OTHER_ID }),
    goals: planSql.goals(actor, ID),
    tasks: planSql.tasks(actor, ID),
    reviews: planSql.reviews(ID),
    taskAgencies: planSql.taskAgencies(ID),
    lockGoal: planSql.lockGoal(actor, ID),
    lockTask: planSql.lockTask(actor, ID),
    overdueParties: planSql.overdueParties(ID),
    insertGoal: planSql.insertGoal(actor, ID, OTHER_ID, 'HEALTH', 'enc'),
    updateGoal: planSql.updateGoal(ID, 2, { description_enc: 'enc' }),
    insertTask: planSql.insertTask(actor, {
      id: ID,
      caseId: OTHER_ID,
      goalId: ID,
      agencyId: OTHER_ID,
      assigneeId: null,
      titleEnc: 'enc',
      descriptionEnc: null,
      dueDate: AT.toISOString().slice(0, 10),
    }),
    updateTask: planSql.updateTask(ID, 4, { status: 'DONE', outcome_enc: 'enc' }),
    insertReview: planSql.insertReview(actor, ID, OTHER_ID, 2, 'RETURN', 'enc'),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
