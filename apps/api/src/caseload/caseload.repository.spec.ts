import {
  ID,
  OTHER_ID,
  SNAPSHOT_ACTOR as actor,
  SNAPSHOT_SUPERVISOR as supervisor,
} from '../platform/database/statement-fixtures';
import { caseloadSql } from './caseload.repository';

/** Each statement's text, snapshotted: a query change (or a new work item source) shows in review (decision 0018). */
describe('caseload statements', () => {
  const statements = {
    workers: caseloadSql.workers(supervisor),
    unassigned: caseloadSql.unassigned(supervisor),
    myWork: caseloadSql.myWork(actor),
    myWorkSupervisor: caseloadSql.myWork(supervisor),
    lockCases: caseloadSql.lockCases(supervisor, [ID, OTHER_ID]),
    reassign: caseloadSql.reassign([ID, OTHER_ID], ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
