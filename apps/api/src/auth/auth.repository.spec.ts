import { ID1, ID2 } from '../platform/database/statement-fixtures';
import { activationSql } from './activation.repository';
import { loginFailureSql } from './login-failure.repository';
import { sessionSql } from './session.repository';

const at = new Date(0);
const hash = Buffer.from('00', 'hex');

describe('auth statements: sessions, activations, login failures', () => {
  it.each([
    [
      'session insert',
      sessionSql.insert({
        token_hash: hash,
        user_id: ID1,
        family_id: ID2,
        family_started_at: at,
        issued_at: at,
        expires_at: at,
      }),
    ],
    ['session lockByHash', sessionSql.lockByHash(hash)],
    ['session markUsed', sessionSql.markUsed(ID1, at)],
    ['session revokeFamily', sessionSql.revokeFamily(ID2, at)],
    ['session endSession', sessionSql.endSession(ID2, ID1)],
    ['session endSessions', sessionSql.endSessions(ID1, null)],
    ['activation revokeOpen', activationSql.revokeOpen(ID1)],
    ['activation insert', activationSql.insert(ID1, 'INVITE', ID2, null)],
    ['activation byToken', activationSql.byToken(hash, false)],
    ['activation byToken for update', activationSql.byToken(hash, true)],
    ['activation setPendingMfa', activationSql.setPendingMfa(ID1, 'enc')],
    ['activation use', activationSql.use(ID1)],
    ['activation toSend', activationSql.toSend(ID1)],
    ['activation markSent', activationSql.markSent(ID1, hash, 72)],
    [
      'login failure count',
      loginFailureSql.count('key', 'LOGIN_FAILED', null, { failures: 1, refused: 0 }, 'WRONG_PASSWORD'),
    ],
  ])('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
