import { CURSOR, ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { familyTracingSql } from './family-tracing.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('family tracing statements', () => {
  const request = {
    id: ID,
    caseId: ID,
    toAgencyId: ID,
    provinceCode: '13',
    categories: ['CASE_SUMMARY' as const],
    consentIds: [ID],
    questions: 'q',
    familyContact: null,
    dueDays: 30,
  };
  const ret = {
    id: ID,
    caseId: ID,
    returnedOn: '2026-12-01',
    crossingPoint: 'FRIENDSHIP_BRIDGE_1_VIENTIANE' as const,
    escort: 'MOLSW' as const,
    receptionPlace: 'VIENTIANE_TRANSIT_CENTER' as const,
    handoverProvinceCode: '13',
    note: null,
  };
  const statements = {
    load: familyTracingSql.load(actor, ID, false),
    loadForUpdate: familyTracingSql.load(actor, ID, true),
    incoming: familyTracingSql.inbox(actor, { box: 'incoming' }),
    outgoingRequested: familyTracingSql.inbox(actor, {
      box: 'outgoing',
      status: 'REQUESTED',
      cursor: CURSOR,
      limit: 10,
    }),
    ofCase: familyTracingSql.ofCase(actor, ID),
    openFor: familyTracingSql.openFor(ID, '13'),
    insert: familyTracingSql.insert(actor, request, 'enc', null),
    returns: familyTracingSql.returns(actor, ID),
    oneReturn: familyTracingSql.oneReturn(actor, ID),
    insertReturn: familyTracingSql.insertReturn(actor, ret, null),
    openTransfer: familyTracingSql.openTransfer(ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
