import { ID1, ID2, SNAPSHOT_SUPERVISOR as actor } from '../platform/database/statement-fixtures';
import { userSql } from './user.repository';

describe('user statements', () => {
  it.each([
    ['byId', userSql.byId(ID1)],
    ['byUsername', userSql.byUsername('someone')],
    ['activeActor', userSql.activeActor(ID1)],
    ['sessionActor', userSql.sessionActor(ID1, 3, ID2)],
    ['list, every agency', userSql.list(null, { limit: 21 })],
    [
      'list, one agency, filtered',
      userSql.list(ID2, { agencyId: ID2, status: 'ACTIVE', afterUsername: 'a', limit: 21 }),
    ],
    ['inScope', userSql.inScope(ID2, ID1, false)],
    ['inScope for update, every agency', userSql.inScope(null, ID1, true)],
    ['otherActiveAdmins', userSql.otherActiveAdmins(ID2, ID1)],
    [
      'insert',
      userSql.insert({
        username: 'u',
        display_name: 'U',
        agency_id: ID2,
        roles: ['CASEWORKER'],
        all_provinces: false,
        provinces: [],
        language: 'lo',
        email: null,
        status: 'INVITED',
      }),
    ],
    ['update', userSql.update(ID2, ID1, 3, { display_name: 'V', roles: ['SUPERVISOR'] }, true)],
    ['update without auth change, every agency', userSql.update(null, ID1, 3, { email: 'a@b.c' }, false)],
    ['approve', userSql.approve(ID1)],
    ['setStatus', userSql.setStatus(ID1, 'DISABLED')],
    ['clearPassword', userSql.clearPassword(ID1)],
    ['clearMfa', userSql.clearMfa(ID1)],
    ['assignable', userSql.assignable(actor.agencyId, ['CASEWORKER'], undefined, 500)],
    ['assignable in a province', userSql.assignable(actor.agencyId, ['CASEWORKER'], 'VT', 500)],
    ['setLanguage', userSql.setLanguage(ID1, 'en')],
    ['setPasswordHash', userSql.setPasswordHash(ID1, 'h')],
    ['changePassword', userSql.changePassword(ID1, 'h')],
    ['claimMfaStep', userSql.claimMfaStep(ID1, 5)],
    ['takeFirstSignIn', userSql.takeFirstSignIn(ID1)],
    ['setPendingMfa', userSql.setPendingMfa(ID1, 'enc')],
    ['enableMfa', userSql.enableMfa(ID1, 'enc', 5, 'pending')],
    ['activate', userSql.activate(ID1, 'h', null)],
    ['activate, enrolling MFA', userSql.activate(ID1, 'h', { enrol: { secretEnc: 'enc', step: 5 } })],
    ['activate, verifying MFA', userSql.activate(ID1, 'h', { verifiedStep: 5 })],
  ])('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
