import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DATA_CATEGORIES, INTERVIEW_CONSENT_QUESTIONS, URGENCY_SLA_HOURS, type DataCategory } from '@ctms/domain';
import { NotificationRepository } from '../src/notifications/notification.repository';
import { APP_CONFIG, AppConfig } from '../src/platform/config/config';
import { OutboxService } from '../src/platform/outbox/outbox.service';
import { SlaService } from '../src/sla/sla.service';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';

/**
 * Issue 14 items 1 and 2, case transfers (docs/workflows.md "Case transfer", docs/access.md
 * "Relations that open a case"): a lead transfer is refused without a consent for the receiver,
 * to non-supervisors and to other agencies (the standard 404); the receiver previews without
 * identity (TRANSFER_PENDING); a decline takes a coded reason; on acceptance with a worker of the
 * receiver, the receiver leads and sees everything, the former lead keeps a read relation to what
 * it held (FORMER_LEAD: no notes, timeline or writes, nothing of what comes after), or nothing when
 * the victim said so; a pending referral stays valid, and the new lead takes over the sending side
 * of the referrals and handoffs the former lead sent (decision 0025 "Follow-up"): it lists, opens and
 * writes on them, the former lead no longer sees them. A province transfer inside ATD moves the
 * province scope of every read at once. The SLA clock runs from the request.
 */
const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const MEETS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({ code, answer: 'PRESENT' }));

