import { randomUUID } from 'node:crypto';
import { startStack, TestStack } from './harness';

/** The supervisors' audit view: their agency's users and cases only, filters by codes and usernames. */
describe('audit view (GET /audit)', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const get = (u: string, q: string) => s.http().get(`/api/v1/audit${q}`).set('Authorization', `Bearer ${tokens.get(u) ?? ''}`);

  beforeAll(async () => {
    s = await startStack();
    for (const u of ['atd.supervisor', 'atd.caseworker', 'lwu.supervisor', 'lwu.caseworker', 'lwu.admin']) tokens.set(u, (await s.login(u)).accessToken);
    // a denial by an LWU caseworker on a made-up case, and reads by ATD users
    await s.http().get(`/api/v1/cases/${randomUUID()}`).set('Authorization', `Bearer ${tokens.get('lwu.caseworker') ?? ''}`);
  });
  afterAll(async () => {
    await s.close();
  });

  it("shows a supervisor their own agency's events and not another agency's", async () => {
    const atd = await get('atd.supervisor', '?limit=100');
    expect(atd.status).toBe(200);
    const actors = new Set(atd.body.items.map((e: { actor: { username: string | null } }) => e.actor.username));
    expect(actors.has('atd.caseworker')).toBe(true);
    expect(actors.has('lwu.caseworker')).toBe(false);
    const lwu = await get('lwu.supervisor', '?actor=lwu.caseworker&limit=100');
    expect(lwu.body.items.length).toBeGreaterThan(0);
    expect(lwu.body.items.every((e: { actor: { username: string } }) => e.actor.username === 'lwu.caseworker')).toBe(true);
  });

  it('filters by action and outcome, pages by keyset, and refuses bad filters naming them', async () => {
    const first = await get('atd.supervisor', '?action=LOGIN_SUCCEEDED&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get('atd.supervisor', `?action=LOGIN_SUCCEEDED&limit=1&cursor=${first.body.nextCursor}`);
    expect(BigInt(second.body.items[0].seq)).toBeLessThan(BigInt(first.body.items[0].seq));
    const bad = await get('atd.supervisor', '?outcome=MAYBE&from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'outcome']);
  });

  it('is closed to caseworkers and administrators', async () => {
    expect((await get('atd.caseworker', '')).status).toBe(403);
    expect((await get('lwu.admin', '')).status).toBe(403);
  });
});
