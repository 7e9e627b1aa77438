import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { todayInLaos } from '@ctms/domain';
import { VisitReminders } from '../src/sla/visit-reminders';
import { WorkerModule } from '../src/worker.module';
import { startStack, TestStack, withoutRequestId } from './harness';
import { buildWorld, dateDaysAgo, daysAgo, World } from './world';

/**
 * Follow-up visits and reintegration assessments (issue 15 item 2, decision 0032) on real PostgreSQL:
 * who writes (the lead's editors, agencies with an active referral, each changing only its own),
 * who reads (the lead all; a referral agency its own, and the others' when its packet carries
 * CONTACT_LOCATION for visits or HEALTH for assessments), everyone else the 404 of a missing case;
 * bad input is a 400 naming the field with nothing stored; ids of other cases in bodies are refused;
 * an overdue visit raises one reminder however often the scan runs, and none when a later visit exists.
 */
describe('follow-up visits and reintegration assessments', () => {
  let s: TestStack;
  let w: World;
  const tokens = new Map<string, string>();
  const EXTRA = ['molsw.caseworker', 'molsw.supervisor', 'doi.caseworker'];
  let caseId = '';

  const http = (method: 'get' | 'post' | 'patch', user: string, path: string, body?: object) => {
    const token = tokens.get(user) ?? w.tokens.get(user) ?? '';
    const req = s.http()[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
    return body ? req.send(body) : req;
  };
  const visit = (over: Record<string, unknown> = {}) => ({
    visitedOn: dateDaysAgo(2),
    provinceCode: '01',
    districtCode: '0101',
    kind: 'HOME_VISIT',
    withWhom: ['VICTIM', 'PARENT_GUARDIAN'],
    outcome: 'REACHED',
    outcomeNote: 'ນາງສະບາຍດີ, ໄປໂຮງຮຽນແລ້ວ',
    nextVisitDue: dateDaysAgo(-30),
    ...over,
  });
  const assessment = (over: Record<string, unknown> = {}) => ({
    assessedOn: dateDaysAgo(2),
    scores: { SAFETY: 2, PSYCHOSOCIAL: 2, INCOME: 1, HOUSING: 2, ACCEPTANCE: 3 },
    notes: 'ຄອບຄົວຍັງມີໜີ້ສິນ',
    ...over,
  });
  const count = async (table: string) =>
    Number((await s.admin.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    s = await startStack();
    w = await buildWorld(s);
    for (const u of EXTRA) tokens.set(u, (await s.login(u)).accessToken);
    caseId = w.caseId;
    const consent = (code: string, categories: string[]) =>
      http('post', 'atd.caseworker', `/cases/${caseId}/consents`, {
        type: 'REFERRAL_SHARING',
        agencyIds: [w.agency(code)],
        purposes: ['REFERRAL_SHARING'],
        categories,
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        grantedAt: daysAgo(1),
      }).expect(201);
    await consent('MOLSW', ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION', 'HEALTH']);
    await consent('NGO_DEMO', ['CASE_SUMMARY', 'HEALTH']);
    const refer = (code: string, categories: string[], service: string) =>
      http('post', 'atd.caseworker', `/cases/${caseId}/referrals`, {
        toAgencyId: w.agency(code),
        serviceTypes: [service],
        urgency: 'ROUTINE',
        reason: 'reintegration',
        categories,
      }).expect(201);
    const molsw = (await refer('MOLSW', ['IDENTITY', 'CONTACT_LOCATION', 'HEALTH'], 'FAMILY_TRACING')).body;
    await http('post', 'molsw.caseworker', `/referrals/${molsw.id}/accept`, { version: molsw.version }).expect(200);
    // the NGO's referral stays PENDING: a preview with HEALTH, and no follow-up
    await refer('NGO_DEMO', ['HEALTH'], 'PSYCHOSOCIAL');
  }, 120_000);
  afterAll(async () => {
    await s.close();
  });

  const ids: Record<string, string> = {};

  it('the lead editor and an agency with an active referral record visits; each edits only its own', async () => {
    const lead = await http('post', 'atd.caseworker', `/cases/${caseId}/visits`, visit()).expect(201);
    expect(lead.body).toMatchObject({
      caseId,
      provinceCode: '01',
      districtCode: '0101',
      kind: 'HOME_VISIT',
      withWhom: ['VICTIM', 'PARENT_GUARDIAN'],
      outcome: 'REACHED',
      outcomeNote: 'ນາງສະບາຍດີ, ໄປໂຮງຮຽນແລ້ວ',
      overdue: false,
      agency: { code: 'MOPS_ATD' },
      recordedBy: { username: 'atd.caseworker' },
      version: 1,
      allowedActions: ['EDIT'],
    });
    ids['atdVisit'] = lead.body.id;
    const molsw = await http('post', 'molsw.caseworker', `/cases/${caseId}/visits`, visit({ kind: 'PHONE' })).expect(
      201,
    );
    ids['molswVisit'] = molsw.body.id;
    const lwu = await http('post', 'lwu.caseworker', `/cases/${caseId}/visits`, visit({ kind: 'OFFICE' })).expect(201);
    ids['lwuVisit'] = lwu.body.id;

    // the place and the note are encrypted at rest, the codes plain
    const stored = JSON.stringify((await s.admin.query(`SELECT * FROM follow_up_visit`)).rows);
    expect(stored).not.toContain('ໂຮງຮຽນ');
    expect(stored).not.toContain('"0101"');
    expect(stored).toContain('HOME_VISIT');

    // each agency changes its own record, not another's
    const changed = await http('patch', 'molsw.caseworker', `/cases/${caseId}/visits/${ids['molswVisit']}`, {
      ...visit({ kind: 'HOME_VISIT', outcome: 'CONCERN_RAISED' }),
      version: 1,
    }).expect(200);
    expect(changed.body).toMatchObject({ outcome: 'CONCERN_RAISED', version: 2 });
    const notOwn = await http('patch', 'molsw.caseworker', `/cases/${caseId}/visits/${ids['atdVisit']}`, {
      ...visit(),
      version: 1,
    });
    expect([notOwn.status, notOwn.body.code]).toEqual([409, 'NOT_OWN_RECORD']);
    const leadOnTheirs = await http('patch', 'atd.supervisor', `/cases/${caseId}/visits/${ids['molswVisit']}`, {
      ...visit(),
      version: 2,
    });
    expect([leadOnTheirs.status, leadOnTheirs.body.code]).toEqual([409, 'NOT_OWN_RECORD']);
    const stale = await http('patch', 'atd.caseworker', `/cases/${caseId}/visits/${ids['atdVisit']}`, {
      ...visit(),
      version: 7,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
    // a caseworker of the lead who is not assigned reads but does not write
    const investigator = await http('post', 'atd.investigator', `/cases/${caseId}/visits`, visit());
    expect([investigator.status, investigator.body.code]).toEqual([409, 'NOT_CASE_EDITOR']);

    // on the timeline (codes only) and in the audit
    const events = (
      await s.admin.query(
        `SELECT kind, details FROM case_event WHERE case_id = $1 AND kind LIKE 'VISIT_%' ORDER BY id`,
        [caseId],
      )
    ).rows;
    expect(events.map((e) => e.kind)).toEqual(['VISIT_RECORDED', 'VISIT_RECORDED', 'VISIT_RECORDED', 'VISIT_UPDATED']);
    expect(JSON.stringify(events)).not.toContain('ໂຮງຮຽນ');
    const audit = (
      await s.admin.query(
        `SELECT action, outcome FROM audit_event WHERE object_type = 'follow_up_visit' AND object_id = $1 ORDER BY seq`,
        [ids['molswVisit']],
      )
    ).rows;
    expect(audit).toEqual([
      { action: 'VISIT_RECORDED', outcome: 'ALLOWED' },
      { action: 'VISIT_UPDATED', outcome: 'ALLOWED' },
    ]);
  });

  it('reads follow the relation: the lead all, a referral agency its own and the others by its categories', async () => {
    const agencies = async (user: string) => {
      const res = await http('get', user, `/cases/${caseId}/visits`).expect(200);
      return {
        codes: (res.body.items as { agency: { code: string } }[]).map((i) => i.agency.code).sort(),
        actions: res.body.allowedActions,
        items: res.body.items as { id: string; allowedActions: string[] }[],
      };
    };
    const lead = await agencies('atd.caseworker');
    expect(lead.codes).toEqual(['LWU', 'MOLSW', 'MOPS_ATD']);
    expect(lead.actions).toEqual(['RECORD']);
    expect(lead.items.find((i) => i.id === ids['molswVisit'])?.allowedActions).toEqual([]);
    // a caseworker of the lead agency in scope reads, and may not record
    const reader = await agencies('atd.investigator');
    expect([reader.codes.length, reader.actions]).toEqual([3, []]);
    // MoLSW's packet carries CONTACT_LOCATION: every visit
    expect((await agencies('molsw.caseworker')).codes).toEqual(['LWU', 'MOLSW', 'MOPS_ATD']);
    // LWU's packet does not: its own only
    const lwu = await agencies('lwu.caseworker');
    expect([lwu.codes, lwu.actions]).toEqual([['LWU'], ['RECORD']]);
  });

  it('a pending referral, an unrelated agency, the prosecutor, admins and the analyst get the 404 of a missing case', async () => {
    const paths = ['visits', 'assessments', 'assessments/trend'];
    // (a role without the route's permission gets the same 404 on a route with a record id: the guard's rule)
    for (const user of ['ngo.caseworker', 'doi.caseworker', 'ospp.prosecutor', 'sysadmin', 'analyst', 'lwu.admin']) {
      for (const p of paths) {
        const real = await http('get', user, `/cases/${caseId}/${p}`);
        const missing = await http('get', user, `/cases/${randomUUID()}/${p}`);
        expect([user, p, real.status]).toEqual([user, p, 404]);
        expect(withoutRequestId(real.text)).toBe(withoutRequestId(missing.text));
      }
      const before = await count('follow_up_visit');
      const post = await http('post', user, `/cases/${caseId}/visits`, visit());
      const patch = await http('patch', user, `/cases/${caseId}/visits/${ids['atdVisit']}`, { ...visit(), version: 1 });
      const assess = await http('post', user, `/cases/${caseId}/assessments`, assessment());
      expect([user, post.status, patch.status, assess.status]).toEqual([user, 404, 404, 404]);
      expect(await count('follow_up_visit')).toBe(before);
    }
  });

  it('bad input is a 400 naming the field, and nothing is stored', async () => {
    const visits = await count('follow_up_visit');
    const assessments = await count('reintegration_assessment');
    const field = async (user: string, path: string, body: object) => {
      const res = await http('post', user, path, body);
      expect(res.status).toBe(400);
      return (res.body.details as { field: string }[]).map((d) => d.field);
    };
    const vp = `/cases/${caseId}/visits`;
    const ap = `/cases/${caseId}/assessments`;
    // a district of Bokeo in Vientiane Capital
    expect(await field('atd.caseworker', vp, visit({ districtCode: '0501' }))).toEqual(['districtCode']);
    expect(await field('atd.caseworker', vp, visit({ districtCode: '9999' }))).toEqual(['districtCode']);
    expect(await field('atd.caseworker', vp, visit({ provinceCode: '99' }))).toEqual(['provinceCode']);
    expect(await field('molsw.caseworker', vp, visit({ visitedOn: dateDaysAgo(-3) }))).toEqual(['visitedOn']);
    expect(await field('atd.caseworker', vp, visit({ nextVisitDue: dateDaysAgo(5) }))).toEqual(['nextVisitDue']);
    expect(await field('atd.caseworker', vp, visit({ withWhom: [] }))).toEqual(['withWhom']);
    expect(await field('atd.caseworker', vp, visit({ kind: 'CARRIER_PIGEON' }))).toEqual(['kind']);
    expect(await field('molsw.caseworker', ap, assessment({ scores: { SAFETY: 5 } }))).toEqual(['scores.SAFETY']);
    expect(await field('molsw.caseworker', ap, assessment({ scores: { SAFETY: 0, INCOME: 2.5 } }))).toEqual([
      'scores.SAFETY',
      'scores.INCOME',
    ]);
    expect(await field('molsw.caseworker', ap, assessment({ scores: { LUCK: 3 } }))).toEqual(['scores.LUCK']);
    expect(await field('molsw.caseworker', ap, assessment({ scores: {} }))).toEqual(['scores']);
    expect(await field('molsw.caseworker', ap, assessment({ assessedOn: dateDaysAgo(-2) }))).toEqual(['assessedOn']);
    // and on a change
    const res = await http('patch', 'atd.caseworker', `${vp}/${ids['atdVisit']}`, {
      ...visit({ districtCode: '0501' }),
      version: 1,
    });
    expect([res.status, res.body.details[0].field]).toEqual([400, 'districtCode']);
    expect([await count('follow_up_visit'), await count('reintegration_assessment')]).toEqual([visits, assessments]);
    const row = (await s.admin.query(`SELECT version FROM follow_up_visit WHERE id = $1`, [ids['atdVisit']])).rows[0];
    expect(row.version).toBe(1);
  });

  it("an assessment names a visit of its own case only: another case's visit, or one the caller does not see, is refused", async () => {
    // the other case is assigned to the investigator
    const other = await http('post', 'atd.investigator', `/cases/${w.otherCaseId}/visits`, visit()).expect(201);
    const before = await count('reintegration_assessment');
    for (const [user, visitId] of [
      ['atd.caseworker', other.body.id],
      ['molsw.caseworker', other.body.id],
      // LWU does not see ATD's visit (no CONTACT_LOCATION in its packet)
      ['lwu.caseworker', ids['atdVisit']],
      ['atd.caseworker', randomUUID()],
    ]) {
      const res = await http('post', user, `/cases/${caseId}/assessments`, assessment({ visitId }));
      expect([user, res.status, res.body.details?.[0]?.field]).toEqual([user, 400, 'visitId']);
    }
    expect(await count('reintegration_assessment')).toBe(before);
    const ok = await http('post', 'lwu.caseworker', `/cases/${caseId}/assessments`, {
      ...assessment({ visitId: ids['lwuVisit'] }),
    }).expect(201);
    expect(ok.body.visitId).toBe(ids['lwuVisit']);
    ids['lwuAssessment'] = ok.body.id;
  });

  it('assessments: scores and notes encrypted, level scores computed, and the trend per level over time', async () => {
    const first = await http(
      'post',
      'molsw.caseworker',
      `/cases/${caseId}/assessments`,
      assessment({ assessedOn: dateDaysAgo(40), visitId: ids['molswVisit'] }),
    ).expect(201);
    expect(first.body).toMatchObject({
      levels: { INDIVIDUAL: 2, HOUSEHOLD: 1.5, COMMUNITY: 3 },
      notes: 'ຄອບຄົວຍັງມີໜີ້ສິນ',
      agency: { code: 'MOLSW' },
      allowedActions: ['EDIT'],
    });
    await http(
      'post',
      'molsw.caseworker',
      `/cases/${caseId}/assessments`,
      assessment({
        assessedOn: dateDaysAgo(3),
        scores: { SAFETY: 3, PSYCHOSOCIAL: 4, INCOME: 2, HOUSING: 2, ACCEPTANCE: 2 },
      }),
    ).expect(201);
    const stored = JSON.stringify((await s.admin.query(`SELECT * FROM reintegration_assessment`)).rows);
    expect(stored).not.toContain('ໜີ້ສິນ');
    expect(stored).not.toContain('SAFETY');

    const trend = await http('get', 'atd.caseworker', `/cases/${caseId}/assessments/trend`).expect(200);
    const molsw = (trend.body.points as { agencyCode: string; levels: Record<string, unknown> }[]).filter(
      (p) => p.agencyCode === 'MOLSW',
    );
    expect(trend.body.levels).toEqual(['INDIVIDUAL', 'HOUSEHOLD', 'COMMUNITY']);
    expect(trend.body.points).toHaveLength(3);
    expect(molsw[0]?.levels['INDIVIDUAL']).toEqual({ score: 2, change: null, direction: null });
    expect(molsw[1]?.levels).toEqual({
      INDIVIDUAL: { score: 3.5, change: 1.5, direction: 'UP' },
      HOUSEHOLD: { score: 2, change: 0.5, direction: 'UP' },
      COMMUNITY: { score: 2, change: -1, direction: 'DOWN' },
    });
    // LWU sees its own assessment only (no HEALTH in its packet); MoLSW all three
    const lwu = await http('get', 'lwu.caseworker', `/cases/${caseId}/assessments/trend`).expect(200);
    expect(lwu.body.points.map((p: { assessmentId: string }) => p.assessmentId)).toEqual([ids['lwuAssessment']]);
    const mine = await http('get', 'molsw.caseworker', `/cases/${caseId}/assessments`).expect(200);
    expect(mine.body.items).toHaveLength(3);
    const notMine = mine.body.items.find((i: { id: string }) => i.id === ids['lwuAssessment']);
    expect(notMine.allowedActions).toEqual([]);
    const refused = await http('patch', 'molsw.caseworker', `/cases/${caseId}/assessments/${ids['lwuAssessment']}`, {
      ...assessment(),
      version: 1,
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'NOT_OWN_RECORD']);
    const changed = await http('patch', 'molsw.caseworker', `/cases/${caseId}/assessments/${first.body.id}`, {
      ...assessment({ assessedOn: dateDaysAgo(40), scores: { SAFETY: 1 } }),
      version: 1,
    }).expect(200);
    expect(changed.body).toMatchObject({ version: 2, levels: { INDIVIDUAL: 1, HOUSEHOLD: null, COMMUNITY: null } });
  });

  it('an overdue visit raises one reminder to its recorder however often the scan runs, and none when a later visit exists', async () => {
    // MoLSW: due 3 days ago and nothing since → overdue
    const overdue = (
      await http(
        'post',
        'molsw.caseworker',
        `/cases/${w.otherCaseId}/visits`,
        visit({ visitedOn: dateDaysAgo(20), nextVisitDue: dateDaysAgo(3) }),
      )
    ).status;
    // MoLSW has no relation to the other case: the 404
    expect(overdue).toBe(404);
    const late = await http(
      'post',
      'molsw.caseworker',
      `/cases/${caseId}/visits`,
      visit({ visitedOn: dateDaysAgo(60), nextVisitDue: dateDaysAgo(3) }),
    ).expect(201);
    expect(late.body.overdue).toBe(false); // a later MoLSW visit (two days ago) exists already
    // the investigator's visit on the other case: due 5 days ago, no later visit by ATD there
    const due = await http(
      'post',
      'atd.investigator',
      `/cases/${w.otherCaseId}/visits`,
      visit({ visitedOn: dateDaysAgo(30), nextVisitDue: dateDaysAgo(5) }),
    ).expect(201);
    // ATD's visit on the other case two days ago is later than this one: so this one is not overdue
    expect(due.body.overdue).toBe(false);
    // LWU's newest visit on the first case, due today: not overdue yet
    const lwuLate = await http(
      'post',
      'lwu.caseworker',
      `/cases/${caseId}/visits`,
      visit({ visitedOn: dateDaysAgo(1), nextVisitDue: todayInLaos() }),
    ).expect(201);
    expect(lwuLate.body.overdue).toBe(false); // due today is not overdue yet
    // a day passes for it (its visit moves to the day of LWU's first one, recorded before it: still the later one)
    await s.admin.query(
      `UPDATE follow_up_visit SET next_visit_due = next_visit_due - 1, visited_on = visited_on - 1 WHERE id = $1`,
      [lwuLate.body.id],
    );
    const list = await http('get', 'lwu.caseworker', `/cases/${caseId}/visits`).expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === lwuLate.body.id).overdue).toBe(true);
    // the recorder has it in "my day", overdue (decision 0036); another agency does not
    const visitsDue = async (u: string) =>
      (
        (await http('get', u, '/me/work').expect(200)).body.items as {
          kind: string;
          recordId: string;
          overdue: boolean;
        }[]
      ).filter((i) => i.kind === 'VISIT_DUE');
    expect(await visitsDue('lwu.caseworker')).toContainEqual(
      expect.objectContaining({ recordId: lwuLate.body.id, overdue: true }),
    );
    expect((await visitsDue('molsw.caseworker')).map((i) => i.recordId)).not.toContain(lwuLate.body.id);
    // and the case is among the lead's overdue cases
    const overdueCases = await http('get', 'atd.supervisor', '/cases?overdue=true&limit=100').expect(200);
    expect(overdueCases.body.items.map((c: { id: string }) => c.id)).toContain(caseId);

    let worker: INestApplicationContext | null = null;
    try {
      worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
      await worker.init();
      const reminders = worker.get(VisitReminders);
      await Promise.all([reminders.scan(), reminders.scan()]);
      await reminders.scan();
      const raised = (await s.admin.query(`SELECT visit_id FROM follow_up_reminder ORDER BY visit_id`)).rows.map(
        (r) => r.visit_id,
      );
      expect(raised).toEqual([lwuLate.body.id]);
      const outbox = (await s.admin.query(`SELECT payload FROM outbox WHERE kind = 'visit.overdue'`)).rows;
      expect(outbox.map((r) => r.payload)).toEqual([{ visitId: lwuLate.body.id }]);
      // the recorder is told, once, pointing at the case
      const deadline = Date.now() + 60_000;
      const told = async () =>
        (
          await s.admin.query(
            `SELECT u.username, n.object_type, n.object_id FROM notification n JOIN app_user u ON u.id = n.recipient_user_id WHERE n.kind = 'visit.overdue'`,
          )
        ).rows;
      while (Date.now() < deadline && (await told()).length === 0) await new Promise((r) => setTimeout(r, 250));
      expect(await told()).toEqual([{ username: 'lwu.caseworker', object_type: 'case', object_id: caseId }]);
      // a later visit by LWU: nothing new is raised, and the visit is no longer overdue
      await http('post', 'lwu.caseworker', `/cases/${caseId}/visits`, visit({ visitedOn: dateDaysAgo(1) })).expect(201);
      await reminders.scan();
      expect(await count('follow_up_reminder')).toBe(1);
      const after = await http('get', 'lwu.caseworker', `/cases/${caseId}/visits`).expect(200);
      expect(after.body.items.find((i: { id: string }) => i.id === lwuLate.body.id).overdue).toBe(false);
    } finally {
      await worker?.close();
    }
  }, 120_000);
});
