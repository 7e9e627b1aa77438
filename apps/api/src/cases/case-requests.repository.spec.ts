import { ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { NOW } from '../platform/database/sql';
import { caseRequestSql, closureRequestTable, identificationRequestTable } from './case-requests.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('case request statements', () => {
  const statements = {
    inbox: caseRequestSql.inbox(actor, undefined),
    inboxOpen: caseRequestSql.inbox(actor, 'REQUESTED'),
    loadIdentification: caseRequestSql.loadIdentification(actor, ID, false),
    loadIdentificationLocked: caseRequestSql.loadIdentification(actor, ID, true),
    latestIdentification: caseRequestSql.latestIdentification(actor, ID),
    openIdentification: caseRequestSql.openIdentification(ID),
    insertIdentification: caseRequestSql.insertIdentification(ID, OTHER_ID, actor, OTHER_ID, 7),
    updateIdentification: caseRequestSql.updateIdentification(
      ID,
      2,
      identificationRequestTable.set({ status: 'DECIDED', decided_at: NOW, decision: 'IDENTIFIED' }),
    ),
    loadClosure: caseRequestSql.loadClosure(actor, ID, false),
    loadClosureLocked: caseRequestSql.loadClosure(actor, ID, true),
    latestClosure: caseRequestSql.latestClosure(actor, ID),
    openClosure: caseRequestSql.openClosure(ID),
    approveOpenClosure: caseRequestSql.approveOpenClosure(ID, actor),
    insertClosure: caseRequestSql.insertClosure(ID, OTHER_ID, actor, 'REINTEGRATED', null),
    updateClosure: caseRequestSql.updateClosure(
      ID,
      2,
      closureRequestTable.set({ status: 'APPROVED', decided_at: NOW }),
    ),
    members: caseRequestSql.members(ID),
    clearMembers: caseRequestSql.clearMembers(ID),
    addMembers: caseRequestSql.addMembers(ID, [OTHER_ID], actor),
    lockIdentifiedBy: caseRequestSql.identifiedBy(actor, ID),
    identifiedBy: caseRequestSql.identifiedBy(actor, ID, false),
  };
  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
