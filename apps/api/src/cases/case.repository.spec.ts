import { CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { NOW } from '../platform/database/sql';
import { caseSql, caseTable } from './case.repository';

const SEQ_CURSOR = Buffer.from('42', 'utf8').toString('base64url');

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('case statements', () => {
  const statements = {
    list: caseSql.list(actor, {}),
    listFiltered: caseSql.list(actor, {
      status: 'OPEN',
      province: '01',
      assignedTo: OTHER_ID,
      cursor: CURSOR,
      limit: 10,
    }),
    listEveryFilter: caseSql.list(actor, {
      unassigned: true,
      riskLevel: 'HIGH',
      child: true,
      restricted: false,
      identification: 'IDENTIFIED',
      cursor: CURSOR,
      limit: 25,
    }),
    listAssignedNotChild: caseSql.list(actor, { unassigned: false, child: false, restricted: true }),
    searchNumber: caseSql.list(actor, { caseNumber: 'VT-2026-00042', limit: 25 }),
    searchName: caseSql.list(actor, { personIds: [ID, OTHER_ID], status: 'OPEN', cursor: CURSOR, limit: 25 }),
    loadLead: caseSql.load(actor, ID, false, false),
    loadLeadLocked: caseSql.load(actor, ID, true, false),
    loadAnyRelation: caseSql.load(actor, ID, false, true),
    lockLeadShare: caseSql.lockLead(actor, ID, 'SHARE'),
    lockLeadUpdate: caseSql.lockLead(actor, ID, 'UPDATE'),
    update: caseSql.update(
      ID,
      4,
      caseTable.set({ status: 'CLOSED', closed_at: NOW, closure_reason: 'X', health_enc: 'enc' }),
    ),
    insertNote: caseSql.insertNote(ID, OTHER_ID, actor, 'EXPLOITATION_ACCOUNT', 'enc'),
    note: caseSql.note(ID),
    notes: caseSql.notes(ID, undefined, undefined),
    notesAfter: caseSql.notes(ID, CURSOR, 10),
    events: caseSql.events(ID, undefined, undefined),
    eventsAfter: caseSql.events(ID, SEQ_CURSOR, 10),
    accessLog: caseSql.accessLog(ID, OTHER_ID, undefined, undefined),
    accessLogAfter: caseSql.accessLog(ID, null, SEQ_CURSOR, 10),
    insertIdentification: caseSql.insertIdentification(ID, OTHER_ID, actor, 'IDENTIFIED', '2026-01-02', 'enc'),
    lockPerson: caseSql.lockPerson(ID),
    openCaseOf: caseSql.openCaseOf(ID, OTHER_ID),
    attach: caseSql.attach(ID, { exploitationTypes: [], needs: [], child: true, destinationCountries: [] }, null),
    nextSequence: caseSql.nextSequence('01', 2026),
    insert: caseSql.insert(
      {
        id: ID,
        caseNumber: '01-2026-0001',
        personId: OTHER_ID,
        leadAgencyId: actor.agencyId,
        provinceCode: '01',
        exploitationTypes: [],
        needs: [],
        flags: [],
        assignedToId: null,
        destinationCountries: [],
      },
      null,
    ),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
