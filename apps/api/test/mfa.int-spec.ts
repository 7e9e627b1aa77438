import type { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { mfaCodeAt, mfaTokenKey } from '../src/auth/mfa';
import { DEV_JWT_SECRET } from '../src/platform/config/config';
import {
  activationTokenFor,
  auditSince,
  DEMO_PASSWORD,
  lastAuditSeq,
  startStack,
  startWorker,
  TestStack,
} from './harness';

/**
 * MFA (TOTP): enrolment asks the password again and confirms a code; a login with MFA answers a
 * challenge that only POST /auth/mfa with a current code turns into a session; a code works once;
 * the secret is encrypted at rest; a password reset keeps MFA; an administrator can reset it; with
 * MFA_REQUIRED an account without it is held to the profile routes until it is set up.
 */
const NEXT_STEP_MS = 30_000;

describe('MFA (TOTP)', () => {
  let s: TestStack;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    s = await startStack({ MFA_REQUIRED: 'false' });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await s.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (username: string, password = DEMO_PASSWORD) =>
    s.http().post('/api/v1/auth/login').send({ username, password });
  const withCode = (mfaToken: string, code: string) => s.http().post('/api/v1/auth/mfa').send({ mfaToken, code });
  /** codes are accepted once per 30-second step: forget the last one so each test can use the current step */
  const forgetLastStep = (username: string) =>
    s.admin.query(`UPDATE app_user SET mfa_last_step = NULL WHERE username = $1`, [username]);

  let secret = '';

  it('sets up MFA: the password again, a secret shown once and kept encrypted, a code to confirm; audited; other sessions end', async () => {
    const other = await s.login('lwu.caseworker');
    const { accessToken, userId } = await s.login('lwu.caseworker');
    const seq = await lastAuditSeq(s.admin);

    const wrongPassword = await s
      .http()
      .post('/api/v1/me/mfa/setup')
      .set(bearer(accessToken))
      .send({ currentPassword: 'not-the-password-1' });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.details).toEqual([{ field: 'currentPassword', problems: ['does not match'] }]);

    const noSetup = await s.http().post('/api/v1/me/mfa/enable').set(bearer(accessToken)).send({ code: '123456' });
    expect(noSetup.status).toBe(400);
    expect(noSetup.body.details).toEqual([{ field: 'code', problems: ['no setup in progress'] }]);

    const setup = await s
      .http()
      .post('/api/v1/me/mfa/setup')
      .set(bearer(accessToken))
      .send({ currentPassword: DEMO_PASSWORD });
    expect(setup.status).toBe(200);
    secret = setup.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.headers['cache-control']).toContain('no-store');
    const uri = new URL(setup.body.otpauthUri);
    expect([uri.protocol, uri.searchParams.get('secret'), uri.searchParams.get('issuer')]).toEqual([
      'otpauth:',
      secret,
      'Lao CTMS',
    ]);

    const notYet = await s
      .http()
      .post('/api/v1/me/mfa/enable')
      .set(bearer(accessToken))
      .send({ code: mfaCodeAt(secret, Date.now() + 5 * NEXT_STEP_MS) });
    expect(notYet.status).toBe(400);
    expect(notYet.body.details).toEqual([{ field: 'code', problems: ['is not the current code'] }]);
    const malformed = await s.http().post('/api/v1/me/mfa/enable').set(bearer(accessToken)).send({ code: '12 456' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('code');

    const enabled = await s
      .http()
      .post('/api/v1/me/mfa/enable')
      .set(bearer(accessToken))
      .send({ code: mfaCodeAt(secret, Date.now()) });
    expect(enabled.status).toBe(204);
    const me = await s.http().get('/api/v1/me').set(bearer(accessToken));
    expect(me.body).toMatchObject({ mfaEnabled: true, mfaSetupRequired: false });
    // a session opened with the password alone ends: the account now needs a code
    expect((await s.http().get('/api/v1/me').set(bearer(other.accessToken))).status).toBe(401);

    const again = await s
      .http()
      .post('/api/v1/me/mfa/setup')
      .set(bearer(accessToken))
      .send({ currentPassword: DEMO_PASSWORD });
    expect([again.status, again.body.code]).toEqual([409, 'MFA_ALREADY_ENABLED']);

    // encrypted at rest: nothing in the user's row, the audit trail or the log of this test shows the secret
    const row = await s.admin.query(
      `SELECT u::text AS t, mfa_secret_enc, mfa_pending_secret_enc, mfa_enabled_at FROM app_user u WHERE id = $1`,
      [userId],
    );
    expect(row.rows[0].t).not.toContain(secret);
    expect(row.rows[0].mfa_secret_enc).toEqual(expect.any(String));
    expect(row.rows[0].mfa_pending_secret_enc).toBeNull();
    const audit = await auditSince(s.admin, seq);
    expect(audit.filter((a) => a.outcome === 'ALLOWED').map((a) => a.action)).toEqual([
      'MFA_SETUP_STARTED',
      'MFA_ENABLED',
    ]);
    expect(audit.find((a) => a.action === 'MFA_ENABLED')?.details).toEqual({ otherSessionsEnded: 1 });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('asks for a code after the right password; the challenge is no access token; a wrong code is a failed login', async () => {
    const ok_id = (await s.admin.query(`SELECT id FROM app_user WHERE username = 'lwu.caseworker'`)).rows[0].id;
    const seq = await lastAuditSeq(s.admin);
    const first = await login('lwu.caseworker');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect((await s.http().get('/api/v1/me').set(bearer(first.body.mfaToken))).status).toBe(401);

    const failures = async () =>
      (
        await s.admin.query(
          `SELECT coalesce(sum(failures), 0)::int AS n FROM login_failure WHERE user_id = $1 AND action = 'LOGIN_FAILED'`,
          [ok_id],
        )
      ).rows[0].n;
    const failuresBefore = await failures();
    const wrong = await withCode(first.body.mfaToken, mfaCodeAt(secret, Date.now() + 5 * NEXT_STEP_MS));
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('Invalid or expired code');
    expect(await failures()).toBe(failuresBefore + 1);

    await forgetLastStep('lwu.caseworker');
    const ok = await withCode(first.body.mfaToken, mfaCodeAt(secret, Date.now()));
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'lwu.caseworker', mfaEnabled: true });
    expect((await s.http().get('/api/v1/me').set(bearer(ok.body.accessToken))).status).toBe(200);

    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => [a.action, a.outcome, a.reason])).toEqual([
      ['LOGIN_MFA_CHALLENGED', 'ALLOWED', null],
      ['LOGIN_FAILED', 'FAILED', 'WRONG_MFA_CODE'],
      ['LOGIN_SUCCEEDED', 'ALLOWED', null],
    ]);
    expect(audit[2]?.details).toEqual({ mfa: true });
  });

  it('takes a code once: the same code with a fresh challenge is refused', async () => {
    await forgetLastStep('lwu.caseworker');
    const code = mfaCodeAt(secret, Date.now());
    const a = await login('lwu.caseworker');
    expect((await withCode(a.body.mfaToken, code)).status).toBe(200);
    const b = await login('lwu.caseworker');
    expect((await withCode(b.body.mfaToken, code)).status).toBe(401);
  });

  it('refuses a forged, expired or access-key-signed challenge', async () => {
    const { rows } = await s.admin.query(`SELECT id, auth_version FROM app_user WHERE username = 'lwu.caseworker'`);
    const claims = { typ: 'mfa', sub: rows[0].id, av: rows[0].auth_version, iss: 'ctms', aud: 'ctms-api' };
    const jwt = new JwtService();
    const code = mfaCodeAt(secret, Date.now());
    const expired = await jwt.signAsync(
      { ...claims, exp: Math.floor(Date.now() / 1000) - 5 },
      { secret: mfaTokenKey(DEV_JWT_SECRET) },
    );
    const accessKey = await jwt.signAsync(claims, { secret: DEV_JWT_SECRET, expiresIn: 60 });
    const otherKey = await jwt.signAsync(claims, { secret: 'another-secret-of-enough-length-000000', expiresIn: 60 });
    const wrongType = await jwt.signAsync(
      { ...claims, typ: 'access' },
      { secret: mfaTokenKey(DEV_JWT_SECRET), expiresIn: 60 },
    );
    for (const token of [expired, accessKey, otherKey, wrongType]) {
      const res = await withCode(token, code);
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Invalid or expired code');
    }
  });

  it('keeps MFA through a password reset (the link asks for a current code: a reset never bypasses MFA); an administrator can reset MFA, which ends the sessions', async () => {
    const admin = await s.login('lwu.admin');
    const { rows } = await s.admin.query(`SELECT id, email FROM app_user WHERE username = 'lwu.caseworker'`);
    const id = rows[0].id;
    const reset = await s
      .http()
      .post(`/api/v1/admin/users/${id}/reset`)
      .set(bearer(admin.accessToken))
      .send({ reason: 'forgot the password' });
    expect(reset.status).toBe(200);
    const { token } = await activationTokenFor(s.mailDir, rows[0].email);
    const start = await s.http().post('/api/v1/auth/activation/start').send({ token });
    expect(start.body).toMatchObject({ purpose: 'RESET', mfa: 'VERIFY', mfaSetup: null });
    const newPassword = 'Lotus-river-morning-2026';
    const noCode = await s.http().post('/api/v1/auth/activation/complete').send({ token, newPassword });
    expect(noCode.body.details).toEqual([{ field: 'code', problems: ['is required'] }]);
    const wrongCode = await s
      .http()
      .post('/api/v1/auth/activation/complete')
      .send({ token, newPassword, code: mfaCodeAt(secret, Date.now() + 5 * NEXT_STEP_MS) });
    expect(wrongCode.body.details).toEqual([{ field: 'code', problems: ['is not the current code'] }]);
    await forgetLastStep('lwu.caseworker');
    expect(
      (
        await s
          .http()
          .post('/api/v1/auth/activation/complete')
          .send({ token, newPassword, code: mfaCodeAt(secret, Date.now()) })
      ).status,
    ).toBe(204);
    const temporary = await login('lwu.caseworker', newPassword);
    expect(temporary.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });

    await forgetLastStep('lwu.caseworker');
    const session = await withCode(temporary.body.mfaToken, mfaCodeAt(secret, Date.now()));
    expect(session.status).toBe(200);

    const seq = await lastAuditSeq(s.admin);
    const off = await s
      .http()
      .post(`/api/v1/admin/users/${id}/reset-mfa`)
      .set(bearer(admin.accessToken))
      .send({ reason: 'phone lost' });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ username: 'lwu.caseworker', mfaEnabled: false });
    expect((await s.http().get('/api/v1/me').set(bearer(session.body.accessToken))).status).toBe(401);
    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => [a.action, a.outcome, a.reason])).toEqual([['USER_MFA_RESET', 'ALLOWED', 'phone lost']]);
    const cols = await s.admin.query(
      `SELECT mfa_secret_enc, mfa_pending_secret_enc, mfa_enabled_at, mfa_last_step FROM app_user WHERE id = $1`,
      [id],
    );
    expect(cols.rows[0]).toEqual({
      mfa_secret_enc: null,
      mfa_pending_secret_enc: null,
      mfa_enabled_at: null,
      mfa_last_step: null,
    });

    const plain = await login('lwu.caseworker', newPassword);
    expect(plain.body.accessToken).toEqual(expect.any(String));

    const self = await s
      .http()
      .post(`/api/v1/admin/users/${admin.userId}/reset-mfa`)
      .set(bearer(admin.accessToken))
      .send({ reason: 'mine' });
    expect([self.status, self.body.code]).toEqual([409, 'CANNOT_CHANGE_SELF']);
    const caseworker = await s.login('lwu.supervisor');
    expect(
      (
        await s
          .http()
          .post(`/api/v1/admin/users/${id}/reset-mfa`)
          .set(bearer(caseworker.accessToken))
          .send({ reason: 'x' })
      ).status,
    ).toBe(404);
  });
});

