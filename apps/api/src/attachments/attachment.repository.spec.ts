import { CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { attachmentSql } from './attachment.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('attachment statements', () => {
  const upload = {
    id: ID,
    caseId: OTHER_ID,
    referralId: null,
    handoffId: null,
    kind: 'EVIDENCE',
    category: 'LEGAL_PROCEEDINGS',
    fileName: 'a.pdf',
    mediaType: 'application/pdf',
    sizeBytes: 10,
    sha256: 'ab',
    storageKey: 'k',
    uploadedById: actor.userId,
    dataKeyEnc: 'enc',
  };
  const statements = {
    uploadCaseLead: attachmentSql.uploadCase(actor, ID, { category: 'IDENTITY' }),
    uploadCaseReferral: attachmentSql.uploadCase(actor, ID, { referralId: OTHER_ID, category: 'IDENTITY' }),
    seenCase: attachmentSql.seenCase(actor, ID),
    referralOfCase: attachmentSql.referralOfCase(OTHER_ID, ID),
    handoffOfCase: attachmentSql.handoffOfCase(OTHER_ID, ID),
    insertLead: attachmentSql.insert(actor, upload, 'enc'),
    insertReferral: attachmentSql.insert(actor, { ...upload, referralId: OTHER_ID }, 'enc'),
    list: attachmentSql.list(actor, ID, {}),
    listAfter: attachmentSql.list(actor, ID, { cursor: CURSOR, limit: 10 }),
    one: attachmentSql.list(actor, ID, { id: OTHER_ID }),
    file: attachmentSql.file(actor, ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
