import { JwtService } from '@nestjs/jwt';
import { isPermission } from '@ctms/domain';
import { verifyAuditChain } from '../src/platform/audit/audit-verify';
import { listRoutes } from '../src/platform/auth/route-audit';
import { Client } from 'pg';
import { DEV_JWT_SECRET } from '../src/platform/config/config';
import { adminUrl, appUrl } from './db';
import { tokenKey } from '../src/platform/auth/token-claims';
import { auditSince, DEMO_PASSWORD, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('authentication', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });

  const me = (token: string) => s.http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);

  it('logs in with argon2id, returns tokens and the user with permissions, and audits one LOGIN_SUCCEEDED', async () => {
    const before = await lastAuditSeq(s.admin);
    const res = await s.http().post('/api/v1/auth/login').send({ username: 'ATD.Caseworker', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBeLessThanOrEqual(600);
    expect(res.body.user).toMatchObject({
      username: 'atd.caseworker',
      roles: ['CASEWORKER'],
      agency: { code: 'MOPS_ATD' },
    });
    expect(res.body.user.permissions).toContain('screening:create');
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const { rows } = await s.admin.query(`SELECT password_hash FROM app_user WHERE username = 'atd.caseworker'`);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const audit = await auditSince(s.admin, before);
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([['LOGIN_SUCCEEDED', 'ALLOWED']]);
    expect(audit[0].actor_username).toBe('atd.caseworker');
    expect(audit[0].request_id).toBeTruthy();
    expect(audit[0].source_ip).toBeTruthy();
    expect(JSON.stringify(audit)).not.toContain(DEMO_PASSWORD);
    expect(JSON.stringify(audit)).not.toContain(res.body.refreshToken);
    expect((await me(res.body.accessToken)).status).toBe(200);
  });

  it('answers an unknown user and a wrong password with the same status and body', async () => {
    const a = await s
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'no.such.user', password: 'whatever-it-is-123' });
    const b = await s
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'lwu.supervisor', password: 'whatever-it-is-123' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(withoutRequestId(a.text)).toBe(withoutRequestId(b.text));
    expect(a.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid username or password',
      requestId: expect.stringMatching(UUID),
    });
  });

  it('refuses an expired access token', async () => {
    const { userId } = await s.login('lwu.caseworker');
    const claims = {
      typ: 'access',
      sub: userId,
      av: 1,
      sid: '00000000-0000-0000-0000-000000000000',
      iss: 'ctms',
      aud: 'ctms-api',
    };
    const expired = await new JwtService().signAsync(
      { ...claims, exp: Math.floor(Date.now() / 1000) - 5 },
      { secret: tokenKey(DEV_JWT_SECRET, 'access') },
    );
    expect((await me(expired)).status).toBe(401);
    const forged = await new JwtService().signAsync(
      { ...claims, sid: 'x' },
      { secret: 'another-secret-of-enough-length-000000', expiresIn: 60 },
    );
    expect((await me(forged)).status).toBe(401);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family (one audit row)', async () => {
    const first = await s.login('molsw.caseworker');
    const r1 = await s.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(first.refreshToken);
    const r2 = await s.http().post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken });
    expect(r2.status).toBe(200);
    expect((await me(r2.body.accessToken)).status).toBe(200);

    const before = await lastAuditSeq(s.admin);
    const reuse = await s.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    const audit = await auditSince(s.admin, before);
    expect(audit.map((a) => a.action)).toEqual(['REFRESH_TOKEN_REUSED']);
    // the newest token of the family and its access token are dead too
    expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: r2.body.refreshToken })).status).toBe(401);
    expect((await me(r2.body.accessToken)).status).toBe(401);
    // another login of the same user is untouched
    const other = await s.login('molsw.caseworker');
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('refuses a refresh token past its idle limit', async () => {
    const t = await s.login('ngo.caseworker');
    await s.admin.query(`UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      t.userId,
    ]);
    expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: t.refreshToken })).status).toBe(401);
  });

  it('logout revokes the session at once and is audited once', async () => {
    const t = await s.login('doi.caseworker');
    const before = await lastAuditSeq(s.admin);
    const out = await s
      .http()
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${t.accessToken}`)
      .send({ refreshToken: t.refreshToken });
    expect(out.status).toBe(204);
    const audit = await auditSince(s.admin, before);
    expect(audit.map((a) => [a.action, a.object_id])).toEqual([['LOGOUT', expect.stringMatching(UUID)]]);
    expect((await me(t.accessToken)).status).toBe(401);
    expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: t.refreshToken })).status).toBe(401);
  });

  it('a disabled user and a user whose roles changed are refused on their next request', async () => {
    const a = await s.login('lwu.supervisor');
    expect((await me(a.accessToken)).status).toBe(200);
    await s.admin.query(`UPDATE app_user SET roles = '{CASEWORKER}', auth_version = auth_version + 1 WHERE id = $1`, [
      a.userId,
    ]);
    expect((await me(a.accessToken)).status).toBe(401);
    const b = await s.login('lwu.supervisor');
    expect((await me(b.accessToken)).body.roles).toEqual(['CASEWORKER']);
    await s.admin.query(`UPDATE app_user SET status = 'DISABLED', auth_version = auth_version + 1 WHERE id = $1`, [
      a.userId,
    ]);
    expect((await me(b.accessToken)).status).toBe(401);
    expect(
      (await s.http().post('/api/v1/auth/login').send({ username: 'lwu.supervisor', password: DEMO_PASSWORD })).status,
    ).toBe(401);
  });

  describe('throttling (the attack suite tries it as an attacker; decision 0011)', () => {
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    it('allows 5 free failures per account and client, then delays progressively (429 + Retry-After), the same for unknown accounts', async () => {
      const wrong = (username: string, ip: string) =>
        s.http().post('/api/v1/auth/login').set(from(ip)).send({ username, password: 'wrong-password-here' });
      for (const [username, ip] of [
        ['molsw.supervisor', '127.0.10.1'],
        ['ghost.account', '127.0.10.2'],
      ] as const) {
        for (let i = 0; i < 5; i++) expect((await wrong(username, ip)).status).toBe(401);
        const next = await wrong(username, ip);
        expect(next.status).toBe(429);
        expect(Number(next.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      // the delay doubles with each failure after the free ones (1, 2, 4, then 8 s): wait out each as the
      // server names it and fail again, three times, so that the last delay is long enough for the next
      // request to fall inside it however slow the machine is
      let retryAfter = 1;
      for (let extra = 1; extra <= 3; extra++) {
        await new Promise((r) => setTimeout(r, retryAfter * 1000));
        expect((await wrong('molsw.supervisor', '127.0.10.1')).status).toBe(401);
        const refused = await wrong('molsw.supervisor', '127.0.10.1');
        expect(refused.status).toBe(429);
        retryAfter = Number(refused.headers['retry-after']);
      }
      expect(retryAfter).toBeGreaterThanOrEqual(4);
      // even the right password waits out the delay from that client: no oracle
      expect(
        (
          await s
            .http()
            .post('/api/v1/auth/login')
            .set(from('127.0.10.1'))
            .send({ username: 'molsw.supervisor', password: DEMO_PASSWORD })
        ).status,
      ).toBe(429);
    });

    it('keeps failure counts per account and minute with a keyed hash, never the username', async () => {
      const { rows } = await s.admin.query(`SELECT account_key, failures, refused FROM login_failure`);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.account_key).toMatch(/^([0-9a-f]{64}|unknown)$/);
      expect(JSON.stringify(rows)).not.toMatch(/molsw|ghost/);
    });
  });

  it('refuses bad login input with a 400 naming each field', async () => {
    const r = await s.http().post('/api/v1/auth/login').send({ username: 'atd.caseworker', extra: 1 });
    expect(r.status).toBe(400);
    const fields = r.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['extra', 'password']);
    const bad = await s.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Malformed JSON body');
    expect(bad.text).not.toMatch(/at |node_modules|SyntaxError/);
  });

  it('lets the user change the language preference, and refuses an unknown language naming the field', async () => {
    const t = await s.login('atd.bokeo');
    const ok = await s
      .http()
      .patch('/api/v1/me')
      .set('Authorization', `Bearer ${t.accessToken}`)
      .send({ language: 'en' });
    expect(ok.status).toBe(200);
    expect(ok.body.language).toBe('en');
    const bad = await s
      .http()
      .patch('/api/v1/me')
      .set('Authorization', `Bearer ${t.accessToken}`)
      .send({ language: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('language');
  });

  it('changing the password enforces the policy: length, common passwords, context words; it ends the other sessions', async () => {
    const other = await s.login('atd.investigator');
    const t = await s.login('atd.investigator');
    const change = (newPassword: string, currentPassword = DEMO_PASSWORD) =>
      s
        .http()
        .post('/api/v1/me/password')
        .set('Authorization', `Bearer ${t.accessToken}`)
        .send({ currentPassword, newPassword });
    expect((await change('short-pw')).status).toBe(400);
    const common = await change('password1234');
    expect(common.status).toBe(400);
    expect(common.body.details[0].field).toBe('newPassword');
    expect((await change('atd.investigator is here 2026')).status).toBe(400);
    // the password is changed to a different one
    const same = await s
      .http()
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${t.accessToken}`)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect(same.status).toBe(400);
    expect(same.body.details).toEqual([{ field: 'newPassword', problems: expect.arrayContaining(['REUSED']) }]);
    expect((await change('a long enough passphrase for the river', 'not-the-password')).status).toBe(400);
    expect((await me(other.accessToken)).status).toBe(200);
    const seq = await lastAuditSeq(s.admin);
    expect((await change('a long enough passphrase for the river')).status).toBe(204);
    // whoever held the old password on another device is signed out there; this session goes on
    expect((await me(other.accessToken)).status).toBe(401);
    expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(401);
    expect((await me(t.accessToken)).status).toBe(200);
    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => [a.action, a.details])).toEqual([['PASSWORD_CHANGED', { otherSessionsEnded: 1 }]]);
    expect(
      (
        await s
          .http()
          .post('/api/v1/auth/login')
          .send({ username: 'atd.investigator', password: 'a long enough passphrase for the river' })
      ).status,
    ).toBe(200);
  });
});

describe('deny by default and the audit trail', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });

  it('every registered route is either @Public() or declares a catalogue permission', async () => {
    const routes = listRoutes(s.app);
    expect(routes.length).toBeGreaterThan(5);
    const bad = routes.filter((r) => !r.public && !isPermission(r.permission));
    expect(bad).toEqual([]);
    expect(
      routes
        .filter((r) => r.public)
        .map((r) => r.handler)
        .sort(),
    ).toEqual(['check', 'complete', 'login', 'mfa', 'refresh', 'start']);
  });

  it('a route without a token answers 401; a permission denial answers 403 and is audited once', async () => {
    expect((await s.http().get('/api/v1/me')).status).toBe(401);
    expect((await s.http().get('/api/v1/reference/provinces')).status).toBe(401);
    const t = await s.login('analyst');
    const before = await lastAuditSeq(s.admin);
    const r = await s.http().get('/api/v1/admin/agencies').set('Authorization', `Bearer ${t.accessToken}`);
    expect(r.status).toBe(403);
    const audit = await auditSince(s.admin, before);
    expect(audit.map((a) => [a.action, a.outcome, a.actor_username])).toEqual([
      ['PERMISSION_DENIED', 'DENIED', 'analyst'],
    ]);
  });

  it('failed logins are audited once per account and minute (unknown names share one account), counted in login_failure', async () => {
    const before = await lastAuditSeq(s.admin);
    const fail = (username: string) =>
      s
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '127.0.11.1')
        .send({ username, password: 'not-the-password' });
    for (const u of ['atd.caseworker', 'atd.caseworker', 'atd.caseworker', 'nobody.at.all', 'nobody.else'])
      expect((await fail(u)).status).toBe(401);
    const audit = (await auditSince(s.admin, before)).filter((a) => a.action === 'LOGIN_FAILED');
    const minutes = (
      await s.admin.query(
        `SELECT account_key, count(*)::int AS n, sum(failures)::int AS failures FROM login_failure GROUP BY account_key`,
      )
    ).rows;
    // one row per account and minute: a test that straddles a minute may see two
    const known = audit.filter((a) => a.actor_username === 'atd.caseworker');
    const unknown = audit.filter((a) => a.actor_username === null);
    expect(known.length).toBeGreaterThanOrEqual(1);
    expect(known.length).toBeLessThanOrEqual(2);
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    expect(unknown.length).toBeLessThanOrEqual(2);
    expect(known[0]).toMatchObject({ outcome: 'FAILED', reason: 'WRONG_PASSWORD' });
    expect(unknown[0]).toMatchObject({ outcome: 'FAILED', reason: 'UNKNOWN_USER' });
    expect(minutes.find((m: { account_key: string }) => m.account_key === 'unknown')?.failures).toBe(2);
    expect(
      minutes
        .filter((m: { account_key: string }) => m.account_key !== 'unknown')
        .map((m: { failures: number }) => m.failures),
    ).toContain(3);
  });

  it("the application's database role cannot UPDATE, DELETE or TRUNCATE audit rows", async () => {
    const app = new Client({ connectionString: appUrl(s.dbName) });
    await app.connect();
    try {
      const { rows } = await app.query(`SELECT count(*)::int AS n FROM audit_event`);
      expect(rows[0].n).toBeGreaterThan(0);
      await expect(app.query(`UPDATE audit_event SET action = 'X'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE audit_event`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    // not even the owner, short of disabling the trigger
    await expect(s.admin.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });

  it('the sealer keeps blocks to max_rows, skips transaction ids without audit rows, and never splits a transaction', async () => {
    await verifyAuditChain(adminUrl(s.dbName), { seal: true });
    const burn = async (n: number) => {
      for (let i = 0; i < n; i++) await s.admin.query(`SELECT pg_current_xact_id()`);
    };
    const write = async (rows: number) => {
      await s.admin.query('BEGIN');
      await s.admin.query(
        `INSERT INTO audit_event (action, outcome) SELECT 'SEAL_TEST', 'ALLOWED' FROM generate_series(1, $1)`,
        [rows],
      );
      await s.admin.query('COMMIT');
    };
    // an empty stretch, then transactions of 30, 30 and 100 rows with empty stretches between
    await burn(40);
    await write(30);
    await burn(25);
    await write(30);
    await burn(5);
    await write(100);
    const blocksBefore = Number((await s.admin.query(`SELECT count(*) AS n FROM audit_seal`)).rows[0].n);
    const sealed: number[] = [];
    for (let i = 0; i < 200; i++) {
      const n = Number((await s.admin.query(`SELECT audit_seal(40) AS n`)).rows[0].n);
      if (n > 0) sealed.push(n);
      const left = Number(
        (
          await s.admin.query(
            `SELECT count(*) AS n FROM audit_event WHERE action = 'SEAL_TEST' AND xact >= (SELECT max(xact_to) FROM audit_seal)`,
          )
        ).rows[0].n,
      );
      if (left === 0) break;
      if (n === 0) await new Promise((r) => setTimeout(r, 50));
    }
    const blocks = (
      await s.admin.query(`SELECT row_count FROM audit_seal ORDER BY block OFFSET $1`, [blocksBefore])
    ).rows.map((r) => r.row_count);
    // the two small transactions never share a block with the 100-row one, which is sealed whole
    expect(blocks).toContain(100);
    expect(blocks.filter((n: number) => n !== 100).every((n: number) => n <= 40)).toBe(true);
    expect(sealed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(160);
    expect((await verifyAuditChain(adminUrl(s.dbName))).problems).toEqual([]);
  });

  it('the sealed blocks verify, and an edited, deleted or added row or a removed block is found', async () => {
    await s.login('atd.caseworker');
    await s.login('lwu.caseworker');
    await s.login('ngo.caseworker');
    // sealing waits for the oldest transaction still running anywhere on the server (other
    // suites run in parallel): seal until every row written so far is in a block
    const written = (await s.admin.query(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n;
    let good = await verifyAuditChain(adminUrl(s.dbName), { seal: true });
    for (let i = 0; i < 100 && good.rows < written; i++) {
      await new Promise((r) => setTimeout(r, 200));
      good = await verifyAuditChain(adminUrl(s.dbName), { seal: true });
    }
    expect(good).toMatchObject({ ok: true, problems: [] });
    expect(good.rows).toBeGreaterThanOrEqual(written);
    expect(written).toBeGreaterThan(3);
    expect(good.blocks).toBeGreaterThan(0);

    // the application role may call the sealer but not write the blocks
    const app = new Client({ connectionString: appUrl(s.dbName) });
    await app.connect();
    try {
      await app.query(`SELECT audit_seal(1000)`);
      await expect(app.query(`DELETE FROM audit_seal`)).rejects.toThrow(/permission denied/);
      await expect(
        app.query(
          `INSERT INTO audit_seal (block, xact_from, xact_to, row_count, prev_hash, hash) VALUES (999999, 0, 1, 0, ''::bytea, ''::bytea)`,
        ),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }

    // a row inside the last block: the latest rows sealed so far
    const last = (
      await s.admin.query(
        `SELECT block::text, xact_from::text AS lo, xact_to::text AS hi FROM audit_seal ORDER BY block DESC LIMIT 1`,
      )
    ).rows[0];
    const seq = (
      await s.admin.query(
        `SELECT seq::text FROM audit_event WHERE xact >= $1 AND xact < $2 ORDER BY seq DESC LIMIT 1`,
        [last.lo, last.hi],
      )
    ).rows[0].seq;
    const original = (await s.admin.query(`SELECT outcome FROM audit_event WHERE seq = $1`, [seq])).rows[0].outcome;
    await s.admin.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
    await s.admin.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_stamp`);
    try {
      await s.admin.query(`UPDATE audit_event SET outcome = $2 WHERE seq = $1`, [
        seq,
        original === 'DENIED' ? 'ALLOWED' : 'DENIED',
      ]);
      const edited = await verifyAuditChain(adminUrl(s.dbName));
      expect(edited.ok).toBe(false);
      expect(edited.problems.join('\n')).toContain(
        `block ${last.block} (transactions ${last.lo}–${last.hi}): its rows do not match the seal`,
      );
      await s.admin.query(`UPDATE audit_event SET outcome = $2 WHERE seq = $1`, [seq, original]);
      expect((await verifyAuditChain(adminUrl(s.dbName))).ok).toBe(true);

      await s.admin.query(`CREATE TABLE audit_keep AS SELECT * FROM audit_event WHERE seq = $1`, [seq]);
      await s.admin.query(`DELETE FROM audit_event WHERE seq = $1`, [seq]);
      const deleted = await verifyAuditChain(adminUrl(s.dbName));
      expect(deleted.ok).toBe(false);
      expect(deleted.problems.join('\n')).toContain(`block ${last.block} (transactions ${last.lo}–${last.hi}): holds`);
      // put it back exactly, then forge an extra row into the sealed range
      await s.admin.query(`INSERT INTO audit_event SELECT * FROM audit_keep`);
      expect((await verifyAuditChain(adminUrl(s.dbName))).ok).toBe(true);
      await s.admin.query(
        `INSERT INTO audit_event (seq, xact, at, action, outcome) VALUES (nextval('audit_event_seq'), $1, now(), 'FORGED', 'ALLOWED')`,
        [last.lo],
      );
      const added = await verifyAuditChain(adminUrl(s.dbName));
      expect(added.ok).toBe(false);
      expect(added.problems.join('\n')).toContain('rows deleted or added');
    } finally {
      await s.admin.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_stamp`);
      await s.admin.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`);
    }

    // removing a whole block breaks the chain of blocks (one more block first, so there are two)
    await s.login('atd.caseworker');
    for (
      let i = 0;
      i < 100 && Number((await s.admin.query(`SELECT count(*) AS n FROM audit_seal`)).rows[0].n) < 2;
      i++
    ) {
      await s.admin.query(`SELECT audit_seal(1000)`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await s.admin.query(`ALTER TABLE audit_seal DISABLE TRIGGER audit_seal_no_update`);
    try {
      await s.admin.query(`DELETE FROM audit_seal WHERE block = 1`);
      const gone = await verifyAuditChain(adminUrl(s.dbName));
      expect(gone.problems.join('\n')).toMatch(/block 1 is missing/);
    } finally {
      await s.admin.query(`ALTER TABLE audit_seal ENABLE TRIGGER audit_seal_no_update`);
    }
  });

  it("errors have one shape, API responses are no-store, security headers are set, the request id is always the server's", async () => {
    const r = await s.http().get('/api/v1/no-such-route').set('X-Request-Id', 'req-id-from-client');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.any(String),
      requestId: expect.stringMatching(UUID),
    });
    expect(r.headers['x-request-id']).toBe(r.body.requestId);
    expect(r.body.requestId).not.toBe('req-id-from-client');
    const login = await s
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'atd.caseworker', password: DEMO_PASSWORD });
    expect(login.headers['cache-control']).toBe('no-store');
    expect(login.headers['x-content-type-options']).toBe('nosniff');
    expect(login.headers['content-security-policy']).toContain("default-src 'self'");
    expect(login.headers['x-powered-by']).toBeUndefined();
  });

  it('public health answers up or down only; OpenAPI is for signed-in users', async () => {
    const h = await s.http().get('/api/health');
    expect(h.status).toBe(200);
    expect(h.body).toEqual({ status: 'up' });
    expect((await s.http().get('/api/docs-json')).status).toBe(404);
    expect((await s.http().get('/api/docs')).status).toBe(404);
    const t = await s.login('atd.caseworker');
    const docs = await s.http().get('/api/docs-json').set('Authorization', `Bearer ${t.accessToken}`);
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/v1/auth/login');
  });

  it('reference data is seeded and readable: 18 provinces, the ILO indicators, agencies', async () => {
    const t = await s.login('atd.caseworker');
    const get = (p: string) => s.http().get(`/api/v1/reference/${p}`).set('Authorization', `Bearer ${t.accessToken}`);
    const provinces = await get('provinces');
    expect(provinces.body).toHaveLength(18);
    expect(provinces.body[0]).toMatchObject({ code: '01', nameLo: 'ນະຄອນຫຼວງວຽງຈັນ' });
    expect((await get('indicators')).body.length).toBeGreaterThanOrEqual(60);
    expect((await get('agencies')).body.map((a: { code: string }) => a.code)).toEqual(
      expect.arrayContaining(['MOPS_ATD', 'LWU', 'MOLSW', 'OSPP']),
    );
    expect((await get('service-types')).body.length).toBeGreaterThan(5);
  });
});
