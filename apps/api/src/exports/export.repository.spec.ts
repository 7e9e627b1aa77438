import { CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { exportSql } from './export.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('export statements', () => {
  const statements = {
    leadCase: exportSql.leadCase(actor, ID),
    insert: exportSql.insert({
      id: ID,
      kind: 'CASE_LIST_CSV',
      status: 'QUEUED',
      requested_by_id: actor.userId,
      agency_id: actor.agencyId,
      filters: { status: 'OPEN' },
      case_id: null,
      include_identity: false,
      reason_enc: 'v1.enc',
    }),
    lockOfAgency: exportSql.lockOfAgency(actor, ID),
    approve: exportSql.approve(ID, actor.userId),
    decline: exportSql.decline(ID, actor.userId, 'v1.enc'),
    view: exportSql.view(ID),
    own: exportSql.own(actor, ID),
    listOwn: exportSql.list(actor, 'own', undefined, undefined),
    listAwaitingAfter: exportSql.list(actor, 'awaiting', CURSOR, 10),
    claimDownload: exportSql.claimDownload(actor, ID),
    ownStatus: exportSql.ownStatus(actor, ID),
    integrityFailure: exportSql.integrityFailure(ID),
    facts: exportSql.facts(ID),
    claimRun: exportSql.claimRun(ID),
    ready: exportSql.ready(ID, { fileKey: `${ID}.csv`, size: 10, rows: 1, ttlSeconds: 60, dataKeyEnc: 'enc' }),
    unfinished: exportSql.unfinished(ID),
    fail: exportSql.fail(ID, 'CASE_NOT_FOUND'),
    expire: exportSql.expire(),
    caseBatch: exportSql.caseBatch(actor, {}, false, OTHER_ID, 1000),
    caseBatchFilteredWithIdentity: exportSql.caseBatch(actor, { status: 'OPEN', province: '01' }, true, OTHER_ID, 1000),
    casePdf: exportSql.casePdf(actor, ID),
    caseNotes: exportSql.caseNotes(ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
