import { randomUUID } from 'node:crypto';
import { INTERVIEW_CONSENT_QUESTIONS, todayInLaos } from '@ctms/domain';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';

/**
 * Prosecution handoffs on real PostgreSQL, from a case opened through the screening API: without a
 * LAW_ENFORCEMENT_SHARING consent the handoff carries the case summary, evidence and suspects only
 * and says so; with it OSPP sees the victim's identity, exploitation account and health. The whole
 * prosecution (receive, return once, resubmit, accept, charge, trial, verdict, close) with the
 * investigator seeing every change, one audit row per step, stale versions, bad input and 404s.
 */
const tag = randomUUID().slice(0, 8);
const CANARY_GIVEN = `ນາງແກ້ວ${tag}`;
const CANARY_LATIN = `Keo-${tag}`;
const CANARY_DOC = `P${tag.toUpperCase()}`;
const CANARY_STORY = `exploitation-canary-${tag}`;
const CANARY_HEALTH = `health-canary-${tag}`;
const CANARY_STATEMENT = `statement-canary-${tag}`;
const CANARY_SUSPECT = `Suspect-${tag}`;
const CANARY_RETURN = `return-canary-${tag}`;
const CANARY_EVIDENCE = `evidence-canary-${tag}`;

const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const INDICATORS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({
  code,
  answer: 'PRESENT',
}));

/** Every key the receiving agency may get without a law-enforcement consent. */
const LIMITED_KEYS = [
  'id',
  'caseId',
  'caseNumber',
  'status',
  'box',
  'fromAgency',
  'toAgency',
  'receiveBy',
  'receivedAt',
  'overdue',
  'closedAt',
  'createdAt',
  'updatedAt',
  'version',
  'submittedBy',
  'prosecutor',
  'categories',
  'limitedByConsent',
  'limitation',
  'caseSummary',
  'evidence',
  'suspects',
  'proposedCharges',
  'prosecution',
  'allowedActions',
  'history',
];
const CASE_SUMMARY_KEYS = [
  'caseNumber',
  'status',
  'identificationStatus',
  'provinceCode',
  'flags',
  'exploitationTypes',
  'openedAt',
];

