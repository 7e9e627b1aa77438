import { CURSOR, ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { savedFilterSql } from './case-filters.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('saved case filter statements', () => {
  const statements = {
    list: savedFilterSql.list(actor, undefined, undefined),
    listAfter: savedFilterSql.list(actor, CURSOR, 10),
    lockOwner: savedFilterSql.lockOwner(actor),
    count: savedFilterSql.count(actor),
    insert: savedFilterSql.insert(actor, ID, 'enc', { status: 'OPEN', child: 'true' }),
    delete: savedFilterSql.delete(actor, ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
