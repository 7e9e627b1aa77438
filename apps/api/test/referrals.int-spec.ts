import { randomUUID } from 'node:crypto';
import { DATA_CATEGORIES, INTERVIEW_CONSENT_QUESTIONS, URGENCY_SLA_HOURS, type DataCategory } from '@ctms/domain';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';

/**
 * Issue 4, referrals: ATD screens a person and opens a case through the screening API, records
 * consents for LWU (shelter) and MoLSW (reintegration), refers to both; LWU previews without
 * identity, accepts, records shelter and completes; MoLSW declines; ATD's outgoing box shows both
 * outcomes; a packet asking for HEALTH without consent is refused and stores nothing; withdrawing
 * the consent removes IDENTITY from LWU's view at once; every GET /cases/:id answers only the keys
 * its relation's categories allow; NGO and OSPP get the standard 404; SLA deadlines per urgency.
 */
const tag = randomUUID().slice(0, 8);
const CANARY_FAMILY = `ຄຳມະນີ${tag}`;
const CANARY_LATIN = `Canary Khammany ${tag}`;
const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const MEETS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({ code, answer: 'PRESENT' }));

/** The response keys each category allows on GET /cases/:id (docs/access.md "Relations that open a case"), as data. */
const SUMMARY_KEYS = [
  'id',
  'caseNumber',
  'status',
  'identificationStatus',
  'provinceCode',
  'leadAgency',
  'assignedTo',
  'flags',
  'exploitationTypes',
  'openedAt',
  'updatedAt',
  'version',
  'destinationCountries',
  'riskLevel',
  'needs',
  'closedAt',
  'closureReason',
  'relation',
  'visibleCategories',
  'allowedActions',
];
const CATEGORY_KEYS: Record<DataCategory, string[]> = {
  CASE_SUMMARY: SUMMARY_KEYS,
  IDENTITY: ['personId'],
  CONTACT_LOCATION: ['contact'],
  EXPLOITATION_ACCOUNT: ['exploitation'],
  HEALTH: ['health'],
  PERPETRATORS: ['perpetrators'],
  LEGAL_PROCEEDINGS: ['legal'],
};
const LEAD_ONLY_KEYS = ['plan', 'identification', 'closureRequest'];
/** The most each relation may ever carry (before consents narrow it). */
const RELATION_MAX: Record<string, DataCategory[]> = {
  LEAD_AGENCY: [...DATA_CATEGORIES],
  REFERRAL_PENDING: ['CASE_SUMMARY', 'EXPLOITATION_ACCOUNT', 'HEALTH', 'PERPETRATORS', 'LEGAL_PROCEEDINGS'],
  REFERRAL_ACTIVE: [...DATA_CATEGORIES],
  REFERRAL_COMPLETED: [...DATA_CATEGORIES],
  REFERRAL_CLOSED: ['CASE_SUMMARY'],
};

function allowedKeys(relation: string, categories: string[]): string[] {
  const keys = new Set<string>();
  for (const c of categories) for (const k of CATEGORY_KEYS[c as DataCategory] ?? []) keys.add(k);
  if (relation === 'LEAD_AGENCY') LEAD_ONLY_KEYS.forEach((k) => keys.add(k));
  return [...keys].sort();
}

const LIST_ITEM_KEYS = [
  'id',
  'caseId',
  'caseNumber',
  'fromAgency',
  'toAgency',
  'serviceTypes',
  'urgency',
  'status',
  'acknowledgeBy',
  'servicesDueBy',
  'overdue',
  'createdAt',
  'updatedAt',
  'version',
].sort();

