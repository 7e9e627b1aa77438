import { AT } from '../platform/database/statement-fixtures';
import { slaSql } from './sla.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('sla statements', () => {
  const statements = {
    raiseBreach: slaSql.raise('ACKNOWLEDGE', 'BREACH', AT, 500, 25),
    raiseReminder: slaSql.raise('ACKNOWLEDGE', 'REMINDER', AT, 500, 25),
    raiseServiceBreach: slaSql.raise('SERVICES', 'BREACH', AT, 500, 25),
    raiseServiceReminder: slaSql.raise('SERVICES', 'REMINDER', AT, 500, 25),
    overdueTasks: slaSql.overdueTasks(AT, 500),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
