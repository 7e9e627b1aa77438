import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INTERVIEW_CONSENT_QUESTIONS, todayInLaos } from '@ctms/domain';
import { APP_CONFIG, AppConfig } from '../src/platform/config/config';
import { OutboxService } from '../src/platform/outbox/outbox.service';
import { SlaService } from '../src/sla/sla.service';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';
import { pdfText } from './pdf-text';

/**
 * Issue 14 item 4, referrals that both sides work on: ATD refers a case to LWU; both agencies write
 * notes (encrypted, on the referral's history, audited) that a third agency cannot reach; LWU
 * accepts, which starts the services clock with the hours the system administrator set; LWU's
 * supervisor reassigns the worker (a user of another agency is refused like a missing one); the
 * services clock reminds once and escalates once, and the overdue referral shows in both boxes;
 * changed SLA hours drive the next clocks; the printed referral carries only the consented categories.
 */
const tag = randomUUID().slice(0, 8);
const CANARY_LATIN = `Canary Khammany ${tag}`;
const NOTE_CANARY = `NoteCanary${tag}`;
const EXPLOIT_MARKER = `ExploitMarker${tag}`;
const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const MEETS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({ code, answer: 'PRESENT' }));
const HOUR = 3_600_000;

describe('referrals both sides work on (issue 14, item 4)', () => {
  let s: TestStack;
  let sla: SlaService;
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();
  const agencies = new Map<string, string>();
  const USERS = [
    'atd.caseworker',
    'atd.supervisor',
    'lwu.caseworker',
    'lwu.supervisor',
    'molsw.caseworker',
    'molsw.supervisor',
    'ngo.caseworker',
    'sysadmin',
  ];
  const token = (u: string) => tokens.get(u) ?? '';
  const get = (u: string, path: string) =>
    s
      .http()
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`);
  const post = (u: string, path: string, body: object) =>
    s
      .http()
      .post(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`)
      .send(body);
  const put = (u: string, path: string, body: object) =>
    s
      .http()
      .put(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`)
      .send(body);
  const pdf = (u: string, path: string) =>
    get(u, path)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  let caseId = '';
  let ref = { id: '', version: 0 };

  async function refer(
    urgency: string,
  ): Promise<{ id: string; version: number; acknowledgeBy: string; createdAt: string }> {
    const res = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      toAgencyId: agencies.get('LWU'),
      serviceTypes: ['SHELTER'],
      urgency,
      reason: 'a safe place for the night',
      categories: ['IDENTITY'],
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    s = await startStack();
    for (const u of USERS) {
      const l = await s.login(u);
      tokens.set(u, l.accessToken);
      ids.set(u, l.userId);
    }
    for (const r of (await s.admin.query<{ id: string; code: string }>(`SELECT id, code FROM agency`)).rows)
      agencies.set(r.code, r.id);
    sla = new SlaService(s.app.get(DataSource), s.app.get(OutboxService), s.app.get<AppConfig>(APP_CONFIG));

    const created = await post('atd.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: 'ນາງ',
        familyNameLo: 'ຄຳມະນີ',
        latinNames: [CANARY_LATIN],
        dateOfBirth: '1998-05-04',
        dobPrecision: 'DAY',
        sex: 'FEMININE',
        citizenship: ['LA'],
      },
      indicatorAnswers: MEETS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    expect(created.status).toBe(201);
    const submitted = await post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    const approved = await post('atd.supervisor', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    caseId = approved.body.caseId;
    // an exploitation account the victim did NOT consent to share with LWU
    const c = await get('atd.caseworker', `/cases/${caseId}`);
    const patched = await s
      .http()
      .patch(`/api/v1/cases/${caseId}`)
      .set('Authorization', `Bearer ${token('atd.caseworker')}`)
      .send({ version: c.body.version, exploitation: { narrative: EXPLOIT_MARKER } });
    expect(patched.status).toBe(200);
    const consent = await post('atd.caseworker', `/cases/${caseId}/consents`, {
      type: 'REFERRAL_SHARING',
      agencyIds: [agencies.get('LWU')],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: new Date(Date.now() - HOUR).toISOString(),
    });
    expect(consent.status).toBe(201);
    const r = await refer('EMERGENCY');
    ref = { id: r.id, version: r.version };
  });
  afterAll(async () => {
    await s.close();
  });

  it('both agencies write notes and read each other’s, on the referral’s history, audited', async () => {
    const seq = await lastAuditSeq(s.admin);
    const fromAtd = await post('atd.caseworker', `/referrals/${ref.id}/notes`, {
      body: `ATD asks: can she stay tonight? ${NOTE_CANARY}`,
    });
    expect(fromAtd.status).toBe(201);
    expect(fromAtd.body).toMatchObject({
      body: `ATD asks: can she stay tonight? ${NOTE_CANARY}`,
      author: { username: 'atd.caseworker', agencyCode: 'MOPS_ATD' },
    });
    const fromLwu = await post('lwu.caseworker', `/referrals/${ref.id}/notes`, {
      body: `ຫ້ອງພັກພ້ອມແລ້ວ ${NOTE_CANARY}`,
    });
    expect(fromLwu.status).toBe(201);
    expect(fromLwu.body.author).toMatchObject({ username: 'lwu.caseworker', agencyCode: 'LWU' });

    for (const u of ['atd.caseworker', 'lwu.caseworker', 'atd.supervisor', 'lwu.supervisor']) {
      const notes = await get(u, `/referrals/${ref.id}/notes`);
      expect(notes.status).toBe(200);
      expect(notes.body.items.map((n: { author: { agencyCode: string } }) => n.author.agencyCode)).toEqual([
        'MOPS_ATD',
        'LWU',
      ]);
      expect(notes.body.items[1].body).toBe(`ຫ້ອງພັກພ້ອມແລ້ວ ${NOTE_CANARY}`);
    }
    const detail = await get('lwu.caseworker', `/referrals/${ref.id}`);
    expect(detail.body.allowedActions).toContain('ADD_NOTE');
    const history = detail.body.history.filter((h: { kind: string }) => h.kind === 'REFERRAL_NOTE_ADDED');
    expect(
      history.map((h: { actor: { agencyCode: string }; details: { side: string } }) => [
        h.actor.agencyCode,
        h.details.side,
      ]),
    ).toEqual([
      ['MOPS_ATD', 'SENDER'],
      ['LWU', 'RECEIVER'],
    ]);
    const audit = await auditSince(s.admin, seq);
    expect(audit.filter((a) => a.action === 'REFERRAL_NOTE_ADDED').map((a) => a.outcome)).toEqual([
      'ALLOWED',
      'ALLOWED',
    ]);
    expect(audit.filter((a) => a.action === 'REFERRAL_NOTES_READ').length).toBe(4);

    const blank = await post('lwu.caseworker', `/referrals/${ref.id}/notes`, { body: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.details[0].field).toBe('body');
  });

  it('a third agency gets the standard 404 on the referral, its notes and its print, and a DENIED row each', async () => {
    const missing = randomUUID();
    const body404 = withoutRequestId((await get('molsw.caseworker', `/referrals/${missing}`)).text);
    for (const u of ['molsw.caseworker', 'ngo.caseworker']) {
      const seq = await lastAuditSeq(s.admin);
      for (const res of [
        await get(u, `/referrals/${ref.id}`),
        await get(u, `/referrals/${ref.id}/notes`),
        await post(u, `/referrals/${ref.id}/notes`, { body: 'hello' }),
        await get(u, `/referrals/${ref.id}/print`),
      ]) {
        expect(res.status).toBe(404);
        expect(withoutRequestId(res.text)).toBe(body404);
      }
      const audit = await auditSince(s.admin, seq);
      expect(audit.map((a) => [a.action, a.outcome])).toEqual([
        ['REFERRAL_READ', 'DENIED'],
        ['REFERRAL_NOTES_READ', 'DENIED'],
        ['REFERRAL_NOTE_ADDED', 'DENIED'],
        ['REFERRAL_PRINTED', 'DENIED'],
      ]);
    }
    const count = await s.admin.query(`SELECT count(*)::int AS n FROM referral_note WHERE referral_id = $1`, [ref.id]);
    expect(count.rows[0].n).toBe(2);
  });

  it('keeps the notes as ciphertext only: the canary is in no plaintext column of any table', async () => {
    const { rows: tables } = await s.admin.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toContain('referral_note');
    for (const { table_name } of tables) {
      const { rows } = await s.admin.query(`SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE $1`, [
        `%${NOTE_CANARY}%`,
      ]);
      expect({ table_name, n: rows[0].n }).toEqual({ table_name, n: 0 });
    }
    // and the notes table refuses edits
    await expect(
      s.admin.query(`UPDATE referral_note SET created_at = now() WHERE referral_id = $1`, [ref.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('acceptance starts the services clock; the receiving supervisor reassigns, others are refused', async () => {
    const accepted = await post('lwu.caseworker', `/referrals/${ref.id}/accept`, { version: ref.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body.assignedTo.username).toBe('lwu.caseworker');
    const due = new Date(accepted.body.servicesDueBy).getTime();
    expect(Math.abs(due - (new Date(accepted.body.acknowledgedAt).getTime() + 72 * HOUR))).toBeLessThan(60_000);
    expect(accepted.body.overdue).toBe(false);
    ref.version = accepted.body.version;

    const to = ids.get('lwu.supervisor');
    // a caseworker holds no case:assign; the sender's supervisor is not the receiving agency
    // (a route with a path id answers a missing permission with the standard 404)
    expect(
      (await post('lwu.caseworker', `/referrals/${ref.id}/reassign`, { version: ref.version, assigneeId: to })).status,
    ).toBe(404);
    expect(
      (await post('atd.supervisor', `/referrals/${ref.id}/reassign`, { version: ref.version, assigneeId: to })).body
        .code,
    ).toBe('NOT_RECEIVING_AGENCY');
    // a third agency's supervisor: the standard 404
    const third = await post('molsw.supervisor', `/referrals/${ref.id}/reassign`, {
      version: ref.version,
      assigneeId: to,
    });
    expect(third.status).toBe(404);
    expect(withoutRequestId(third.text)).toBe(
      withoutRequestId(
        (await post('molsw.supervisor', `/referrals/${randomUUID()}/reassign`, { version: 1, assigneeId: to })).text,
      ),
    );
    // a user of another agency as the assignee: refused exactly like an id that does not exist
    const otherAgency = await post('lwu.supervisor', `/referrals/${ref.id}/reassign`, {
      version: ref.version,
      assigneeId: ids.get('atd.caseworker'),
    });
    const nobody = await post('lwu.supervisor', `/referrals/${ref.id}/reassign`, {
      version: ref.version,
      assigneeId: randomUUID(),
    });
    expect(otherAgency.status).toBe(400);
    expect(otherAgency.body.details).toEqual(nobody.body.details);
    expect(otherAgency.body.details[0].field).toBe('assigneeId');

    const seq = await lastAuditSeq(s.admin);
    const reassigned = await post('lwu.supervisor', `/referrals/${ref.id}/reassign`, {
      version: ref.version,
      assigneeId: to,
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.assignedTo.username).toBe('lwu.supervisor');
    expect(reassigned.body.status).toBe('ACCEPTED');
    expect(reassigned.body.servicesDueBy).toBe(accepted.body.servicesDueBy);
    ref.version = reassigned.body.version;
    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([['REFERRAL_REASSIGNED', 'ALLOWED']]);
    const outbox = await s.admin.query(
      `SELECT payload FROM outbox WHERE kind = 'referral.reassigned' AND payload->>'referralId' = $1`,
      [ref.id],
    );
    expect(outbox.rows.map((r) => r.payload)).toEqual([{ referralId: ref.id, assigneeId: to }]);
    expect(reassigned.body.history.map((h: { kind: string }) => h.kind)).toContain('REFERRAL_REASSIGNED');
  });

  it('the services clock reminds once, escalates once, and the overdue referral shows in both agencies’ boxes', async () => {
    const events = async () =>
      (await s.admin.query(`SELECT kind FROM sla_event WHERE object_id = $1 ORDER BY id`, [ref.id])).rows.map(
        (r) => r.kind,
      );
    const outbox = async () =>
      (
        await s.admin.query(
          `SELECT kind, payload->>'clock' AS clock FROM outbox WHERE kind LIKE 'sla.%' AND payload->>'objectId' = $1 ORDER BY created_at, kind`,
          [ref.id],
        )
      ).rows.map((r) => `${r.kind}/${r.clock}`);
    await sla.scan();
    expect(await events()).toEqual([]); // 72 h ahead: nothing yet

    // 1 h of the period left (under 25 %): one reminder, however often the scan runs
    await s.admin.query(
      `UPDATE referral SET acknowledged_at = now() - interval '20 hours', services_due_by = now() + interval '1 hour' WHERE id = $1`,
      [ref.id],
    );
    await Promise.all([sla.scan(), sla.scan()]);
    await sla.scan();
    expect(await events()).toEqual(['SERVICE_REMINDER']);

    // the deadline passes: one breach (the escalation), however often the scan runs
    await s.admin.query(`UPDATE referral SET services_due_by = now() - interval '1 minute' WHERE id = $1`, [ref.id]);
    await Promise.all([sla.scan(), sla.scan()]);
    await sla.scan();
    expect(await events()).toEqual(['SERVICE_REMINDER', 'SERVICE_BREACH']);
    expect((await outbox()).sort()).toEqual(['sla.breach/SERVICES', 'sla.reminder/SERVICES']);

    for (const [u, box] of [
      ['lwu.caseworker', 'incoming'],
      ['atd.caseworker', 'outgoing'],
    ]) {
      const list = await get(u, `/referrals?box=${box}`);
      expect(list.status).toBe(200);
      expect(list.body.items.find((r: { id: string }) => r.id === ref.id)).toMatchObject({
        status: 'ACCEPTED',
        overdue: true,
        servicesDueBy: expect.any(String),
      });
    }
  });

  it('an accepted referral past its services date is overdue in both agencies’ lists and dashboards; a served one is not', async () => {
    // the dashboard's source for the services clock: each box's ACCEPTED referrals (apps/portal home)
    const seen = async (u: string, box: string, id: string, status = '') =>
      (
        (await get(u, `/referrals?box=${box}${status ? `&status=${status}` : ''}&limit=100`)).body.items as {
          id: string;
          status: string;
          overdue: boolean;
        }[]
      ).find((r) => r.id === id);
    const served = await refer('HIGH');
    const accepted = await post('lwu.caseworker', `/referrals/${served.id}/accept`, { version: served.version });
    expect(accepted.status).toBe(200);
    const delivered = await post('lwu.caseworker', `/referrals/${served.id}/services`, {
      version: accepted.body.version,
      serviceType: 'SHELTER',
      deliveredOn: todayInLaos(),
    });
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe('IN_PROGRESS');
    // both clocks long run out: the first service stopped the services clock
    await s.admin.query(
      `UPDATE referral SET acknowledge_by = now() - interval '3 days', services_due_by = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [[ref.id, served.id]],
    );
    for (const [u, box] of [
      ['lwu.caseworker', 'incoming'],
      ['lwu.supervisor', 'incoming'],
      ['atd.caseworker', 'outgoing'],
      ['atd.supervisor', 'outgoing'],
    ]) {
      expect([u, await seen(u, box, ref.id)]).toMatchObject([u, { status: 'ACCEPTED', overdue: true }]);
      expect([u, await seen(u, box, ref.id, 'ACCEPTED')]).toMatchObject([u, { status: 'ACCEPTED', overdue: true }]);
      expect([u, await seen(u, box, served.id)]).toMatchObject([u, { status: 'IN_PROGRESS', overdue: false }]);
      expect((await get(u, `/referrals/${ref.id}`)).body.overdue).toBe(true);
      expect((await get(u, `/referrals/${served.id}`)).body.overdue).toBe(false);
    }
  });

  it('the system administrator sets the SLA hours; the next clocks use them, running ones keep theirs', async () => {
    expect((await get('lwu.supervisor', '/admin/sla-settings')).status).toBe(403);
    const before = await get('sysadmin', '/admin/sla-settings');
    expect(before.status).toBe(200);
    expect(
      before.body.map((r: { urgency: string; acknowledgeHours: number; servicesHours: number }) => [
        r.urgency,
        r.acknowledgeHours,
        r.servicesHours,
      ]),
    ).toEqual([
      ['EMERGENCY', 24, 72],
      ['HIGH', 72, 168],
      ['ROUTINE', 168, 336],
    ]);
    const all = (emergency: object) => ({
      settings: [
        { urgency: 'EMERGENCY', acknowledgeHours: 10, servicesHours: 20, ...emergency },
        { urgency: 'HIGH', acknowledgeHours: 72, servicesHours: 168 },
        { urgency: 'ROUTINE', acknowledgeHours: 168, servicesHours: 336 },
      ],
    });
    const zero = await put('sysadmin', '/admin/sla-settings', all({ servicesHours: 0 }));
    expect(zero.status).toBe(400);
    expect(zero.body.details.map((d: { field: string }) => d.field)).toEqual(['settings.0.servicesHours']);
    const twice = await put('sysadmin', '/admin/sla-settings', {
      settings: [all({}).settings[0], all({}).settings[0], all({}).settings[1]],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.details[0].field).toBe('settings');
    expect((await put('lwu.supervisor', '/admin/sla-settings', all({}))).status).toBe(403);

    const seq = await lastAuditSeq(s.admin);
    const changed = await put('sysadmin', '/admin/sla-settings', all({}));
    expect(changed.status).toBe(200);
    expect(changed.body[0]).toMatchObject({
      urgency: 'EMERGENCY',
      acknowledgeHours: 10,
      servicesHours: 20,
      updatedAt: expect.any(String),
    });
    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([['SLA_SETTINGS_UPDATED', 'ALLOWED']]);
    expect(audit[0].details).toMatchObject({
      before: { EMERGENCY: { acknowledge: 24, services: 72 } },
      after: { EMERGENCY: { acknowledge: 10, services: 20 } },
    });

    const next = await refer('EMERGENCY');
    expect(new Date(next.acknowledgeBy).getTime() - new Date(next.createdAt).getTime()).toBe(10 * HOUR);
    const accepted = await post('lwu.caseworker', `/referrals/${next.id}/accept`, { version: next.version });
    expect(accepted.status).toBe(200);
    expect(
      Math.abs(
        new Date(accepted.body.servicesDueBy).getTime() -
          (new Date(accepted.body.acknowledgedAt).getTime() + 20 * HOUR),
      ),
    ).toBeLessThan(60_000);
    // the running clock of the first referral did not move
    const first = await get('atd.caseworker', `/referrals/${ref.id}`);
    expect(new Date(first.body.servicesDueBy).getTime()).toBeLessThan(Date.now());
  });

  it('prints the referral in Lao and English with only the consented categories, and audits the printing', async () => {
    for (const u of ['atd.caseworker', 'lwu.supervisor']) {
      const seq = await lastAuditSeq(s.admin);
      const res = await pdf(u, `/referrals/${ref.id}/print`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansLao/);
      const text = pdfText(bytes);
      expect(text).toContain('ໃບສົ່ງຕໍ່');
      expect(text).toContain('Referral');
      expect(text).toContain(CANARY_LATIN); // IDENTITY: in the packet and consented
      expect(text).not.toContain(EXPLOIT_MARKER); // EXPLOITATION_ACCOUNT: never consented for LWU
      expect(text).not.toContain(NOTE_CANARY); // notes are not part of the printed packet
      const audit = await auditSince(s.admin, seq);
      expect(audit.map((a) => [a.action, a.outcome])).toEqual([['REFERRAL_PRINTED', 'ALLOWED']]);
      expect(audit[0].details).toMatchObject({ referralId: ref.id, categories: ['CASE_SUMMARY', 'IDENTITY'] });
    }
  });
});
