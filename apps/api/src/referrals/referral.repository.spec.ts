import { sql } from '../platform/database/sql';
import { AT, CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { referralSql, referralTable } from './referral.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('referral statements', () => {
  const statements = {
    listIncoming: referralSql.list(actor, { box: 'incoming' }),
    listOutgoingFiltered: referralSql.list(actor, { box: 'outgoing', status: 'PENDING', cursor: CURSOR, limit: 10 }),
    load: referralSql.load(actor, ID, false),
    loadLocked: referralSql.load(actor, ID, true),
    insert: referralSql.insert(
      {
        id: ID,
        caseId: OTHER_ID,
        fromAgencyId: actor.agencyId,
        fromUserId: actor.userId,
        toAgencyId: OTHER_ID,
        serviceTypes: ['SHELTER'],
        urgency: 'ROUTINE',
        reason: 'x',
        categories: ['CASE_SUMMARY'],
        consentIds: [],
        acknowledgeBy: AT,
        now: AT,
      },
      'enc',
    ),
    update: referralSql.update(
      ID,
      3,
      referralTable.set({ status: 'CANCELLED', closed_at: sql`now()`, notes_enc: 'enc' }),
    ),
    insertService: referralSql.insertService(
      {
        id: ID,
        referralId: OTHER_ID,
        serviceType: 'SHELTER',
        deliveredOn: '2026-01-02',
        provider: null,
        notes: null,
        recordedById: actor.userId,
      },
      'enc',
      null,
    ),
    services: referralSql.services(ID),
    history: referralSql.history(OTHER_ID, ID),
    directory: referralSql.directory('SHELTER', '01'),
    notes: referralSql.notes(actor, ID, CURSOR, 20),
    note: referralSql.notes(actor, ID, undefined, 1, OTHER_ID),
    insertNote: referralSql.insertNote(OTHER_ID, ID, actor, 'enc'),
    printable: referralSql.printable(actor, ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
