import { CURSOR, ID, OTHER_ID, SNAPSHOT_ACTOR as actor } from '../platform/database/statement-fixtures';
import { notificationSql } from './notification.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('notification statements', () => {
  const statements = {
    list: notificationSql.list(actor, false, undefined, undefined),
    listUnreadAfter: notificationSql.list(actor, true, CURSOR, 10),
    unreadCount: notificationSql.unreadCount(actor),
    markRead: notificationSql.markRead(actor, ID),
    markAllRead: notificationSql.markAllRead(actor),
    insert: notificationSql.insert({
      outbox_id: ID,
      kind: 'referral.received',
      object_type: 'referral',
      object_id: OTHER_ID,
      case_number: 'C-1',
      item_count: null,
      recipients: [actor.userId],
    }),
    agencyUsers: notificationSql.agencyUsers(actor.agencyId, ['SUPERVISOR'], ID, 'RECEIVE_REFERRALS'),
    caseNumber: notificationSql.caseNumber(ID),
    mailRecipients: notificationSql.mailRecipients([actor.userId]),
    claimMail: notificationSql.claimMail(ID, OTHER_ID, actor.userId),
    mailSent: notificationSql.mailSent(ID, '<m@x>'),
    mailStatus: notificationSql.mailStatus(ID, 'UNCERTAIN'),
    referralParties: notificationSql.parties('referral', ID),
    handoffParties: notificationSql.parties('handoff', ID),
    referralNote: notificationSql.referralNote(ID, OTHER_ID),
    screening: notificationSql.screening(ID),
    matchRequest: notificationSql.matchRequest(ID),
    consentCase: notificationSql.consentCase(ID),
    consentReferralAgencies: notificationSql.consentReferralAgencies(ID, OTHER_ID),
    consentHandoffAgencies: notificationSql.consentHandoffAgencies(ID, OTHER_ID),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
