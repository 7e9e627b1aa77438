import { sql } from '../platform/database/sql';
import { CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { handoffSql, handoffTable, receiveBy } from './handoff.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('handoff statements', () => {
  const statements = {
    listAll: handoffSql.list(actor, {}),
    listIncomingFiltered: handoffSql.list(actor, { box: 'incoming', status: 'SUBMITTED', cursor: CURSOR, limit: 10 }),
    listOutgoing: handoffSql.list(actor, { box: 'outgoing' }),
    load: handoffSql.load(actor, ID, false),
    loadLocked: handoffSql.load(actor, ID, true),
    openTo: handoffSql.openTo(ID, OTHER_ID),
    insert: handoffSql.insert(
      {
        id: ID,
        caseId: OTHER_ID,
        fromAgencyId: actor.agencyId,
        fromUserId: actor.userId,
        toAgencyId: OTHER_ID,
        categories: ['CASE_SUMMARY'],
        packet: {},
        suspects: [],
        willingToTestify: 'YES',
      },
      'enc',
      'enc',
    ),
    update: handoffSql.update(
      ID,
      2,
      handoffTable.set({
        status: 'SUBMITTED',
        received_at: null,
        receive_by: receiveBy(),
        prosecution_enc: 'enc',
        closed_at: sql`now()`,
      }),
    ),
    events: handoffSql.events(OTHER_ID, ID),
    victim: handoffSql.victim(ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
