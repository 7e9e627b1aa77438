import { AT, CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { consentSql } from './consent.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('consent statements', () => {
  const statements = {
    loadCase: consentSql.loadCase(actor, ID),
    insert: consentSql.insert(
      {
        id: ID,
        caseId: OTHER_ID,
        type: 'REFERRAL_SHARING',
        agencyIds: [OTHER_ID],
        purposes: ['REFERRAL_SHARING'],
        categories: ['CASE_SUMMARY'],
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        language: null,
        interpreterUsed: false,
        grantedAt: AT,
        expiresAt: null,
        recordedById: actor.userId,
      },
      null,
    ),
    one: consentSql.one(ID),
    list: consentSql.list(ID, undefined, undefined),
    listAfter: consentSql.list(ID, CURSOR, 10),
    lock: consentSql.lock(actor, ID),
    withdraw: consentSql.withdraw(ID, actor.userId, 'enc'),
    covering: consentSql.covering(ID, OTHER_ID, 'REFERRAL_SHARING', ['CASE_SUMMARY', 'IDENTITY']),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
