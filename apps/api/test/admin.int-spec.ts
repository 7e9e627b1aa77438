import { randomUUID } from 'node:crypto';
import { auditSince, DEMO_PASSWORD, lastAuditSeq, startStack, TestStack } from './harness';

/** A password a user may choose for themselves (long, not built from the username). */
const OWN_PASSWORD = 'Violet-harbour-lantern-93';

describe('administration of users and agencies', () => {
  let s: TestStack;
  let lwuAdmin: string;
  let sysadmin: string;
  /** every temporary password handed out by this suite: none may ever reach the audit trail */
  const temporaryPasswords: string[] = [];

  beforeAll(async () => {
    s = await startStack();
    lwuAdmin = (await s.login('lwu.admin')).accessToken;
    sysadmin = (await s.login('sysadmin')).accessToken;
  });
  afterAll(async () => {
    await s.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => s.http().get(`/api/v1${path}`).set(bearer(token));
  const post = (token: string, path: string, body: object) => s.http().post(`/api/v1${path}`).set(bearer(token)).send(body);
  const patch = (token: string, path: string, body: object) => s.http().patch(`/api/v1${path}`).set(bearer(token)).send(body);
  const me = (token: string) => get(token, '/me');

  async function userRow(username: string): Promise<{ id: string; version: number; auth_version: number; status: string; must_change_password: boolean; agency_id: string }> {
    const { rows } = await s.admin.query(`SELECT id, version, auth_version, status, must_change_password, agency_id FROM app_user WHERE username = $1`, [username]);
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
    it('creates a user in their own agency with a one-time password that only opens the profile until changed', async () => {
      let res!: Awaited<ReturnType<typeof post>>;
      const audit = await audited(async () => {
        res = await post(lwuAdmin, '/admin/users', {
          username: 'LWU.New-Worker_1',
          displayName: 'Khamla Phommachanh',
          roles: ['CASEWORKER'],
          provinces: ['01', '05'],
          language: 'en',
        });
      });
      expect(res.status).toBe(201);
      const temp: string = res.body.temporaryPassword;
      temporaryPasswords.push(temp);
      expect(typeof temp).toBe('string');
      expect(temp.length).toBeGreaterThanOrEqual(16);
      expect(res.body.user).toMatchObject({
        username: 'lwu.new-worker_1',
        displayName: 'Khamla Phommachanh',
        agency: { code: 'LWU' },
        roles: ['CASEWORKER'],
        allProvinces: false,
        provinces: ['01', '05'],
        language: 'en',
        status: 'ACTIVE',
        version: 1,
      });
      expect(Object.keys(res.body.user).sort()).toEqual(['agency', 'allProvinces', 'displayName', 'id', 'language', 'mfaEnabled', 'provinces', 'roles', 'status', 'username', 'version']);

      // exactly one audit row, naming the fields and never the password
      expect(audit.map((a) => [a.action, a.outcome, a.object_type, a.object_id, a.actor_username])).toEqual([
        ['USER_CREATED', 'ALLOWED', 'user', res.body.user.id, 'lwu.admin'],
      ]);
      expect(audit[0].details?.['fields']).toEqual(expect.arrayContaining(['username', 'displayName', 'roles', 'provinces']));
      expect(JSON.stringify(audit)).not.toContain(temp);

      const row = await userRow('lwu.new-worker_1');
      expect(row.must_change_password).toBe(true);
      expect(row.agency_id).toBe(await agencyId('LWU'));
      const { rows } = await s.admin.query(`SELECT password_hash FROM app_user WHERE id = $1`, [row.id]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);

      // the temporary password logs in, but only the profile is open
      const login = await s.http().post('/api/v1/auth/login').send({ username: 'lwu.new-worker_1', password: temp });
      expect(login.status).toBe(200);
      const token: string = login.body.accessToken;
      expect((await me(token)).status).toBe(200);
      expect((await get(token, '/reference/provinces')).status).toBe(403);
      // changing it opens the rest of the role's permissions, with the same token
      const change = await post(token, '/me/password', { currentPassword: temp, newPassword: OWN_PASSWORD });
      expect(change.status).toBe(204);
      expect((await get(token, '/reference/provinces')).status).toBe(200);
      expect((await userRow('lwu.new-worker_1')).must_change_password).toBe(false);
      // and the temporary password is gone
      expect((await s.http().post('/api/v1/auth/login').send({ username: 'lwu.new-worker_1', password: temp })).status).toBe(401);
    });

    it('answers 409 USERNAME_TAKEN for a duplicate username, whatever its case', async () => {
      const res = await post(lwuAdmin, '/admin/users', { username: 'ATD.Caseworker', displayName: 'Copy', roles: ['CASEWORKER'] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
    });

    it('refuses to grant AGENCY_ADMIN or SYSTEM_ADMIN, with a 403 naming the role, audited once as DENIED', async () => {
      for (const role of ['AGENCY_ADMIN', 'SYSTEM_ADMIN']) {
        let res!: Awaited<ReturnType<typeof post>>;
        const audit = await audited(async () => {
          res = await post(lwuAdmin, '/admin/users', { username: `lwu.escalate.${role.toLowerCase()}`, displayName: 'Escalation', roles: ['CASEWORKER', role] });
        });
        expect(res.status).toBe(403);
        expect(res.body.message).toContain(role);
        expect(audit.map((a) => [a.action, a.outcome, a.reason])).toEqual([['USER_CREATED', 'DENIED', 'ROLE_NOT_ASSIGNABLE']]);
        expect((await s.admin.query(`SELECT 1 FROM app_user WHERE username = $1`, [`lwu.escalate.${role.toLowerCase()}`])).rowCount).toBe(0);
      }
      const lwuCaseworker = await userRow('lwu.caseworker');
      const res = await patch(lwuAdmin, `/admin/users/${lwuCaseworker.id}`, { version: lwuCaseworker.version, roles: ['AGENCY_ADMIN'] });
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('AGENCY_ADMIN');
      expect((await userRow('lwu.caseworker')).version).toBe(lwuCaseworker.version);
    });

    it('refuses agencyId from an agency administrator (400 naming it)', async () => {
      const res = await post(lwuAdmin, '/admin/users', { username: 'lwu.elsewhere', displayName: 'X', roles: ['CASEWORKER'], agencyId: await agencyId('MOPS_ATD') });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['agencyId']);
    });

    it('refuses bad input with 400 naming each field: unknown fields, a password, bad username, unknown province', async () => {
      const a = await post(lwuAdmin, '/admin/users', { username: 'lwu.x1', displayName: 'X', roles: ['CASEWORKER'], password: 'chosen-by-admin-123', isRoot: true });
      expect(a.status).toBe(400);
      expect(a.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['isRoot', 'password']);

      const b = await post(lwuAdmin, '/admin/users', { username: 'no spaces!', displayName: '', roles: ['KING'], provinces: ['1'], language: 'fr' });
      expect(b.status).toBe(400);
      expect(b.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['displayName', 'language', 'provinces', 'roles', 'username']);

      const c = await post(lwuAdmin, '/admin/users', { username: 'lwu.x2', displayName: 'X', roles: ['CASEWORKER'], provinces: ['99'] });
      expect(c.status).toBe(400);
      expect(c.body.details).toEqual([{ field: 'provinces', problems: [expect.stringContaining('99')] }]);

      const d = await post(lwuAdmin, '/admin/users', { username: 'lwu.x3', displayName: 'X', roles: ['INVESTIGATOR'] });
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
        const res: Awaited<ReturnType<typeof get>> = await get(lwuAdmin, `/admin/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        for (const u of res.body.items) {
          expect(u.agency.code).toBe('LWU');
          seen.push(u.username);
        }
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      const { rows } = await s.admin.query(`SELECT u.username FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE a.code = 'LWU' ORDER BY u.username`);
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

    it("answers a user of another agency exactly like a missing id, on every route, and changes nothing", async () => {
      const atd = await userRow('atd.caseworker');
      const missing = randomUUID();
      const pairs: [string, (id: string) => ReturnType<typeof get>][] = [
        ['get', (id) => get(lwuAdmin, `/admin/users/${id}`)],
        ['patch', (id) => patch(lwuAdmin, `/admin/users/${id}`, { version: atd.version, displayName: 'Taken over' })],
        ['disable', (id) => post(lwuAdmin, `/admin/users/${id}/disable`, { reason: 'not yours' })],
        ['enable', (id) => post(lwuAdmin, `/admin/users/${id}/enable`, { reason: 'not yours' })],
        ['reset', (id) => post(lwuAdmin, `/admin/users/${id}/reset`, { reason: 'not yours' })],
      ];
      for (const [name, call] of pairs) {
        const requestId = `scope-check-${name}-0001`;
        const theirs = await call(atd.id).set('X-Request-Id', requestId);
        const nobody = await call(missing).set('X-Request-Id', requestId);
        expect([name, theirs.status]).toEqual([name, 404]);
        expect(nobody.status).toBe(404);
        expect(theirs.text).toBe(nobody.text);
        expect(theirs.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not found', requestId });
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
        expect((await post(cw, '/admin/users', { username: 'lwu.cw.made', displayName: 'X', roles: ['CASEWORKER'] })).status).toBe(403);
        expect((await get(cw, '/admin/agencies')).status).toBe(403);
        expect((await get(lwuAdmin, '/admin/agencies')).status).toBe(403);
        expect((await post(lwuAdmin, '/admin/agencies', { code: 'NGO_SNEAKY', nameLo: 'x', nameEn: 'x', type: 'NGO', capabilities: [], serviceTypes: [], provinces: [] })).status).toBe(403);
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
      const rename = await patch(lwuAdmin, `/admin/users/${self.id}`, { version: self.version, roles: ['AGENCY_ADMIN', 'SUPERVISOR'] });
      expect(rename.status).toBe(409);
      expect(await userRow('lwu.admin')).toEqual(self);
    });
  });

  describe('changes that end sessions', () => {
    it("disabling a user fails their access token on the very next request and their refresh token; enabling lets them back", async () => {
      const victim = await s.login('lwu.supervisor');
      expect((await me(victim.accessToken)).status).toBe(200);
      const before = await userRow('lwu.supervisor');

      let res!: Awaited<ReturnType<typeof post>>;
      const audit = await audited(async () => {
        res = await post(lwuAdmin, `/admin/users/${victim.userId}/disable`, { reason: 'left the agency' });
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ username: 'lwu.supervisor', status: 'DISABLED', version: before.version + 1 });
      expect(audit.map((a) => [a.action, a.outcome, a.object_type, a.object_id, a.reason])).toEqual([['USER_DISABLED', 'ALLOWED', 'user', victim.userId, 'left the agency']]);
      expect(audit[0].details?.['fields']).toEqual(['status']);
      const after = await userRow('lwu.supervisor');
      expect(after.auth_version).toBe(before.auth_version + 1);
      const { rows } = await s.admin.query(`SELECT count(*)::int AS n FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL`, [victim.userId]);
      expect(rows[0].n).toBe(0);

      expect((await me(victim.accessToken)).status).toBe(401);
      expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: victim.refreshToken })).status).toBe(401);
      expect((await s.http().post('/api/v1/auth/login').send({ username: 'lwu.supervisor', password: DEMO_PASSWORD })).status).toBe(401);

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
      const renamed = await patch(lwuAdmin, `/admin/users/${target.userId}`, { version: v0.version, displayName: 'Lwu Caseworker (Vientiane)' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.version).toBe(v0.version + 1);
      expect((await userRow('lwu.caseworker')).auth_version).toBe(v0.auth_version);
      expect((await me(target.accessToken)).status).toBe(200);

      // the version it was based on is stale now
      const stale = await patch(lwuAdmin, `/admin/users/${target.userId}`, { version: v0.version, roles: ['SUPERVISOR'] });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      expect((await userRow('lwu.caseworker')).version).toBe(v0.version + 1);

      let res!: Awaited<ReturnType<typeof patch>>;
      const audit = await audited(async () => {
        res = await patch(lwuAdmin, `/admin/users/${target.userId}`, { version: renamed.body.version, roles: ['SUPERVISOR'], allProvinces: true });
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ roles: ['SUPERVISOR'], allProvinces: true, provinces: [], version: v0.version + 2 });
      expect(audit.map((a) => [a.action, a.outcome, a.object_id])).toEqual([['USER_UPDATED', 'ALLOWED', target.userId]]);
      expect(audit[0].details?.['fields']).toEqual(['roles', 'allProvinces', 'provinces']);
      expect((await userRow('lwu.caseworker')).auth_version).toBe(v0.auth_version + 1);
      expect((await me(target.accessToken)).status).toBe(401);

      // a fresh login carries the new role
      const fresh = await s.login('lwu.caseworker');
      const profile = await me(fresh.accessToken);
      expect(profile.body.roles).toEqual(['SUPERVISOR']);

      // unknown fields in a patch, and a missing version
      const bad = await patch(lwuAdmin, `/admin/users/${target.userId}`, { displayName: 'x', status: 'ACTIVE', username: 'root' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['status', 'username', 'version']);
    });

    it('a reset hands out a new one-time password, ends the sessions and is audited once without the password', async () => {
      const created = await post(lwuAdmin, '/admin/users', { username: 'lwu.reset.me', displayName: 'Reset Me', roles: ['CASEWORKER'], provinces: ['01'] });
      expect(created.status).toBe(201);
      temporaryPasswords.push(created.body.temporaryPassword);
      const first = await s.http().post('/api/v1/auth/login').send({ username: 'lwu.reset.me', password: created.body.temporaryPassword });
      const change = await post(first.body.accessToken, '/me/password', { currentPassword: created.body.temporaryPassword, newPassword: OWN_PASSWORD });
      expect(change.status).toBe(204);
      const session = await s.login('lwu.reset.me', OWN_PASSWORD);
      expect((await get(session.accessToken, '/reference/provinces')).status).toBe(200);

      let res!: Awaited<ReturnType<typeof post>>;
      const audit = await audited(async () => {
        res = await post(lwuAdmin, `/admin/users/${created.body.user.id}/reset`, { reason: 'forgot password' });
      });
      expect(res.status).toBe(200);
      const temp: string = res.body.temporaryPassword;
      temporaryPasswords.push(temp);
      expect(temp.length).toBeGreaterThanOrEqual(16);
      expect(temp).not.toBe(created.body.temporaryPassword);
      expect(res.body.user.username).toBe('lwu.reset.me');
      expect(audit.map((a) => [a.action, a.outcome, a.object_id, a.reason])).toEqual([['USER_PASSWORD_RESET', 'ALLOWED', created.body.user.id, 'forgot password']]);
      expect(JSON.stringify(audit)).not.toContain(temp);

      expect((await me(session.accessToken)).status).toBe(401);
      expect((await s.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
      expect((await s.http().post('/api/v1/auth/login').send({ username: 'lwu.reset.me', password: OWN_PASSWORD })).status).toBe(401);
      const next = await s.http().post('/api/v1/auth/login').send({ username: 'lwu.reset.me', password: temp });
      expect(next.status).toBe(200);
      expect((await me(next.body.accessToken)).status).toBe(200);
      expect((await get(next.body.accessToken, '/reference/provinces')).status).toBe(403);
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
      expect(createAudit.map((a) => [a.action, a.outcome, a.object_type, a.object_id])).toEqual([['AGENCY_CREATED', 'ALLOWED', 'agency', created.body.id]]);

      expect((await post(sysadmin, '/admin/agencies', body)).body.code).toBe('AGENCY_CODE_TAKEN');
      const badRefs = await post(sysadmin, '/admin/agencies', { ...body, code: 'NGO_OTHER', serviceTypes: ['TELEPORTATION'], provinces: ['42'] });
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
        updated = await patch(sysadmin, `/admin/agencies/${created.body.id}`, { version: 1, nameEn: 'Hagar International Laos', provinces: ['01', '05', '06'] });
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ nameEn: 'Hagar International Laos', provinces: ['01', '05', '06'], version: 2 });
      expect(updateAudit.map((a) => [a.action, a.object_id])).toEqual([['AGENCY_UPDATED', created.body.id]]);
      expect(updateAudit[0].details?.['fields']).toEqual(['nameEn', 'provinces']);

      const stale = await patch(sysadmin, `/admin/agencies/${created.body.id}`, { version: 1, nameEn: 'Lost update' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const renameCode = await patch(sysadmin, `/admin/agencies/${created.body.id}`, { version: 2, code: 'NGO_RENAMED' });
      expect(renameCode.status).toBe(400);
      expect(renameCode.body.details.map((d: { field: string }) => d.field)).toEqual(['code']);
      expect((await patch(sysadmin, `/admin/agencies/${randomUUID()}`, { version: 1, nameEn: 'x' })).status).toBe(404);

      // a user of the new agency, made its agency administrator by the system administrator
      const admin = await post(sysadmin, '/admin/users', { username: 'hagar.admin', displayName: 'Hagar Admin', roles: ['AGENCY_ADMIN'], agencyId: created.body.id });
      expect(admin.status).toBe(201);
      expect(admin.body.user.agency.code).toBe('NGO_HAGAR');
      temporaryPasswords.push(admin.body.temporaryPassword);

      // deactivating the agency refuses its users from their next request
      const hagarLogin = await s.http().post('/api/v1/auth/login').send({ username: 'hagar.admin', password: admin.body.temporaryPassword });
      expect((await me(hagarLogin.body.accessToken)).status).toBe(200);
      const off = await patch(sysadmin, `/admin/agencies/${created.body.id}`, { version: 2, active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await me(hagarLogin.body.accessToken)).status).toBe(401);
    });

    it('requires agencyId, keeps SYSTEM_ADMIN inside its own agency and admin roles apart from case work', async () => {
      const missing = await post(sysadmin, '/admin/users', { username: 'iom.nobody', displayName: 'X', roles: ['ANALYST'] });
      expect(missing.status).toBe(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['agencyId']);

      const outside = await post(sysadmin, '/admin/users', { username: 'lwu.sys', displayName: 'X', roles: ['SYSTEM_ADMIN'], agencyId: await agencyId('LWU') });
      expect(outside.status).toBe(400);
      expect(outside.body.details[0].field).toBe('roles');
      expect(outside.body.details[0].problems.join(' ')).toContain('SYSTEM_ADMIN');

      const mixed = await post(sysadmin, '/admin/users', { username: 'lwu.mixed', displayName: 'X', roles: ['AGENCY_ADMIN', 'CASEWORKER'], agencyId: await agencyId('LWU') });
      expect(mixed.status).toBe(400);
      expect(mixed.body.details[0].field).toBe('roles');

      const inside = await post(sysadmin, '/admin/users', { username: 'iom.sysadmin2', displayName: 'Second Sysadmin', roles: ['SYSTEM_ADMIN'], agencyId: await agencyId('IOM') });
      expect(inside.status).toBe(201);
      temporaryPasswords.push(inside.body.temporaryPassword);

      const self = await userRow('sysadmin');
      const selfDisable = await post(sysadmin, `/admin/users/${self.id}/disable`, { reason: 'oops' });
      expect(selfDisable.status).toBe(409);
      expect(selfDisable.body.code).toBe('CANNOT_CHANGE_SELF');
    });
  });

  it('never writes a temporary password anywhere in the audit trail', async () => {
    expect(temporaryPasswords.length).toBeGreaterThanOrEqual(4);
    for (const temp of temporaryPasswords) {
      const { rows } = await s.admin.query(`SELECT count(*)::int AS n FROM audit_event e WHERE strpos(e::text, $1) > 0`, [temp]);
      expect(rows[0].n).toBe(0);
    }
  });
});
