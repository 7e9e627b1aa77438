import { ID } from '../platform/database/statement-fixtures';
import { slaSettingSql } from './sla-settings.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('sla setting statements', () => {
  const statements = {
    all: slaSettingSql.all(false),
    allLocked: slaSettingSql.all(true),
    update: slaSettingSql.update('HIGH', 72, 168, ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
