import { CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { followUpSql, type AssessmentInput, type VisitInput } from './follow-up.repository';

const VISIT: VisitInput = {
  visitedOn: '2026-11-02',
  provinceCode: '01',
  districtCode: '0101',
  kind: 'HOME_VISIT',
  withWhom: ['VICTIM', 'PARENT_GUARDIAN'],
  outcome: 'REACHED',
  outcomeNote: 'note',
  nextVisitDue: '2026-12-02',
};
const ASSESSMENT: AssessmentInput = { assessedOn: '2026-11-02', visitId: OTHER_ID, scores: { SAFETY: 3 }, notes: null };

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('follow-up statements', () => {
  const statements = {
    caseOf: followUpSql.caseOf(actor, ID, false),
    caseOfLocked: followUpSql.caseOf(actor, ID, true),
    visits: followUpSql.visits(actor, ID, undefined, undefined),
    visitsAfter: followUpSql.visits(actor, ID, CURSOR, 10),
    visit: followUpSql.visit(actor, ID, OTHER_ID, true),
    insertVisit: followUpSql.insertVisit(actor, OTHER_ID, ID, VISIT, 'enc', 'enc'),
    updateVisit: followUpSql.updateVisit(OTHER_ID, 2, VISIT, 'enc', null),
    assessments: followUpSql.assessments(actor, ID, CURSOR, 10),
    trend: followUpSql.trend(actor, ID, 100),
    assessment: followUpSql.assessment(actor, ID, OTHER_ID, false),
    insertAssessment: followUpSql.insertAssessment(actor, OTHER_ID, ID, ASSESSMENT, 'enc', null),
    updateAssessment: followUpSql.updateAssessment(OTHER_ID, 2, ASSESSMENT, 'enc', 'enc'),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