describe('referrals (issue 4)', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const agencyIds = new Map<string, string>();
  const USERS = [
    'atd.caseworker',
    'atd.supervisor',
    'lwu.caseworker',
    'lwu.supervisor',
    'molsw.caseworker',
    'ngo.caseworker',
    'ospp.prosecutor',
    'atd.bokeo',
  ];
  const token = (u: string) => tokens.get(u) ?? '';
  const agency = (code: string) => agencyIds.get(code) ?? '';
  const get = (u: string, path: string, rid?: string) => {
    const r = s
      .http()
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`);
    return rid ? r.set('X-Request-Id', rid) : r;
  };
  const post = (u: string, path: string, body: object) =>
    s
      .http()
      .post(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`)
      .send(body);

  let caseId = '';
  let personId = '';
  let lwuConsentId = '';
  let lwuRef = { id: '', version: 0 };
  let molswRef = { id: '', version: 0 };
  const referralCount = async () =>
    Number((await s.admin.query(`SELECT count(*)::int AS n FROM referral WHERE case_id = $1`, [caseId])).rows[0].n);

  /** GET /cases/:id as `u`, asserting that its keys are exactly those its relation's categories allow. */
  async function caseAs(u: string) {
    const res = await get(u, `/cases/${caseId}`);
    expect(res.status).toBe(200);
    const { relation, visibleCategories } = res.body as { relation: string; visibleCategories: string[] };
    expect(RELATION_MAX[relation]).toBeDefined();
    for (const c of visibleCategories) expect(RELATION_MAX[relation]).toContain(c);
    expect(Object.keys(res.body).sort()).toEqual(allowedKeys(relation, visibleCategories));
    expect(JSON.stringify(res.body)).not.toContain(CANARY_FAMILY);
    return res.body;
  }

  beforeAll(async () => {
    s = await startStack();
    for (const u of USERS) tokens.set(u, (await s.login(u)).accessToken);
    const { rows } = await s.admin.query(`SELECT id, code FROM agency`);
    for (const r of rows) agencyIds.set(r.code, r.id);
  });
  afterAll(async () => {
    await s.close();
  });

  it('ATD screens a person and opens a case through the screening API', async () => {
    const created = await post('atd.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: 'ນາງ',
        familyNameLo: CANARY_FAMILY,
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
    expect(submitted.status).toBe(200);
    const approved = await post('atd.supervisor', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    caseId = approved.body.caseId;
    const lead = await caseAs('atd.caseworker');
    expect(lead.relation).toBe('LEAD_AGENCY');
    expect(lead.visibleCategories).toEqual([...DATA_CATEGORIES]);
    personId = lead.personId;
    expect(personId).toEqual(expect.any(String));
  });

  it('records consents covering LWU (shelter: summary, identity, contact) and MoLSW (reintegration: summary, identity)', async () => {
    const grant = (agencyCode: string, categories: DataCategory[]) =>
      post('atd.caseworker', `/cases/${caseId}/consents`, {
        type: 'REFERRAL_SHARING',
        agencyIds: [agency(agencyCode)],
        purposes: ['REFERRAL_SHARING'],
        categories,
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        grantedAt: new Date(Date.now() - 3_600_000).toISOString(),
      });
    const lwu = await grant('LWU', ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION']);
    expect(lwu.status).toBe(201);
    lwuConsentId = lwu.body.id;
    const molsw = await grant('MOLSW', ['CASE_SUMMARY', 'IDENTITY']);
    expect(molsw.status).toBe(201);
  });

  it('the service directory lists the agencies that offer a service in a province', async () => {
    const shelter = await get('atd.caseworker', '/reference/service-directory?serviceType=SHELTER&province=01');
    expect(shelter.status).toBe(200);
    expect(shelter.body.map((a: { code: string }) => a.code)).toEqual(['LWU', 'MOLSW', 'NGO_DEMO']);
    const bokeo = await get('atd.caseworker', '/reference/service-directory?serviceType=SHELTER&province=05');
    expect(bokeo.body.map((a: { code: string }) => a.code)).toEqual(['LWU', 'MOLSW']);
    const bad = await get('atd.caseworker', '/reference/service-directory?serviceType=NOPE&province=01');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('serviceType');
  });

  it('refuses a packet asking for HEALTH without a health consent: 409 naming HEALTH, nothing stored, one DENIED row', async () => {
    const seq = await lastAuditSeq(s.admin);
    const res = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      toAgencyId: agency('LWU'),
      serviceTypes: ['SHELTER'],
      urgency: 'EMERGENCY',
      reason: 'needs a safe place tonight',
      categories: ['IDENTITY', 'HEALTH'],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONSENT_NOT_COVERING');
    expect(res.body.details).toEqual([{ field: 'categories', problems: [expect.stringContaining('HEALTH')] }]);
    expect(await referralCount()).toBe(0);
    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => [a.action, a.outcome, a.reason])).toEqual([
      ['REFERRAL_CREATED', 'DENIED', 'CONSENT_NOT_COVERING'],
    ]);
    const events = await s.admin.query(
      `SELECT count(*)::int AS n FROM case_event WHERE case_id = $1 AND kind LIKE 'REFERRAL%'`,
      [caseId],
    );
    expect(events.rows[0].n).toBe(0);
  });

  it('refuses a service the agency does not offer, and an agency that does not receive referrals, naming the field', async () => {
    const base = { urgency: 'ROUTINE', reason: 'x', categories: [] };
    const notOffered = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      ...base,
      toAgencyId: agency('LWU'),
      serviceTypes: ['FAMILY_TRACING'],
    });
    expect(notOffered.status).toBe(400);
    expect(notOffered.body.details[0]).toMatchObject({
      field: 'serviceTypes',
      problems: [expect.stringContaining('FAMILY_TRACING')],
    });
    const ospp = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      ...base,
      toAgencyId: agency('OSPP'),
      serviceTypes: ['SHELTER'],
    });
    expect(ospp.status).toBe(400);
    expect(ospp.body.details[0].field).toBe('toAgencyId');
    const empty = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      ...base,
      toAgencyId: agency('LWU'),
      serviceTypes: [],
    });
    expect(empty.status).toBe(400);
    expect(await referralCount()).toBe(0);
  });

  it('refers to LWU (shelter, EMERGENCY) and MoLSW (reintegration, HIGH) with one timeline event and one audit row each', async () => {
    const seq = await lastAuditSeq(s.admin);
    const lwu = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      toAgencyId: agency('LWU'),
      serviceTypes: ['SHELTER'],
      urgency: 'EMERGENCY',
      reason: 'needs a safe place tonight',
      categories: ['IDENTITY', 'CONTACT_LOCATION'],
    });
    expect(lwu.status).toBe(201);
    expect(lwu.body).toMatchObject({
      status: 'PENDING',
      categories: ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION'],
      toAgency: { code: 'LWU' },
      consentIds: [lwuConsentId],
    });
    expect(lwu.body.effectiveCategories).toEqual(['CASE_SUMMARY']);
    lwuRef = { id: lwu.body.id, version: lwu.body.version };
    const molsw = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      toAgencyId: agency('MOLSW'),
      serviceTypes: ['REINTEGRATION'],
      urgency: 'HIGH',
      reason: 'return to home village',
      categories: ['IDENTITY'],
    });
    expect(molsw.status).toBe(201);
    molswRef = { id: molsw.body.id, version: molsw.body.version };
    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => [a.action, a.outcome, a.object_id])).toEqual([
      ['REFERRAL_CREATED', 'ALLOWED', lwuRef.id],
      ['REFERRAL_CREATED', 'ALLOWED', molswRef.id],
    ]);
    const events = await s.admin.query(
      `SELECT kind FROM case_event WHERE case_id = $1 AND kind LIKE 'REFERRAL%' ORDER BY id`,
      [caseId],
    );
    expect(events.rows.map((r) => r.kind)).toEqual(['REFERRAL_CREATED', 'REFERRAL_CREATED']);
    // the reason is encrypted at rest
    const stored = await s.admin.query(`SELECT reason_enc FROM referral WHERE id = $1`, [lwuRef.id]);
    expect(stored.rows[0].reason_enc).not.toContain('safe place');
  });

  it('LWU sees a pending preview without identity: no personId or contact on the case, the person is a 404', async () => {
    const c = await caseAs('lwu.caseworker');
    expect(c.relation).toBe('REFERRAL_PENDING');
    expect(c.visibleCategories).toEqual(['CASE_SUMMARY']);
    expect(c).not.toHaveProperty('personId');
    expect(c).not.toHaveProperty('contact');
    expect(c.allowedActions).toEqual({
      case: [],
      identification: [],
      edit: false,
      assign: false,
      accessLog: false,
      requestIdentification: false,
      requestClosure: false,
      flags: false,
      handoff: false,
      refer: false,
    });
    const person = await get('lwu.caseworker', `/persons/${personId}`);
    expect(person.status).toBe(404);
    const inbox = await get('lwu.caseworker', '/referrals?box=incoming');
    expect(inbox.status).toBe(200);
    const item = inbox.body.items.find((i: { id: string }) => i.id === lwuRef.id);
    expect(Object.keys(item).sort()).toEqual(LIST_ITEM_KEYS);
    expect(item).toMatchObject({
      status: 'PENDING',
      fromAgency: { code: 'MOPS_ATD' },
      toAgency: { code: 'LWU' },
      urgency: 'EMERGENCY',
    });
    expect(JSON.stringify(inbox.body)).not.toMatch(new RegExp(`${CANARY_FAMILY}|${CANARY_LATIN}`));
    const detail = await get('lwu.caseworker', `/referrals/${lwuRef.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      reason: 'needs a safe place tonight',
      effectiveCategories: ['CASE_SUMMARY'],
      allowedActions: ['ACCEPT', 'DECLINE', 'ADD_NOTE'],
    });
    // writes on the case stay with the lead agency
    const edit = await s
      .http()
      .patch(`/api/v1/cases/${caseId}`)
      .set('Authorization', `Bearer ${token('lwu.caseworker')}`)
      .send({ version: c.version, needs: [] });
    expect(edit.status).toBe(404);
    // the sender cannot accept its own referral: MoPS ATD does not receive referrals (the capability
    // rule), so the route answers its standard 404
    const own = await post('atd.caseworker', `/referrals/${lwuRef.id}/accept`, { version: lwuRef.version });
    expect(own.status).toBe(404);
  });

  it('LWU accepts (assigning a worker), then sees identity and contact; records shelter (IN_PROGRESS) and completes', async () => {
    const userId = async (username: string): Promise<string> =>
      (await s.admin.query(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0].id;
    const lwuSup = { userId: await userId('lwu.supervisor') };
    const badAssignee = await post('lwu.caseworker', `/referrals/${lwuRef.id}/accept`, {
      version: lwuRef.version,
      assigneeId: await userId('atd.caseworker'),
    });
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.details[0].field).toBe('assigneeId');
    const stale = await post('lwu.caseworker', `/referrals/${lwuRef.id}/accept`, { version: lwuRef.version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');

    const seq = await lastAuditSeq(s.admin);
    const accepted = await post('lwu.caseworker', `/referrals/${lwuRef.id}/accept`, {
      version: lwuRef.version,
      assigneeId: lwuSup.userId,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'ACCEPTED',
      assignedTo: { id: lwuSup.userId, username: 'lwu.supervisor' },
      acknowledgedAt: expect.any(String),
    });
    expect(accepted.body.effectiveCategories).toEqual(['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION']);
    expect((await auditSince(s.admin, seq)).map((a) => [a.action, a.outcome])).toEqual([
      ['REFERRAL_ACCEPTED', 'ALLOWED'],
    ]);

    const c = await caseAs('lwu.caseworker');
    expect(c.relation).toBe('REFERRAL_ACTIVE');
    expect(c.visibleCategories).toEqual(['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION']);
    expect(c.personId).toBe(personId);
    const person = await get('lwu.caseworker', `/persons/${personId}`);
    expect(person.status).toBe(200);
    expect(person.body.identity.familyNameLo).toBe(CANARY_FAMILY);
    expect(person.body).toHaveProperty('contact');

    const future = await post('lwu.caseworker', `/referrals/${lwuRef.id}/services`, {
      version: accepted.body.version,
      serviceType: 'SHELTER',
      deliveredOn: '2999-01-01',
    });
    expect(future.status).toBe(400);
    expect(future.body.details[0].field).toBe('deliveredOn');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Vientiane' }).format(new Date());
    const served = await post('lwu.caseworker', `/referrals/${lwuRef.id}/services`, {
      version: accepted.body.version,
      serviceType: 'SHELTER',
      deliveredOn: today,
      provider: 'LWU shelter Vientiane',
      notes: 'arrived safely',
    });
    expect(served.status).toBe(200);
    expect(served.body.status).toBe('IN_PROGRESS');
    expect(served.body.services).toEqual([
      expect.objectContaining({
        serviceType: 'SHELTER',
        deliveredOn: today,
        provider: 'LWU shelter Vientiane',
        notes: 'arrived safely',
      }),
    ]);
    expect(served.body.allowedActions).toEqual(['COMPLETE', 'ADD_NOTE']);

    const noOutcome = await post('lwu.caseworker', `/referrals/${lwuRef.id}/complete`, {
      version: served.body.version,
      outcome: 'OTHER',
    });
    expect(noOutcome.status).toBe(409);
    expect(noOutcome.body.code).toBe('REASON_REQUIRED');
    const done = await post('lwu.caseworker', `/referrals/${lwuRef.id}/complete`, {
      version: served.body.version,
      outcome: 'SERVICES_DELIVERED',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      outcome: 'SERVICES_DELIVERED',
      closedAt: expect.any(String),
      allowedActions: [],
    });
    expect(done.body.history.map((h: { kind: string; status: string | null }) => [h.kind, h.status])).toEqual([
      ['REFERRAL_CREATED', 'PENDING'],
      ['REFERRAL_ACCEPTED', 'ACCEPTED'],
      ['REFERRAL_SERVICE_RECORDED', 'IN_PROGRESS'],
      ['REFERRAL_COMPLETED', 'COMPLETED'],
    ]);
    lwuRef.version = done.body.version;

    // a completed referral keeps read access to what was shared
    const after = await caseAs('lwu.caseworker');
    expect(after.relation).toBe('REFERRAL_COMPLETED');
    expect(after.personId).toBe(personId);
  });

  it('MoLSW declines with a coded reason and keeps the case summary only', async () => {
    const noReason = await post('molsw.caseworker', `/referrals/${molswRef.id}/decline`, {
      version: molswRef.version,
      reason: 'OTHER',
    });
    expect(noReason.status).toBe(409);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    const declined = await post('molsw.caseworker', `/referrals/${molswRef.id}/decline`, {
      version: molswRef.version,
      reason: 'NO_CAPACITY',
      note: 'programme full until March',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'DECLINED',
      declineReason: 'NO_CAPACITY',
      note: 'programme full until March',
      effectiveCategories: ['CASE_SUMMARY'],
    });
    const c = await caseAs('molsw.caseworker');
    expect(c.relation).toBe('REFERRAL_CLOSED');
    expect(c.visibleCategories).toEqual(['CASE_SUMMARY']);
    expect((await get('molsw.caseworker', `/persons/${personId}`)).status).toBe(404);
  });

  it("ATD's outgoing box shows both outcomes at once, and the detail has the history", async () => {
    const out = await get('atd.caseworker', `/referrals?box=outgoing&limit=10`);
    expect(out.status).toBe(200);
    const mine = out.body.items.filter((i: { caseId: string }) => i.caseId === caseId);
    expect(mine.map((i: { toAgency: { code: string }; status: string }) => [i.toAgency.code, i.status]).sort()).toEqual(
      [
        ['LWU', 'COMPLETED'],
        ['MOLSW', 'DECLINED'],
      ],
    );
    for (const i of mine) expect(Object.keys(i).sort()).toEqual(LIST_ITEM_KEYS);
    const declined = await get('atd.caseworker', '/referrals?box=outgoing&status=DECLINED');
    expect(declined.body.items.map((i: { id: string }) => i.id)).toEqual([molswRef.id]);
    const page1 = await get('atd.caseworker', '/referrals?box=outgoing&limit=1');
    expect(page1.body.items).toHaveLength(1);
    const page2 = await get('atd.caseworker', `/referrals?box=outgoing&limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const detail = await get('atd.caseworker', `/referrals/${molswRef.id}`);
    expect(detail.body).toMatchObject({ status: 'DECLINED', declineReason: 'NO_CAPACITY', allowedActions: [] });
    // nothing was sent to ATD
    expect((await get('atd.caseworker', '/referrals?box=incoming')).body.items).toEqual([]);
  });

  it("withdrawing LWU's consent removes IDENTITY and CONTACT_LOCATION from LWU's view at once", async () => {
    const w = await post('atd.caseworker', `/consents/${lwuConsentId}/withdraw`, {
      reason: 'The person asked to stop sharing',
    });
    expect(w.status).toBe(200);
    const c = await caseAs('lwu.caseworker');
    expect(c.visibleCategories).toEqual(['CASE_SUMMARY']);
    expect(c).not.toHaveProperty('personId');
    expect(c).not.toHaveProperty('contact');
    expect((await get('lwu.caseworker', `/persons/${personId}`)).status).toBe(404);
    const r = await get('atd.caseworker', `/referrals/${lwuRef.id}`);
    expect(r.body.effectiveCategories).toEqual(['CASE_SUMMARY']);
    expect(r.body.categories).toEqual(['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION']);
    // and a new referral asking for IDENTITY is now refused
    const again = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      toAgencyId: agency('LWU'),
      serviceTypes: ['PSYCHOSOCIAL'],
      urgency: 'ROUTINE',
      reason: 'x',
      categories: ['IDENTITY'],
    });
    expect(again.status).toBe(409);
    expect(again.body.details.map((d: { problems: string[] }) => d.problems[0]).join(' ')).toContain('IDENTITY');
    expect(await referralCount()).toBe(2);
  });

  it('NGO, OSPP and ATD of another province get the standard 404 on the case and the referrals', async () => {
    const rid = `same-${randomUUID()}`;
    const missingCase = await get('atd.caseworker', `/cases/${randomUUID()}`, rid);
    const missingRef = await get('atd.caseworker', `/referrals/${randomUUID()}`, rid);
    for (const u of ['ngo.caseworker', 'ospp.prosecutor', 'atd.bokeo']) {
      const c = await get(u, `/cases/${caseId}`, rid);
      expect({ u, status: c.status, body: withoutRequestId(c.text) }).toEqual({
        u,
        status: 404,
        body: withoutRequestId(missingCase.text),
      });
      for (const id of [lwuRef.id, molswRef.id]) {
        const r = await get(u, `/referrals/${id}`, rid);
        expect({ u, status: r.status, body: withoutRequestId(r.text) }).toEqual({
          u,
          status: 404,
          body: withoutRequestId(missingRef.text),
        });
      }
      expect((await get(u, `/persons/${personId}`)).status).toBe(404);
    }
    const ngoAccept = await post('ngo.caseworker', `/referrals/${molswRef.id}/cancel`, { version: 1, reason: 'x' });
    expect(ngoAccept.status).toBe(404);
    for (const box of ['incoming', 'outgoing']) {
      const l = await get('ngo.caseworker', `/referrals?box=${box}`);
      expect(l.body.items).toEqual([]);
    }
    // OSPP holds no referral permission at all: a list is refused outright
    expect((await get('ospp.prosecutor', '/referrals?box=incoming')).status).toBe(403);
  });

  it('SLA: acknowledgeBy is 24 h, 72 h and 7 days after creation per urgency, in the lists; the sender cancels with a reason', async () => {
    const routine = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      toAgencyId: agency('MOLSW'),
      serviceTypes: ['FAMILY_TRACING'],
      urgency: 'ROUTINE',
      reason: 'trace the family',
      categories: [],
    });
    expect(routine.status).toBe(201);
    const out = await get('atd.caseworker', '/referrals?box=outgoing&limit=100');
    const byId = new Map<
      string,
      { urgency: 'EMERGENCY' | 'HIGH' | 'ROUTINE'; acknowledgeBy: string; createdAt: string }
    >(out.body.items.map((i: { id: string }) => [i.id, i]));
    const hours = { [lwuRef.id]: 24, [molswRef.id]: 72, [routine.body.id]: 168 };
    for (const [id, h] of Object.entries(hours)) {
      const i = byId.get(id);
      if (!i) throw new Error(`referral ${id} missing from the outgoing box`);
      expect(URGENCY_SLA_HOURS[i.urgency]).toBe(h);
      expect(new Date(i.acknowledgeBy).getTime() - new Date(i.createdAt).getTime()).toBe(h * 3_600_000);
    }
    const inbox = await get('molsw.caseworker', '/referrals?box=incoming&status=PENDING');
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ id: routine.body.id, acknowledgeBy: routine.body.acknowledgeBy }),
    ]);

    const noReason = await post('atd.caseworker', `/referrals/${routine.body.id}/cancel`, {
      version: routine.body.version,
      reason: '',
    });
    expect(noReason.status).toBe(400);
    const notSender = await post('molsw.caseworker', `/referrals/${routine.body.id}/cancel`, {
      version: routine.body.version,
      reason: 'not mine',
    });
    expect(notSender.status).toBe(409);
    expect(notSender.body.code).toBe('NOT_SENDER');
    const cancelled = await post('atd.caseworker', `/referrals/${routine.body.id}/cancel`, {
      version: routine.body.version,
      reason: 'family found by the village chief',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', note: 'family found by the village chief' });
    const seen = await get('molsw.caseworker', `/referrals/${routine.body.id}`);
    expect(seen.body.status).toBe('CANCELLED');
  });
});