describe('MFA required (MFA_REQUIRED=true)', () => {
  let s: TestStack;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    s = await startStack({ MFA_REQUIRED: 'true' });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await s.close();
    process.env['MFA_REQUIRED'] = 'false';
  });

  it('a new account enrols MFA on its activation page: its first session is complete, not held to the profile', async () => {
    const admin = await s.login('lwu.admin');
    // the administrator's own account is held to the profile until its MFA is set up: set it up first
    const auth = { Authorization: `Bearer ${admin.accessToken}` };
    const setup = await s.http().post('/api/v1/me/mfa/setup').set(auth).send({ currentPassword: DEMO_PASSWORD });
    expect(
      (
        await s
          .http()
          .post('/api/v1/me/mfa/enable')
          .set(auth)
          .send({ code: mfaCodeAt(setup.body.secret, Date.now()) })
      ).status,
    ).toBe(204);
    const made = await s
      .http()
      .post('/api/v1/admin/users')
      .set(auth)
      .send({
        username: 'lwu.enrol',
        displayName: 'Enrol Me',
        email: 'enrol@lwu.example.org',
        roles: ['CASEWORKER'],
        provinces: ['01'],
      });
    expect(made.status).toBe(201);
    const { token } = await activationTokenFor(s.mailDir, 'enrol@lwu.example.org');
    const start = await s.http().post('/api/v1/auth/activation/start').send({ token });
    expect(start.body).toMatchObject({
      username: 'lwu.enrol',
      purpose: 'INVITE',
      mfa: 'ENROL',
      mfaSetup: { secret: expect.stringMatching(/^[A-Z2-7]{32}$/) },
    });
    const password = 'Mekong-evening-lantern-11';
    expect(
      (
        await s
          .http()
          .post('/api/v1/auth/activation/complete')
          .send({ token, newPassword: password, code: mfaCodeAt(start.body.mfaSetup.secret, Date.now()) })
      ).status,
    ).toBe(204);
    const first = await s.http().post('/api/v1/auth/login').send({ username: 'lwu.enrol', password });
    expect(first.body.mfaRequired).toBe(true);
    await s.admin.query(`UPDATE app_user SET mfa_last_step = NULL WHERE username = 'lwu.enrol'`);
    const session = await s
      .http()
      .post('/api/v1/auth/mfa')
      .send({ mfaToken: first.body.mfaToken, code: mfaCodeAt(start.body.mfaSetup.secret, Date.now()) });
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ mfaEnabled: true, mfaSetupRequired: false, mustChangePassword: false });
  });

  it('holds an account without MFA to the profile until it is set up, then opens everything at once', async () => {
    const res = await s.http().post('/api/v1/auth/login').send({ username: 'atd.caseworker', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ mfaEnabled: false, mfaSetupRequired: true });
    const auth = { Authorization: `Bearer ${res.body.accessToken}` };
    expect((await s.http().get('/api/v1/cases').set(auth)).status).toBe(403);
    expect((await s.http().get('/api/v1/me').set(auth)).body).toMatchObject({ mfaSetupRequired: true });

    const setup = await s.http().post('/api/v1/me/mfa/setup').set(auth).send({ currentPassword: DEMO_PASSWORD });
    expect(setup.status).toBe(200);
    expect(
      (
        await s
          .http()
          .post('/api/v1/me/mfa/enable')
          .set(auth)
          .send({ code: mfaCodeAt(setup.body.secret, Date.now()) })
      ).status,
    ).toBe(204);

    expect((await s.http().get('/api/v1/cases').set(auth)).status).toBe(200);
    expect((await s.http().get('/api/v1/me').set(auth)).body).toMatchObject({
      mfaEnabled: true,
      mfaSetupRequired: false,
    });
  });
});
