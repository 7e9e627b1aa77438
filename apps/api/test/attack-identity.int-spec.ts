import type { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { CredentialThrottle, THROTTLE_RULES } from '../src/auth/credential-throttle';
import { FailureLog } from '../src/auth/failure-log';
import { mfaCodeAt } from '../src/auth/mfa';
import { PasswordHasher } from '../src/platform/auth/password-hasher';
import { tokenKey } from '../src/platform/auth/token-claims';
import { DEV_JWT_SECRET, loadConfig } from '../src/platform/config/config';
import {
  activationTokenFor,
  auditSince,
  DEMO_PASSWORD,
  lastAuditSeq,
  readMails,
  startStack,
  startWorker,
  TestStack,
} from './harness';

/**
 * Issues 11 (item 3) and 12 (items 1, 2, 5, 6 and login_failure of 7), tried as an attacker would,
 * on the real stack. Each test reproduces what was seen and shows it now fails. Client addresses
 * are loopback addresses in X-Forwarded-For (the API trusts its loopback proxy), so that one test
 * process can be many clients; no traffic leaves the machine.
 */
describe('attack suite: identity', () => {
  let s: TestStack;
  let worker: INestApplicationContext;
  let hasher: PasswordHasher;
  let throttle: CredentialThrottle;
  let failureLog: FailureLog;
  beforeAll(async () => {
    s = await startStack({ AUTH_RATE_LIMIT: '100000' });
    worker = await startWorker();
    hasher = s.app.get(PasswordHasher);
    throttle = s.app.get(CredentialThrottle);
    failureLog = s.app.get(FailureLog);
  });
  afterAll(async () => {
    await worker?.close();
    await s.close();
  });

  const login = (username: string, password: string, ip: string) =>
    s.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });
  const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
  /** a distinct loopback address per index */
  const ipOf = (i: number) => `127.${20 + Math.floor(i / 250)}.${i % 250}.${1 + (i % 7)}`;
  /** the design's bound on verifications of one account in a burst lasting `ms`: the free ones, then one per elapsed delay step */
  const bound = (ms: number) => THROTTLE_RULES.account.free + Math.ceil(Math.log2(ms / 1000 + 1)) + 1;

  it('300 concurrent wrong passwords from 300 clients: the slot is taken before argon2, so only the design bound is verified (was 76–245)', async () => {
    const before = hasher.verifications;
    const t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => login('molsw.caseworker', `wrong-password-${i}`, ipOf(i))),
    );
    const elapsed = Date.now() - t0;
    const verified = hasher.verifications - before;
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x !== 401 && x !== 429)).toEqual([]);
    expect(statuses.filter((x) => x === 401)).toHaveLength(verified);
    expect(verified).toBeGreaterThanOrEqual(1);
    expect(verified).toBeLessThanOrEqual(bound(elapsed));
    for (const a of answers.filter((x) => x.status === 429))
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it("an anonymous burst cannot lock the owner out of their own client: the owner's known client is spared the account-wide delay", async () => {
    const owner = '127.0.30.30';
    // the owner signed in from here before: the client is known to the account
    expect((await login('lwu.supervisor', DEMO_PASSWORD, owner)).status).toBe(200);
    // the attacker takes the account to its hourly ceiling from other clients (seeded, as 100 real failures would)
    const key = throttle.accountKey('lwu.supervisor');
    const now = Date.now();
    const { default: IORedis } = await import('ioredis');
    const r = new IORedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    try {
      const args: (string | number)[] = [];
      for (let i = 0; i < THROTTLE_RULES.account.ceiling; i++) args.push(now - i * 1000, `seed-${i}`);
      await r.zadd(`${process.env['QUEUE_PREFIX']}:cred:a:${key}`, ...args);
    } finally {
      r.disconnect();
    }
    // and keeps guessing: refused before any check, from a new client as from the ones it used
    const before = hasher.verifications;
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login('lwu.supervisor', `guess-${i}`, ipOf(1000 + i))),
    );
    expect(burst.every((b) => b.status === 429)).toBe(true);
    expect(hasher.verifications - before).toBe(0);
    // an unknown client with the right password is held too (no oracle) …
    expect((await login('lwu.supervisor', DEMO_PASSWORD, '127.0.31.31')).status).toBe(429);
    // … but the owner, from their known client, signs in
    expect((await login('lwu.supervisor', DEMO_PASSWORD, owner)).status).toBe(200);
  });

  it("another client's guess in flight does not refuse the owner: the known client waits for the account's one slot, everyone else gets 429 at once", async () => {
    const owner = '127.0.32.32';
    expect((await login('atd.investigator', DEMO_PASSWORD, owner)).status).toBe(200);
    // an attacker's verification holds the account's one slot (as a guess queued behind a flood's argon2 work does)
    const { default: IORedis } = await import('ioredis');
    const r = new IORedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    const slot = `${process.env['QUEUE_PREFIX']}:cred:f:${throttle.accountKey('atd.investigator')}`;
    try {
      expect(await r.set(slot, 'attacker', 'PX', 1500)).toBe('OK');
      const [stranger, own] = await Promise.all([
        login('atd.investigator', DEMO_PASSWORD, '127.0.33.33'),
        login('atd.investigator', DEMO_PASSWORD, owner),
      ]);
      // the unknown client, even with the right password, is refused without a check …
      expect(stranger.status).toBe(429);
      // … the owner's client waited for the slot to end and signed in (it was a 429 too)
      expect(own.status).toBe(200);
      expect(await r.exists(slot)).toBe(0);
    } finally {
      r.disconnect();
    }
  });

  it('a flood of random usernames: same answer as a real account, one audit row per minute for all of them, no username stored, argon2 queue bounded', async () => {
    const seq = await lastAuditSeq(s.admin);
    const names = Array.from({ length: 300 }, () => `rnd.${randomBytes(6).toString('hex')}`);
    const answers = await Promise.all(names.map((n, i) => login(n, 'whatever-password-1', ipOf(2000 + i))));
    const statuses = new Set(answers.map((a) => a.status));
    for (const st of statuses) expect([401, 429]).toContain(st);
    const unauthorized = answers.find((a) => a.status === 401);
    expect(unauthorized?.body.message).toBe('Invalid username or password');
    // the queue is bounded: part of the flood is refused at once instead of queuing argon2 without end
    expect(answers.some((a) => a.status === 429)).toBe(true);
    // refusals are counted in memory and written in one statement per account (a row lock per refusal queued a flood on the database)
    await failureLog.flush();
    const audit = (await auditSince(s.admin, seq)).filter((a) => a.action === 'LOGIN_FAILED');
    expect(audit.length).toBeLessThanOrEqual(4); // one per minute for "unknown" (FAILED) and one for the refused (DENIED), at most over two minutes
    const { rows } = await s.admin.query(
      `SELECT account_key, failures, refused FROM login_failure WHERE account_key = 'unknown'`,
    );
    expect(
      rows.reduce((n: number, r: { failures: number; refused: number }) => n + r.failures + r.refused, 0),
    ).toBeGreaterThanOrEqual(300);
    const dump =
      JSON.stringify((await s.admin.query(`SELECT * FROM login_failure`)).rows) +
      JSON.stringify(await auditSince(s.admin, seq));
    for (const n of names.slice(0, 20)) expect(dump).not.toContain(n);
  });

  it('150 concurrent wrong TOTP codes on /auth/mfa: at most the design bound are checked (was 112–150)', async () => {
    const t = await s.login('ngo.caseworker');
    const setup = await s
      .http()
      .post('/api/v1/me/mfa/setup')
      .set(bearer(t.accessToken))
      .send({ currentPassword: DEMO_PASSWORD });
    expect(
      (
        await s
          .http()
          .post('/api/v1/me/mfa/enable')
          .set(bearer(t.accessToken))
          .send({ code: mfaCodeAt(setup.body.secret, Date.now()) })
      ).status,
    ).toBe(204);
    const challenge = await login('ngo.caseworker', DEMO_PASSWORD, '127.0.40.40');
    expect(challenge.body.mfaRequired).toBe(true);
    const right = new Set([-1, 0, 1].map((d) => mfaCodeAt(setup.body.secret, Date.now() + d * 30_000)));
    const codes = Array.from({ length: 150 }, (_, i) => String(100000 + i * 37)).filter((c) => !right.has(c));
    const reservedBefore = throttle.stats.reserved;
    const t0 = Date.now();
    const answers = await Promise.all(
      codes.map((code, i) =>
        s
          .http()
          .post('/api/v1/auth/mfa')
          .set('X-Forwarded-For', ipOf(3000 + i))
          .send({ mfaToken: challenge.body.mfaToken, code }),
      ),
    );
    const checked = throttle.stats.reserved - reservedBefore;
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(checked);
    expect(checked).toBeLessThanOrEqual(bound(Date.now() - t0));
  });

  it('/me/password and /me/mfa/setup go through the same reservation and are audited (they had no throttle)', async () => {
    const t = await s.login('doi.caseworker');
    const seq = await lastAuditSeq(s.admin);
    const before = hasher.verifications;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? s
              .http()
              .post('/api/v1/me/password')
              .set(bearer(t.accessToken))
              .send({ currentPassword: `guess-${i}-password`, newPassword: 'A-fresh-long-passphrase-42' })
          : s
              .http()
              .post('/api/v1/me/mfa/setup')
              .set(bearer(t.accessToken))
              .send({ currentPassword: `guess-${i}-password` }),
      ),
    );
    const verified = hasher.verifications - before;
    expect(answers.every((a) => a.status === 400 || a.status === 429)).toBe(true);
    expect(answers.some((a) => a.status === 429)).toBe(true);
    expect(verified).toBeLessThanOrEqual(THROTTLE_RULES.pair.free + 2);
    const audit = (await auditSince(s.admin, seq)).filter((a) => a.action === 'CREDENTIAL_CHECK_FAILED');
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]).toMatchObject({ actor_username: 'doi.caseworker' });
  });

  describe('administrators as adversaries (issue 11, item 3)', () => {
    it('sysadmin creates a MoPS ATD supervisor: no password in any answer, it waits for approval (or, with no ATD administrator, is refused), and cannot sign in', async () => {
      const sys = await s.login('sysadmin');
      const atd = (await s.admin.query(`SELECT id FROM agency WHERE code = 'MOPS_ATD'`)).rows[0].id;
      const r = await s
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(sys.accessToken))
        .send({
          username: 'atd.mole',
          displayName: 'Mole',
          email: 'sysadmin-owned@iom.example.org',
          roles: ['SUPERVISOR'],
          allProvinces: true,
          agencyId: atd,
        });
      expect(r.status).toBe(403);
      expect(r.text).not.toMatch(/password/i);
      expect((await s.admin.query(`SELECT 1 FROM app_user WHERE username = 'atd.mole'`)).rowCount).toBe(0);
      // where the agency has an administrator, the account waits for them and no mail goes out
      const lwu = (await s.admin.query(`SELECT id FROM agency WHERE code = 'LWU'`)).rows[0].id;
      const w = await s
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(sys.accessToken))
        .send({
          username: 'lwu.mole',
          displayName: 'Mole',
          email: 'sysadmin-owned@iom.example.org',
          roles: ['SUPERVISOR'],
          allProvinces: true,
          agencyId: lwu,
        });
      expect(w.status).toBe(201);
      expect(w.body.status).toBe('PENDING_APPROVAL');
      expect(JSON.stringify(w.body)).not.toMatch(/password/i);
      await new Promise((res) => setTimeout(res, 500));
      expect(readMails(s.mailDir).filter((m) => m.to === 'sysadmin-owned@iom.example.org')).toEqual([]);
      expect((await login('lwu.mole', DEMO_PASSWORD, '127.0.50.1')).status).toBe(401);
    });

    it('lwu.admin resets a supervisor: gets no password, the reset link goes to the supervisor, and the first sign-in after it tells the supervisors', async () => {
      const admin = await s.login('lwu.admin');
      const target = (await s.admin.query(`SELECT id, email FROM app_user WHERE username = 'lwu.caseworker'`)).rows[0];
      const mfaReset = await s
        .http()
        .post(`/api/v1/admin/users/${target.id}/reset-mfa`)
        .set(bearer(admin.accessToken))
        .send({ reason: 'take over' });
      expect(JSON.stringify(mfaReset.body)).not.toMatch(/password/i);
      const reset = await s
        .http()
        .post(`/api/v1/admin/users/${target.id}/reset`)
        .set(bearer(admin.accessToken))
        .send({ reason: 'take over' });
      expect(reset.status).toBe(200);
      expect(JSON.stringify(reset.body)).not.toMatch(/password|token/i);
      // the old password is gone: the admin cannot use it, and has no new one
      expect((await login('lwu.caseworker', DEMO_PASSWORD, '127.0.50.2')).status).toBe(401);
      const { token, mail } = await activationTokenFor(s.mailDir, target.email);
      expect(mail.to).toBe(target.email);
      expect(mail.text).not.toContain('lwu.caseworker');
      // the token is stored only as a hash
      expect(JSON.stringify((await s.admin.query(`SELECT * FROM account_activation`)).rows)).not.toContain(token);
      expect(
        (
          await s
            .http()
            .post('/api/v1/auth/activation/complete')
            .send({ token, newPassword: 'Rice-field-monsoon-7788' })
        ).status,
      ).toBe(204);
      const seq = await lastAuditSeq(s.admin);
      expect((await login('lwu.caseworker', 'Rice-field-monsoon-7788', '127.0.50.3')).status).toBe(200);
      const supervisor = (await s.admin.query(`SELECT id FROM app_user WHERE username = 'lwu.supervisor'`)).rows[0].id;
      for (let i = 0; i < 100; i++) {
        const n = (
          await s.admin.query(
            `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'account.first_sign_in' AND object_id = $2`,
            [supervisor, target.id],
          )
        ).rows[0].n;
        if (n === 1) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      expect(
        (
          await s.admin.query(
            `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'account.first_sign_in' AND object_id = $2`,
            [supervisor, target.id],
          )
        ).rows[0].n,
      ).toBe(1);
      expect((await auditSince(s.admin, seq)).find((a) => a.action === 'LOGIN_SUCCEEDED')?.details).toMatchObject({
        firstAfterActivation: true,
      });
      // a second sign-in tells nobody again
      expect((await login('lwu.caseworker', 'Rice-field-monsoon-7788', '127.0.50.3')).status).toBe(200);
      const again = (
        await s.admin.query(
          `SELECT count(*)::int AS n FROM outbox WHERE kind = 'account.first_sign_in' AND payload->>'userId' = $1`,
          [target.id],
        )
      ).rows[0].n;
      expect(again).toBe(1);
    });

    it('lwu.admin cannot grant ANALYST (national statistics), neither at creation nor by a change', async () => {
      const admin = await s.login('lwu.admin');
      const created = await s
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(admin.accessToken))
        .send({ username: 'lwu.stats', displayName: 'Stats', email: 'stats@lwu.example.org', roles: ['ANALYST'] });
      expect(created.status).toBe(403);
      const cw = (await s.admin.query(`SELECT id, version FROM app_user WHERE username = 'lwu.supervisor'`)).rows[0];
      const patch = await s
        .http()
        .patch(`/api/v1/admin/users/${cw.id}`)
        .set(bearer(admin.accessToken))
        .send({ version: cw.version, roles: ['ANALYST'] });
      expect(patch.status).toBe(403);
    });

    it('administrators reach no case content, whatever they try', async () => {
      for (const who of ['sysadmin', 'lwu.admin']) {
        const t = await s.login(who);
        for (const path of ['/cases', '/screenings', '/referrals?box=incoming'])
          expect([who, path, (await s.http().get(`/api/v1${path}`).set(bearer(t.accessToken))).status]).toEqual([
            who,
            path,
            403,
          ]);
      }
    });

    it('an activation link works once, is refused when forged or used, and an admin cannot change an active account’s e-mail to take the next link', async () => {
      const admin = await s.login('lwu.admin');
      const sup = (await s.admin.query(`SELECT id, version FROM app_user WHERE username = 'lwu.supervisor'`)).rows[0];
      const patch = await s
        .http()
        .patch(`/api/v1/admin/users/${sup.id}`)
        .set(bearer(admin.accessToken))
        .send({ version: sup.version, email: 'admin-owned@lwu.example.org' });
      expect([patch.status, patch.body.code]).toEqual([409, 'EMAIL_FIXED']);
      const forged = await s
        .http()
        .post('/api/v1/auth/activation/start')
        .send({ token: randomBytes(32).toString('base64url') });
      expect(forged.status).toBe(400);
      expect(forged.body.details[0].field).toBe('token');
    });
  });

  describe('sessions and tokens (issue 12, item 6)', () => {
    it('logout with a foreign refresh token still ends the caller’s own session, and leaves the other one alone', async () => {
      const mine = await s.login('atd.bokeo');
      const theirs = await s.login('atd.investigator');
      const out = await s
        .http()
        .post('/api/v1/auth/logout')
        .set(bearer(mine.accessToken))
        .send({ refreshToken: theirs.refreshToken });
      expect(out.status).toBe(204);
      expect((await s.http().get('/api/v1/me').set(bearer(mine.accessToken))).status).toBe(401);
      expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: mine.refreshToken })).status).toBe(401);
      expect((await s.http().get('/api/v1/me').set(bearer(theirs.accessToken))).status).toBe(200);
      // and with a stale one, or none
      const again = await s.login('atd.bokeo');
      expect(
        (
          await s
            .http()
            .post('/api/v1/auth/logout')
            .set(bearer(again.accessToken))
            .send({ refreshToken: mine.refreshToken })
        ).status,
      ).toBe(204);
      expect((await s.http().get('/api/v1/me').set(bearer(again.accessToken))).status).toBe(401);
    });

    it('tokens with a forged iss, aud or typ are refused, and a token of one kind never passes as another', async () => {
      const t = await s.login('atd.caseworker');
      const claims = JSON.parse(Buffer.from(t.accessToken.split('.')[1], 'base64url').toString('utf8'));
      expect(claims).toMatchObject({ typ: 'access', iss: 'ctms', aud: 'ctms-api' });
      const jwt = new JwtService();
      const key = tokenKey(DEV_JWT_SECRET, 'access');
      const base = { typ: 'access', sub: claims.sub, av: claims.av, sid: claims.sid };
      const forge = (extra: object) =>
        jwt.signAsync({ ...base, iss: 'ctms', aud: 'ctms-api', ...extra }, { secret: key, expiresIn: 60 });
      for (const bad of [{ iss: 'evil' }, { aud: 'another-api' }, { typ: 'refresh' }, { typ: 'mfa' }]) {
        expect([
          bad,
          (
            await s
              .http()
              .get('/api/v1/me')
              .set(bearer(await forge(bad)))
          ).status,
        ]).toEqual([bad, 401]);
      }
      expect(
        (
          await s
            .http()
            .get('/api/v1/me')
            .set(bearer(await forge({})))
        ).status,
      ).toBe(200);
      // a refresh token is no access token, and an access token is no refresh token
      expect((await s.http().get('/api/v1/me').set(bearer(t.refreshToken))).status).toBe(401);
      expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: t.accessToken })).status).toBe(401);
    });

    it("a client's X-Request-Id is never the request id: not in the answer, not in the audit trail", async () => {
      const seq = await lastAuditSeq(s.admin);
      const r = await s
        .http()
        .post('/api/v1/auth/login')
        .set('X-Request-Id', 'attacker-chosen-request-id')
        .send({ username: 'atd.caseworker', password: DEMO_PASSWORD });
      expect(r.status).toBe(200);
      expect(r.headers['x-request-id']).not.toBe('attacker-chosen-request-id');
      const audit = await auditSince(s.admin, seq);
      expect(audit.length).toBeGreaterThan(0);
      for (const a of audit) expect(a.request_id).toBe(r.headers['x-request-id']);
      expect(JSON.stringify(audit)).not.toContain('attacker-chosen');
    });

    it('OpenAPI and queue counts are not public', async () => {
      expect((await s.http().get('/api/docs-json')).status).toBe(404);
      const h = await s.http().get('/api/health');
      expect(h.body).toEqual({ status: 'up' });
    });
  });

  describe('fail closed (issue 12, item 5)', () => {
    it('refuses to start without NODE_ENV; production refuses the development secret and any demo password', () => {
      expect(() => loadConfig({})).toThrow(/NODE_ENV/);
      expect(() =>
        loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, ATTACHMENTS_DIR: '/srv/a' }),
      ).toThrow(/JWT_SECRET/);
      expect(() =>
        loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ATTACHMENTS_DIR: '/srv/a', DEMO_PASSWORD }),
      ).toThrow(/DEMO_PASSWORD/);
      expect(loadConfig({ NODE_ENV: 'test' }).demoPassword).toBeNull();
    });
  });
});
