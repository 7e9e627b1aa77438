import { INTERVIEW_CONSENT_QUESTIONS } from '@ctms/domain';
import { startStack, TestStack } from './harness';

/**
 * GET /users/assignable (docs/decisions/0006-assignable-users-route.md): the assignment pickers'
 * list. Only ACTIVE caseworkers, investigators and supervisors of the caller's own agency; the
 * province filter keeps those whose scope covers it; and everyone listed for a case's province is
 * someone POST /cases/:id/assign accepts.
 */
describe('users: the assignable list', () => {
  let s: TestStack;
  const tokens: Record<string, string> = {};
  const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who] ?? ''}` });
  const list = (who: string, query = '') => s.http().get(`/api/v1/users/assignable${query}`).set(bearer(who));
  const usernames = (body: { items: { username: string }[] }) => body.items.map((u) => u.username).sort();

  beforeAll(async () => {
    s = await startStack();
    for (const u of [
      'atd.supervisor',
      'atd.caseworker',
      'lwu.supervisor',
      'lwu.admin',
      'sysadmin',
      'analyst',
      'ospp.prosecutor',
    ])
      tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => {
    await s.close();
  });

  it("lists the active caseworker-type users of the caller's agency only, with nothing but id, name, username and roles", async () => {
    const res = await list('atd.supervisor');
    expect(res.status).toBe(200);
    expect(usernames(res.body)).toEqual(['atd.bokeo', 'atd.caseworker', 'atd.investigator', 'atd.supervisor']);
    for (const u of res.body.items) {
      expect(Object.keys(u).sort()).toEqual(['displayName', 'id', 'roles', 'username']);
      expect(u.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(u.displayName.length).toBeGreaterThan(0);
    }
    // another agency's supervisor sees its own staff, never the administrator
    const lwu = await list('lwu.supervisor');
    expect(lwu.status).toBe(200);
    expect(usernames(lwu.body)).toEqual(['lwu.caseworker', 'lwu.supervisor']);
  });

  it('keeps those whose province scope covers ?province=', async () => {
    const bokeo = await list('atd.supervisor', '?province=05');
    expect(bokeo.status).toBe(200);
    expect(usernames(bokeo.body)).toEqual(['atd.bokeo', 'atd.investigator', 'atd.supervisor']);
    const capital = await list('atd.supervisor', '?province=01');
    expect(usernames(capital.body)).toEqual(['atd.caseworker', 'atd.investigator', 'atd.supervisor']);
  });

  it('leaves out disabled users and users without a caseworker-type role', async () => {
    await s.admin.query(`UPDATE app_user SET status = 'DISABLED' WHERE username = 'atd.bokeo'`);
    await s.admin.query(`UPDATE app_user SET roles = '{ANALYST}' WHERE username = 'atd.investigator'`);
    try {
      const res = await list('atd.supervisor');
      expect(usernames(res.body)).toEqual(['atd.caseworker', 'atd.supervisor']);
    } finally {
      await s.admin.query(`UPDATE app_user SET status = 'ACTIVE' WHERE username = 'atd.bokeo'`);
      await s.admin.query(`UPDATE app_user SET roles = '{INVESTIGATOR}' WHERE username = 'atd.investigator'`);
    }
  });

  it('refuses callers without case:assign (403) and bad query parameters (400)', async () => {
    for (const who of ['atd.caseworker', 'lwu.admin', 'sysadmin', 'analyst', 'ospp.prosecutor']) {
      const res = await list(who);
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
    }
    expect((await s.http().get('/api/v1/users/assignable')).status).toBe(401);
    const badProvince = await list('atd.supervisor', '?province=99');
    expect(badProvince.status).toBe(400);
    expect(JSON.stringify(badProvince.body)).toContain('province');
    expect((await list('atd.supervisor', '?agencyId=00000000-0000-0000-0000-000000000000')).status).toBe(400);
  });

  it("everyone listed for a case's province is accepted by the assign route", async () => {
    const cw = await s.login('atd.caseworker');
    const send = async (token: string, path: string, body: object) => {
      const r = await s.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
      if (![200, 201].includes(r.status)) throw new Error(`POST ${path} answered ${r.status}: ${r.text}`);
      return r.body;
    };
    const draft = await send(cw.accessToken, '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: {
        ...Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES'])),
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
      },
      bioData: {
        givenNameLo: 'ທົດລອງ',
        latinNames: ['Assign Test'],
        dateOfBirth: '1991-01-01',
        dobPrecision: 'YEAR',
        sex: 'FEMININE',
      },
      // the minimum a supervisor can act on: one recruitment and one exploitation answer
      indicatorAnswers: [
        { code: 'DR01', answer: 'PRESENT' },
        { code: 'EX01', answer: 'PRESENT' },
      ],
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    const submitted = await send(cw.accessToken, `/screenings/${draft.id}/submit`, { version: draft.version });
    const approved = await send(tokens['atd.supervisor'] ?? '', `/screenings/${draft.id}/approve`, {
      version: submitted.version,
    });
    const listed = (await list('atd.supervisor', '?province=01')).body.items as { id: string; username: string }[];
    expect(listed.length).toBeGreaterThan(0);
    let version = (await s.http().get(`/api/v1/cases/${approved.caseId}`).set(bearer('atd.supervisor'))).body.version;
    for (const u of listed) {
      const c = await send(tokens['atd.supervisor'] ?? '', `/cases/${approved.caseId}/assign`, {
        version,
        userId: u.id,
      });
      expect(c.assignedTo.username).toBe(u.username);
      version = c.version;
    }
    // and the one left out for this province is refused by the route too
    const bokeo = (await list('atd.supervisor')).body.items.find(
      (u: { username: string }) => u.username === 'atd.bokeo',
    );
    const refused = await s
      .http()
      .post(`/api/v1/cases/${approved.caseId}/assign`)
      .set(bearer('atd.supervisor'))
      .send({ version, userId: bokeo.id });
    expect(refused.status).toBe(400);
  });
});
