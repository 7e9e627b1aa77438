import { startStack, TestStack } from './harness';
import { daysAgo, screeningBody } from './world';

/**
 * Issue 15 item 3 against the real stack (decision 0033): an ATD-led case in Vientiane Capital asks
 * MoLSW's Savannakhet office (province 13) to trace the family; only MoLSW users whose scope covers
 * 13 see and answer it; the packet follows the victim's consent; the lead records the return and is
 * offered the province transfer to the handover province.
 */
describe('family tracing and return', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const agencies = new Map<string, string>();
  const USERS = [
    'atd.caseworker',
    'atd.supervisor',
    'atd.investigator',
    'atd.bokeo',
    'lwu.caseworker',
    'lwu.supervisor',
    'molsw.caseworker',
    'molsw.supervisor',
    'sysadmin',
    'analyst',
  ];
  const auth = (u: string) => `Bearer ${tokens.get(u) ?? ''}`;
  const get = (u: string, path: string) => s.http().get(`/api/v1${path}`).set('Authorization', auth(u));
  const post = (u: string, path: string, body: object) =>
    s.http().post(`/api/v1${path}`).set('Authorization', auth(u)).send(body);
  const agency = (code: string) => agencies.get(code) as string;
  const count = async (table: string) =>
    (await s.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;

  let caseId = '';
  let consentId = '';
  let requestId = '';
  const CONTACT = 'ແມ່: ນາງ ຄຳ, ບ້ານນາໄຊ, ເມືອງໄກສອນ; ໂທ 020 5555 1234';
  const body = (over: Record<string, unknown> = {}) => ({
    toAgencyId: agency('MOLSW'),
    provinceCode: '13',
    categories: ['CONTACT_LOCATION'],
    familyContact: CONTACT,
    questions: 'ຄອບຄົວພ້ອມຮັບນາງກັບບ້ານບໍ? Is the family ready to receive her?',
    ...over,
  });

  beforeAll(async () => {
    s = await startStack();
    for (const u of USERS) tokens.set(u, (await s.login(u)).accessToken);
    for (const r of (await s.admin.query<{ id: string; code: string }>(`SELECT id, code FROM agency`)).rows)
      agencies.set(r.code, r.id);
    const created = await post('atd.caseworker', '/screenings', screeningBody('ນາງກັບບ້ານ'));
    expect(created.status).toBe(201);
    const submitted = await post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    const approved = await post('atd.supervisor', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    caseId = approved.body.caseId;
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  it('bad input is a 400 naming the field, and nothing is stored', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ questions: undefined }, 'questions'],
      [{ provinceCode: '99' }, 'provinceCode'],
      [{ categories: ['IDENTITY'] }, 'categories'],
      [{ familyContact: undefined }, 'familyContact'],
      [{ categories: [], familyContact: CONTACT }, 'categories'],
      [{ toAgencyId: agency('LWU') }, 'toAgencyId'],
      [{ toAgencyId: 'not-a-uuid' }, 'toAgencyId'],
    ];
    for (const [over, field] of cases) {
      const res = await post('atd.caseworker', `/cases/${caseId}/family-tracing-requests`, body(over));
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect(await count('family_tracing_request')).toBe(0);
  });

  it('the packet needs an active REFERRAL_SHARING consent for MoLSW, as a referral does', async () => {
    const res = await post('atd.caseworker', `/cases/${caseId}/family-tracing-requests`, body());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONSENT_NOT_COVERING');
    const consent = await post('atd.caseworker', `/cases/${caseId}/consents`, {
      type: 'REFERRAL_SHARING',
      agencyIds: [agency('MOLSW')],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'CONTACT_LOCATION'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: daysAgo(1),
    });
    expect(consent.status).toBe(201);
    consentId = consent.body.id;
  });

  it('only the lead agency’s case editors send', async () => {
    for (const u of ['lwu.caseworker', 'molsw.supervisor', 'atd.bokeo']) {
      const res = await post(u, `/cases/${caseId}/family-tracing-requests`, body());
      expect({ u, status: res.status }).toEqual({ u, status: 404 });
    }
    const notEditor = await post('atd.investigator', `/cases/${caseId}/family-tracing-requests`, body());
    expect(notEditor.status).toBe(409);
    expect(notEditor.body.code).toBe('NOT_CASE_EDITOR');
    // administrators and analysts hold no case-content permission: the same 404
    for (const u of ['sysadmin', 'analyst']) {
      const res = await post(u, `/cases/${caseId}/family-tracing-requests`, body());
      expect({ u, status: res.status }).toEqual({ u, status: 404 });
    }
    expect(await count('family_tracing_request')).toBe(0);

    const sent = await post('atd.caseworker', `/cases/${caseId}/family-tracing-requests`, body());
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      status: 'REQUESTED',
      provinceCode: '13',
      fromAgency: { code: 'MOPS_ATD' },
      toAgency: { code: 'MOLSW' },
      categories: ['CASE_SUMMARY', 'CONTACT_LOCATION'],
      familyContact: CONTACT,
      allowedActions: ['WITHDRAW'],
    });
    requestId = sent.body.id;
    const again = await post('atd.caseworker', `/cases/${caseId}/family-tracing-requests`, body());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REQUEST_ALREADY_OPEN');

    // stored encrypted; the outbox row carries the id only
    const row = await s.admin.query<{ family_contact_enc: string; questions_enc: string }>(
      `SELECT family_contact_enc, questions_enc FROM family_tracing_request WHERE id = $1`,
      [requestId],
    );
    expect(JSON.stringify(row.rows)).not.toContain('ບ້ານນາໄຊ');
    const outbox = await s.admin.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox WHERE kind = 'family_tracing.requested'`,
    );
    expect(outbox.rows.map((r) => r.payload)).toEqual([{ familyTracingRequestId: requestId }]);
  });

  it('only MoLSW users whose scope covers the addressed province see it; everyone else gets the 404', async () => {
    const seen = await get('molsw.supervisor', `/family-tracing-requests/${requestId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ familyContact: CONTACT, allowedActions: ['ANSWER', 'DECLINE'] });
    const inbox = await get('molsw.supervisor', '/family-tracing-requests?box=incoming&status=REQUESTED');
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toEqual([requestId]);
    const sent = await get('atd.caseworker', '/family-tracing-requests?box=outgoing');
    expect(sent.body.items.map((r: { id: string }) => r.id)).toEqual([requestId]);
    expect((await get('molsw.supervisor', '/family-tracing-requests?box=outgoing')).body.items).toEqual([]);
    expect((await get('molsw.supervisor', '/family-tracing-requests')).status).toBe(400);
    // the office sees the request, never the case
    expect((await get('molsw.supervisor', `/cases/${caseId}`)).status).toBe(404);

    for (const u of ['molsw.caseworker', 'lwu.supervisor', 'atd.bokeo']) {
      expect({ u, status: (await get(u, `/family-tracing-requests/${requestId}`)).status }).toEqual({ u, status: 404 });
      expect((await get(u, '/family-tracing-requests?box=incoming')).body.items).toEqual([]);
      const answer = await post(u, `/family-tracing-requests/${requestId}/answer`, {
        version: 1,
        answer: 'FAMILY_NOT_FOUND',
        assessment: 'attack',
      });
      expect({ u, status: answer.status }).toEqual({ u, status: 404 });
    }
    for (const u of ['sysadmin', 'analyst']) {
      expect({ u, status: (await get(u, `/family-tracing-requests/${requestId}`)).status }).toEqual({ u, status: 404 });
      const answer = await post(u, `/family-tracing-requests/${requestId}/answer`, {
        version: 1,
        answer: 'FAMILY_NOT_FOUND',
        assessment: 'attack',
      });
      expect({ u, status: answer.status }).toEqual({ u, status: 404 });
    }
    // the lead sends, it does not answer: MoPS ATD does not receive referrals (no referral:respond), so the 404
    const self = await post('atd.supervisor', `/family-tracing-requests/${requestId}/answer`, {
      version: 1,
      answer: 'FAMILY_NOT_FOUND',
      assessment: 'not ours',
    });
    expect(self.status).toBe(404);
  });

  it('a withdrawn consent takes the contact details out of the packet at the next read', async () => {
    const withdrawn = await post('atd.caseworker', `/consents/${consentId}/withdraw`, { reason: 'ນາງປ່ຽນໃຈ' });
    expect(withdrawn.status).toBe(200);
    const seen = await get('molsw.supervisor', `/family-tracing-requests/${requestId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.sharedCategories).toEqual(['CASE_SUMMARY']);
    expect(seen.body.familyContact).toBeNull();
    expect(seen.body.questions).toContain('Is the family ready');
    expect(JSON.stringify((await get('molsw.supervisor', '/family-tracing-requests?box=incoming')).body)).not.toContain(
      'ບ້ານນາໄຊ',
    );
    // the lead still reads what it wrote
    const lead = await get('atd.caseworker', `/family-tracing-requests/${requestId}`);
    expect(lead.body.familyContact).toBe(CONTACT);
  });

  it('bad answers are 400s; two answers at once: one wins, the other is a 409', async () => {
    const bad = await post('molsw.supervisor', `/family-tracing-requests/${requestId}/answer`, {
      version: 1,
      answer: 'MAYBE',
      assessment: 'x x x',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('answer');
    const [a, b] = await Promise.all(
      ['FAMILY_FOUND_RETURN_ADVISED', 'FAMILY_NOT_FOUND'].map((answer) =>
        post('molsw.supervisor', `/family-tracing-requests/${requestId}/answer`, {
          version: 1,
          answer,
          assessment: 'ແມ່ ແລະ ອ້າຍສອງຄົນຢູ່ບ້ານ, ພ້ອມຮັບ. Mother and two brothers at home, ready.',
        }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    const winner = a?.status === 200 ? a : b;
    const rows = await s.admin.query<{ status: string; answer: string }>(
      `SELECT status, answer FROM family_tracing_request WHERE id = $1`,
      [requestId],
    );
    expect(rows.rows).toEqual([{ status: 'ANSWERED', answer: winner?.body.answer }]);

    // the answer shows on the case for the lead, and on its timeline
    const view = await get('atd.caseworker', `/cases/${caseId}/family-tracing`);
    expect(view.status).toBe(200);
    expect(view.body.requests[0]).toMatchObject({
      status: 'ANSWERED',
      answer: winner?.body.answer,
      answerText: expect.stringContaining('Mother and two brothers'),
    });
    expect(view.body.allowedActions).toEqual(['SEND', 'RECORD_RETURN']);
    expect((await get('molsw.supervisor', `/cases/${caseId}/family-tracing`)).status).toBe(404);
    const timeline = await get('atd.caseworker', `/cases/${caseId}/timeline`);
    const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['FAMILY_TRACING_REQUESTED', 'FAMILY_TRACING_ANSWERED']));
  });

  it('the return is recorded by the case editor; bad input stores nothing', async () => {
    const good = {
      returnedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      crossingPoint: 'FRIENDSHIP_BRIDGE_2_SAVANNAKHET',
      escort: 'MOLSW',
      receptionPlace: 'VIENTIANE_TRANSIT_CENTER',
      handoverProvinceCode: '13',
      note: 'ພັກຢູ່ສູນຮັບ-ສົ່ງ 5 ມື້',
    };
    const bad: [Record<string, unknown>, string][] = [
      [{ crossingPoint: 'BRIDGE_X' }, 'crossingPoint'],
      [{ escort: 'UNKNOWN' }, 'escort'],
      [{ handoverProvinceCode: '99' }, 'handoverProvinceCode'],
      [{ returnedOn: '2999-01-01' }, 'returnedOn'],
      [{ crossingPoint: 'OTHER', note: undefined }, 'note'],
    ];
    for (const [over, field] of bad) {
      const res = await post('atd.caseworker', `/cases/${caseId}/returns`, { ...good, ...over });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(JSON.stringify(res.body)).toContain(field);
    }
    for (const u of ['lwu.caseworker', 'molsw.supervisor', 'atd.bokeo']) {
      expect({ u, status: (await post(u, `/cases/${caseId}/returns`, good)).status }).toEqual({ u, status: 404 });
    }
    expect((await post('atd.investigator', `/cases/${caseId}/returns`, good)).body.code).toBe('NOT_CASE_EDITOR');
    expect(await count('case_return')).toBe(0);

    const recorded = await post('atd.caseworker', `/cases/${caseId}/returns`, good);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      crossingPoint: 'FRIENDSHIP_BRIDGE_2_SAVANNAKHET',
      handoverProvinceCode: '13',
      note: good.note,
      // a caseworker is offered the transfer but a supervisor requests it
      transferOffer: { toAgencyId: agency('MOPS_ATD'), toProvinceCode: '13', allowed: false },
    });
    const stored = await s.admin.query(`SELECT note_enc FROM case_return`);
    expect(JSON.stringify(stored.rows)).not.toContain('ພັກຢູ່');
  });

  it('a handover to another province offers the supervisor the prefilled province transfer', async () => {
    const view = await get('atd.supervisor', `/cases/${caseId}/family-tracing`);
    const offer = view.body.returns[0].transferOffer;
    expect(offer).toEqual({ toAgencyId: agency('MOPS_ATD'), toProvinceCode: '13', allowed: true });
    const transfer = await post('atd.supervisor', `/cases/${caseId}/transfers`, {
      toAgencyId: offer.toAgencyId,
      toProvinceCode: offer.toProvinceCode,
      urgency: 'ROUTINE',
      reason: 'ສົ່ງກັບບ້ານເກີດ ແຂວງສະຫວັນນະເຂດ',
      categories: [],
    });
    expect(transfer.status).toBe(201);
    expect(transfer.body).toMatchObject({ kind: 'PROVINCE', toProvinceCode: '13' });
    // while the transfer waits, the offer is shown but not open again
    const after = await get('atd.supervisor', `/cases/${caseId}/family-tracing`);
    expect(after.body.returns[0].transferOffer.allowed).toBe(false);
    const timeline = await get('atd.caseworker', `/cases/${caseId}/timeline`);
    const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['RETURN_RECORDED', 'TRANSFER_REQUESTED']));
    const audit = await s.admin.query<{ action: string }>(
      `SELECT action FROM audit_event WHERE action IN ('FAMILY_TRACING_REQUESTED', 'FAMILY_TRACING_ANSWERED', 'RETURN_RECORDED') AND outcome = 'ALLOWED' ORDER BY action`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'FAMILY_TRACING_ANSWERED',
      'FAMILY_TRACING_REQUESTED',
      'RETURN_RECORDED',
    ]);
  });

  it('the sender withdraws an open request; the office then reads the questions only', async () => {
    const consent = await post('atd.caseworker', `/cases/${caseId}/consents`, {
      type: 'REFERRAL_SHARING',
      agencyIds: [agency('MOLSW')],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'CONTACT_LOCATION'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: daysAgo(1),
    });
    expect(consent.status).toBe(201);
    const sent = await post('atd.caseworker', `/cases/${caseId}/family-tracing-requests`, body({ provinceCode: '01' }));
    expect(sent.status).toBe(201);
    // molsw.caseworker covers 01
    expect((await get('molsw.caseworker', `/family-tracing-requests/${sent.body.id}`)).body.familyContact).toBe(
      CONTACT,
    );
    const noReason = await post('atd.caseworker', `/family-tracing-requests/${sent.body.id}/withdraw`, { version: 1 });
    expect(noReason.status).toBe(400);
    const office = await post('molsw.caseworker', `/family-tracing-requests/${sent.body.id}/withdraw`, {
      version: 1,
      reason: 'not mine',
    });
    expect(office.status).toBe(409);
    const done = await post('atd.caseworker', `/family-tracing-requests/${sent.body.id}/withdraw`, {
      version: 1,
      reason: 'ຄອບຄົວມາຮັບເອງແລ້ວ',
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('WITHDRAWN');
    const seen = await get('molsw.caseworker', `/family-tracing-requests/${sent.body.id}`);
    expect(seen.body).toMatchObject({ sharedCategories: ['CASE_SUMMARY'], familyContact: null, allowedActions: [] });
  });
});
