import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificationRepository } from '../src/notifications/notification.repository';
import { startStack, TestStack, withoutRequestId } from './harness';
import { dateDaysAgo, screeningBody } from './world';

/**
 * Issue 14 items 3, 5 and 6 against the real stack: an LWU-led case sent to MoPS ATD for formal
 * identification (decision 0024), decided by ATD and visible to LWU, then handed to OSPP by ATD; a
 * closure request returned and then approved; RESTRICTED and NON_PUNISHMENT flags.
 */
describe('identification requests, closure requests and case flags', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();
  const agencies = new Map<string, string>();
  const USERS = [
    'lwu.caseworker',
    'lwu.supervisor',
    'atd.supervisor',
    'atd.investigator',
    'atd.caseworker',
    'ospp.prosecutor',
    'ngo.caseworker',
    'molsw.supervisor',
  ];
  const auth = (u: string) => `Bearer ${tokens.get(u) ?? ''}`;
  const get = (u: string, path: string) => s.http().get(`/api/v1${path}`).set('Authorization', auth(u));
  const post = (u: string, path: string, body: object) =>
    s.http().post(`/api/v1${path}`).set('Authorization', auth(u)).send(body);
  const agency = (code: string) => agencies.get(code) as string;

  async function lwuCase(name: string): Promise<string> {
    const created = await post('lwu.caseworker', '/screenings', screeningBody(name));
    expect(created.status).toBe(201);
    const submitted = await post('lwu.caseworker', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(submitted.status).toBe(200);
    const approved = await post('lwu.supervisor', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    return approved.body.caseId as string;
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
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  let caseId = '';
  let requestId = '';

  describe('identification request', () => {
    it('the lead agency sends its case to ATD; ATD had no relation before and gets one now', async () => {
      caseId = await lwuCase('ນາງກຳນົດ');
      expect((await get('atd.supervisor', `/cases/${caseId}`)).status).toBe(404);

      const wrong = await post('lwu.caseworker', `/cases/${caseId}/identification-requests`, {
        toAgencyId: agency('OSPP'),
      });
      expect(wrong.status).toBe(400);
      expect(JSON.stringify(wrong.body)).toContain('toAgencyId');

      const sent = await post('lwu.caseworker', `/cases/${caseId}/identification-requests`, {
        toAgencyId: agency('MOPS_ATD'),
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        status: 'REQUESTED',
        caseId,
        fromAgency: { code: 'LWU' },
        toAgency: { code: 'MOPS_ATD' },
        allowedActions: ['CANCEL'],
      });
      requestId = sent.body.id;
      const dueInDays = (Date.parse(sent.body.dueAt) - Date.parse(sent.body.requestedAt)) / 86_400_000;
      expect(Math.round(dueInDays)).toBe(7);

      const again = await post('lwu.caseworker', `/cases/${caseId}/identification-requests`, {
        toAgencyId: agency('MOPS_ATD'),
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('REQUEST_ALREADY_OPEN');

      // ATD's inbox, and the case through the new relation
      const inbox = await get('atd.investigator', '/identification-requests?status=REQUESTED');
      expect(inbox.status).toBe(200);
      const mine = inbox.body.find((r: { id: string }) => r.id === requestId);
      expect(mine).toMatchObject({ caseNumber: expect.any(String), allowedActions: ['DECIDE'] });
      const seen = await get('atd.investigator', `/cases/${caseId}`);
      expect(seen.status).toBe(200);
      expect(seen.body.relation).toBe('IDENTIFICATION_REQUEST');
      expect([...seen.body.visibleCategories].sort()).toEqual([
        'CASE_SUMMARY',
        'EXPLOITATION_ACCOUNT',
        'IDENTITY',
        'PERPETRATORS',
      ]);
      expect(seen.body.personId).toEqual(expect.any(String));
      expect(seen.body.plan).toBeUndefined();
      expect(seen.body.identificationRequest).toMatchObject({ id: requestId, allowedActions: ['DECIDE'] });

      // the outbox row names the request by id only
      const outbox = await s.admin.query<{ payload: Record<string, unknown> }>(
        `SELECT payload FROM outbox WHERE kind = 'identification.requested' AND payload->>'identificationRequestId' = $1`,
        [requestId],
      );
      expect(outbox.rows.map((r) => Object.keys(r.payload))).toEqual([['identificationRequestId']]);
    });

    it('a handoff by ATD waits for the identification: before it, the case is not ATD’s to hand off (404)', async () => {
      const early = await post('atd.investigator', `/cases/${caseId}/handoffs`, handoffBody());
      expect(early.status).toBe(404);
      // the case page does not offer it either
      expect((await get('atd.investigator', `/cases/${caseId}`)).body.allowedActions.handoff).toBe(false);
    });

    it('refuses the decision to anyone but ATD supervisors and investigators (a route the role may not take on an id: 404)', async () => {
      const body = {
        version: 1,
        decision: 'IDENTIFIED',
        decidedOn: dateDaysAgo(1),
        reasons: 'interviewed at the transit centre',
      };
      for (const u of ['lwu.supervisor', 'molsw.supervisor', 'ngo.caseworker', 'ospp.prosecutor', 'atd.caseworker']) {
        const r = await post(u, `/identification-requests/${requestId}/decide`, body);
        expect([u, r.status]).toEqual([u, 404]);
      }
      const noReasons = await post('atd.investigator', `/identification-requests/${requestId}/decide`, {
        ...body,
        reasons: '',
      });
      expect(noReasons.status).toBe(400);
      const row = await s.admin.query<{ status: string }>(`SELECT status FROM identification_request WHERE id = $1`, [
        requestId,
      ]);
      expect(row.rows[0]?.status).toBe('REQUESTED');
    });

    it('ATD decides with a date and reasons; the lead sees the decision; ATD may then hand the case to OSPP', async () => {
      const decided = await post('atd.investigator', `/identification-requests/${requestId}/decide`, {
        version: 1,
        decision: 'IDENTIFIED',
        decidedOn: dateDaysAgo(1),
        reasons: 'interviewed at the transit centre',
      });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({ status: 'DECIDED', decision: 'IDENTIFIED', allowedActions: [] });

      const lead = await get('lwu.caseworker', `/cases/${caseId}`);
      expect(lead.body).toMatchObject({
        identificationStatus: 'IDENTIFIED',
        identification: {
          decision: 'IDENTIFIED',
          agency: { code: 'MOPS_ATD' },
          reasons: 'interviewed at the transit centre',
        },
        identificationRequest: { status: 'DECIDED' },
      });
      const timeline = await get('lwu.caseworker', `/cases/${caseId}/timeline`);
      const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['IDENTIFICATION_REQUESTED', 'IDENTIFICATION_DECIDED']));
      const audits = await s.admin.query<{ action: string; outcome: string }>(
        `SELECT action, outcome FROM audit_event WHERE object_id = $1 ORDER BY seq`,
        [requestId],
      );
      expect(audits.rows.filter((a) => a.outcome === 'ALLOWED').map((a) => a.action)).toEqual([
        'CASE_IDENTIFICATION_REQUESTED',
        'CASE_IDENTIFICATION_DECIDED',
      ]);

      // a decided request is not decided twice
      const twice = await post('atd.investigator', `/identification-requests/${requestId}/decide`, {
        version: 2,
        decision: 'NOT_IDENTIFIED',
        decidedOn: dateDaysAgo(1),
        reasons: 'again',
      });
      expect(twice.status).toBe(409);

      // the API offers ATD the handoff on the case page (an investigator: handoff:create), not ATD's caseworker
      expect((await get('atd.investigator', `/cases/${caseId}`)).body.allowedActions.handoff).toBe(true);
      expect((await get('atd.caseworker', `/cases/${caseId}`)).body.allowedActions.handoff).toBe(false);
      const handoff = await post('atd.investigator', `/cases/${caseId}/handoffs`, handoffBody());
      expect(handoff.status).toBe(201);
      expect((await get('atd.investigator', `/handoffs/${handoff.body.id}`)).status).toBe(200);
      const osp = await get('ospp.prosecutor', `/handoffs/${handoff.body.id}`);
      expect(osp.status).toBe(200);
      // the sending side is ATD (which sent it, as the identifying agency) and the lead agency (decision 0025, "Follow-up")
      const byLead = await get('lwu.caseworker', `/handoffs/${handoff.body.id}`);
      expect(byLead.status).toBe(200);
      expect(byLead.body.box).toBe('OUTGOING');
      expect(
        (await get('lwu.caseworker', '/handoffs?box=outgoing')).body.items.map((h: { id: string }) => h.id),
      ).toContain(handoff.body.id);
      expect(
        (await get('atd.investigator', '/handoffs?box=outgoing')).body.items.map((h: { id: string }) => h.id),
      ).toContain(handoff.body.id);
      expect((await get('molsw.supervisor', `/handoffs/${handoff.body.id}`)).status).toBe(404);
      // its returns and decisions are told to both (notifications follow the same sending side)
      const parties = await new NotificationRepository().parties(s.app.get(DataSource), 'handoff', handoff.body.id);
      expect([...parties.sender_agency_ids].sort()).toEqual([agency('LWU'), agency('MOPS_ATD')].sort());
      // the decision's news goes to the lead now: after a lead transfer (set directly here, the
      // transfer itself is transfers.int-spec.ts), the new lead, not the agency that asked
      const repo = new NotificationRepository();
      expect(
        (await repo.parties(s.app.get(DataSource), 'identification_request', requestId)).sender_agency_ids,
      ).toEqual([agency('LWU')]);
      await s.admin.query(`UPDATE case_record SET lead_agency_id = $2 WHERE id = $1`, [caseId, agency('MOPS_DOI')]);
      try {
        expect(
          (await repo.parties(s.app.get(DataSource), 'identification_request', requestId)).sender_agency_ids,
        ).toEqual([agency('MOPS_DOI')]);
      } finally {
        await s.admin.query(`UPDATE case_record SET lead_agency_id = $2 WHERE id = $1`, [caseId, agency('LWU')]);
      }
    });

    it('the lead agency may cancel an open request; ATD loses the relation it gave', async () => {
      const other = await lwuCase('ນາງຍົກເລີກ');
      const sent = await post('lwu.caseworker', `/cases/${other}/identification-requests`, {
        toAgencyId: agency('MOPS_ATD'),
      });
      expect(sent.status).toBe(201);
      expect((await get('atd.supervisor', `/cases/${other}`)).status).toBe(200);
      const byAtd = await post('atd.supervisor', `/identification-requests/${sent.body.id}/cancel`, {
        version: 1,
        reason: 'not ours',
      });
      expect(byAtd.status).toBe(409);
      const cancelled = await post('lwu.caseworker', `/identification-requests/${sent.body.id}/cancel`, {
        version: 1,
        reason: 'the person left',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('CANCELLED');
      expect((await get('atd.supervisor', `/cases/${other}`)).status).toBe(404);
    });

    it('an agency that identifies itself does not send requests', async () => {
      const created = await post('atd.caseworker', '/screenings', screeningBody('ນາງເອທີດີ'));
      const submitted = await post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
        version: created.body.version,
      });
      const approved = await post('atd.supervisor', `/screenings/${created.body.id}/approve`, {
        version: submitted.body.version,
      });
      expect(approved.status).toBe(200);
      const r = await post('atd.supervisor', `/cases/${approved.body.caseId}/identification-requests`, {
        toAgencyId: agency('MOPS_ATD'),
      });
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    });
  });

  function handoffBody() {
    return {
      toAgencyId: agency('OSPP'),
      statementSummary: 'statement',
      evidence: [{ description: 'a bus ticket' }],
      suspects: [{ alias: 'the driver', roleInProcess: 'TRANSPORTER', relationToVictim: 'STRANGER' }],
      proposedCharges: [{ article: 'PENAL_CODE_215' }],
      willingToTestify: 'YES',
      protectionMeasures: [],
    };
  }

  describe('closure request', () => {
    let closureCase = '';
    it('a caseworker asks with a coded reason; a supervisor returns it with a comment; the case stays open', async () => {
      closureCase = await lwuCase('ນາງປິດ');
      const other = await post('lwu.caseworker', `/cases/${closureCase}/closure-requests`, { reason: 'OTHER' });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('REASON_REQUIRED');
      const asked = await post('lwu.caseworker', `/cases/${closureCase}/closure-requests`, { reason: 'REINTEGRATED' });
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({ status: 'REQUESTED', reason: 'REINTEGRATED', allowedActions: [] });

      expect((await post('lwu.caseworker', `/closure-requests/${asked.body.id}/approve`, { version: 1 })).status).toBe(
        404,
      );
      expect((await post('atd.supervisor', `/closure-requests/${asked.body.id}/approve`, { version: 1 })).status).toBe(
        404,
      );
      const noComment = await post('lwu.supervisor', `/closure-requests/${asked.body.id}/return`, { version: 1 });
      expect(noComment.status).toBe(409);
      expect(noComment.body.code).toBe('REASON_REQUIRED');

      const returned = await post('lwu.supervisor', `/closure-requests/${asked.body.id}/return`, {
        version: 1,
        comment: 'one more follow-up visit first',
      });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'RETURNED', comment: 'one more follow-up visit first' });
      const c = await get('lwu.caseworker', `/cases/${closureCase}`);
      expect(c.body.status).toBe('OPEN');
      expect(c.body.closureRequest).toMatchObject({ status: 'RETURNED' });
      expect(c.body.allowedActions.requestClosure).toBe(true);
    });

    it('asked again and approved: the case closes with the requested reason', async () => {
      const asked = await post('lwu.caseworker', `/cases/${closureCase}/closure-requests`, {
        reason: 'SERVICES_COMPLETED',
      });
      expect(asked.status).toBe(201);
      const sup = await get('lwu.supervisor', `/cases/${closureCase}`);
      expect(sup.body.closureRequest).toMatchObject({ id: asked.body.id, allowedActions: ['APPROVE', 'RETURN'] });
      const approved = await post('lwu.supervisor', `/closure-requests/${asked.body.id}/approve`, { version: 1 });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('APPROVED');
      const c = await get('lwu.caseworker', `/cases/${closureCase}`);
      expect(c.body).toMatchObject({ status: 'CLOSED', closureReason: 'SERVICES_COMPLETED' });
      const timeline = await get('lwu.caseworker', `/cases/${closureCase}/timeline`);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['CLOSURE_REQUESTED', 'CLOSURE_RETURNED', 'CASE_CLOSED']),
      );
    });
  });

  describe('flags', () => {
    it('RESTRICTED: only the named users of the lead agency open the case; everyone else gets the 404 of a missing case', async () => {
      const restricted = await lwuCase('ນາງຈຳກັດ');
      const sent = await post('lwu.caseworker', `/cases/${restricted}/identification-requests`, {
        toAgencyId: agency('MOPS_ATD'),
      });
      expect(sent.status).toBe(201);
      const before = await get('lwu.supervisor', `/cases/${restricted}`);
      const noReason = await post('lwu.supervisor', `/cases/${restricted}/flags`, {
        version: before.body.version,
        flag: 'RESTRICTED',
        set: true,
        reason: '',
      });
      expect(noReason.status).toBe(400);
      expect(
        (
          await post('lwu.caseworker', `/cases/${restricted}/flags`, {
            version: before.body.version,
            flag: 'RESTRICTED',
            set: true,
            reason: 'x'.repeat(5),
          })
        ).status,
      ).toBe(404);

      const set = await post('lwu.supervisor', `/cases/${restricted}/flags`, {
        version: before.body.version,
        flag: 'RESTRICTED',
        set: true,
        reason: 'the trafficker is a relative of a staff member',
      });
      expect(set.status).toBe(200);
      expect(set.body.flags).toContain('RESTRICTED');
      expect(set.body.restrictedTo.map((u: { username: string }) => u.username)).toEqual(['lwu.supervisor']);

      const missing = await get('lwu.caseworker', `/cases/00000000-0000-4000-8000-000000000000`);
      for (const u of ['lwu.caseworker', 'atd.supervisor', 'atd.investigator', 'ngo.caseworker', 'molsw.supervisor']) {
        const r = await get(u, `/cases/${restricted}`);
        expect([u, r.status, r.body.code]).toEqual([u, 404, missing.body.code]);
        const timeline = await get(u, `/cases/${restricted}/timeline`);
        expect([u, timeline.status]).toEqual([u, 404]);
        const list = await get(u, '/cases?limit=100');
        expect([u, (list.body.items ?? []).some((c: { id: string }) => c.id === restricted)]).toEqual([u, false]);
      }
      // ids in bodies: an export of the case file, the identification request's decision and inbox
      const exp = await post('lwu.caseworker', '/exports', {
        kind: 'CASE_FILE_PDF',
        caseId: restricted,
        reason: 'Case file for the court',
      });
      expect(exp.status).toBe(404);
      expect(
        (
          await post('atd.investigator', `/identification-requests/${sent.body.id}/decide`, {
            version: 1,
            decision: 'IDENTIFIED',
            decidedOn: dateDaysAgo(1),
            reasons: 'x y z',
          })
        ).status,
      ).toBe(404);
      const inbox = await get('atd.investigator', '/identification-requests');
      expect(inbox.body.some((r: { id: string }) => r.id === sent.body.id)).toBe(false);
      const lwuInbox = await get('lwu.caseworker', '/identification-requests');
      expect(lwuInbox.body.some((r: { id: string }) => r.id === sent.body.id)).toBe(false);

      // the named supervisor still works on it, and lifts the restriction with a reason
      const named = await get('lwu.supervisor', `/cases/${restricted}`);
      expect(named.status).toBe(200);
      const lifted = await post('lwu.supervisor', `/cases/${restricted}/flags`, {
        version: named.body.version,
        flag: 'RESTRICTED',
        set: false,
        reason: 'the staff member left',
      });
      expect(lifted.status).toBe(200);
      expect(lifted.body.flags).not.toContain('RESTRICTED');
      expect((await get('lwu.caseworker', `/cases/${restricted}`)).status).toBe(200);
      expect((await get('atd.investigator', `/cases/${restricted}`)).status).toBe(200);

      const audits = await s.admin.query<{ action: string }>(
        `SELECT action FROM audit_event WHERE object_id = $1 AND outcome = 'ALLOWED' AND action LIKE 'CASE_FLAG%' ORDER BY seq`,
        [restricted],
      );
      expect(audits.rows.map((a) => a.action)).toEqual(['CASE_FLAG_SET', 'CASE_FLAG_LIFTED']);
    });

    it('RESTRICTED may name other users of the lead agency, never users of another agency', async () => {
      const c = await lwuCase('ນາງຈຳກັດສອງ');
      const v = (await get('lwu.supervisor', `/cases/${c}`)).body.version;
      const foreign = await post('lwu.supervisor', `/cases/${c}/flags`, {
        version: v,
        flag: 'RESTRICTED',
        set: true,
        reason: 'reason',
        userIds: [ids.get('atd.supervisor')],
      });
      expect(foreign.status).toBe(400);
      expect(JSON.stringify(foreign.body)).toContain('userIds[0]');
      const ok = await post('lwu.supervisor', `/cases/${c}/flags`, {
        version: v,
        flag: 'RESTRICTED',
        set: true,
        reason: 'reason',
        userIds: [ids.get('lwu.caseworker')],
      });
      expect(ok.status).toBe(200);
      expect((await get('lwu.caseworker', `/cases/${c}`)).status).toBe(200);
      expect((await get('atd.supervisor', `/cases/${c}`)).status).toBe(404);
    });

    it('RESTRICTED hides the screening and the person too, even from the caseworker who interviewed her', async () => {
      const c = await lwuCase('ນາງປິດບັງ');
      const { rows } = await s.admin.query<{ id: string; person_id: string }>(
        `SELECT id, person_id FROM screening WHERE case_id = $1`,
        [c],
      );
      const [{ id: screeningId, person_id: personId }] = rows;
      const search = () => post('lwu.caseworker', '/persons/search', { name: 'ນາງປິດບັງ', dateOfBirth: '1998' });
      expect((await get('lwu.caseworker', `/screenings/${screeningId}`)).status).toBe(200);
      expect((await get('lwu.caseworker', `/persons/${personId}`)).status).toBe(200);
      const found = await search();
      expect(found.status).toBe(200);
      expect((found.body.candidates as { personId: string }[]).map((x) => x.personId)).toContain(personId);

      const v = (await get('lwu.supervisor', `/cases/${c}`)).body.version;
      const set = await post('lwu.supervisor', `/cases/${c}/flags`, {
        version: v,
        flag: 'RESTRICTED',
        set: true,
        reason: 'a relative works in the office',
      });
      expect(set.status).toBe(200);

      const missing = await get('lwu.caseworker', '/screenings/00000000-0000-4000-8000-000000000000');
      const hidden = await get('lwu.caseworker', `/screenings/${screeningId}`);
      expect([hidden.status, hidden.body.code]).toEqual([404, missing.body.code]);
      expect((await get('lwu.caseworker', `/persons/${personId}`)).status).toBe(404);
      const list = await get('lwu.caseworker', '/screenings?limit=100');
      expect((list.body.items as { id: string }[]).some((x) => x.id === screeningId)).toBe(false);
      const after = await search();
      expect((after.body.candidates as { personId: string }[]).map((x) => x.personId)).not.toContain(personId);
      // the named supervisor still reads both
      expect((await get('lwu.supervisor', `/screenings/${screeningId}`)).status).toBe(200);
      expect((await get('lwu.supervisor', `/persons/${personId}`)).status).toBe(200);
    });

    it('RESTRICTED names several users: each named one opens the case, another user of the same agency gets the 404', async () => {
      // two more LWU caseworkers covering the case's province: one to name, one left out
      for (const u of ['lwu.named2', 'lwu.unnamed']) {
        await s.admin.query(
          `INSERT INTO app_user (username, display_name, agency_id, roles, all_provinces, provinces, language, password_hash, email)
           SELECT $1::text, $1::text, agency_id, roles, all_provinces, provinces, language, password_hash, $1::text || '@demo.invalid' FROM app_user WHERE username = 'lwu.caseworker'`,
          [u],
        );
        const l = await s.login(u);
        tokens.set(u, l.accessToken);
        ids.set(u, l.userId);
      }
      const c = await lwuCase('ນາງຈຳກັດສາມ');
      const v = (await get('lwu.supervisor', `/cases/${c}`)).body.version;
      const missing = withoutRequestId((await get('lwu.unnamed', `/cases/${randomUUID()}`)).text);
      // one foreign id among good ones: a 400 naming that entry, nothing set
      const foreign = await post('lwu.supervisor', `/cases/${c}/flags`, {
        version: v,
        flag: 'RESTRICTED',
        set: true,
        reason: 'reason',
        userIds: [ids.get('lwu.caseworker'), ids.get('atd.caseworker')],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.details.map((d: { field: string }) => d.field)).toEqual(['userIds[1]']);
      const unknown = await post('lwu.supervisor', `/cases/${c}/flags`, {
        version: v,
        flag: 'RESTRICTED',
        set: true,
        reason: 'reason',
        userIds: [randomUUID()],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details).toEqual(foreign.body.details.map((d: object) => ({ ...d, field: 'userIds[0]' })));
      expect((await get('lwu.unnamed', `/cases/${c}`)).status).toBe(200);

      const set = await post('lwu.supervisor', `/cases/${c}/flags`, {
        version: v,
        flag: 'RESTRICTED',
        set: true,
        reason: 'reason',
        userIds: [ids.get('lwu.caseworker'), ids.get('lwu.named2')],
      });
      expect(set.status).toBe(200);
      expect(set.body.restrictedTo.map((u: { username: string }) => u.username).sort()).toEqual([
        'lwu.caseworker',
        'lwu.named2',
        'lwu.supervisor',
      ]);
      for (const u of ['lwu.caseworker', 'lwu.named2', 'lwu.supervisor'])
        expect([u, (await get(u, `/cases/${c}`)).status]).toEqual([u, 200]);
      const out = await get('lwu.unnamed', `/cases/${c}`);
      expect(out.status).toBe(404);
      expect(withoutRequestId(out.text)).toBe(missing);
    });

    it('NON_PUNISHMENT shows on the case and in the handoff packet', async () => {
      const v = (await get('lwu.supervisor', `/cases/${caseId}`)).body.version;
      const set = await post('lwu.supervisor', `/cases/${caseId}/flags`, {
        version: v,
        flag: 'NON_PUNISHMENT',
        set: true,
        reason: 'forced to cross the border irregularly',
      });
      expect(set.status).toBe(200);
      expect(set.body.flags).toContain('NON_PUNISHMENT');
      const handoffs = await get('ospp.prosecutor', '/handoffs?box=incoming');
      const h = handoffs.body.items.find((x: { caseId: string }) => x.caseId === caseId);
      const packet = await get('ospp.prosecutor', `/handoffs/${h.id}`);
      expect(JSON.stringify(packet.body)).toContain('NON_PUNISHMENT');
    });
  });

  it('a supervisor who closes the case directly answers the open closure request with it', async () => {
    const c = await lwuCase('ຄຳແພງ');
    const asked = await post('lwu.caseworker', `/cases/${c}/closure-requests`, { reason: 'REINTEGRATED' });
    expect(asked.status).toBe(201);
    const before = await get('lwu.supervisor', `/cases/${c}`);
    const closed = await post('lwu.supervisor', `/cases/${c}/close`, {
      version: before.body.version,
      reason: 'SERVICES_COMPLETED',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.closureRequest).toMatchObject({
      id: asked.body.id,
      status: 'APPROVED',
      decidedBy: { id: ids.get('lwu.supervisor') },
    });
    const late = await post('lwu.supervisor', `/closure-requests/${asked.body.id}/approve`, {
      version: asked.body.version,
    });
    expect(late.status).toBe(409);
    const audit = await s.admin.query(
      `SELECT details FROM audit_event WHERE action = 'CASE_CLOSED' AND object_id = $1`,
      [c],
    );
    expect(audit.rows.map((r: { details: { closureRequestId: string } }) => r.details.closureRequestId)).toEqual([
      asked.body.id,
    ]);
  });

  it('bursts: one open request of each kind per case, one decision per request, an upper-case agency id stored as the agency', async () => {
    const burstCase = await lwuCase('ບຸນມີ');
    const upper = agency('MOPS_ATD').toUpperCase();
    const sends = await Promise.all(
      Array.from({ length: 10 }, () =>
        post('lwu.caseworker', `/cases/${burstCase}/identification-requests`, { toAgencyId: upper }),
      ),
    );
    expect(sends.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    const stored = await s.admin.query(`SELECT to_agency_id FROM identification_request WHERE case_id = $1`, [
      burstCase,
    ]);
    expect(stored.rows).toEqual([{ to_agency_id: agency('MOPS_ATD') }]);

    const asks = await Promise.all(
      Array.from({ length: 10 }, () =>
        post('lwu.caseworker', `/cases/${burstCase}/closure-requests`, { reason: 'REINTEGRATED' }),
      ),
    );
    expect(asks.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    const asked = asks.find((r) => r.status === 201)?.body as { id: string; version: number };
    const decisions = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post('lwu.supervisor', `/closure-requests/${asked.id}/${i % 2 ? 'approve' : 'return'}`, {
          version: asked.version,
          comment: 'one of many',
        }),
      ),
    );
    expect(decisions.filter((r) => r.status === 200)).toHaveLength(1);
    expect(decisions.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(
      (
        await s.admin.query(
          `SELECT count(*)::int AS n FROM closure_request WHERE case_id = $1 AND status <> 'REQUESTED'`,
          [burstCase],
        )
      ).rows[0].n,
    ).toBe(1);
  });
});