describe('case transfers (issue 14)', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const agencyIds = new Map<string, string>();
  const userIds = new Map<string, string>();
  const USERS = [
    'atd.caseworker',
    'atd.supervisor',
    'atd.bokeo',
    'lwu.caseworker',
    'lwu.supervisor',
    'molsw.caseworker',
    'molsw.supervisor',
    'doi.caseworker',
    'atd.investigator',
    'ngo.caseworker',
    'ospp.prosecutor',
    'atd.sav13',
    'atd.sup13',
  ];
  const token = (u: string) => tokens.get(u) ?? '';
  const agency = (code: string) => agencyIds.get(code) ?? '';
  const user = (u: string) => userIds.get(u) ?? '';
  const get = (u: string, path: string, rid?: string) => {
    const r = s
      .http()
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`);
    return rid ? r.set('X-Request-Id', rid) : r;
  };
  const post = (u: string, path: string, body: object, rid?: string) => {
    const r = s
      .http()
      .post(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`);
    return (rid ? r.set('X-Request-Id', rid) : r).send(body);
  };
  /** `u`'s answer for `path` is the standard 404, byte for byte the answer for a missing id. */
  async function notFoundAs(u: string, method: 'get' | 'post', path: string, id: string, body: object = {}) {
    const rid = `transfer-404-${randomUUID()}`;
    const send = (x: string) =>
      method === 'get' ? get(u, path.replace(':id', x), rid) : post(u, path.replace(':id', x), body, rid);
    const real = await send(id);
    const missing = await send(randomUUID());
    expect(real.status).toBe(404);
    expect(withoutRequestId(real.text)).toBe(withoutRequestId(missing.text));
  }

  /** A case of ATD in Vientiane Capital, opened through the screening API; answers its id and person. */
  async function atdCase(name: string): Promise<{ caseId: string; personId: string }> {
    const created = await post('atd.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: name,
        latinNames: [`Transfer ${name}`],
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
    const c = await get('atd.caseworker', `/cases/${approved.body.caseId}`);
    return { caseId: approved.body.caseId, personId: c.body.personId };
  }

  const handoffBody = () => ({
    toAgencyId: agency('OSPP'),
    statementSummary: 'statement taken at the transit centre',
    evidence: [],
    suspects: [],
    proposedCharges: [],
    willingToTestify: 'UNDECIDED',
    protectionMeasures: [],
  });

  async function consentFor(caseId: string, code: string, categories: DataCategory[]) {
    const r = await post('atd.caseworker', `/cases/${caseId}/consents`, {
      type: 'REFERRAL_SHARING',
      agencyIds: [agency(code)],
      purposes: ['REFERRAL_SHARING'],
      categories,
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(r.status).toBe(201);
    return r.body;
  }

  beforeAll(async () => {
    s = await startStack();
    // two ATD users of Savannakhet (13): a caseworker and a supervisor, copies of the demo accounts with another scope
    for (const [copy, from] of [
      ['atd.sav13', 'atd.caseworker'],
      ['atd.sup13', 'atd.supervisor'],
    ] as const) {
      await s.admin.query(`CREATE TEMP TABLE u_copy AS SELECT * FROM app_user WHERE username = $1`, [from]);
      await s.admin.query(
        `UPDATE u_copy SET id = gen_random_uuid(), username = $1::text, email = $1::text || '@example.org', all_provinces = false, provinces = '{13}'`,
        [copy],
      );
      await s.admin.query(`INSERT INTO app_user SELECT * FROM u_copy`);
      await s.admin.query(`DROP TABLE u_copy`);
    }
    for (const u of USERS) tokens.set(u, (await s.login(u)).accessToken);
    for (const r of (await s.admin.query(`SELECT id, code FROM agency`)).rows) agencyIds.set(r.code, r.id);
    for (const r of (await s.admin.query(`SELECT id, username FROM app_user`)).rows) userIds.set(r.username, r.id);
  });
  afterAll(async () => {
    await s.close();
  });

  describe('lead-agency transfer', () => {
    let caseId = '';
    let personId = '';
    let molswReferral = { id: '', version: 0 };
    let osppHandoff = '';
    let transfer = { id: '', version: 0 };
    const body = (code: string, categories: DataCategory[] = ['HEALTH']) => ({
      toAgencyId: agency(code),
      urgency: 'HIGH',
      reason: 'she goes to the shelter',
      categories,
    });
    const transferCount = async () =>
      Number(
        (await s.admin.query(`SELECT count(*)::int AS n FROM case_transfer WHERE case_id = $1`, [caseId])).rows[0].n,
      );

    beforeAll(async () => {
      ({ caseId, personId } = await atdCase('ນາງ ໂອນ'));
    });

    it('is refused without a consent covering the receiver, and to non-supervisors and other agencies with the same 404; nothing is stored', async () => {
      const refused = await post('atd.supervisor', `/cases/${caseId}/transfers`, body('LWU', ['IDENTITY', 'HEALTH']));
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONSENT_NOT_COVERING');
      expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual([
        'categories',
        'categories',
        'categories',
      ]);
      // a caseworker lacks case:transfer: the same 404 as everyone who may not act
      await notFoundAs('atd.caseworker', 'post', '/cases/:id/transfers', caseId, body('LWU'));
      await notFoundAs('lwu.supervisor', 'post', '/cases/:id/transfers', caseId, body('MOLSW'));
      await notFoundAs('molsw.supervisor', 'post', '/cases/:id/transfers', caseId, body('LWU'));
      // a prosecution-only agency never leads a case
      const ospp = await post('atd.supervisor', `/cases/${caseId}/transfers`, body('OSPP', []));
      expect(ospp.status).toBe(400);
      expect(ospp.body.details[0].field).toBe('toAgencyId');
      expect(await transferCount()).toBe(0);
    });

    it('MoLSW is asked, previews without identity, and declines with a coded reason (OTHER needs a note)', async () => {
      await consentFor(caseId, 'MOLSW', ['CASE_SUMMARY', 'IDENTITY', 'HEALTH']);
      const asked = await post('atd.supervisor', `/cases/${caseId}/transfers`, body('MOLSW', ['IDENTITY', 'HEALTH']));
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({
        status: 'REQUESTED',
        kind: 'LEAD_AGENCY',
        fromProvinceCode: '01',
        toProvinceCode: '01',
        categories: ['CASE_SUMMARY', 'IDENTITY', 'HEALTH'],
      });
      const again = await post('atd.supervisor', `/cases/${caseId}/transfers`, body('MOLSW', ['HEALTH']));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('TRANSFER_ALREADY_REQUESTED');

      const preview = await get('molsw.caseworker', `/cases/${caseId}`);
      expect(preview.status).toBe(200);
      expect(preview.body.relation).toBe('TRANSFER_PENDING');
      expect(preview.body.visibleCategories).toEqual(['CASE_SUMMARY', 'HEALTH']);
      expect(preview.body.personId).toBeUndefined();
      await notFoundAs('molsw.caseworker', 'get', '/persons/:id', personId);

      const other = await post('molsw.supervisor', `/transfers/${asked.body.id}/decline`, {
        version: asked.body.version,
        reason: 'OTHER',
      });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('REASON_REQUIRED');
      const declined = await post('molsw.supervisor', `/transfers/${asked.body.id}/decline`, {
        version: asked.body.version,
        reason: 'NO_CAPACITY',
      });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'DECLINED', declineReason: 'NO_CAPACITY', allowedActions: [] });
      await notFoundAs('molsw.caseworker', 'get', '/cases/:id', caseId);
      const outgoing = await get('atd.supervisor', '/transfers?box=outgoing');
      expect(outgoing.body.items.map((t: { id: string; status: string }) => [t.id, t.status])).toContainEqual([
        asked.body.id,
        'DECLINED',
      ]);
    });

    it('LWU is asked: its inbox has it, what is due first; only its supervisors answer; a worker of another agency is refused', async () => {
      await consentFor(caseId, 'LWU', ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION', 'HEALTH']);
      // a referral of ATD to MoLSW that must outlive the transfer
      const ref = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
        toAgencyId: agency('MOLSW'),
        serviceTypes: ['REINTEGRATION'],
        urgency: 'ROUTINE',
        reason: 'follow-up',
        categories: ['IDENTITY'],
      });
      expect(ref.status).toBe(201);
      molswReferral = { id: ref.body.id, version: ref.body.version };
      // and a handoff of ATD to the prosecutor (its investigator assigned: the editor rule)
      const before = await get('atd.supervisor', `/cases/${caseId}`);
      expect(
        (
          await post('atd.supervisor', `/cases/${caseId}/assign`, {
            version: before.body.version,
            userId: user('atd.investigator'),
          })
        ).status,
      ).toBe(200);
      const handoff = await post('atd.investigator', `/cases/${caseId}/handoffs`, handoffBody());
      expect(handoff.status).toBe(201);
      osppHandoff = handoff.body.id;

      const seq = await lastAuditSeq(s.admin);
      const asked = await post('atd.supervisor', `/cases/${caseId}/transfers`, {
        ...body('LWU', ['IDENTITY', 'CONTACT_LOCATION', 'HEALTH']),
        urgency: 'EMERGENCY',
      });
      expect(asked.status).toBe(201);
      transfer = { id: asked.body.id, version: asked.body.version };
      const due = new Date(asked.body.respondBy).getTime() - new Date(asked.body.createdAt).getTime();
      expect(Math.abs(due - URGENCY_SLA_HOURS.EMERGENCY * 3_600_000)).toBeLessThan(5_000);
      const audit = await auditSince(s.admin, seq);
      expect(audit.map((a) => [a.action, a.outcome])).toContainEqual(['TRANSFER_REQUESTED', 'ALLOWED']);
      const outbox = (
        await s.admin.query(
          `SELECT payload FROM outbox WHERE kind = 'transfer.requested' AND payload->>'transferId' = $1`,
          [transfer.id],
        )
      ).rows;
      expect(outbox.map((r: { payload: object }) => Object.keys(r.payload))).toEqual([['transferId']]);

      const inbox = await get('lwu.supervisor', '/transfers?box=incoming');
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.map((t: { id: string }) => t.id)).toEqual([transfer.id]);
      expect(JSON.stringify(inbox.body)).not.toContain('ໂອນ');
      expect(
        (await get('molsw.supervisor', '/transfers?box=incoming')).body.items.map((t: { status: string }) => t.status),
      ).toEqual(['DECLINED']);
      await notFoundAs('molsw.supervisor', 'get', '/transfers/:id', transfer.id);
      await notFoundAs('doi.caseworker', 'get', '/cases/:id', caseId);

      await notFoundAs('lwu.caseworker', 'post', '/transfers/:id/accept', transfer.id, { version: transfer.version });
      const sender = await post('atd.supervisor', `/transfers/${transfer.id}/accept`, {
        version: transfer.version,
        assigneeId: user('atd.caseworker'),
      });
      expect(sender.status).toBe(409);
      expect(sender.body.code).toBe('NOT_RECEIVING_AGENCY');
      await notFoundAs('molsw.supervisor', 'post', '/transfers/:id/accept', transfer.id, { version: transfer.version });
      const foreign = await post('lwu.supervisor', `/transfers/${transfer.id}/accept`, {
        version: transfer.version,
        assigneeId: user('atd.caseworker'),
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.details[0].field).toBe('assigneeId');
      expect(
        (await s.admin.query(`SELECT lead_agency_id FROM case_record WHERE id = $1`, [caseId])).rows[0].lead_agency_id,
      ).toBe(agency('MOPS_ATD'));
    });

    it('the SLA clock runs from the request: a reminder near the deadline, a breach after it, once each', async () => {
      const sla = new SlaService(s.app.get(DataSource), s.app.get(OutboxService), s.app.get<AppConfig>(APP_CONFIG));
      await sla.scan();
      const events = async () =>
        (
          await s.admin.query(
            `SELECT kind FROM sla_event WHERE object_type = 'TRANSFER' AND object_id = $1 ORDER BY id`,
            [transfer.id],
          )
        ).rows.map((r: { kind: string }) => r.kind);
      expect(await events()).toEqual([]);
      await s.admin.query(
        `UPDATE case_transfer SET respond_by = now() + interval '1 hour', created_at = now() - interval '23 hours' WHERE id = $1`,
        [transfer.id],
      );
      await sla.scan();
      await sla.scan();
      expect(await events()).toEqual(['REMINDER']);
      await s.admin.query(`UPDATE case_transfer SET respond_by = now() - interval '1 minute' WHERE id = $1`, [
        transfer.id,
      ]);
      await Promise.all([sla.scan(), sla.scan()]);
      expect(await events()).toEqual(['REMINDER', 'BREACH']);
      const overdue = await get('lwu.supervisor', `/transfers/${transfer.id}`);
      expect(overdue.body.overdue).toBe(true);
    });

    it('LWU accepts with its worker: it leads and sees everything; ATD keeps exactly what it held, read only; the referral stays valid', async () => {
      const accepted = await post('lwu.supervisor', `/transfers/${transfer.id}/accept`, {
        version: transfer.version,
        assigneeId: user('lwu.caseworker'),
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        status: 'ACCEPTED',
        assignedTo: { id: user('lwu.caseworker') },
        retainedCategories: [...DATA_CATEGORIES],
      });

      const lead = await get('lwu.caseworker', `/cases/${caseId}`);
      expect(lead.body).toMatchObject({
        relation: 'LEAD_AGENCY',
        visibleCategories: [...DATA_CATEGORIES],
        leadAgency: { id: agency('LWU') },
        assignedTo: { id: user('lwu.caseworker') },
      });
      expect(
        (await get('lwu.caseworker', `/cases/${caseId}/timeline`)).body.items.map((e: { kind: string }) => e.kind),
      ).toEqual(expect.arrayContaining(['TRANSFER_REQUESTED', 'TRANSFER_DECLINED', 'TRANSFER_ACCEPTED']));

      const former = await get('atd.caseworker', `/cases/${caseId}`);
      expect(former.status).toBe(200);
      expect(former.body.relation).toBe('FORMER_LEAD');
      expect(former.body.visibleCategories).toEqual([...DATA_CATEGORIES]);
      expect(former.body.personId).toBe(personId);
      expect(former.body.plan).toBeUndefined();
      expect(former.body.allowedActions).toMatchObject({ case: [], edit: false, assign: false });
      expect((await get('atd.caseworker', `/persons/${personId}`)).status).toBe(200);
      // read only, and nothing of what the new lead writes afterwards
      const note = await post('lwu.caseworker', `/cases/${caseId}/notes`, {
        body: 'LWU only',
        category: 'CASE_SUMMARY',
      });
      expect(note.status).toBe(201);
      await notFoundAs('atd.caseworker', 'get', '/cases/:id/notes', caseId);
      await notFoundAs('atd.caseworker', 'get', '/cases/:id/timeline', caseId);
      await notFoundAs('atd.supervisor', 'post', '/cases/:id/notes', caseId, {
        body: 'not any more',
        category: 'CASE_SUMMARY',
      });
      await notFoundAs('atd.supervisor', 'post', '/cases/:id/transfers', caseId, body('LWU'));
      // ATD's users outside Vientiane Capital never held it
      await notFoundAs('atd.bokeo', 'get', '/cases/:id', caseId);

      // the pending referral to MoLSW is still answered
      expect((await get('molsw.caseworker', `/cases/${caseId}`)).body.relation).toBe('REFERRAL_PENDING');
      const acceptRef = await post('molsw.caseworker', `/referrals/${molswReferral.id}/accept`, {
        version: molswReferral.version,
      });
      expect(acceptRef.status).toBe(200);
      expect(acceptRef.body.status).toBe('ACCEPTED');
    });

    it('the new lead takes over the sending side of the referral and the handoff ATD sent; ATD and third agencies get the 404', async () => {
      // the referral: in LWU's outgoing box, opened as its sender, a note to the receiver
      const outgoing = await get('lwu.caseworker', '/referrals?box=outgoing');
      expect(outgoing.body.items.map((r: { id: string }) => r.id)).toContain(molswReferral.id);
      const opened = await get('lwu.caseworker', `/referrals/${molswReferral.id}`);
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ status: 'ACCEPTED', fromAgency: { code: 'MOPS_ATD' } });
      expect(opened.body.allowedActions).toEqual(expect.arrayContaining(['CANCEL', 'ADD_NOTE']));
      const note = await post('lwu.caseworker', `/referrals/${molswReferral.id}/notes`, {
        body: 'LWU leads her case now',
      });
      expect(note.status).toBe(201);
      const side = await s.admin.query(
        `SELECT details->>'side' AS side FROM case_event WHERE kind = 'REFERRAL_NOTE_ADDED' AND details->>'noteId' = $1`,
        [note.body.id],
      );
      expect(side.rows.map((r: { side: string }) => r.side)).toEqual(['SENDER']);
      const read = await get('molsw.caseworker', `/referrals/${molswReferral.id}/notes`);
      expect(read.status).toBe(200);
      expect(
        read.body.items.map((n: { body: string; author: { agencyCode: string } }) => [n.author.agencyCode, n.body]),
      ).toEqual([['LWU', 'LWU leads her case now']]);
      expect(
        (await get('molsw.caseworker', '/referrals?box=incoming')).body.items.map((r: { id: string }) => r.id),
      ).toContain(molswReferral.id);

      // the handoff: in LWU's outgoing box and opened as its sender; resubmitting or withdrawing needs the INVESTIGATE capability LWU has not
      expect(
        (await get('lwu.caseworker', '/handoffs?box=outgoing')).body.items.map((h: { id: string }) => h.id),
      ).toContain(osppHandoff);
      const handoff = await get('lwu.supervisor', `/handoffs/${osppHandoff}`);
      expect(handoff.status).toBe(200);
      expect(handoff.body).toMatchObject({ box: 'OUTGOING', fromAgency: { code: 'MOPS_ATD' }, allowedActions: [] });
      expect((await get('ospp.prosecutor', `/handoffs/${osppHandoff}`)).status).toBe(200);
      // what the receivers answer from now on (accepted, returned, SLA breaches) is told to the new lead: the same sending side
      const parties = new NotificationRepository();
      expect((await parties.parties(s.app.get(DataSource), 'referral', molswReferral.id)).sender_agency_ids).toEqual([
        agency('LWU'),
      ]);
      expect((await parties.parties(s.app.get(DataSource), 'handoff', osppHandoff)).sender_agency_ids).toEqual([
        agency('LWU'),
      ]);
      // a note the receiver writes now is news for the new lead, not for the former one
      const answer = await post('molsw.caseworker', `/referrals/${molswReferral.id}/notes`, {
        body: 'first visit done',
      });
      expect(answer.status).toBe(201);
      const facts = await parties.referralNote(s.app.get(DataSource), molswReferral.id, answer.body.id);
      expect(facts.sender_agency_id).toBe(agency('LWU'));

      // the former lead kept the case view only (FORMER_LEAD): not the referral, its notes, its print or the handoff
      expect((await get('atd.caseworker', `/cases/${caseId}`)).body.relation).toBe('FORMER_LEAD');
      for (const path of ['/referrals/:id', '/referrals/:id/notes', '/referrals/:id/print'])
        await notFoundAs('atd.caseworker', 'get', path, molswReferral.id);
      await notFoundAs('atd.caseworker', 'post', '/referrals/:id/notes', molswReferral.id, {
        body: 'not ours any more',
      });
      await notFoundAs('atd.investigator', 'get', '/handoffs/:id', osppHandoff);
      await notFoundAs('atd.investigator', 'post', '/handoffs/:id/withdraw', osppHandoff, {
        version: 1,
        reason: 'not ours any more',
      });
      expect(
        (await get('atd.caseworker', '/referrals?box=outgoing')).body.items.map((r: { id: string }) => r.id),
      ).not.toContain(molswReferral.id);
      expect((await get('atd.investigator', '/handoffs')).body.items.map((h: { id: string }) => h.id)).not.toContain(
        osppHandoff,
      );
      // a third agency, as before
      await notFoundAs('doi.caseworker', 'get', '/referrals/:id', molswReferral.id);
      await notFoundAs('doi.caseworker', 'get', '/handoffs/:id', osppHandoff);
      await notFoundAs('ngo.caseworker', 'get', '/referrals/:id/notes', molswReferral.id);
    });

    it('a RESTRICTED case hides the referral and the handoff from the lead’s users it does not name; the named one cancels as the sender', async () => {
      const c = await get('lwu.supervisor', `/cases/${caseId}`);
      const set = await post('lwu.supervisor', `/cases/${caseId}/flags`, {
        version: c.body.version,
        flag: 'RESTRICTED',
        set: true,
        reason: 'a relative works at the shelter',
      });
      expect(set.status).toBe(200);
      await notFoundAs('lwu.caseworker', 'get', '/referrals/:id', molswReferral.id);
      await notFoundAs('lwu.caseworker', 'get', '/handoffs/:id', osppHandoff);
      expect(
        (await get('lwu.caseworker', '/referrals?box=outgoing')).body.items.map((r: { id: string }) => r.id),
      ).not.toContain(molswReferral.id);
      expect((await get('lwu.caseworker', '/handoffs')).body.items.map((h: { id: string }) => h.id)).not.toContain(
        osppHandoff,
      );
      expect((await get('lwu.supervisor', `/handoffs/${osppHandoff}`)).status).toBe(200);

      const ref = await get('lwu.supervisor', `/referrals/${molswReferral.id}`);
      expect(ref.status).toBe(200);
      const cancelled = await post('lwu.supervisor', `/referrals/${molswReferral.id}/cancel`, {
        version: ref.body.version,
        reason: 'LWU serves her itself',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('CANCELLED');
    });

    it('a former lead the victim did not want keeps nothing, nor its referrals and handoffs', async () => {
      const other = await atdCase('ນາງ ບໍ່ເກັບ');
      await consentFor(other.caseId, 'LWU', ['CASE_SUMMARY']);
      await consentFor(other.caseId, 'MOLSW', ['CASE_SUMMARY']);
      const ref = await post('atd.caseworker', `/cases/${other.caseId}/referrals`, {
        toAgencyId: agency('MOLSW'),
        serviceTypes: ['REINTEGRATION'],
        urgency: 'ROUTINE',
        reason: 'follow-up',
        categories: [],
      });
      expect(ref.status).toBe(201);
      const before = await get('atd.supervisor', `/cases/${other.caseId}`);
      expect(
        (
          await post('atd.supervisor', `/cases/${other.caseId}/assign`, {
            version: before.body.version,
            userId: user('atd.investigator'),
          })
        ).status,
      ).toBe(200);
      const handoff = await post('atd.investigator', `/cases/${other.caseId}/handoffs`, handoffBody());
      expect(handoff.status).toBe(201);
      const asked = await post('atd.supervisor', `/cases/${other.caseId}/transfers`, {
        ...body('LWU', []),
        formerLeadAccess: 'NONE',
      });
      expect(asked.status).toBe(201);
      const accepted = await post('lwu.supervisor', `/transfers/${asked.body.id}/accept`, {
        version: asked.body.version,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.retainedCategories).toEqual([]);
      await notFoundAs('atd.caseworker', 'get', '/cases/:id', other.caseId);
      await notFoundAs('atd.caseworker', 'get', '/referrals/:id', ref.body.id);
      await notFoundAs('atd.investigator', 'get', '/handoffs/:id', handoff.body.id);
      expect((await get('lwu.supervisor', `/referrals/${ref.body.id}`)).status).toBe(200);
      expect((await get('lwu.supervisor', `/handoffs/${handoff.body.id}`)).status).toBe(200);
      expect((await get('molsw.caseworker', `/referrals/${ref.body.id}`)).status).toBe(200);
      // (the person stays visible to ATD through its own approved screening: a relation of its own, docs/access.md "Persons")
      expect((await get('lwu.supervisor', `/cases/${other.caseId}`)).body.assignedTo.id).toBe(user('lwu.supervisor'));
    });
  });

  describe('province transfer inside ATD', () => {
    let caseId = '';
    beforeAll(async () => {
      ({ caseId } = await atdCase('ນາງ ສະຫວັນ'));
    });

    it('moves the province scope of every read at once on acceptance by the receiving province', async () => {
      await notFoundAs('atd.sup13', 'get', '/cases/:id', caseId);
      const same = await post('atd.supervisor', `/cases/${caseId}/transfers`, {
        toAgencyId: agency('MOPS_ATD'),
        urgency: 'ROUTINE',
        reason: 'home province',
        categories: [],
      });
      expect(same.status).toBe(400);
      expect(same.body.details[0].field).toBe('toProvinceCode');
      const asked = await post('atd.supervisor', `/cases/${caseId}/transfers`, {
        toAgencyId: agency('MOPS_ATD'),
        toProvinceCode: '13',
        urgency: 'ROUTINE',
        reason: 'home province',
        categories: [],
      });
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({ kind: 'PROVINCE', fromProvinceCode: '01', toProvinceCode: '13' });

      // the Savannakhet office previews; Vientiane Capital still leads
      const inbox = await get('atd.sup13', '/transfers?box=incoming');
      expect(inbox.body.items.map((t: { id: string }) => t.id)).toEqual([asked.body.id]);
      const preview = await get('atd.sav13', `/cases/${caseId}`);
      expect(preview.body.relation).toBe('TRANSFER_PENDING');
      expect(preview.body.visibleCategories).not.toContain('IDENTITY');
      expect((await get('atd.caseworker', `/cases/${caseId}`)).body.relation).toBe('LEAD_AGENCY');
      const cw = await post('atd.sup13', `/transfers/${asked.body.id}/cancel`, {
        version: asked.body.version,
        reason: 'not mine',
      });
      expect(cw.status).toBe(409);
      expect(cw.body.code).toBe('NOT_SENDER');

      const outOfScope = await post('atd.sup13', `/transfers/${asked.body.id}/accept`, {
        version: asked.body.version,
        assigneeId: user('atd.caseworker'),
      });
      expect(outOfScope.status).toBe(400);
      expect(outOfScope.body.details[0].field).toBe('assigneeId');
      const accepted = await post('atd.sup13', `/transfers/${asked.body.id}/accept`, {
        version: asked.body.version,
        assigneeId: user('atd.sav13'),
      });
      expect(accepted.status).toBe(200);

      const now13 = await get('atd.sav13', `/cases/${caseId}`);
      expect(now13.body).toMatchObject({
        relation: 'LEAD_AGENCY',
        provinceCode: '13',
        visibleCategories: [...DATA_CATEGORIES],
      });
      expect(now13.body.allowedActions.edit).toBe(true);
      await notFoundAs('atd.caseworker', 'get', '/cases/:id', caseId);
      await notFoundAs('atd.caseworker', 'get', '/cases/:id/notes', caseId);
      expect((await get('atd.caseworker', '/cases')).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
      expect((await get('atd.sav13', '/cases')).body.items.map((c: { id: string }) => c.id)).toContain(caseId);
      // an all-province supervisor of the agency keeps the case
      expect((await get('atd.supervisor', `/cases/${caseId}`)).body.relation).toBe('LEAD_AGENCY');
      // the Vientiane Capital office still sees its own request in its outgoing box
      expect(
        (await get('atd.supervisor', '/transfers?box=outgoing')).body.items.map((t: { id: string }) => t.id),
      ).toContain(asked.body.id);
    });
  });

  it('a burst of requests opens one transfer, and a burst of answers moves the case once', async () => {
    const { caseId } = await atdCase('ຊອນໄຊ');
    const body = {
      toAgencyId: agency('MOPS_ATD'),
      toProvinceCode: '13',
      urgency: 'HIGH',
      reason: 'burst',
      categories: [],
    };
    const asks = await Promise.all(
      Array.from({ length: 12 }, () => post('atd.supervisor', `/cases/${caseId}/transfers`, body)),
    );
    expect(asks.map((r) => r.status).sort()).toEqual([201, ...Array<number>(11).fill(409)]);
    for (const r of asks.filter((x) => x.status === 409)) expect(r.body.code).toBe('TRANSFER_ALREADY_REQUESTED');
    const asked = asks.find((r) => r.status === 201)?.body as { id: string; version: number };
    expect(
      (await s.admin.query(`SELECT count(*)::int AS n FROM case_transfer WHERE case_id = $1`, [caseId])).rows[0].n,
    ).toBe(1);

    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2
          ? post('atd.sup13', `/transfers/${asked.id}/accept`, {
              version: asked.version,
              assigneeId: user('atd.sav13'),
            })
          : post('atd.sup13', `/transfers/${asked.id}/decline`, { version: asked.version, reason: 'NO_CAPACITY' }),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const events = await s.admin.query(
      `SELECT kind FROM case_event WHERE case_id = $1 AND kind IN ('TRANSFER_ACCEPTED', 'TRANSFER_DECLINED')`,
      [caseId],
    );
    expect(events.rows).toHaveLength(1);
  });
});
