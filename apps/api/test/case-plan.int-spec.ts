import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INTERVIEW_CONSENT_QUESTIONS, type StructuredPlanView } from '@ctms/domain';
import { APP_CONFIG, AppConfig } from '../src/platform/config/config';
import { OutboxService } from '../src/platform/outbox/outbox.service';
import { SlaService } from '../src/sla/sla.service';
import { auditSince, lastAuditSeq, startStack, startWorker, TestStack, withoutRequestId } from './harness';

/**
 * Issue 15 item 1, the case plan as data (decision 0031), on real PostgreSQL: who reads what of the
 * plan per relation, who writes which task, ids of another case's plan in bodies, concurrent updates
 * of one task, overdue reminders once per due date, and the supervisor's versioned review.
 *
 * The fixture: a case of MoPS ATD (province 01) with consents and accepted referrals to LWU (summary,
 * identity, health) and MoLSW (summary), a pending referral to the NGO; goals SAFETY (CASE_SUMMARY),
 * HEALTH (HEALTH) and LEGAL (LEGAL_PROCEEDINGS).
 */
const tag = randomUUID().slice(0, 8);
const GOAL_CANARY = `GoalCanary${tag}`;
const COMMENT_CANARY = `CommentCanary${tag}`;
const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const MEETS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({ code, answer: 'PRESENT' }));
const USERS = [
  'atd.caseworker',
  'atd.supervisor',
  'atd.investigator',
  'doi.caseworker',
  'lwu.caseworker',
  'lwu.supervisor',
  'molsw.caseworker',
  'molsw.supervisor',
  'ngo.caseworker',
  'sysadmin',
  'lwu.admin',
  'analyst',
];

