import { sql } from '../platform/database/sql';
import { AT, CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { transferSql, transferTable } from './transfer.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('transfer statements', () => {
  const statements = {
    listIncoming: transferSql.list(actor, { box: 'incoming' }),
    listOutgoingFiltered: transferSql.list(actor, { box: 'outgoing', status: 'REQUESTED', cursor: CURSOR, limit: 10 }),
    load: transferSql.load(actor, ID, false),
    loadLocked: transferSql.load(actor, ID, true),
    requestedFor: transferSql.requestedFor(ID),
    insert: transferSql.insert(
      {
        id: ID,
        caseId: OTHER_ID,
        fromAgencyId: actor.agencyId,
        fromProvinceCode: '01',
        toAgencyId: OTHER_ID,
        toProvinceCode: '13',
        requestedById: actor.userId,
        urgency: 'ROUTINE',
        reason: 'x',
        categories: ['CASE_SUMMARY'],
        consentIds: [],
        formerLeadAccess: 'RETAIN',
        respondBy: AT,
      },
      'enc',
    ),
    update: transferSql.update(
      ID,
      3,
      transferTable.set({
        status: 'DECLINED',
        decline_reason: 'NO_CAPACITY',
        responded_at: sql`now()`,
        notes_enc: 'enc',
      }),
    ),
    moveCase: transferSql.moveCase({
      caseId: ID,
      fromAgencyId: actor.agencyId,
      fromProvinceCode: '01',
      toAgencyId: OTHER_ID,
      toProvinceCode: '13',
      assigneeId: actor.userId,
    }),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
