import { randomUUID } from 'node:crypto';
import { startStack, TestStack } from './harness';

/** The supervisors' audit view: their agency's users and cases only, filters by codes and usernames. */
describe('audit view (GET /audit)', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const get = (u: string, q: string) =>
    s
      .http()
      .get(`/api/v1/audit${q}`)
      .set('Authorization', `Bearer ${tokens.get(u) ?? ''}`);

  beforeAll(async () => {
    s = await startStack();
    for (const u of ['atd.supervisor', 'atd.caseworker', 'lwu.supervisor', 'lwu.caseworker', 'lwu.admin'])
      tokens.set(u, (await s.login(u)).accessToken);
    // a denial by an LWU caseworker on a made-up case, and reads by ATD users
    await s
      .http()
      .get(`/api/v1/cases/${randomUUID()}`)
      .set('Authorization', `Bearer ${tokens.get('lwu.caseworker') ?? ''}`);
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
    expect(lwu.body.items.every((e: { actor: { username: string } }) => e.actor.username === 'lwu.caseworker')).toBe(
      true,
    );
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

  it('reads as a supervisor would: the actor by name, the case number (and id to link) of a case and of its consent', async () => {
    const agency = async (code: string) =>
      (await s.admin.query(`SELECT id FROM agency WHERE code = $1`, [code])).rows[0].id as string;
    const atd = await agency('MOPS_ATD');
    const personId = randomUUID();
    const caseId = randomUUID();
    await s.admin.query(
      `INSERT INTO person (id, identity_enc, presumed_minor, created_by_agency_id) VALUES ($1, 'v1:test-not-plaintext', false, $2)`,
      [personId, atd],
    );
    await s.admin.query(
      `INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, flags, opened_at, assigned_to_id)
       VALUES ($1, 'VT-2026-A0001', $2, $3, '01', '{}', now(), (SELECT id FROM app_user WHERE username = 'atd.caseworker'))`,
      [caseId, personId, atd],
    );
    const auth = `Bearer ${tokens.get('atd.caseworker') ?? ''}`;
    expect((await s.http().get(`/api/v1/cases/${caseId}`).set('Authorization', auth)).status).toBe(200);
    const consent = await s
      .http()
      .post(`/api/v1/cases/${caseId}/consents`)
      .set('Authorization', auth)
      .send({
        type: 'REFERRAL_SHARING',
        agencyIds: [await agency('LWU')],
        purposes: ['REFERRAL_SHARING'],
        categories: ['CASE_SUMMARY'],
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        grantedAt: new Date(Date.now() - 60_000).toISOString(),
      });
    expect(consent.status).toBe(201);

    const read = await get('atd.supervisor', '?actor=atd.caseworker&limit=100');
    expect(read.status).toBe(200);
    const onCase = read.body.items.find(
      (e: { objectType: string; action: string }) => e.objectType === 'case' && e.action === 'CASE_READ',
    );
    expect(onCase).toMatchObject({
      actor: { username: 'atd.caseworker', displayName: 'ສົມພອນ ວົງສະຫວັນ', agencyCode: 'MOPS_ATD' },
      objectId: caseId,
      case: { id: caseId, caseNumber: 'VT-2026-A0001' },
    });
    const onConsent = read.body.items.find((e: { objectType: string }) => e.objectType === 'consent');
    expect(onConsent).toMatchObject({ objectId: consent.body.id, case: { id: caseId, caseNumber: 'VT-2026-A0001' } });
    // an object that belongs to no case (a login) has none
    const login = read.body.items.find((e: { action: string }) => e.action === 'LOGIN_SUCCEEDED');
    expect(login.case).toBeNull();
  });

  it('is closed to caseworkers and administrators', async () => {
    expect((await get('atd.caseworker', '')).status).toBe(403);
    expect((await get('lwu.admin', '')).status).toBe(403);
  });
});