describe('case plan as data (issue 15, item 1)', () => {
  let s: TestStack;
  let sla: SlaService;
  let worker: INestApplicationContext | undefined;
  const tokens = new Map<string, string>();
  const users = new Map<string, string>();
  const agencies = new Map<string, string>();
  const ids: Record<string, string> = {};
  const call = (u: string, method: 'get' | 'post' | 'patch', path: string, body?: object) =>
    s
      .http()
      [method](`/api/v1${path}`)
      .set('Authorization', `Bearer ${tokens.get(u) ?? ''}`)
      .send(body);
  const plan = async (u: string, caseId = ids['case']): Promise<StructuredPlanView> => {
    const r = await call(u, 'get', `/cases/${caseId}/plan`);
    expect(r.status).toBe(200);
    return r.body as StructuredPlanView;
  };
  const ok = async (u: string, method: 'post' | 'patch', path: string, body: object): Promise<StructuredPlanView> => {
    const r = await call(u, method, path, body);
    if (r.status >= 300) throw new Error(`${u} ${method} ${path}: ${r.status} ${r.text}`);
    return r.body as StructuredPlanView;
  };
  const task = (p: StructuredPlanView, id: string) => p.goals.flatMap((g) => g.tasks).find((t) => t.id === id);
  const newTaskId = (before: StructuredPlanView, after: StructuredPlanView) => {
    const known = new Set(before.goals.flatMap((g) => g.tasks).map((t) => t.id));
    const added = after.goals.flatMap((g) => g.tasks).filter((t) => !known.has(t.id));
    expect(added).toHaveLength(1);
    return added[0].id;
  };

  async function screenedCase(latin: string): Promise<string> {
    const created = await call('atd.caseworker', 'post', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: 'ແຜນ',
        latinNames: [latin],
        dateOfBirth: '1996-01-01',
        dobPrecision: 'YEAR',
        sex: 'FEMININE',
      },
      indicatorAnswers: MEETS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    expect(created.status).toBe(201);
    const submitted = await call('atd.caseworker', 'post', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    const approved = await call('atd.supervisor', 'post', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    return approved.body.caseId as string;
  }

  async function assign(caseId: string, username: string): Promise<void> {
    const c = await call('atd.supervisor', 'get', `/cases/${caseId}`);
    const r = await call('atd.supervisor', 'post', `/cases/${caseId}/assign`, {
      version: c.body.version,
      userId: users.get(username),
    });
    expect(r.status).toBe(200);
  }

  async function referAccepted(code: string, categories: string[], receiver: string | null): Promise<void> {
    const consent = await call('atd.caseworker', 'post', `/cases/${ids['case']}/consents`, {
      type: 'REFERRAL_SHARING',
      agencyIds: [agencies.get(code)],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', ...categories],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(consent.status).toBe(201);
    const sent = await call('atd.caseworker', 'post', `/cases/${ids['case']}/referrals`, {
      toAgencyId: agencies.get(code),
      serviceTypes: [code === 'MOLSW' ? 'REINTEGRATION' : 'SHELTER'],
      urgency: 'HIGH',
      reason: 'plan',
      categories,
    });
    expect(sent.status).toBe(201);
    if (receiver) {
      const accepted = await call(receiver, 'post', `/referrals/${sent.body.id}/accept`, {
        version: sent.body.version,
      });
      expect(accepted.status).toBe(200);
    }
  }

  beforeAll(async () => {
    s = await startStack();
    for (const u of USERS) {
      const l = await s.login(u);
      tokens.set(u, l.accessToken);
      users.set(u, l.userId);
    }
    for (const r of (await s.admin.query<{ id: string; code: string }>(`SELECT id, code FROM agency`)).rows)
      agencies.set(r.code, r.id);
    sla = new SlaService(s.app.get(DataSource), s.app.get(OutboxService), s.app.get<AppConfig>(APP_CONFIG));
    ids['case'] = await screenedCase(`Plan Case ${tag}`);
    ids['otherCase'] = await screenedCase(`Plan Other ${tag}`);
    await assign(ids['case'], 'atd.caseworker');
    await referAccepted('LWU', ['IDENTITY', 'HEALTH'], 'lwu.caseworker');
    await referAccepted('MOLSW', [], 'molsw.caseworker');
    await referAccepted('NGO_DEMO', [], null);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await s?.close();
  });

  it('the lead agency plans goals and tasks for itself and the agencies with an active referral', async () => {
    const empty = await plan('atd.caseworker');
    expect(empty).toMatchObject({ status: 'DRAFT', planVersion: 0, whole: true, goals: [] });
    expect(empty.allowedActions.addGoal).toBe(true);
    expect(empty.allowedActions.taskAgencies.map((a) => a.code).sort()).toEqual(['LWU', 'MOLSW', 'MOPS_ATD']);

    const seq = await lastAuditSeq(s.admin);
    for (const [domain, text] of [
      ['SAFETY', `safe housing ${GOAL_CANARY}`],
      ['HEALTH', 'medical check'],
      ['LEGAL', 'testimony support'],
    ]) {
      const p = await ok('atd.caseworker', 'post', `/cases/${ids['case']}/plan/goals`, { domain, description: text });
      ids[`goal${domain}`] = p.goals[p.goals.length - 1].id;
    }
    const stored = await s.admin.query(`SELECT description_enc FROM case_plan_goal WHERE case_id = $1`, [ids['case']]);
    expect(JSON.stringify(stored.rows)).not.toContain(GOAL_CANARY);

    const add = async (goal: string, code: string, title: string, extra: object = {}) => {
      const before = await plan('atd.caseworker');
      const after = await ok('atd.caseworker', 'post', `/cases/${ids['case']}/plan/tasks`, {
        goalId: ids[`goal${goal}`],
        agencyId: agencies.get(code),
        title,
        dueDate: '2099-01-01',
        ...extra,
      });
      return newTaskId(before, after);
    };
    ids['taskAtd'] = await add('SAFETY', 'MOPS_ATD', 'safety plan');
    ids['taskLwu'] = await add('HEALTH', 'LWU', 'clinic visit', { assigneeId: users.get('lwu.caseworker') });
    ids['taskMolsw'] = await add('SAFETY', 'MOLSW', 'community check');
    ids['taskMolswHealth'] = await add('HEALTH', 'MOLSW', 'counselling referral');

    const whole = await plan('atd.caseworker');
    expect(whole.goals.map((g) => g.domain)).toEqual(['SAFETY', 'HEALTH', 'LEGAL']);
    expect(whole.goals[0].description).toBe(`safe housing ${GOAL_CANARY}`);
    expect(whole.progress).toEqual({ done: 0, total: 4 });
    expect(task(whole, ids['taskLwu'])?.assignee?.id).toBe(users.get('lwu.caseworker'));

    // on the timeline and in the audit, with ids and codes only
    const timeline = await call('atd.caseworker', 'get', `/cases/${ids['case']}/timeline?limit=100`);
    const kinds = (timeline.body.items as { kind: string }[]).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'PLAN_GOAL_ADDED')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'PLAN_TASK_ADDED')).toHaveLength(4);
    const audit = await auditSince(s.admin, seq);
    expect(audit.filter((a) => a.action === 'PLAN_TASK_ADDED' && a.outcome === 'ALLOWED')).toHaveLength(4);
    expect(JSON.stringify(audit)).not.toContain(GOAL_CANARY);
  });

  it('each relation reads the plan as far as its categories go; everyone else gets the 404 of a missing case', async () => {
    const lwu = await plan('lwu.caseworker');
    expect(lwu.whole).toBe(false);
    expect(lwu.goals.map((g) => g.domain)).toEqual(['SAFETY', 'HEALTH']);
    expect(lwu.reviews).toEqual([]);
    expect(lwu.allowedActions).toEqual({
      addGoal: false,
      taskAgencies: [{ id: agencies.get('LWU'), code: 'LWU' }],
      review: [],
    });
    expect(task(lwu, ids['taskLwu'])?.allowedActions).toEqual(['START', 'COMPLETE', 'CANCEL']);
    expect(task(lwu, ids['taskAtd'])?.allowedActions).toEqual([]);

    // MoLSW's packet is the summary: the SAFETY goal, and the HEALTH goal only through its own task, undescribed
    const molsw = await plan('molsw.caseworker');
    expect(molsw.goals.map((g) => [g.domain, g.description === null, g.tasks.map((t) => t.id)])).toEqual([
      ['SAFETY', false, [ids['taskAtd'], ids['taskMolsw']]],
      ['HEALTH', true, [ids['taskMolswHealth']]],
    ]);

    // the pending referral's preview carries the summary only: the SAFETY goal, nothing to do
    const ngo = await plan('ngo.caseworker');
    expect(ngo.goals.map((g) => g.domain)).toEqual(['SAFETY']);
    expect(ngo.allowedActions).toEqual({ addGoal: false, taskAgencies: [], review: [] });

    // a caseworker of the lead agency who is not assigned reads the whole plan, and may do nothing
    const investigator = await plan('atd.investigator');
    expect(investigator.whole).toBe(true);
    expect(investigator.goals).toHaveLength(3);
    expect(investigator.allowedActions).toEqual({ addGoal: false, taskAgencies: [], review: [] });

    for (const u of ['doi.caseworker', 'sysadmin', 'lwu.admin', 'analyst']) {
      const real = await call(u, 'get', `/cases/${ids['case']}/plan`);
      const missing = await call(u, 'get', `/cases/${randomUUID()}/plan`);
      expect([u, real.status]).toEqual([u, missing.status]);
      expect(withoutRequestId(real.text)).toBe(withoutRequestId(missing.text));
      expect([403, 404]).toContain(real.status);
    }
    expect((await call('doi.caseworker', 'get', `/cases/${ids['case']}/plan`)).status).toBe(404);
  });

  it('an agency with an active referral updates only its own tasks; others cannot write at all', async () => {
    let p = await plan('lwu.caseworker');
    const own = task(p, ids['taskLwu']);
    p = await ok('lwu.caseworker', 'patch', `/plan-tasks/${ids['taskLwu']}`, {
      version: own?.version,
      action: 'START',
    });
    expect(task(p, ids['taskLwu'])?.status).toBe('IN_PROGRESS');

    // the lead's task and MoLSW's task: the 404 of a missing task, for LWU
    for (const other of ['taskAtd', 'taskMolsw']) {
      const real = await call('lwu.caseworker', 'patch', `/plan-tasks/${ids[other]}`, { version: 1, action: 'START' });
      const missing = await call('lwu.caseworker', 'patch', `/plan-tasks/${randomUUID()}`, {
        version: 1,
        action: 'START',
      });
      expect(real.status).toBe(404);
      expect(withoutRequestId(real.text)).toBe(withoutRequestId(missing.text));
    }
    // the plan itself is the lead's: title and due date, goals, review
    const mine = task(await plan('lwu.caseworker'), ids['taskLwu']);
    const retitle = await call('lwu.caseworker', 'patch', `/plan-tasks/${ids['taskLwu']}`, {
      version: mine?.version,
      title: 'renamed',
    });
    expect([retitle.status, retitle.body.code]).toEqual([409, 'NOT_CASE_EDITOR']);
    expect(
      (await call('lwu.caseworker', 'post', `/cases/${ids['case']}/plan/goals`, { domain: 'HEALTH', description: 'x' }))
        .status,
    ).toBe(404);
    expect((await call('lwu.supervisor', 'post', `/cases/${ids['case']}/plan/submit`, { version: 1 })).status).toBe(
      404,
    );

    // LWU plans a task for itself under a goal it sees, not for MoLSW and not under a goal it does not see
    const before = await plan('lwu.caseworker');
    const after = await ok('lwu.caseworker', 'post', `/cases/${ids['case']}/plan/tasks`, {
      goalId: ids['goalSAFETY'],
      agencyId: agencies.get('LWU'),
      title: 'shelter intake',
    });
    ids['taskLwuOwn'] = newTaskId(before, after);
    const forMolsw = await call('lwu.caseworker', 'post', `/cases/${ids['case']}/plan/tasks`, {
      goalId: ids['goalSAFETY'],
      agencyId: agencies.get('MOLSW'),
      title: 'not ours',
    });
    expect([forMolsw.status, forMolsw.body.details?.[0]?.field]).toEqual([400, 'agencyId']);
    const hidden = await call('lwu.caseworker', 'post', `/cases/${ids['case']}/plan/tasks`, {
      goalId: ids['goalLEGAL'],
      agencyId: agencies.get('LWU'),
      title: 'not visible',
    });
    const missingGoal = await call('lwu.caseworker', 'post', `/cases/${ids['case']}/plan/tasks`, {
      goalId: randomUUID(),
      agencyId: agencies.get('LWU'),
      title: 'not visible',
    });
    expect(hidden.status).toBe(400);
    expect(withoutRequestId(hidden.text)).toBe(withoutRequestId(missingGoal.text));

    // the pending referral's agency, an unrelated agency and the admins write nothing: 404 (or 403 without the permission)
    for (const u of ['ngo.caseworker', 'doi.caseworker', 'sysadmin', 'analyst']) {
      const add = await call(u, 'post', `/cases/${ids['case']}/plan/tasks`, {
        goalId: ids['goalSAFETY'],
        agencyId: agencies.get('NGO_DEMO'),
        title: 'intrude',
      });
      const patch = await call(u, 'patch', `/plan-tasks/${ids['taskAtd']}`, { version: 1, action: 'START' });
      expect([u, add.status === 404 || add.status === 403, patch.status === 404 || patch.status === 403]).toEqual([
        u,
        true,
        true,
      ]);
    }
    expect(
      (await call('ngo.caseworker', 'patch', `/plan-tasks/${ids['taskAtd']}`, { version: 1, action: 'START' })).status,
    ).toBe(404);

    // the lead's caseworker who is not assigned reads only
    const notAssigned = await call('atd.investigator', 'post', `/cases/${ids['case']}/plan/goals`, {
      domain: 'HEALTH',
      description: 'x',
    });
    expect([notAssigned.status, notAssigned.body.code]).toEqual([409, 'NOT_CASE_EDITOR']);
    const notAssignedTask = await call('atd.investigator', 'patch', `/plan-tasks/${ids['taskAtd']}`, {
      version: 1,
      action: 'START',
    });
    expect([notAssignedTask.status, notAssignedTask.body.code]).toEqual([409, 'NOT_CASE_EDITOR']);
    expect(await s.admin.query(`SELECT status FROM case_plan_task WHERE id = $1`, [ids['taskAtd']])).toMatchObject({
      rows: [{ status: 'OPEN' }],
    });
  });

  it("ids of another case's plan and another agency's workers in bodies are refused like missing ones", async () => {
    const other = await ok('atd.caseworker', 'post', `/cases/${ids['otherCase']}/plan/goals`, {
      domain: 'SAFETY',
      description: 'other case',
    });
    const foreignGoal = other.goals[0].id;
    const body = (goalId: string) => ({ goalId, agencyId: agencies.get('MOPS_ATD'), title: 'cross' });
    const foreign = await call('atd.caseworker', 'post', `/cases/${ids['case']}/plan/tasks`, body(foreignGoal));
    const missing = await call('atd.caseworker', 'post', `/cases/${ids['case']}/plan/tasks`, body(randomUUID()));
    expect([foreign.status, foreign.body.details?.[0]?.field]).toEqual([400, 'goalId']);
    expect(withoutRequestId(foreign.text)).toBe(withoutRequestId(missing.text));

    // an assignee must be an active worker of the task's agency
    const lwuTask = task(await plan('atd.caseworker'), ids['taskLwu']);
    const wrong = await call('atd.caseworker', 'patch', `/plan-tasks/${ids['taskLwu']}`, {
      version: lwuTask?.version,
      assigneeId: users.get('atd.caseworker'),
    });
    const nobody = await call('atd.caseworker', 'patch', `/plan-tasks/${ids['taskLwu']}`, {
      version: lwuTask?.version,
      assigneeId: randomUUID(),
    });
    expect([wrong.status, wrong.body.details?.[0]?.field]).toEqual([400, 'assigneeId']);
    expect(withoutRequestId(wrong.text)).toBe(withoutRequestId(nobody.text));
    // a task for an agency without an active referral (the pending NGO) is bad input
    const ngo = await call('atd.caseworker', 'post', `/cases/${ids['case']}/plan/tasks`, {
      goalId: ids['goalSAFETY'],
      agencyId: agencies.get('NGO_DEMO'),
      title: 'pending',
    });
    expect([ngo.status, ngo.body.details?.[0]?.field]).toEqual([400, 'agencyId']);
    // nothing was stored by any of them
    expect(
      (
        await s.admin.query(`SELECT count(*)::int AS n FROM case_plan_task WHERE title_enc IS NULL OR case_id = $1`, [
          ids['otherCase'],
        ])
      ).rows[0].n,
    ).toBe(0);
  });

  it('concurrent updates of one task: exactly one wins, the others are told the version is stale', async () => {
    const t = task(await plan('atd.caseworker'), ids['taskMolsw']);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(i % 2 ? 'molsw.caseworker' : 'atd.caseworker', 'patch', `/plan-tasks/${ids['taskMolsw']}`, {
          version: t?.version,
          outcome: `visit ${i}`,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'STALE_VERSION')).toBe(true);
    const row = (await s.admin.query(`SELECT version FROM case_plan_task WHERE id = $1`, [ids['taskMolsw']])).rows[0];
    expect(row.version).toBe((t?.version ?? 0) + 1);
    // MoLSW completes it with the outcome (COMPLETE needs one)
    const fresh = task(await plan('molsw.caseworker'), ids['taskMolsw']);
    const done = await ok('molsw.caseworker', 'patch', `/plan-tasks/${ids['taskMolsw']}`, {
      version: fresh?.version,
      action: 'COMPLETE',
      outcome: 'family visited, safe',
    });
    expect(task(done, ids['taskMolsw'])?.status).toBe('DONE');
    const lead = await plan('atd.caseworker');
    expect(lead.goals[0].progress).toEqual({ done: 1, total: 3 });
  });

  it('an overdue task reminds its worker (or the agency’s supervisors) once per due date, however often the scan runs', async () => {
    worker = await startWorker();
    const past = '2026-01-05';
    await s.admin.query(`UPDATE case_plan_task SET due_date = $2 WHERE id = ANY($1::uuid[])`, [
      [ids['taskLwu'], ids['taskMolswHealth'], ids['taskMolsw']],
      past,
    ]);
    await Promise.all([sla.scan(), sla.scan()]);
    await sla.scan();
    const events = async (id: string) =>
      (await s.admin.query(`SELECT kind FROM sla_event WHERE object_type = 'PLAN_TASK' AND object_id = $1`, [id])).rows
        .length;
    expect([
      await events(ids['taskLwu']),
      await events(ids['taskMolswHealth']),
      await events(ids['taskMolsw']),
    ]).toEqual([1, 1, 0]);
    const outbox = await s.admin.query(
      `SELECT payload FROM outbox WHERE kind = 'plan.task_overdue' ORDER BY created_at`,
    );
    expect(outbox.rows.map((r) => r.payload).sort((a, b) => String(a.taskId).localeCompare(String(b.taskId)))).toEqual(
      [{ taskId: ids['taskLwu'] }, { taskId: ids['taskMolswHealth'] }].sort((a, b) => a.taskId.localeCompare(b.taskId)),
    );

    const notified = async (username: string) =>
      (
        await s.admin.query(
          `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'plan.task_overdue' AND object_id = $2`,
          [users.get(username), ids['case']],
        )
      ).rows[0].n as number;
    for (
      let i = 0;
      i < 300 && ((await notified('lwu.caseworker')) < 1 || (await notified('molsw.supervisor')) < 1);
      i++
    )
      await new Promise((res) => setTimeout(res, 100));
    // the assigned worker; the unassigned task's agency supervisors, not its caseworkers
    expect([
      await notified('lwu.caseworker'),
      await notified('molsw.supervisor'),
      await notified('molsw.caseworker'),
    ]).toEqual([1, 1, 0]);

    // a new due date that passes too reminds once more
    await s.admin.query(`UPDATE case_plan_task SET due_date = '2026-02-01' WHERE id = $1`, [ids['taskLwu']]);
    await Promise.all([sla.scan(), sla.scan()]);
    expect(await events(ids['taskLwu'])).toBe(2);
    expect(await events(ids['taskMolswHealth'])).toBe(1);
  }, 120_000);

  it('the case list finds overdue cases and sorts by due date; my day carries the open tasks (decision 0036)', async () => {
    // after the reminders: LWU's task due 2026-02-01, MoLSW's health task 2026-01-05 (both open), the lead's 2099
    const dueOf = async (id: string) =>
      (await s.admin.query<{ d: Date | null }>(`SELECT next_due_at AS d FROM case_record WHERE id = $1`, [id])).rows[0]
        .d;
    // kept by the trigger: the end of the earliest open task's due day in Lao time (UTC+7)
    expect((await dueOf(ids['case']))?.toISOString()).toBe('2026-01-05T17:00:00.000Z');
    expect(await dueOf(ids['otherCase'])).toBeNull();

    const list = async (query: string) => {
      const r = await call('atd.supervisor', 'get', `/cases?${query}`);
      expect(r.status).toBe(200);
      return r.body as { items: { id: string }[]; nextCursor: string | null };
    };
    const idsOf = async (query: string) => (await list(`${query}&limit=100`)).items.map((c) => c.id);
    expect(await idsOf('overdue=true')).toContain(ids['case']);
    expect(await idsOf('overdue=true')).not.toContain(ids['otherCase']);
    expect(await idsOf('overdue=false')).toContain(ids['otherCase']);
    expect(await idsOf('overdue=false')).not.toContain(ids['case']);
    const due = await idsOf('sort=due');
    expect(due).toContain(ids['case']);
    expect(due).not.toContain(ids['otherCase']);
    const order = await s.admin.query<{ id: string }>(
      `SELECT id FROM case_record WHERE id = ANY($1::uuid[]) ORDER BY next_due_at, id`,
      [due],
    );
    expect(due).toEqual(order.rows.map((r) => r.id));
    // the due sort pages with its own cursor: every case once, in order
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`sort=due&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length < 200);
    expect(paged).toEqual(due);
    // POST /cases/search takes the same filter and sort
    const searched = await call('atd.supervisor', 'post', '/cases/search', { name: `Plan Case ${tag}`, sort: 'due' });
    expect(searched.status).toBe(200);
    expect((searched.body.items as { id: string }[]).map((c) => c.id)).toEqual([ids['case']]);
    const bad = await call('atd.supervisor', 'get', '/cases?sort=oldest&overdue=yes');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('sort');
    expect(bad.text).toContain('overdue');

    // my day: each agency's open tasks, overdue ones flagged; never another agency's
    const work = async (u: string) => {
      const r = await call(u, 'get', '/me/work');
      expect(r.status).toBe(200);
      return (r.body.items as { kind: string; recordId: string; overdue: boolean }[]).filter(
        (i) => i.kind === 'PLAN_TASK',
      );
    };
    expect(await work('lwu.caseworker')).toContainEqual(
      expect.objectContaining({ recordId: ids['taskLwu'], overdue: true }),
    );
    expect((await work('molsw.caseworker')).map((i) => i.recordId)).toContain(ids['taskMolswHealth']);
    expect((await work('atd.caseworker')).map((i) => i.recordId)).not.toContain(ids['taskLwu']);

    // MoLSW completes its task: the case's next due moment moves to LWU's task, in the same transaction
    const mine = task(await plan('molsw.caseworker'), ids['taskMolswHealth']);
    await ok('molsw.caseworker', 'patch', `/plan-tasks/${ids['taskMolswHealth']}`, {
      version: mine?.version,
      action: 'COMPLETE',
      outcome: 'counselling arranged',
    });
    expect((await dueOf(ids['case']))?.toISOString()).toBe('2026-02-01T17:00:00.000Z');
    expect((await work('molsw.caseworker')).map((i) => i.recordId)).not.toContain(ids['taskMolswHealth']);
  }, 120_000);

  it('the supervisor reviews versions: submit, return with a comment, resubmit, approve; on the timeline and audited', async () => {
    const seq = await lastAuditSeq(s.admin);
    let p = await plan('atd.caseworker');
    expect(p.allowedActions.review).toEqual(['SUBMIT']);
    p = await ok('atd.caseworker', 'post', `/cases/${ids['case']}/plan/submit`, { version: p.version });
    expect([p.status, p.planVersion]).toEqual(['IN_REVIEW', 1]);
    // a caseworker does not approve (no case:assign on a record route: the 404); a return needs a comment
    expect(
      (await call('atd.caseworker', 'post', `/cases/${ids['case']}/plan/approve`, { version: p.version })).status,
    ).toBe(404);
    const bare = await call('atd.supervisor', 'post', `/cases/${ids['case']}/plan/return`, { version: p.version });
    expect([bare.status, bare.body.code]).toEqual([409, 'COMMENT_REQUIRED']);
    expect((await plan('atd.supervisor')).allowedActions.review).toEqual(['APPROVE', 'RETURN']);
    p = await ok('atd.supervisor', 'post', `/cases/${ids['case']}/plan/return`, {
      version: p.version,
      comment: `add a livelihood goal ${COMMENT_CANARY}`,
    });
    expect(p.status).toBe('RETURNED');
    p = await ok('atd.caseworker', 'post', `/cases/${ids['case']}/plan/submit`, { version: p.version });
    expect([p.status, p.planVersion]).toEqual(['IN_REVIEW', 2]);
    const stale = await call('atd.supervisor', 'post', `/cases/${ids['case']}/plan/approve`, {
      version: p.version - 1,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
    p = await ok('atd.supervisor', 'post', `/cases/${ids['case']}/plan/approve`, { version: p.version });
    expect([p.status, p.planVersion]).toEqual(['APPROVED', 2]);
    expect(p.reviews.map((r) => [r.planVersion, r.action])).toEqual([
      [2, 'APPROVE'],
      [2, 'SUBMIT'],
      [1, 'RETURN'],
      [1, 'SUBMIT'],
    ]);
    expect(p.reviews[2].comment).toBe(`add a livelihood goal ${COMMENT_CANARY}`);

    // a supervisor who submits does not approve their own version
    p = await ok('atd.supervisor', 'post', `/cases/${ids['case']}/plan/submit`, { version: p.version });
    const own = await call('atd.supervisor', 'post', `/cases/${ids['case']}/plan/approve`, { version: p.version });
    expect([own.status, own.body.code, p.planVersion]).toEqual([409, 'OWN_SUBMISSION', 3]);

    const stored = await s.admin.query(`SELECT comment_enc FROM case_plan_review WHERE case_id = $1`, [ids['case']]);
    expect(JSON.stringify(stored.rows)).not.toContain(COMMENT_CANARY);
    const timeline = await call('atd.caseworker', 'get', `/cases/${ids['case']}/timeline?limit=100`);
    const kinds = (timeline.body.items as { kind: string }[]).map((e) => e.kind);
    expect(kinds.filter((k) => ['PLAN_SUBMITTED', 'PLAN_RETURNED', 'PLAN_APPROVED'].includes(k))).toEqual([
      'PLAN_SUBMITTED',
      'PLAN_RETURNED',
      'PLAN_SUBMITTED',
      'PLAN_APPROVED',
      'PLAN_SUBMITTED',
    ]);
    const audit = await auditSince(s.admin, seq);
    expect(
      audit
        .filter((a) => a.outcome === 'ALLOWED' && a.action.startsWith('PLAN_') && a.action !== 'PLAN_READ')
        .map((a) => a.action),
    ).toEqual(['PLAN_SUBMITTED', 'PLAN_RETURNED', 'PLAN_SUBMITTED', 'PLAN_APPROVED', 'PLAN_SUBMITTED']);
    expect(JSON.stringify(audit)).not.toContain(COMMENT_CANARY);
    // the other agencies do not see the review history
    expect((await plan('lwu.caseworker')).reviews).toEqual([]);
  });
});
