import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PersonWriter } from '../src/persons/person-writer';
import { requestContextOf, startStack, startWorker, TestStack, withoutRequestId } from './harness';

/**
 * Caseload for supervisors, bulk reassignment and "my day" (issue 15 items 5 and 6,
 * docs/decisions/0034-caseload-and-reassignment.md), on the real PostgreSQL and Redis: counts per
 * worker, the drill-down, all-or-nothing reassignment (another agency's, another province's and a
 * RESTRICTED case in the set), one audit row and timeline event per case, one notification per new
 * assignee, a concurrent burst over overlapping sets, a disabled worker's cases unassigned at once,
 * and each caller's day holding only their own items from records they may open.
 *
 * atd.supervisor's scope is narrowed to province 01 before anyone signs in, so a case in 05 is
 * "another province" for them.
 */
describe('caseload, bulk reassignment and my day', () => {
  let s: TestStack;
  let worker: INestApplicationContext | null = null;
  const tokens: Record<string, string> = {};
  const users: Record<string, string> = {};
  const agencies: Record<string, string> = {};
  const cases: Record<string, string> = {};
  const USERS = [
    'atd.caseworker',
    'atd.bokeo',
    'atd.supervisor',
    'atd.investigator',
    'lwu.caseworker',
    'lwu.supervisor',
    'lwu.admin',
    'sysadmin',
    'analyst',
  ];
  let personId = '';

  const bearer = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });
  const get = (u: string, path: string) => s.http().get(`/api/v1${path}`).set(bearer(u));
  const post = (u: string, path: string, body: object) => s.http().post(`/api/v1${path}`).set(bearer(u)).send(body);
  const reassign = (u: string, keys: string[], assignee: string, reason = 'worker on leave until March') =>
    post(u, '/caseload/reassign', { caseIds: keys.map((k) => cases[k]), assigneeId: users[assignee], reason });
  const fieldsOf = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);
  const assigneeOf = async (key: string): Promise<string | null> =>
    (await s.admin.query(`SELECT assigned_to_id FROM case_record WHERE id = $1`, [cases[key]])).rows[0].assigned_to_id;
  const snapshot = async () =>
    (await s.admin.query(`SELECT id, assigned_to_id, version FROM case_record ORDER BY id`)).rows;
  const count = async (q: string, params: unknown[] = []): Promise<number> =>
    (await s.admin.query(q, params)).rows[0].n;

  let seq = 0;
  async function openCase(
    key: string,
    o: { agency?: string; province?: string; assignee?: string | null; status?: string; flags?: string[] },
  ): Promise<void> {
    const id = randomUUID();
    await s.admin.query(
      `INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, status, identification_status, flags, assigned_to_id, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'POSSIBLE_VICTIM', $7, $8, now())`,
      [
        id,
        `CL-2026-${String(++seq).padStart(5, '0')}`,
        personId,
        agencies[o.agency ?? 'MOPS_ATD'],
        o.province ?? '01',
        o.status ?? 'OPEN',
        o.flags ?? [],
        o.assignee ? users[o.assignee] : null,
      ],
    );
    cases[key] = id;
  }

  beforeAll(async () => {
    s = await startStack();
    await s.admin.query(
      `UPDATE app_user SET all_provinces = false, provinces = '{01}' WHERE username = 'atd.supervisor'`,
    );
    for (const u of USERS) {
      const t = await s.login(u);
      tokens[u] = t.accessToken;
      users[u] = t.userId;
    }
    for (const r of (await s.admin.query(`SELECT id, code FROM agency`)).rows) agencies[r.code] = r.id;
    const ctx = await requestContextOf(s.admin, 'atd.caseworker');
    await s.app.get(DataSource).transaction(async (m) => {
      personId = await s.app
        .get(PersonWriter)
        .create(m, ctx, { givenNameLo: 'ຄຳ', familyNameLo: 'ສີວົງ', sex: 'FEMALE', dobPrecision: 'UNKNOWN' });
    });
    // atd.caseworker carries four open cases and a closed one; one more nobody carries
    for (const k of ['a1', 'a2', 'a3', 'a4']) await openCase(k, { assignee: 'atd.caseworker' });
    await openCase('closed', { assignee: 'atd.caseworker', status: 'CLOSED' });
    await openCase('free', {});
    // another province (outside atd.supervisor's scope), another agency, a RESTRICTED case named to atd.caseworker only
    await openCase('bokeo', { province: '05', assignee: 'atd.bokeo' });
    await openCase('lwu', { agency: 'LWU', assignee: 'lwu.caseworker' });
    await openCase('secret', { assignee: 'atd.caseworker', flags: ['RESTRICTED'] });
    await s.admin.query(
      `INSERT INTO case_restriction_member (case_id, user_id, added_by_id, added_at) VALUES ($1, $2, $2, now())`,
      [cases['secret'], users['atd.caseworker']],
    );
    // screening drafts: two of atd.caseworker's, one of atd.supervisor's
    for (const u of ['atd.caseworker', 'atd.caseworker', 'atd.supervisor'])
      await s.admin.query(
        `INSERT INTO screening (id, agency_id, interviewer_id, status, province_code) VALUES ($1, $2, $3, 'DRAFT', '01')`,
        [randomUUID(), agencies['MOPS_ATD'], users[u]],
      );
    // a referral of an ATD case to LWU, its acknowledgement overdue; and one LWU accepted, due in three days
    for (const [status, due, assignee] of [
      ['PENDING', `now() - interval '1 hour'`, null],
      ['ACCEPTED', `now() + interval '3 days'`, users['lwu.caseworker']],
    ] as const)
      await s.admin.query(
        `INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, urgency, categories, status, acknowledge_by, services_due_by, assigned_to_id)
         VALUES ($1, $2, $3, $4, $5, 'ROUTINE', '{CASE_SUMMARY}', $6, ${due}, ${due}, $7)`,
        [randomUUID(), cases['a4'], agencies['MOPS_ATD'], users['atd.caseworker'], agencies['LWU'], status, assignee],
      );
  });

  afterAll(async () => {
    await worker?.close();
    await s?.close();
  });

  it('counts per worker: open cases in the supervisor’s scope, their items, and what nobody carries', async () => {
    const res = await get('atd.supervisor', '/caseload');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      (res.body.workers as { user: { username: string }; activeCases: number; openItems: number }[]).map((w) => [
        w.user.username,
        w,
      ]),
    );
    // atd.bokeo's scope (05) does not meet the supervisor's (01)
    expect(Object.keys(byName).sort()).toEqual(['atd.caseworker', 'atd.investigator', 'atd.supervisor']);
    // four open cases; neither the closed one, nor the RESTRICTED one the supervisor is not named on
    expect(byName['atd.caseworker']).toMatchObject({ activeCases: 4, openItems: 2, overdueItems: 0 });
    expect(byName['atd.supervisor']).toMatchObject({ activeCases: 0, openItems: 1 });
    expect(res.body.unassigned).toEqual({ activeCases: 1, openItems: 0, overdueItems: 0 });

    const lwu = await get('lwu.supervisor', '/caseload');
    expect(lwu.status).toBe(200);
    const lwuWorker = (lwu.body.workers as { user: { username: string }; openItems: number }[]).find(
      (w) => w.user.username === 'lwu.caseworker',
    );
    // the accepted referral is lwu.caseworker's; the pending one (overdue) is the agency's to pick up
    expect(lwuWorker).toMatchObject({ activeCases: 1, openItems: 1, overdueItems: 0 });
    expect(lwu.body.unassigned).toMatchObject({ openItems: 1, overdueItems: 1 });
  });

  it('drills down to one worker’s open cases or to the unassigned ones, with the case list’s statement', async () => {
    const mine = await get('atd.supervisor', `/caseload/cases?assignee=${users['atd.caseworker']}&limit=2`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    const next = await get(
      'atd.supervisor',
      `/caseload/cases?assignee=${users['atd.caseworker']}&limit=2&cursor=${mine.body.nextCursor}`,
    );
    const ids = [...mine.body.items, ...next.body.items].map((i: { id: string }) => i.id).sort();
    expect(ids).toEqual(['a1', 'a2', 'a3', 'a4'].map((k) => cases[k]).sort());
    const free = await get('atd.supervisor', '/caseload/cases?unassigned=true');
    expect(free.body.items.map((i: { id: string }) => i.id)).toEqual([cases['free']]);

    const foreign = await get('atd.supervisor', `/caseload/cases?assignee=${users['lwu.caseworker']}`);
    expect(foreign.status).toBe(400);
    expect(fieldsOf(foreign.body)).toEqual(['assignee']);
    const missing = await get('atd.supervisor', `/caseload/cases?assignee=${randomUUID()}`);
    expect(withoutRequestId(missing.text)).toBe(withoutRequestId(foreign.text));
    expect((await get('atd.supervisor', '/caseload/cases')).status).toBe(400);
  });

  it('caseworkers, administrators and analysts cannot see the caseload or reassign', async () => {
    for (const u of ['atd.caseworker', 'lwu.caseworker', 'lwu.admin', 'sysadmin', 'analyst']) {
      expect([u, (await get(u, '/caseload')).status]).toEqual([u, 403]);
      expect([u, (await get(u, `/caseload/cases?unassigned=true`)).status]).toEqual([u, 403]);
      expect([u, (await reassign(u, ['a1'], 'atd.investigator')).status]).toEqual([u, 403]);
    }
    for (const u of ['lwu.admin', 'sysadmin', 'analyst'])
      expect([u, (await get(u, '/me/work')).status]).toEqual([u, 403]);
  });

  it('all or nothing: another agency’s, another province’s, a RESTRICTED or a missing case is the standard 404, nothing changes', async () => {
    const before = await snapshot();
    const missing = await post('atd.supervisor', '/caseload/reassign', {
      caseIds: [cases['a1'], randomUUID()],
      assigneeId: users['atd.investigator'],
      reason: 'on leave',
    });
    expect(missing.status).toBe(404);
    for (const other of ['lwu', 'bokeo', 'secret']) {
      const res = await reassign('atd.supervisor', ['a1', 'a2', other], 'atd.investigator');
      expect([other, res.status]).toEqual([other, 404]);
      expect(withoutRequestId(res.text)).toBe(withoutRequestId(missing.text));
    }
    const closed = await reassign('atd.supervisor', ['a1', 'closed'], 'atd.investigator');
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    // the assignee must be an active worker of the lead agency whose scope covers every case
    const foreign = await reassign('atd.supervisor', ['a1'], 'lwu.caseworker');
    expect(foreign.status).toBe(400);
    expect(fieldsOf(foreign.body)).toEqual(['assigneeId']);
    const outOfScope = await reassign('atd.supervisor', ['a1'], 'atd.bokeo');
    expect(outOfScope.status).toBe(400);
    expect(fieldsOf(outOfScope.body)).toEqual(['assigneeId']);
    // bad input names the field
    const noReason = await post('atd.supervisor', '/caseload/reassign', {
      caseIds: [cases['a1']],
      assigneeId: users['atd.investigator'],
      reason: '',
    });
    expect(fieldsOf(noReason.body)).toContain('reason');
    const twice = await post('atd.supervisor', '/caseload/reassign', {
      caseIds: [cases['a1'], cases['a1']],
      assigneeId: users['atd.investigator'],
      reason: 'twice',
    });
    expect(fieldsOf(twice.body)).toContain('caseIds');
    const tooMany = await post('atd.supervisor', '/caseload/reassign', {
      caseIds: Array.from({ length: 101 }, () => randomUUID()),
      assigneeId: users['atd.investigator'],
      reason: 'too many',
    });
    expect(fieldsOf(tooMany.body)).toContain('caseIds');
    expect(await snapshot()).toEqual(before);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'case.assigned'`)).toBe(0);
  });

  it('moves the cases: one audit row (reason encrypted) and one timeline event per case, one notification for the assignee', async () => {
    worker = await startWorker();
    const reason = 'ລາພັກເກີດລູກ maternity leave';
    const res = await reassign('atd.supervisor', ['a1', 'a2', 'a3'], 'atd.investigator', reason);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ assigneeId: users['atd.investigator'], reassigned: 3, unchanged: 0 });
    for (const k of ['a1', 'a2', 'a3']) expect(await assigneeOf(k)).toBe(users['atd.investigator']);
    expect(await assigneeOf('a4')).toBe(users['atd.caseworker']);

    const audits = (
      await s.admin.query(
        `SELECT object_id, reason, reason_enc, details FROM audit_event WHERE action = 'CASE_ASSIGNED' AND outcome = 'ALLOWED' ORDER BY object_id`,
      )
    ).rows;
    expect(audits.map((a: { object_id: string }) => a.object_id)).toEqual(
      ['a1', 'a2', 'a3'].map((k) => cases[k]).sort(),
    );
    for (const a of audits) {
      expect(a.reason).toBeNull();
      expect(a.reason_enc).toEqual(expect.any(String));
      expect(a.details).toMatchObject({ previous: users['atd.caseworker'], assignedTo: users['atd.investigator'] });
    }
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_event WHERE reason_enc LIKE '%maternity%' OR details::text LIKE '%maternity%'`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM case_event WHERE kind = 'CASE_ASSIGNED' AND case_id = ANY($1::uuid[])`,
        [['a1', 'a2', 'a3'].map((k) => cases[k])],
      ),
    ).toBe(3);

    const outbox = (await s.admin.query(`SELECT id, payload FROM outbox WHERE kind = 'case.assigned'`)).rows;
    expect(outbox).toHaveLength(1);
    expect(JSON.stringify(outbox[0].payload)).not.toContain('maternity');
    const until = Date.now() + 60_000;
    let notes: { recipient_user_id: string; item_count: number }[] = [];
    while (Date.now() < until) {
      notes = (
        await s.admin.query(`SELECT recipient_user_id, item_count FROM notification WHERE kind = 'case.assigned'`)
      ).rows;
      if (notes.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(notes).toEqual([{ recipient_user_id: users['atd.investigator'], item_count: 3 }]);
    const inbox = await get('atd.investigator', '/notifications');
    expect(inbox.body.items.find((n: { kind: string }) => n.kind === 'case.assigned')).toMatchObject({ count: 3 });

    // again to the same assignee: nothing written, nobody told
    const again = await reassign('atd.supervisor', ['a1', 'a2'], 'atd.investigator');
    expect(again.body).toMatchObject({ reassigned: 0, unchanged: 2 });
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'case.assigned'`)).toBe(1);
  });

  it('a burst of 10 overlapping reassignments: none fails or deadlocks, and the last event of each case is its assignee', async () => {
    const keys = ['a1', 'a2', 'a3', 'a4', 'free'];
    const assignees = ['atd.caseworker', 'atd.investigator', 'atd.supervisor'];
    const before = await count(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'CASE_ASSIGNED' AND outcome = 'ALLOWED'`,
    );
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        // overlapping windows, in different orders
        const set = [keys[i % 5], keys[(i + 1) % 5], keys[(i + 2) % 5]];
        return reassign('atd.supervisor', i % 2 ? set.reverse() : set, assignees[i % 3], `burst ${i}`);
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const moved = answers.reduce((n, a) => n + (a.body.reassigned as number), 0);
    const after = await count(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'CASE_ASSIGNED' AND outcome = 'ALLOWED'`,
    );
    expect(after - before).toBe(moved);
    for (const k of keys) {
      const last = (
        await s.admin.query(
          `SELECT details->>'assignedTo' AS assigned FROM case_event WHERE case_id = $1 AND kind = 'CASE_ASSIGNED' ORDER BY id DESC LIMIT 1`,
          [cases[k]],
        )
      ).rows[0];
      expect([k, await assigneeOf(k)]).toEqual([k, last.assigned]);
    }
    // every change bumped the version once: no lost update
    const versions = (
      await s.admin.query(
        `SELECT c.version, (SELECT count(*)::int FROM case_event e WHERE e.case_id = c.id AND e.kind = 'CASE_ASSIGNED') AS n
           FROM case_record c WHERE c.id = ANY($1::uuid[])`,
        [keys.map((k) => cases[k])],
      )
    ).rows;
    for (const v of versions) expect(v.version).toBe(1 + v.n);
  });

  it('a disabled worker’s cases show as unassigned at once, without any case row being rewritten', async () => {
    await reassign('atd.supervisor', ['a1', 'a2'], 'atd.investigator');
    const rowsBefore = await snapshot();
    const freeBefore = (await get('atd.supervisor', '/caseload')).body.unassigned.activeCases as number;
    const carried = (
      await s.admin.query(
        `SELECT count(*)::int AS n FROM case_record WHERE assigned_to_id = $1 AND status <> 'CLOSED' AND province_code = '01' AND NOT ('RESTRICTED' = ANY(flags))`,
        [users['atd.investigator']],
      )
    ).rows[0].n as number;
    expect(carried).toBeGreaterThanOrEqual(2);
    const off = await post('sysadmin', `/admin/users/${users['atd.investigator']}/disable`, {
      reason: 'left the service',
    });
    expect(off.status).toBeLessThan(300);

    expect(await snapshot()).toEqual(rowsBefore);
    const load = (await get('atd.supervisor', '/caseload')).body;
    expect(load.workers.map((w: { user: { username: string } }) => w.user.username)).not.toContain('atd.investigator');
    expect(load.unassigned.activeCases).toBe(freeBefore + carried);
    const list = await get('atd.supervisor', '/cases?unassigned=true&limit=100');
    const listed = list.body.items.map((i: { id: string }) => i.id);
    expect(listed).toEqual(expect.arrayContaining([cases['a1'], cases['a2']]));
    const drill = await get('atd.supervisor', '/caseload/cases?unassigned=true&limit=100');
    expect(drill.body.items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([cases['a1'], cases['a2']]),
    );
    const one = await get('atd.supervisor', `/cases/${cases['a1']}`);
    expect(one.body.assignedTo).toBeNull();
    // and no case is handed to a disabled user
    const refused = await reassign('atd.supervisor', ['a4'], 'atd.investigator');
    expect(refused.status).toBe(400);
  });

  it('my day: only the caller’s own items and their agency’s, from records they may open, overdue first', async () => {
    const atd = await get('atd.caseworker', '/me/work');
    expect(atd.status).toBe(200);
    const atdKinds = atd.body.items.map((i: { kind: string }) => i.kind);
    // two own drafts, not the supervisor's; nothing of LWU's referrals
    expect(atdKinds).toEqual(['SCREENING_DRAFT', 'SCREENING_DRAFT']);
    expect(atd.body.items.every((i: { bucket: string }) => i.bucket === 'UNDATED')).toBe(true);
    const drafts = (
      await s.admin.query(`SELECT id FROM screening WHERE interviewer_id = $1 ORDER BY id`, [users['atd.caseworker']])
    ).rows.map((r: { id: string }) => r.id);
    expect(atd.body.items.map((i: { recordId: string }) => i.recordId).sort()).toEqual(drafts);

    const lwu = await get('lwu.caseworker', '/me/work');
    expect(
      lwu.body.items.map((i: { kind: string; bucket: string; overdue: boolean }) => [i.kind, i.bucket, i.overdue]),
    ).toEqual([
      ['REFERRAL_TO_ACKNOWLEDGE', 'OVERDUE', true],
      ['REFERRAL_TO_SERVE', 'WEEK', false],
    ]);
    expect(lwu.body.items[0].caseId).toBe(cases['a4']);
    // each item's case opens for the caller
    for (const i of lwu.body.items) expect((await get('lwu.caseworker', `/cases/${i.caseId}`)).status).toBe(200);
    // an agency that is not the receiver sees none of it; a caseworker out of the case's province neither
    const bokeo = await get('atd.bokeo', '/me/work');
    expect(bokeo.body.items).toEqual([]);
  });
});
