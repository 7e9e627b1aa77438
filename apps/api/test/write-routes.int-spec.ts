import { randomUUID } from 'node:crypto';
import { hasPermission, isPermission, SEED_DEMO_USERS, seedUserSubject } from '@ctms/domain';
import { listRoutes } from '../src/platform/auth/route-audit';
import { startStack, TestStack } from './harness';

/**
 * Walks every registered write route (POST/PATCH/PUT) and sends it a body with an unknown field as a
 * user who holds the route's permission: each must answer 400 naming that field, and store nothing.
 * New routes are covered the moment they are registered.
 */
describe('every write route refuses bad input with a 400 naming the field', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });

  async function tokenFor(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known) return known;
    const t = (await s.login(username)).accessToken;
    tokens.set(username, t);
    return t;
  }

  it('covers every write route', async () => {
    const writes = listRoutes(s.app).filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method));
    expect(writes.length).toBeGreaterThan(5);
    const before = await s.admin.query(
      `SELECT (SELECT count(*) FROM app_user) AS users, (SELECT count(*) FROM agency) AS agencies`,
    );
    const results: { route: string; status: number; fields: string[] }[] = [];
    for (const r of writes) {
      const path = `/api/v1/${r.path}`
        .replace(/\/+/g, '/')
        .replace(/:[A-Za-z]+/g, randomUUID())
        .replace(/\/$/, '');
      let req;
      if (r.public) {
        req = s.http()[r.method.toLowerCase() as 'post' | 'patch' | 'put'](path);
      } else {
        const permission = r.permission;
        if (!isPermission(permission)) throw new Error(`${r.path} has no permission`);
        const user = SEED_DEMO_USERS.find((u) => hasPermission(seedUserSubject(u), permission));
        if (!user) throw new Error(`no demo account holds ${permission}`);
        req = s
          .http()
          [r.method.toLowerCase() as 'post' | 'patch' | 'put'](path)
          .set('Authorization', `Bearer ${await tokenFor(user.username)}`);
      }
      const res = await req.send({ surpriseField: 'x' });
      results.push({
        route: `${r.method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}`,
        status: res.status,
        fields: (res.body.details ?? []).map((d: { field: string }) => d.field),
      });
    }
    for (const r of results) {
      expect({ route: r.route, status: r.status, namesField: r.fields.includes('surpriseField') }).toEqual({
        route: r.route,
        status: 400,
        namesField: true,
      });
    }
    const after = await s.admin.query(
      `SELECT (SELECT count(*) FROM app_user) AS users, (SELECT count(*) FROM agency) AS agencies`,
    );
    expect(after.rows).toEqual(before.rows);
  });
});
