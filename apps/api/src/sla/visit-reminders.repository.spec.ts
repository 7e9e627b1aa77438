import { AT, ID } from '../platform/database/statement-fixtures';
import { visitReminderSql } from './visit-reminders.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('overdue visit reminder statements', () => {
  const statements = { raise: visitReminderSql.raise(AT, 500), facts: visitReminderSql.facts(ID) };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