describe('prosecution handoffs', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const agencyIds = new Map<string, string>();
  const token = (u: string) => {
    const t = tokens.get(u);
    if (!t) throw new Error(`no token for ${u}`);
    return t;
  };
  const agency = (code: string) => {
    const id = agencyIds.get(code);
    if (!id) throw new Error(`no agency ${code}`);
    return id;
  };
  const get = (u: string, path: string, requestId?: string) => {
    const r = s
      .http()
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`);
    return requestId ? r.set('X-Request-Id', requestId) : r;
  };
  const post = (u: string, path: string, body: object) =>
    s
      .http()
      .post(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`)
      .send(body);
  const patch = (u: string, path: string, body: object) =>
    s
      .http()
      .patch(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`)
      .send(body);

  beforeAll(async () => {
    s = await startStack();
    for (const u of [
      'atd.caseworker',
      'atd.supervisor',
      'atd.investigator',
      'ospp.prosecutor',
      'lwu.caseworker',
      'ngo.caseworker',
    ]) {
      tokens.set(u, (await s.login(u)).accessToken);
    }
    const { rows } = await s.admin.query(`SELECT id, code FROM agency`);
    for (const r of rows) agencyIds.set(r.code, r.id);
  });
  afterAll(async () => {
    await s.close();
  });

  /** Screens an adult through the API, approves it into a case, and records an exploitation account and health. */
  async function openCase(): Promise<string> {
    const created = await post('atd.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: CANARY_GIVEN,
        latinNames: [CANARY_LATIN],
        dateOfBirth: '1998-05-04',
        dobPrecision: 'DAY',
        sex: 'FEMININE',
        citizenship: ['LA'],
        documents: [{ type: 'PASSPORT', number: CANARY_DOC }],
      },
      indicatorAnswers: INDICATORS,
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
    const caseId: string = approved.body.caseId;
    const c = await get('atd.supervisor', `/cases/${caseId}`);
    const updated = await patch('atd.supervisor', `/cases/${caseId}`, {
      version: c.body.version,
      exploitation: { narrative: CANARY_STORY, meansOfControl: ['DEBT_BONDAGE'] },
      health: { medical: CANARY_HEALTH },
    });
    expect(updated.status).toBe(200);
    // the editor rule: the investigator who hands the case off is the one assigned to it
    const investigator = (await s.admin.query(`SELECT id FROM app_user WHERE username = 'atd.investigator'`)).rows[0]
      .id;
    const assigned = await post('atd.supervisor', `/cases/${caseId}/assign`, {
      version: updated.body.version,
      userId: investigator,
    });
    expect(assigned.status).toBe(200);
    return caseId;
  }

  const handoffBody = (over: Record<string, unknown> = {}) => ({
    toAgencyId: agency('OSPP'),
    statementSummary: CANARY_STATEMENT,
    evidence: [{ description: CANARY_EVIDENCE }, { description: 'Bus ticket Vientiane–Bokeo' }],
    suspects: [
      { name: CANARY_SUSPECT, roleInProcess: 'RECRUITER', relationToVictim: 'ACQUAINTANCE', status: 'AT_LARGE' },
      { alias: 'the driver', roleInProcess: 'TRANSPORTER', relationToVictim: 'STRANGER' },
    ],
    proposedCharges: [{ article: 'PENAL_CODE_215', description: 'Trafficking in persons' }],
    willingToTestify: 'YES',
    protectionMeasures: ['IDENTITY_CONFIDENTIALITY', 'CLOSED_HEARING'],
    protectionNote: 'Testimony without the accused present',
    ...over,
  });

  /** One step: exactly one audit row with this action and outcome, about this handoff. */
  async function step(u: string, path: string, body: object, expectedStatus: string, auditAction: string) {
    const before = await lastAuditSeq(s.admin);
    const res = await post(u, path, body);
    expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 200, code: undefined });
    expect(res.body.status).toBe(expectedStatus);
    const rows = await auditSince(s.admin, before);
    expect(
      rows.map((r) => ({ action: r.action, outcome: r.outcome, object: r.object_id, user: r.actor_username })),
    ).toEqual([{ action: auditAction, outcome: 'ALLOWED', object: res.body.id, user: u }]);
    const digest = JSON.stringify(rows[0]?.details ?? {});
    for (const canary of [CANARY_STATEMENT, CANARY_SUSPECT, CANARY_RETURN, CANARY_GIVEN])
      expect(digest).not.toContain(canary);
    return res.body;
  }

  describe('without a law-enforcement consent', () => {
    let caseId = '';
    let handoff: { id: string; version: number } = { id: '', version: 0 };

    beforeAll(async () => {
      caseId = await openCase();
    });

    it('only an investigator of the lead agency hands off; the target must be a prosecution office', async () => {
      // a route that addresses one record answers a missing permission as a missing id
      const caseworker = await post('atd.caseworker', `/cases/${caseId}/handoffs`, handoffBody());
      expect(caseworker.status).toBe(404);
      for (const u of ['lwu.caseworker', 'ngo.caseworker'])
        expect((await post(u, `/cases/${caseId}/handoffs`, handoffBody())).status).toBe(404);
      const toLwu = await post(
        'atd.investigator',
        `/cases/${caseId}/handoffs`,
        handoffBody({ toAgencyId: agency('LWU') }),
      );
      expect(toLwu.status).toBe(400);
      expect(toLwu.body.details.map((d: { field: string }) => d.field)).toEqual(['toAgencyId']);
      const missing = await post('atd.investigator', `/cases/${randomUUID()}/handoffs`, handoffBody());
      expect(missing.status).toBe(404);
      const { rows } = await s.admin.query(`SELECT count(*)::int AS n FROM handoff WHERE case_id = $1`, [caseId]);
      expect(rows[0].n).toBe(0);
    });

    it('refuses bad input naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ surpriseField: 1 }, 'surpriseField'],
        [{ willingToTestify: 'MAYBE' }, 'willingToTestify'],
        [{ proposedCharges: [{ article: 'article 215' }] }, 'proposedCharges.0.article'],
        [{ suspects: [{ roleInProcess: 'BOSS', relationToVictim: 'STRANGER' }] }, 'suspects.0.roleInProcess'],
        [{ protectionMeasures: ['INVISIBILITY'] }, 'protectionMeasures'],
        [{ evidence: [{ description: 'x', attachmentId: randomUUID() }] }, 'evidence.0.attachmentId'],
      ];
      for (const [over, field] of cases) {
        const res = await post('atd.investigator', `/cases/${caseId}/handoffs`, handoffBody(over));
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    it('carries only the case summary, the evidence list and the suspects, and says so', async () => {
      const before = await lastAuditSeq(s.admin);
      const res = await post('atd.investigator', `/cases/${caseId}/handoffs`, handoffBody());
      expect(res.status).toBe(201);
      handoff = res.body;
      expect(res.body).toMatchObject({
        status: 'SUBMITTED',
        box: 'OUTGOING',
        limitedByConsent: true,
        categories: ['CASE_SUMMARY', 'PERPETRATORS', 'LEGAL_PROCEEDINGS'],
        limitation: {
          code: 'NO_LAW_ENFORCEMENT_CONSENT',
          withheldCategories: ['IDENTITY', 'EXPLOITATION_ACCOUNT', 'HEALTH'],
        },
        toAgency: { id: agency('OSPP'), code: 'OSPP' },
      });
      expect(res.body.limitation.label).toEqual({
        lo: expect.any(String),
        en: expect.stringContaining('only the case summary'),
      });
      const receiveBy = new Date(res.body.receiveBy).getTime() - new Date(res.body.createdAt).getTime();
      expect(Math.round(receiveBy / 3_600_000)).toBe(72);
      const audit = await auditSince(s.admin, before);
      expect(audit.map((r) => [r.action, r.outcome, r.object_type, r.object_id])).toEqual([
        ['HANDOFF_SUBMITTED', 'ALLOWED', 'handoff', handoff.id],
      ]);
      expect(audit[0]?.details).toMatchObject({ caseId, limitedByConsent: true });

      const again = await post('atd.investigator', `/cases/${caseId}/handoffs`, handoffBody());
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('HANDOFF_ALREADY_OPEN');
    });

    it("OSPP's view has no identity, exploitation account, health or statement: its keys are within the allowlist", async () => {
      const res = await get('ospp.prosecutor', `/handoffs/${handoff.id}`);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).filter((k) => !LIMITED_KEYS.includes(k))).toEqual([]);
      expect(Object.keys(res.body.caseSummary).filter((k) => !CASE_SUMMARY_KEYS.includes(k))).toEqual([]);
      expect(res.body).toMatchObject({ box: 'INCOMING', limitedByConsent: true, allowedActions: ['RECEIVE'] });
      expect(res.body.evidence.map((e: { description: string }) => e.description)).toContain(CANARY_EVIDENCE);
      expect(res.body.suspects[0]).toEqual({
        name: CANARY_SUSPECT,
        alias: null,
        roleInProcess: 'RECRUITER',
        relationToVictim: 'ACQUAINTANCE',
        status: 'AT_LARGE',
      });
      expect(res.body.suspects[1]).toMatchObject({ alias: 'the driver', status: 'UNKNOWN' });
      for (const canary of [CANARY_GIVEN, CANARY_LATIN, CANARY_DOC, CANARY_STORY, CANARY_HEALTH, CANARY_STATEMENT])
        expect(res.text).not.toContain(canary);
      // the sender sees its whole packet
      const mine = await get('atd.investigator', `/handoffs/${handoff.id}`);
      expect(mine.body).toMatchObject({
        statementSummary: CANARY_STATEMENT,
        willingToTestify: 'YES',
        protectionMeasures: ['IDENTITY_CONFIDENTIALITY', 'CLOSED_HEARING'],
      });
      expect(mine.body.allowedActions).toEqual(['WITHDRAW']);
    });

    it('LWU and the NGO get the standard 404 and never see it listed; they cannot act on it', async () => {
      const missing = await get('lwu.caseworker', `/handoffs/${randomUUID()}`, 'fixed-request-id-7');
      expect(missing.status).toBe(404);
      for (const u of ['lwu.caseworker', 'ngo.caseworker']) {
        const r = await get(u, `/handoffs/${handoff.id}`, 'fixed-request-id-7');
        expect({ u, status: r.status, body: withoutRequestId(r.text) }).toEqual({
          u,
          status: 404,
          body: withoutRequestId(missing.text),
        });
        const list = await get(u, '/handoffs?limit=100');
        expect(list.status).toBe(200);
        expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(handoff.id);
        for (const action of ['receive', 'accept', 'close', 'resubmit']) {
          expect((await post(u, `/handoffs/${handoff.id}/${action}`, { version: handoff.version })).status).toBe(404);
        }
        expect(
          (await post(u, `/handoffs/${handoff.id}/withdraw`, { version: handoff.version, reason: 'x' })).status,
        ).toBe(404);
      }
      const { rows } = await s.admin.query(`SELECT status, version FROM handoff WHERE id = $1`, [handoff.id]);
      expect(rows[0]).toEqual({ status: 'SUBMITTED', version: handoff.version });
    });

    it('lists: OSPP incoming, ATD outgoing, no personal data', async () => {
      const incoming = await get('ospp.prosecutor', '/handoffs?box=incoming&status=SUBMITTED');
      expect(incoming.status).toBe(200);
      const item = incoming.body.items.find((x: { id: string }) => x.id === handoff.id);
      expect(item).toMatchObject({
        caseNumber: expect.stringMatching(/^VT-/),
        status: 'SUBMITTED',
        box: 'INCOMING',
        overdue: false,
        version: handoff.version,
      });
      expect((await get('ospp.prosecutor', '/handoffs?box=outgoing')).body.items).toEqual([]);
      const outgoing = await get('atd.investigator', '/handoffs?box=outgoing');
      expect(outgoing.body.items.map((x: { id: string }) => x.id)).toContain(handoff.id);
      for (const text of [withoutRequestId(incoming.text), withoutRequestId(outgoing.text)]) {
        for (const canary of [CANARY_GIVEN, CANARY_SUSPECT, CANARY_STATEMENT, CANARY_EVIDENCE])
          expect(text).not.toContain(canary);
      }
      const bad = await get('atd.investigator', '/handoffs?box=sideways');
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('box');
    });

    it('the investigator withdraws it with a reason; OSPP then gets the 404', async () => {
      const refused = await post('ospp.prosecutor', `/handoffs/${handoff.id}/withdraw`, {
        version: handoff.version,
        reason: 'x',
      });
      expect(refused.status).toBe(404);
      const investigatorReceives = await post('atd.investigator', `/handoffs/${handoff.id}/receive`, {
        version: handoff.version,
      });
      expect(investigatorReceives.status).toBe(404);
      const done = await step(
        'atd.investigator',
        `/handoffs/${handoff.id}/withdraw`,
        { version: handoff.version, reason: 'The victim asked to stop' },
        'WITHDRAWN',
        'HANDOFF_WITHDRAWN',
      );
      expect(done.prosecution.withdrawalReason).toBe('The victim asked to stop');
      expect((await get('ospp.prosecutor', `/handoffs/${handoff.id}`)).status).toBe(404);
    });
  });

  describe('with a law-enforcement consent, through the whole prosecution', () => {
    let caseId = '';
    let consentId = '';
    let h: { id: string; version: number; status: string } = { id: '', version: 0, status: '' };

    beforeAll(async () => {
      caseId = await openCase();
      const consent = await post('atd.supervisor', `/cases/${caseId}/consents`, {
        type: 'LAW_ENFORCEMENT_SHARING',
        agencyIds: [agency('OSPP')],
        categories: ['IDENTITY', 'EXPLOITATION_ACCOUNT', 'HEALTH'],
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        language: 'lo',
        grantedAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
      expect(consent.status).toBe(201);
      consentId = consent.body.id;
    });

    it('carries everything and OSPP sees the identity, the exploitation account and health', async () => {
      const res = await post('atd.investigator', `/cases/${caseId}/handoffs`, handoffBody());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ limitedByConsent: false, limitation: null });
      expect(res.body.categories).toEqual([
        'CASE_SUMMARY',
        'IDENTITY',
        'EXPLOITATION_ACCOUNT',
        'HEALTH',
        'PERPETRATORS',
        'LEGAL_PROCEEDINGS',
      ]);
      h = res.body;
      const ospp = await get('ospp.prosecutor', `/handoffs/${h.id}`);
      expect(ospp.status).toBe(200);
      expect(ospp.body.identity).toMatchObject({
        givenNameLo: CANARY_GIVEN,
        latinNames: [CANARY_LATIN],
        dateOfBirth: '1998-05-04',
        documents: [{ type: 'PASSPORT', number: CANARY_DOC }],
      });
      expect(ospp.body.exploitation).toMatchObject({ narrative: CANARY_STORY, meansOfControl: ['DEBT_BONDAGE'] });
      expect(ospp.body.health).toMatchObject({ medical: CANARY_HEALTH });
      expect(ospp.body).toMatchObject({
        statementSummary: CANARY_STATEMENT,
        willingToTestify: 'YES',
        limitedByConsent: false,
      });
    });

    it('nothing of the packet is stored in plaintext', async () => {
      const { rows } = await s.admin.query(`SELECT r::text AS x FROM handoff r WHERE id = $1`, [h.id]);
      for (const canary of [CANARY_STATEMENT, CANARY_SUSPECT, CANARY_EVIDENCE, 'Trafficking in persons'])
        expect(rows[0].x).not.toContain(canary);
    });

    it('OSPP receives and returns it once with a reason; a stale version is refused', async () => {
      const received = await step(
        'ospp.prosecutor',
        `/handoffs/${h.id}/receive`,
        { version: h.version },
        'RECEIVED',
        'HANDOFF_RECEIVED',
      );
      expect(received.prosecutor.username).toBe('ospp.prosecutor');
      expect(received.receivedAt).toEqual(expect.any(String));
      expect(received.allowedActions).toEqual(['ACCEPT', 'RETURN']);

      const stale = await post('ospp.prosecutor', `/handoffs/${h.id}/accept`, { version: h.version });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const blank = await post('ospp.prosecutor', `/handoffs/${h.id}/return`, {
        version: received.version,
        reason: '   ',
      });
      expect(blank.status).toBe(400);
      expect(blank.body.details.map((d: { field: string }) => d.field)).toContain('reason');

      const returned = await step(
        'ospp.prosecutor',
        `/handoffs/${h.id}/return`,
        { version: received.version, reason: CANARY_RETURN },
        'RETURNED',
        'HANDOFF_RETURNED',
      );
      expect(returned.allowedActions).toEqual([]);
      expect(returned.prosecution.returns).toEqual([{ reason: CANARY_RETURN, at: expect.any(String) }]);
      h = returned;

      // the investigator sees it at once, with the reason, and may resubmit or withdraw
      const mine = await get('atd.investigator', `/handoffs/${h.id}`);
      expect(mine.body).toMatchObject({
        status: 'RETURNED',
        version: h.version,
        allowedActions: ['RESUBMIT', 'WITHDRAW'],
      });
      expect(mine.body.prosecution.returns[0].reason).toBe(CANARY_RETURN);
      const ospp = await post('ospp.prosecutor', `/handoffs/${h.id}/accept`, { version: h.version });
      expect(ospp.status).toBe(409);
      expect(ospp.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    });

    it('the investigator resubmits with an added suspect; OSPP receives and accepts', async () => {
      const resubmitted = await step(
        'atd.investigator',
        `/handoffs/${h.id}/resubmit`,
        {
          version: h.version,
          suspects: [
            ...handoffBody().suspects,
            { name: 'Second broker', roleInProcess: 'FINANCIER', relationToVictim: 'FAMILY', status: 'ARRESTED' },
          ],
        },
        'SUBMITTED',
        'HANDOFF_RESUBMITTED',
      );
      expect(resubmitted.suspects).toHaveLength(3);
      expect(resubmitted.receivedAt).toBeNull();
      expect(resubmitted.statementSummary).toBe(CANARY_STATEMENT);
      const received = await step(
        'ospp.prosecutor',
        `/handoffs/${h.id}/receive`,
        { version: resubmitted.version },
        'RECEIVED',
        'HANDOFF_RECEIVED',
      );
      h = await step(
        'ospp.prosecutor',
        `/handoffs/${h.id}/accept`,
        { version: received.version },
        'ACCEPTED',
        'HANDOFF_ACCEPTED',
      );
    });

    it('charges, trial, verdict (refusing bad input naming the field) and close', async () => {
      const noCharges = await post('ospp.prosecutor', `/handoffs/${h.id}/charge`, {
        version: h.version,
        chargesFiled: [],
      });
      expect(noCharges.status).toBe(400);
      expect(noCharges.body.details.map((d: { field: string }) => d.field)).toContain('chargesFiled');
      const charged = await step(
        'ospp.prosecutor',
        `/handoffs/${h.id}/charge`,
        {
          version: h.version,
          chargesFiled: [
            { article: 'PENAL_CODE_215' },
            { article: 'ANTI_TRAFFICKING_LAW_11', description: 'Aggravated: debt bondage' },
          ],
        },
        'CHARGED',
        'HANDOFF_CHARGED',
      );
      expect(charged.prosecution.chargesFiled.map((c: { article: string }) => c.article)).toEqual([
        'PENAL_CODE_215',
        'ANTI_TRAFFICKING_LAW_11',
      ]);

      // hearings today and in two weeks; the verdict today (a verdict before its first hearing is refused)
      const today = todayInLaos();
      const inTwoWeeks = todayInLaos(new Date(Date.now() + 14 * 86_400_000));
      const beforeHandoff = await post('ospp.prosecutor', `/handoffs/${h.id}/trial`, {
        version: charged.version,
        court: 'People’s Court of Vientiane Capital',
        trialDates: ['2020-03-01'],
      });
      expect({
        status: beforeHandoff.status,
        fields: beforeHandoff.body.details?.map((d: { field: string }) => d.field),
      }).toEqual({ status: 400, fields: ['trialDates'] });
      const badDate = await post('ospp.prosecutor', `/handoffs/${h.id}/trial`, {
        version: charged.version,
        court: 'People’s Court of Vientiane Capital',
        trialDates: ['2027-02-30'],
      });
      expect(badDate.status).toBe(400);
      expect(badDate.body.details.map((d: { field: string }) => d.field)).toContain('trialDates');
      const trial = await step(
        'ospp.prosecutor',
        `/handoffs/${h.id}/trial`,
        { version: charged.version, court: 'People’s Court of Vientiane Capital', trialDates: [inTwoWeeks, today] },
        'AT_TRIAL',
        'HANDOFF_TRIAL_STARTED',
      );
      expect(trial.prosecution).toMatchObject({
        court: 'People’s Court of Vientiane Capital',
        trialDates: [today, inTwoWeeks],
      });

      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const badInputs: [Record<string, unknown>, string][] = [
        [{ verdict: 'GUILTY', decidedOn: today }, 'verdict'],
        [{ verdict: 'CONVICTED', decidedOn: '2026-01-10' }, 'decidedOn'],
        [{ verdict: 'CONVICTED', decidedOn: tomorrow }, 'decidedOn'],
        [{ verdict: 'CONVICTED', decidedOn: today, judge: 'x' }, 'judge'],
        [{ verdict: 'CONVICTED', decidedOn: today, restitutionOrdered: { amount: -5 } }, 'restitutionOrdered.amount'],
      ];
      for (const [body, field] of badInputs) {
        const before = await lastAuditSeq(s.admin);
        const res = await post('ospp.prosecutor', `/handoffs/${h.id}/verdict`, { version: trial.version, ...body });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
        expect(
          (await auditSince(s.admin, before)).filter((r) => r.action.startsWith('HANDOFF_') && r.outcome === 'ALLOWED'),
        ).toEqual([]);
      }
      const decided = await step(
        'ospp.prosecutor',
        `/handoffs/${h.id}/verdict`,
        {
          version: trial.version,
          verdict: 'CONVICTED',
          sentence: '12 years imprisonment and a fine',
          restitutionOrdered: { amount: 50_000_000, currency: 'LAK', description: 'Unpaid wages and damages' },
          decidedOn: today,
        },
        'DECIDED',
        'HANDOFF_DECIDED',
      );
      expect(decided.prosecution).toMatchObject({
        verdict: 'CONVICTED',
        sentence: '12 years imprisonment and a fine',
        restitutionOrdered: { amount: 50_000_000, currency: 'LAK', description: 'Unpaid wages and damages' },
        decidedOn: today,
      });
      h = await step(
        'ospp.prosecutor',
        `/handoffs/${h.id}/close`,
        { version: decided.version },
        'CLOSED',
        'HANDOFF_CLOSED',
      );
      expect(h).toMatchObject({ closedAt: expect.any(String), allowedActions: [] });
      const after = await post('ospp.prosecutor', `/handoffs/${h.id}/close`, { version: h.version });
      expect(after.status).toBe(409);
      expect(after.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    });

    it('the investigator sees every status in the handoff history and on the case timeline', async () => {
      const expected = [
        ['HANDOFF_SUBMITTED', null, 'SUBMITTED'],
        ['HANDOFF_RECEIVED', 'SUBMITTED', 'RECEIVED'],
        ['HANDOFF_RETURNED', 'RECEIVED', 'RETURNED'],
        ['HANDOFF_RESUBMITTED', 'RETURNED', 'SUBMITTED'],
        ['HANDOFF_RECEIVED', 'SUBMITTED', 'RECEIVED'],
        ['HANDOFF_ACCEPTED', 'RECEIVED', 'ACCEPTED'],
        ['HANDOFF_CHARGED', 'ACCEPTED', 'CHARGED'],
        ['HANDOFF_TRIAL_STARTED', 'CHARGED', 'AT_TRIAL'],
        ['HANDOFF_DECIDED', 'AT_TRIAL', 'DECIDED'],
        ['HANDOFF_CLOSED', 'DECIDED', 'CLOSED'],
      ];
      const mine = await get('atd.investigator', `/handoffs/${h.id}`);
      expect(mine.status).toBe(200);
      expect(mine.body.status).toBe('CLOSED');
      expect(
        mine.body.history.map((e: { kind: string; from: string | null; to: string | null }) => [e.kind, e.from, e.to]),
      ).toEqual(expected);
      expect(mine.body.prosecution.verdict).toBe('CONVICTED');
      const timeline = await get('atd.investigator', `/cases/${caseId}/timeline?limit=100`);
      expect(timeline.status).toBe(200);
      const kinds = timeline.body.items
        .map((e: { kind: string }) => e.kind)
        .filter((k: string) => k.startsWith('HANDOFF_'));
      expect(kinds).toEqual(expected.map((e) => e[0]));
      for (const canary of [CANARY_RETURN, CANARY_STATEMENT, CANARY_SUSPECT])
        expect(timeline.text).not.toContain(canary);
    });

    it('withdrawing the consent removes the identity from OSPP’s view at the next read', async () => {
      const w = await post('atd.supervisor', `/consents/${consentId}/withdraw`, {
        reason: 'The person no longer agrees',
      });
      expect(w.status).toBe(200);
      const res = await get('ospp.prosecutor', `/handoffs/${h.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ limitedByConsent: true, limitation: { code: 'NO_LAW_ENFORCEMENT_CONSENT' } });
      expect(Object.keys(res.body).filter((k) => !LIMITED_KEYS.includes(k))).toEqual([]);
      for (const canary of [CANARY_GIVEN, CANARY_DOC, CANARY_STORY, CANARY_HEALTH, CANARY_STATEMENT])
        expect(res.text).not.toContain(canary);
    });
  });
});
