import { SNAPSHOT_SUPERVISOR as actor } from '../platform/database/statement-fixtures';
import { auditViewSql } from './audit.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('audit view statements', () => {
  const statements = {
    list: auditViewSql.list(actor, {}),
    listFiltered: auditViewSql.list(actor, {
      objectType: 'case',
      objectId: '00000000-0000-4000-8000-00000000000a',
      actor: 'someone',
      action: 'CASE_VIEWED',
      outcome: 'DENIED',
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      cursor: Buffer.from('42', 'utf8').toString('base64url'),
      limit: 10,
    }),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
