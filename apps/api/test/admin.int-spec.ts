import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  activationTokenFor,
  auditSince,
  DEMO_PASSWORD,
  lastAuditSeq,
  readMails,
  startStack,
  startWorker,
  TestStack,
  withoutRequestId,
} from './harness';

/** A password a user may choose for themselves (long, not built from the username). */
const OWN_PASSWORD = 'Violet-harbour-lantern-93';

describe('administration of users and agencies', () => {
  let s: TestStack;
  let worker: INestApplicationContext;
  let lwuAdmin: string;
  let sysadmin: string;
  /** every response body of an administration route: none may ever carry a password or a token */
  const adminAnswers: string[] = [];
  const seenMail = new Set<string>();

  beforeAll(async () => {
    s = await startStack();
    worker = await startWorker();
    lwuAdmin = (await s.login('lwu.admin')).accessToken;
    sysadmin = (await s.login('sysadmin')).accessToken;
  });
  afterAll(async () => {
    await worker?.close();
    await s.close();
  });

  /** The user opens the link from their mail and chooses their password. */
  async function activate(email: string, password: string): Promise<void> {
    const { token } = await activationTokenFor(s.mailDir, email, seenMail);
    const start = await s.http().post('/api/v1/auth/activation/start').send({ token });
    expect(start.status).toBe(200);
    const done = await s.http().post('/api/v1/auth/activation/complete').send({ token, newPassword: password });
    expect(done.status).toBe(204);
  }

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => s.http().get(`/api/v1${path}`).set(bearer(token));
  const post = async (token: string, path: string, body: object) => {
    const r = await s.http().post(`/api/v1${path}`).set(bearer(token)).send(body);
    if (path.startsWith('/admin')) adminAnswers.push(r.text);
    return r;
  };
  const patch = (token: string, path: string, body: object) =>
    s.http().patch(`/api/v1${path}`).set(bearer(token)).send(body);
  const me = (token: string) => get(token, '/me');

  async function userRow(username: string): Promise<{
    id: string;
    version: number;
    auth_version: number;
    status: string;
    must_change_password: boolean;
    agency_id: string;
  }> {
    const { rows } = await s.admin.query(
      `SELECT id, version, auth_version, status, must_change_password, agency_id FROM app_user WHERE username = $1`,
      [username],
    );
    if (!rows[0]) throw new Error(`no user ${username}`);
    return rows[0];
  }

  async function agencyId(code: string): Promise<string> {
    const { rows } = await s.admin.query(`SELECT id FROM agency WHERE code = $1`, [code]);
    return rows[0].id;
  }

  /** Runs `fn` and returns the audit rows it wrote. */
  async function audited(fn: () => Promise<unknown>) {
    const before = await lastAuditSeq(s.admin);
    await fn();
    return auditSince(s.admin, before);
  }

  describe('agency administrator creates users', () => {
    it('creates a user in their own agency: no password in the answer; a one-time link goes to the user, who chooses their own', async () => {
      let res!: Awaited<ReturnType<typeof post>>;
      const audit = await audited(async () => {
        res = await post(lwuAdmin, '/admin/users', {
          username: 'LWU.New-Worker_1',
          displayName: 'Khamla Phommachanh',
          email: 'New.Worker@LWU.example.org',
          roles: ['CASEWORKER'],
          provinces: ['01', '05'],
          language: 'en',
        });
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        username: 'lwu.new-worker_1',
        displayName: 'Khamla Phommachanh',
        email: 'new.worker@lwu.example.org',
        agency: { code: 'LWU' },
        roles: ['CASEWORKER'],
        allProvinces: false,
        provinces: ['01', '05'],
        language: 'en',
        status: 'INVITED',
        version: 1,
      });
      expect(Object.keys(res.body).sort()).toEqual([
        'agency',
        'allProvinces',
        'displayName',
        'email',
        'id',
        'language',
        'mfaEnabled',
        'provinces',
        'roles',
        'status',
        'username',
        'version',
      ]);

      // exactly one audit row, naming the fields
      expect(audit.map((a) => [a.action, a.outcome, a.object_type, a.object_id, a.actor_username])).toEqual([
        ['USER_CREATED', 'ALLOWED', 'user', res.body.id, 'lwu.admin'],
      ]);
      expect(audit[0].details?.['fields']).toEqual(
        expect.arrayContaining(['username', 'displayName', 'roles', 'provinces', 'email']),
      );

      const row = await userRow('lwu.new-worker_1');
      expect(row.agency_id).toBe(await agencyId('LWU'));
      const { rows } = await s.admin.query(`SELECT password_hash FROM app_user WHERE id = $1`, [row.id]);
      expect(rows[0].password_hash).toBeNull();
      // no password exists, so none signs in
      expect(
        (await s.http().post('/api/v1/auth/login').send({ username: 'lwu.new-worker_1', password: DEMO_PASSWORD }))
          .status,
      ).toBe(401);

      await activate('new.worker@lwu.example.org', OWN_PASSWORD);
      expect((await userRow('lwu.new-worker_1')).status).toBe('ACTIVE');
      const session = await s.login('lwu.new-worker_1', OWN_PASSWORD);
      expect((await get(session.accessToken, '/reference/provinces')).status).toBe(200);
    });

    it('answers 409 USERNAME_TAKEN for a duplicate username, whatever its case', async () => {
      const res = await post(lwuAdmin, '/admin/users', {
        username: 'ATD.Caseworker',
        displayName: 'Copy',
        email: 'copy@lwu.example.org',
        roles: ['CASEWORKER'],
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
    });

    it('refuses to grant ANALYST, AGENCY_ADMIN or SYSTEM_ADMIN, with a 403 naming the role, audited once as DENIED', async () => {
      for (const role of ['ANALYST', 'AGENCY_ADMIN', 'SYSTEM_ADMIN']) {
        let res!: Awaited<ReturnType<typeof post>>;
        const audit = await audited(async () => {
          res = await post(lwuAdmin, '/admin/users', {
            username: `lwu.escalate.${role.toLowerCase()}`,
            displayName: 'Escalation',
            email: 'escalate@lwu.example.org',
            roles: ['CASEWORKER', role],
          });
        });
        expect(res.status).toBe(403);
        expect(res.body.message).toContain(role);
        expect(audit.map((a) => [a.action, a.outcome, a.reason])).toEqual([
          ['USER_CREATED', 'DENIED', 'ROLE_NOT_ASSIGNABLE'],
        ]);
        expect(
          (await s.admin.query(`SELECT 1 FROM app_user WHERE username = $1`, [`lwu.escalate.${role.toLowerCase()}`]))
            .rowCount,
        ).toBe(0);
      }
      const lwuCaseworker = await userRow('lwu.caseworker');
      const res = await patch(lwuAdmin, `/admin/users/${lwuCaseworker.id}`, {
        version: lwuCaseworker.version,
        roles: ['AGENCY_ADMIN'],
      });
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('AGENCY_ADMIN');
      expect((await userRow('lwu.caseworker')).version).toBe(lwuCaseworker.version);
    });

    it('refuses agencyId from an agency administrator (400 naming it)', async () => {
      const res = await post(lwuAdmin, '/admin/users', {
        username: 'lwu.elsewhere',
        displayName: 'X',
        email: 'x@lwu.example.org',
        roles: ['CASEWORKER'],
        agencyId: await agencyId('MOPS_ATD'),
      });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['agencyId']);
    });

    it('refuses bad input with 400 naming each field: unknown fields, a password, bad username, unknown province', async () => {
      const a = await post(lwuAdmin, '/admin/users', {
        username: 'lwu.x1',
        displayName: 'X',
        email: 'x1@lwu.example.org',
        roles: ['CASEWORKER'],
        password: 'chosen-by-admin-123',
        isRoot: true,
      });
      expect(a.status).toBe(400);
      expect(a.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['isRoot', 'password']);

      const b = await post(lwuAdmin, '/admin/users', {
        username: 'no spaces!',
        displayName: '',
        email: 'not an address',
        roles: ['KING'],
        provinces: ['1'],
        language: 'fr',
      });
      expect(b.status).toBe(400);
      expect(b.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'displayName',
        'email',
        'language',
        'provinces',
        'roles',
        'username',
      ]);

      const c = await post(lwuAdmin, '/admin/users', {
        username: 'lwu.x2',
        displayName: 'X',
        email: 'x2@lwu.example.org',
        roles: ['CASEWORKER'],
        provinces: ['99'],
      });
      expect(c.status).toBe(400);
      expect(c.body.details).toEqual([{ field: 'provinces', problems: [expect.stringContaining('99')] }]);

      const d = await post(lwuAdmin, '/admin/users', {
        username: 'lwu.x3',
        displayName: 'X',
        email: 'x3@lwu.example.org',
        roles: ['INVESTIGATOR'],
      });
      expect(d.status).toBe(400);
      expect(d.body.details[0].field).toBe('roles');

      const e = await get(lwuAdmin, '/admin/users?limit=101');
      expect(e.status).toBe(400);
      expect(e.body.details.map((x: { field: string }) => x.field)).toEqual(['limit']);
      const f = await get(lwuAdmin, '/admin/users?role=CASEWORKER');
      expect(f.status).toBe(400);
      expect(f.body.details.map((x: { field: string }) => x.field)).toEqual(['role']);
    });
  });

  describe('scope', () => {
    it("lists only the agency's own users, keyset-paginated by username", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 20; i++) {
        const res: Awaited<ReturnType<typeof get>> = await get(
          lwuAdmin,
          `/admin/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        for (const u of res.body.items) {
          expect(u.agency.code).toBe('LWU');
          seen.push(u.username);
        }
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      const { rows } = await s.admin.query(
        `SELECT u.username FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE a.code = 'LWU' ORDER BY u.username`,
      );
      expect(seen).toEqual(rows.map((r: { username: string }) => r.username));
      expect(seen).toEqual(expect.arrayContaining(['lwu.admin', 'lwu.caseworker', 'lwu.supervisor']));

      // asking for another agency does not widen the scope
      const other = await get(lwuAdmin, `/admin/users?agencyId=${await agencyId('MOPS_ATD')}`);
      expect(other.status).toBe(200);
      expect(other.body.items).toEqual([]);
      // a cursor this API did not issue
      expect((await get(lwuAdmin, '/admin/users?cursor=JSUl')).status).toBe(400);
    });

    it('lets the system administrator see every agency, with an agencyId filter', async () => {
      const all = await get(sysadmin, '/admin/users?limit=100');
      expect(all.status).toBe(200);
      const codes = new Set(all.body.items.map((u: { agency: { code: string } }) => u.agency.code));
      expect([...codes]).toEqual(expect.arrayContaining(['LWU', 'MOPS_ATD', 'IOM', 'OSPP']));
      const atd = await get(sysadmin, `/admin/users?agencyId=${await agencyId('MOPS_ATD')}&status=ACTIVE`);
      expect(atd.status).toBe(200);
      expect(atd.body.items.length).toBeGreaterThan(0);
      expect(atd.body.items.every((u: { agency: { code: string } }) => u.agency.code === 'MOPS_ATD')).toBe(true);
      const one = await get(sysadmin, `/admin/users/${(await userRow('atd.caseworker')).id}`);
      expect(one.status).toBe(200);
      expect(one.body.username).toBe('atd.caseworker');
    });

    it('answers a user of another agency exactly like a missing id, on every route, and changes nothing', async () => {
      const atd = await userRow('atd.caseworker');
      const missing = randomUUID();
      const pairs: [string, (id: string) => ReturnType<typeof get>][] = [
        ['get', (id) => get(lwuAdmin, `/admin/users/${id}`)],
        ['patch', (id) => patch(lwuAdmin, `/admin/users/${id}`, { version: atd.version, displayName: 'Taken over' })],
        [
          'disable',
          (id) =>
            s.http().post(`/api/v1/admin/users/${id}/disable`).set(bearer(lwuAdmin)).send({ reason: 'not yours' }),
        ],
        [
          'enable',
          (id) => s.http().post(`/api/v1/admin/users/${id}/enable`).set(bearer(lwuAdmin)).send({ reason: 'not yours' }),
        ],
        [
          'reset',
          (id) => s.http().post(`/api/v1/admin/users/${id}/reset`).set(bearer(lwuAdmin)).send({ reason: 'not yours' }),
        ],
        [
          'approve',
          (id) =>
            s.http().post(`/api/v1/admin/users/${id}/approve`).set(bearer(lwuAdmin)).send({ reason: 'not yours' }),
        ],
      ];
      for (const [name, call] of pairs) {
        const before = await lastAuditSeq(s.admin);
        const theirs = await call(atd.id);
        const nobody = await call(missing);
        expect([name, theirs.status]).toEqual([name, 404]);
        expect(nobody.status).toBe(404);
        expect(withoutRequestId(theirs.text)).toBe(withoutRequestId(nobody.text));
        expect(theirs.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: 'Not found',
          requestId: expect.any(String),
        });
        // each 404 leaves one DENIED row
        const audit = await auditSince(s.admin, before);
        expect([name, audit.map((a) => [a.outcome, a.reason, a.object_id])]).toEqual([
          name,
          [
            ['DENIED', 'NOT_FOUND', atd.id],
            ['DENIED', 'NOT_FOUND', missing],
          ],
        ]);
      }
      const after = await userRow('atd.caseworker');
      expect(after).toEqual(atd);
      expect((await s.login('atd.caseworker')).accessToken).toBeTruthy();
    });

    it('refuses admin routes to a caseworker (403, or the standard 404 on a record route; audited by the guard) and agency routes to an agency administrator', async () => {
      const cw = (await s.login('lwu.caseworker')).accessToken;
      const audit = await audited(async () => {
        expect((await get(cw, '/admin/users')).status).toBe(403);
        expect((await get(cw, `/admin/users/${(await userRow('lwu.supervisor')).id}`)).status).toBe(404);
        expect(
          (
            await post(cw, '/admin/users', {
              username: 'lwu.cw.made',
              displayName: 'X',
              email: 'cw@lwu.example.org',
              roles: ['CASEWORKER'],
            })
          ).status,
        ).toBe(403);
        expect((await get(cw, '/admin/agencies')).status).toBe(403);
        expect((await get(lwuAdmin, '/admin/agencies')).status).toBe(403);
        expect(
          (
            await post(lwuAdmin, '/admin/agencies', {
              code: 'NGO_SNEAKY',
              nameLo: 'x',
              nameEn: 'x',
              type: 'NGO',
              capabilities: [],
              serviceTypes: [],
              provinces: [],
            })
          ).status,
        ).toBe(403);
      });
      expect(audit.map((a) => [a.action, a.outcome])).toEqual(Array(6).fill(['PERMISSION_DENIED', 'DENIED']));
      expect((await s.admin.query(`SELECT 1 FROM agency WHERE code = 'NGO_SNEAKY'`)).rowCount).toBe(0);
    });

    it("refuses an agency administrator changes to an administrator's account, their own included", async () => {
      const self = await userRow('lwu.admin');
      const disable = await post(lwuAdmin, `/admin/users/${self.id}/disable`, { reason: 'testing myself' });
      expect(disable.status).toBe(409);
      expect(disable.body.code).toBe('CANNOT_CHANGE_SELF');
      const reset = await post(lwuAdmin, `/admin/users/${self.id}/reset`, { reason: 'testing myself' });
      expect(reset.status).toBe(409);
      const rename = await patch(lwuAdmin, `/admin/users/${self.id}`, {
        version: self.version,
        roles: ['AGENCY_ADMIN', 'SUPERVISOR'],
      });
      expect(rename.status).toBe(409);
      expect(await userRow('lwu.admin')).toEqual(self);
    });
  });

  describe('changes that end sessions', () => {
    it('disabling a user fails their access token on the very next request and their refresh token; enabling lets them back', async () => {
      const victim = await s.login('lwu.supervisor');
      expect((await me(victim.accessToken)).status).toBe(200);
      const before = await userRow('lwu.supervisor');

      let res!: Awaited<ReturnType<typeof post>>;
      const audit = await audited(async () => {
        res = await post(lwuAdmin, `/admin/users/${victim.userId}/disable`, { reason: 'left the agency' });
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ username: 'lwu.supervisor', status: 'DISABLED', version: before.version + 1 });
      expect(audit.map((a) => [a.action, a.outcome, a.object_type, a.object_id, a.reason])).toEqual([
        ['USER_DISABLED', 'ALLOWED', 'user', victim.userId, 'left the agency'],
      ]);
      expect(audit[0].details?.['fields']).toEqual(['status']);
      const after = await userRow('lwu.supervisor');
      expect(after.auth_version).toBe(before.auth_version + 1);
      const { rows } = await s.admin.query(
        `SELECT count(*)::int AS n FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL`,
        [victim.userId],
      );
      expect(rows[0].n).toBe(0);

      expect((await me(victim.accessToken)).status).toBe(401);
      expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: victim.refreshToken })).status).toBe(
        401,
      );
      expect(
        (await s.http().post('/api/v1/auth/login').send({ username: 'lwu.supervisor', password: DEMO_PASSWORD }))
          .status,
      ).toBe(401);

      const again = await post(lwuAdmin, `/admin/users/${victim.userId}/disable`, { reason: 'twice' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_DISABLED');

      const enableAudit = await audited(async () => {
        res = await post(lwuAdmin, `/admin/users/${victim.userId}/enable`, { reason: 'came back' });
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ACTIVE');
      expect(enableAudit.map((a) => [a.action, a.reason])).toEqual([['USER_ENABLED', 'came back']]);
      const back = await s.login('lwu.supervisor');
      expect((await me(back.accessToken)).status).toBe(200);
    });

    it('a reason is required to disable (400 naming it)', async () => {
      const id = (await userRow('lwu.caseworker')).id;
      const res = await post(lwuAdmin, `/admin/users/${id}/disable`, {});
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
      expect((await userRow('lwu.caseworker')).status).toBe('ACTIVE');
    });

    it('a role change fails the old token; a name change does not; a stale version is 409 STALE_VERSION', async () => {
      const target = await s.login('lwu.caseworker');
      const v0 = await userRow('lwu.caseworker');

      // a display name is not an authorisation change: the token lives on
      const renamed = await patch(lwuAdmin, `/admin/users/${target.userId}`, {
        version: v0.version,
        displayName: 'Lwu Caseworker (Vientiane)',
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.version).toBe(v0.version + 1);
      expect((await userRow('lwu.caseworker')).auth_version).toBe(v0.auth_version);
      expect((await me(target.accessToken)).status).toBe(200);

      // the version it was based on is stale now
      const stale = await patch(lwuAdmin, `/admin/users/${target.userId}`, {
        version: v0.version,
        roles: ['SUPERVISOR'],
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      expect((await userRow('lwu.caseworker')).version).toBe(v0.version + 1);

      let res!: Awaited<ReturnType<typeof patch>>;
      const audit = await audited(async () => {
        res = await patch(lwuAdmin, `/admin/users/${target.userId}`, {
          version: renamed.body.version,
          roles: ['SUPERVISOR'],
          allProvinces: true,
        });
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        roles: ['SUPERVISOR'],
        allProvinces: true,
        provinces: [],
        version: v0.version + 2,
      });
      expect(audit.map((a) => [a.action, a.outcome, a.object_id])).toEqual([
        ['USER_UPDATED', 'ALLOWED', target.userId],
      ]);
      expect(audit[0].details?.['fields']).toEqual(['roles', 'allProvinces', 'provinces']);
      expect((await userRow('lwu.caseworker')).auth_version).toBe(v0.auth_version + 1);
      expect((await me(target.accessToken)).status).toBe(401);

      // a fresh login carries the new role
      const fresh = await s.login('lwu.caseworker');
      const profile = await me(fresh.accessToken);
      expect(profile.body.roles).toEqual(['SUPERVISOR']);

      // unknown fields in a patch, and a missing version
      const bad = await patch(lwuAdmin, `/admin/users/${target.userId}`, {
        displayName: 'x',
        status: 'ACTIVE',
        username: 'root',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['status', 'username', 'version']);
    });

    it('a reset shows no password: the old one stops at once, sessions end, the user chooses a new, different one by the link; audited once', async () => {
      const created = await post(lwuAdmin, '/admin/users', {
        username: 'lwu.reset.me',
        displayName: 'Reset Me',
        email: 'reset.me@lwu.example.org',
        roles: ['CASEWORKER'],
        provinces: ['01'],
      });
      expect(created.status).toBe(201);
      await activate('reset.me@lwu.example.org', OWN_PASSWORD);
      const session = await s.login('lwu.reset.me', OWN_PASSWORD);
      expect((await get(session.accessToken, '/reference/provinces')).status).toBe(200);

      let res!: Awaited<ReturnType<typeof post>>;
      const audit = await audited(async () => {
        res = await post(lwuAdmin, `/admin/users/${created.body.id}/reset`, { reason: 'forgot password' });
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ username: 'lwu.reset.me', status: 'ACTIVE' });
      expect(Object.keys(res.body)).not.toContain('temporaryPassword');
      expect(audit.map((a) => [a.action, a.outcome, a.object_id, a.reason])).toEqual([
        ['USER_PASSWORD_RESET', 'ALLOWED', created.body.id, 'forgot password'],
      ]);

      expect((await me(session.accessToken)).status).toBe(401);
      expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(
        401,
      );
      expect(
        (await s.http().post('/api/v1/auth/login').send({ username: 'lwu.reset.me', password: OWN_PASSWORD })).status,
      ).toBe(401);

      // the link: the old password is refused as the new one; another works once
      const { token } = await activationTokenFor(s.mailDir, 'reset.me@lwu.example.org', seenMail);
      const start = await s.http().post('/api/v1/auth/activation/start').send({ token });
      expect(start.body).toMatchObject({ username: 'lwu.reset.me', purpose: 'RESET', mfa: 'NONE', mfaSetup: null });
      const same = await s.http().post('/api/v1/auth/activation/complete').send({ token, newPassword: OWN_PASSWORD });
      expect(same.status).toBe(400);
      expect(same.body.details).toEqual([{ field: 'newPassword', problems: ['REUSED'] }]);
      const next = 'Another-harbour-lantern-77';
      expect((await s.http().post('/api/v1/auth/activation/complete').send({ token, newPassword: next })).status).toBe(
        204,
      );
      expect(
        (
          await s
            .http()
            .post('/api/v1/auth/activation/complete')
            .send({ token, newPassword: 'Third-harbour-lantern-55' })
        ).status,
      ).toBe(400);
      const back = await s.login('lwu.reset.me', next);
      expect((await get(back.accessToken, '/reference/provinces')).status).toBe(200);
    });
  });

  describe('system administrator', () => {
    it('creates an agency, lists it, updates it with a version, and each change is one audit row', async () => {
      const body = {
        code: 'NGO_HAGAR',
        nameLo: 'ຮາກາ ສາກົນ',
        nameEn: 'Hagar International',
        type: 'NGO',
        capabilities: ['RECEIVE_REFERRALS'],
        serviceTypes: ['SHELTER', 'PSYCHOSOCIAL'],
        provinces: ['01', '05'],
      };
      let created!: Awaited<ReturnType<typeof post>>;
      const createAudit = await audited(async () => {
        created = await post(sysadmin, '/admin/agencies', body);
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), ...body, active: true, version: 1 });
      expect(createAudit.map((a) => [a.action, a.outcome, a.object_type, a.object_id])).toEqual([
        ['AGENCY_CREATED', 'ALLOWED', 'agency', created.body.id],
      ]);

      expect((await post(sysadmin, '/admin/agencies', body)).body.code).toBe('AGENCY_CODE_TAKEN');
      const badRefs = await post(sysadmin, '/admin/agencies', {
        ...body,
        code: 'NGO_OTHER',
        serviceTypes: ['TELEPORTATION'],
        provinces: ['42'],
      });
      expect(badRefs.status).toBe(400);
      expect(badRefs.body.details[0].field).toBe('serviceTypes');
      const badCode = await post(sysadmin, '/admin/agencies', { ...body, code: 'ngo-lower', type: 'CLUB' });
      expect(badCode.status).toBe(400);
      expect(badCode.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'type']);

      const list = await get(sysadmin, '/admin/agencies');
      expect(list.status).toBe(200);
      expect(list.body.items.map((a: { code: string }) => a.code)).toContain('NGO_HAGAR');

      let updated!: Awaited<ReturnType<typeof patch>>;
      const updateAudit = await audited(async () => {
        updated = await patch(sysadmin, `/admin/agencies/${created.body.id}`, {
          version: 1,
          nameEn: 'Hagar International Laos',
          provinces: ['01', '05', '06'],
        });
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        nameEn: 'Hagar International Laos',
        provinces: ['01', '05', '06'],
        version: 2,
      });
      expect(updateAudit.map((a) => [a.action, a.object_id])).toEqual([['AGENCY_UPDATED', created.body.id]]);
      expect(updateAudit[0].details?.['fields']).toEqual(['nameEn', 'provinces']);

      const stale = await patch(sysadmin, `/admin/agencies/${created.body.id}`, { version: 1, nameEn: 'Lost update' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const renameCode = await patch(sysadmin, `/admin/agencies/${created.body.id}`, {
        version: 2,
        code: 'NGO_RENAMED',
      });
      expect(renameCode.status).toBe(400);
      expect(renameCode.body.details.map((d: { field: string }) => d.field)).toEqual(['code']);
      expect((await patch(sysadmin, `/admin/agencies/${randomUUID()}`, { version: 1, nameEn: 'x' })).status).toBe(404);

      // a case worker of the new agency cannot be made before the agency has its own administrator
      const early = await post(sysadmin, '/admin/users', {
        username: 'hagar.worker',
        displayName: 'Hagar Worker',
        email: 'worker@hagar.example.org',
        roles: ['CASEWORKER'],
        agencyId: created.body.id,
      });
      expect([early.status, early.body.message]).toEqual([403, expect.stringContaining('no administrator')]);
      // its first administrator, made by the system administrator (nobody there to approve yet)
      const admin = await post(sysadmin, '/admin/users', {
        username: 'hagar.admin',
        displayName: 'Hagar Admin',
        email: 'admin@hagar.example.org',
        roles: ['AGENCY_ADMIN'],
        agencyId: created.body.id,
      });
      expect(admin.status).toBe(201);
      expect(admin.body).toMatchObject({ agency: { code: 'NGO_HAGAR' }, status: 'INVITED' });
      await activate('admin@hagar.example.org', OWN_PASSWORD);

      // deactivating the agency refuses its users from their next request
      const hagarLogin = await s
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'hagar.admin', password: OWN_PASSWORD });
      expect((await me(hagarLogin.body.accessToken)).status).toBe(200);
      const off = await patch(sysadmin, `/admin/agencies/${created.body.id}`, { version: 2, active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await me(hagarLogin.body.accessToken)).status).toBe(401);
    });

    it('requires agencyId, keeps SYSTEM_ADMIN inside its own agency and admin roles apart from case work', async () => {
      const missing = await post(sysadmin, '/admin/users', {
        username: 'iom.nobody',
        displayName: 'X',
        email: 'x@iom.example.org',
        roles: ['ANALYST'],
      });
      expect(missing.status).toBe(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['agencyId']);

      const outside = await post(sysadmin, '/admin/users', {
        username: 'lwu.sys',
        displayName: 'X',
        email: 'x@lwu.example.org',
        roles: ['SYSTEM_ADMIN'],
        agencyId: await agencyId('LWU'),
      });
      expect(outside.status).toBe(400);
      expect(outside.body.details[0].field).toBe('roles');
      expect(outside.body.details[0].problems.join(' ')).toContain('SYSTEM_ADMIN');

      const mixed = await post(sysadmin, '/admin/users', {
        username: 'lwu.mixed',
        displayName: 'X',
        email: 'x@lwu.example.org',
        roles: ['AGENCY_ADMIN', 'CASEWORKER'],
        agencyId: await agencyId('LWU'),
      });
      expect(mixed.status).toBe(400);
      expect(mixed.body.details[0].field).toBe('roles');

      const inside = await post(sysadmin, '/admin/users', {
        username: 'iom.sysadmin2',
        displayName: 'Second Sysadmin',
        email: 'sys2@iom.example.org',
        roles: ['SYSTEM_ADMIN'],
        agencyId: await agencyId('IOM'),
      });
      expect(inside.status).toBe(201);
      expect(inside.body.status).toBe('INVITED');

      const self = await userRow('sysadmin');
      const selfDisable = await post(sysadmin, `/admin/users/${self.id}/disable`, { reason: 'oops' });
      expect(selfDisable.status).toBe(409);
      expect(selfDisable.body.code).toBe('CANNOT_CHANGE_SELF');
    });
  });

  it("a system administrator's user in an agency waits for that agency's administrator; only the approval sends the link", async () => {
    const mailsBefore = readMails(s.mailDir).length;
    const made = await post(sysadmin, '/admin/users', {
      username: 'lwu.from.sysadmin',
      displayName: 'From Sysadmin',
      email: 'from.sysadmin@lwu.example.org',
      roles: ['SUPERVISOR'],
      allProvinces: true,
      agencyId: await agencyId('LWU'),
    });
    expect(made.status).toBe(201);
    expect(made.body.status).toBe('PENDING_APPROVAL');
    // the system administrator cannot approve it
    const self = await post(sysadmin, `/admin/users/${made.body.id}/approve`, { reason: 'approving my own' });
    expect(self.status).toBe(403);
    await new Promise((r) => setTimeout(r, 500));
    expect(readMails(s.mailDir).filter((m) => m.to === 'from.sysadmin@lwu.example.org')).toHaveLength(0);
    let res!: Awaited<ReturnType<typeof post>>;
    const audit = await audited(async () => {
      res = await post(lwuAdmin, `/admin/users/${made.body.id}/approve`, { reason: 'known colleague' });
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('INVITED');
    expect(audit.map((a) => [a.action, a.outcome, a.reason])).toEqual([
      ['USER_APPROVED', 'ALLOWED', 'known colleague'],
    ]);
    await activate('from.sysadmin@lwu.example.org', OWN_PASSWORD);
    expect(readMails(s.mailDir).length).toBeGreaterThan(mailsBefore);
    expect((await post(lwuAdmin, `/admin/users/${made.body.id}/approve`, { reason: 'again' })).status).toBe(409);
  });

  it('no answer of an administration route ever carried a password or an activation token', async () => {
    expect(adminAnswers.length).toBeGreaterThan(10);
    const secrets = [
      OWN_PASSWORD,
      DEMO_PASSWORD,
      ...readMails(s.mailDir)
        .map((m) => /#token=([A-Za-z0-9_-]{43})/.exec(m.text)?.[1])
        .filter((t): t is string => !!t),
    ];
    for (const text of adminAnswers) {
      expect(text).not.toMatch(/temporaryPassword|"password":/i);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    for (const secret of secrets) {
      const { rows } = await s.admin.query(
        `SELECT count(*)::int AS n FROM audit_event e WHERE strpos(e::text, $1) > 0`,
        [secret],
      );
      expect(rows[0].n).toBe(0);
    }
  });
});
