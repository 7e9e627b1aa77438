import { randomUUID } from 'node:crypto';
import {
  hasPermission,
  INTERVIEW_CONSENT_QUESTIONS,
  isPermission,
  SEED_DEMO_USERS,
  type DataCategory,
  seedUserSubject,
} from '@ctms/domain';
import { listRoutes } from '../src/platform/auth/route-audit';
import { startStack, TestStack, withoutRequestId } from './harness';

/**
 * The authorization matrix (issue 4, item 7; docs/quality.md "Authorization matrix"): every record route that reads a
 * case, screening, person, referral, handoff or attachment × every demo account × the account's
 * relation to one case that has every kind of relation at once. The expected outcome is computed
 * from the permission catalogue and the relation table below, never written per cell; a denied
 * record must be the same 404, byte for byte, as a missing one.
 *
 * Write routes get the same treatment with bodies that are valid but change nothing (stale
 * versions, uncovered packets …); bad input → 400 before any lookup is write-routes.int-spec.ts.
 */
type Relation =
  | 'LEAD_AGENCY'
  | 'OTHER_PROVINCE'
  | 'OTHER_AGENCY'
  | 'REFERRAL_ACTIVE'
  | 'REFERRAL_PENDING'
  | 'REFERRAL_CLOSED'
  | 'HANDOFF'
  | 'ADMIN';

/** How each demo account relates to the fixture case. */
const RELATION_OF: Record<string, Relation> = {
  'atd.caseworker': 'LEAD_AGENCY',
  'atd.supervisor': 'LEAD_AGENCY',
  'atd.investigator': 'LEAD_AGENCY',
  'atd.bokeo': 'OTHER_PROVINCE',
  'doi.caseworker': 'OTHER_AGENCY',
  'doi.supervisor': 'OTHER_AGENCY',
  'lwu.caseworker': 'REFERRAL_ACTIVE',
  'lwu.supervisor': 'REFERRAL_ACTIVE',
  'molsw.caseworker': 'REFERRAL_PENDING',
  'molsw.supervisor': 'REFERRAL_PENDING',
  'ngo.caseworker': 'REFERRAL_CLOSED',
  'ospp.prosecutor': 'HANDOFF',
  'lwu.admin': 'ADMIN',
  sysadmin: 'ADMIN',
  analyst: 'ADMIN',
};

/**
 * Which relations may open each record route (given the route's permission). The fixture: a case
 * of MOPS_ATD in province 01; consents to LWU (summary, identity, contact), MoLSW (summary,
 * identity), NGO (summary); referral to LWU accepted, to MoLSW pending, to the NGO declined; a
 * handoff to OSPP without a law-enforcement consent; an attachment of category LEGAL_PROCEEDINGS; a
 * transfer to MoLSW waiting for an answer (a preview without identity, so MoLSW's cells stay as they are).
 */
const OPENS: Record<string, Relation[]> = {
  'GET /cases/:id': ['LEAD_AGENCY', 'REFERRAL_ACTIVE', 'REFERRAL_PENDING', 'REFERRAL_CLOSED', 'HANDOFF'],
  'GET /cases/:id/notes': ['LEAD_AGENCY'],
  'GET /cases/:id/timeline': ['LEAD_AGENCY'],
  'GET /cases/:id/access-log': ['LEAD_AGENCY'],
  'GET /cases/:id/consents': ['LEAD_AGENCY'],
  'GET /cases/:id/attachments': ['LEAD_AGENCY', 'REFERRAL_ACTIVE', 'REFERRAL_PENDING', 'REFERRAL_CLOSED', 'HANDOFF'],
  'GET /attachments/:id/content': ['LEAD_AGENCY', 'HANDOFF'],
  'GET /screenings/:id': ['LEAD_AGENCY'],
  // the draft's match requests: the screening through the same predicate as GET /screenings/:id
  'GET /screenings/:id/match-requests': ['LEAD_AGENCY'],
  'GET /persons/:id': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  'GET /referrals/:id': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  // the notes and the print of a referral: its sender and its receiver, through the same predicate
  'GET /referrals/:id/notes': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  'GET /referrals/:id/print': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  'GET /handoffs/:id': ['LEAD_AGENCY', 'HANDOFF'],
  // the pending transfer to MoLSW: its sending and its receiving side
  'GET /transfers/:id': ['LEAD_AGENCY', 'REFERRAL_PENDING'],
};
/** Record routes outside this matrix, with the reason: administration, the caller's own exports and notifications. */
const NOT_CASE_RECORDS = [
  /^(GET|POST|PATCH) \/admin\//,
  /^(GET|POST) \/exports\//,
  /^(GET|POST) \/notifications/,
  // match requests relate an asking and an asked agency, not a case: attack-access.int-spec.ts
  // covers the asker, the asked agency and everyone else, id-fields.int-spec.ts their ids
  /^(GET|POST) \/match-requests/,
];
/** Write routes outside the write matrix: merge needs a second real person (covered by persons.int-spec.ts). */
const NOT_IN_WRITE_MATRIX = [
  /^POST \/persons\/:id\/merge$/,
  /^POST \/persons\/merges\/:mergeId\/undo$/,
  /^POST \/match-requests\//,
];

/**
 * Write routes: each is sent a body that is valid but cannot change anything for a caller who may
 * act (a stale `version`, or a packet no consent covers, or a disguised file …), so every cell is
 * independent. Callers who may act get anything but 404 (409, 400, 415 …); everyone else gets the
 * standard 404.
 */
const STALE = 999999;
const WRITES: Record<
  string,
  { opens: Relation[]; body: (ids: Record<string, string>) => object; users?: readonly string[] }
> = {
  'PATCH /cases/:id': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE, riskLevel: 'LOW' }) },
  'POST /cases/:id/assign': { opens: ['LEAD_AGENCY'], body: (i) => ({ version: STALE, userId: i['atdCaseworker'] }) },
  'POST /cases/:id/transition': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE, action: 'ACTIVATE' }) },
  'POST /cases/:id/identification': {
    opens: ['LEAD_AGENCY'],
    body: () => ({ version: STALE, decision: 'IDENTIFIED', decidedOn: '2026-01-02', reasons: 'matrix' }),
  },
  'POST /cases/:id/close': {
    opens: ['LEAD_AGENCY'],
    body: () => ({ version: STALE, reason: 'OTHER', note: 'matrix' }),
  },
  'POST /cases/:id/reopen': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE, reason: 'matrix' }) },
  'POST /cases/:id/notes': { opens: ['LEAD_AGENCY'], body: () => ({ body: 'matrix note' }) },
  'POST /cases/:id/referrals': {
    opens: ['LEAD_AGENCY'],
    body: (i) => ({
      toAgencyId: i['LWU'],
      serviceTypes: ['SHELTER'],
      urgency: 'HIGH',
      reason: 'matrix',
      categories: ['HEALTH'],
    }),
  },
  'POST /cases/:id/consents': {
    opens: ['LEAD_AGENCY'],
    body: (i) => ({
      type: 'REFERRAL_SHARING',
      agencyIds: [i['LWU']],
      categories: ['CASE_SUMMARY'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: '2099-01-01T00:00:00Z',
    }),
  },
  'POST /cases/:id/handoffs': {
    opens: ['LEAD_AGENCY'],
    body: (i) => ({
      toAgencyId: i['LWU'],
      statementSummary: 'matrix',
      evidence: [],
      suspects: [],
      proposedCharges: [],
      willingToTestify: 'UNDECIDED',
      protectionMeasures: [],
    }),
  },
  'POST /cases/:id/identification-requests': { opens: ['LEAD_AGENCY'], body: (i) => ({ toAgencyId: i['LWU'] }) },
  'POST /cases/:id/closure-requests': { opens: ['LEAD_AGENCY'], body: () => ({ reason: 'OTHER' }) },
  'POST /cases/:id/flags': {
    opens: ['LEAD_AGENCY'],
    body: () => ({ version: STALE, flag: 'NON_PUNISHMENT', set: true, reason: 'matrix' }),
  },
  'POST /closure-requests/:id/approve': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE }) },
  'POST /closure-requests/:id/return': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE, comment: 'matrix' }) },
  // an identification request of a second case, led by LWU in province 01 and sent to MoPS ATD: the
  // asked agency (in scope) and the lead agency see it; who may act is then the machine's 409
  'POST /identification-requests/:id/decide': {
    opens: [],
    users: ['atd.supervisor', 'atd.investigator'],
    body: () => ({ version: STALE, decision: 'IDENTIFIED', decidedOn: '2026-01-02', reasons: 'matrix' }),
  },
  'POST /identification-requests/:id/cancel': {
    opens: [],
    users: ['lwu.caseworker', 'lwu.supervisor', 'atd.caseworker', 'atd.supervisor', 'atd.investigator'],
    body: () => ({ version: STALE, reason: 'matrix' }),
  },
  'POST /referrals/:id/accept': { opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'], body: () => ({ version: STALE }) },
  'POST /referrals/:id/decline': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: () => ({ version: STALE, reason: 'NO_CAPACITY' }),
  },
  'POST /referrals/:id/services': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: () => ({ version: STALE, serviceType: 'SHELTER', deliveredOn: '2026-01-02' }),
  },
  'POST /referrals/:id/complete': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: () => ({ version: STALE, outcome: 'OTHER', note: 'matrix' }),
  },
  'POST /referrals/:id/cancel': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: () => ({ version: STALE, reason: 'matrix' }),
  },
  'POST /referrals/:id/reassign': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: (i) => ({ version: STALE, assigneeId: i['atdCaseworker'] }),
  },
  'POST /referrals/:id/notes': { opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'], body: () => ({ body: 'matrix note' }) },
  'POST /handoffs/:id/receive': { opens: ['LEAD_AGENCY', 'HANDOFF'], body: () => ({ version: STALE }) },
  'POST /handoffs/:id/accept': { opens: ['LEAD_AGENCY', 'HANDOFF'], body: () => ({ version: STALE }) },
  'POST /handoffs/:id/return': {
    opens: ['LEAD_AGENCY', 'HANDOFF'],
    body: () => ({ version: STALE, reason: 'matrix' }),
  },
  'POST /handoffs/:id/resubmit': { opens: ['LEAD_AGENCY', 'HANDOFF'], body: () => ({ version: STALE }) },
  'POST /handoffs/:id/charge': {
    opens: ['LEAD_AGENCY', 'HANDOFF'],
    body: () => ({ version: STALE, chargesFiled: [{ article: 'PENAL_CODE_215' }] }),
  },
  'POST /handoffs/:id/trial': {
    opens: ['LEAD_AGENCY', 'HANDOFF'],
    body: () => ({ version: STALE, court: 'matrix', trialDates: ['2026-01-02'] }),
  },
  'POST /handoffs/:id/verdict': {
    opens: ['LEAD_AGENCY', 'HANDOFF'],
    body: () => ({ version: STALE, verdict: 'CONVICTED', decidedOn: '2026-01-02' }),
  },
  'POST /handoffs/:id/close': { opens: ['LEAD_AGENCY', 'HANDOFF'], body: () => ({ version: STALE }) },
  'POST /handoffs/:id/withdraw': {
    opens: ['LEAD_AGENCY', 'HANDOFF'],
    body: () => ({ version: STALE, reason: 'matrix' }),
  },
  // a transfer is already waiting for an answer: TRANSFER_ALREADY_REQUESTED
  'POST /cases/:id/transfers': {
    opens: ['LEAD_AGENCY'],
    body: (i) => ({ toAgencyId: i['LWU'], urgency: 'HIGH', reason: 'matrix', categories: [] }),
  },
  'POST /transfers/:id/accept': { opens: ['LEAD_AGENCY', 'REFERRAL_PENDING'], body: () => ({ version: STALE }) },
  'POST /transfers/:id/decline': {
    opens: ['LEAD_AGENCY', 'REFERRAL_PENDING'],
    body: () => ({ version: STALE, reason: 'NO_CAPACITY' }),
  },
  'POST /transfers/:id/cancel': {
    opens: ['LEAD_AGENCY', 'REFERRAL_PENDING'],
    body: () => ({ version: STALE, reason: 'matrix' }),
  },
  'PATCH /screenings/:id': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE }) },
  'POST /screenings/:id/submit': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE }) },
  'POST /screenings/:id/approve': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE }) },
  'POST /screenings/:id/return': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE, comment: 'matrix' }) },
  'POST /screenings/:id/match-requests': { opens: ['LEAD_AGENCY'], body: () => ({}) },
  'POST /screenings/:id/terminate': {
    opens: ['LEAD_AGENCY'],
    body: () => ({ version: STALE, reason: 'OTHER', note: 'matrix' }),
  },
  'POST /consents/:id/withdraw': { opens: ['LEAD_AGENCY'], body: () => ({ reason: 'matrix' }) },
};

const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('authorization matrix: record routes × demo accounts × relations', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const agencies = new Map<string, string>();
  const ids: Record<string, string> = {};
  const auth = (u: string) => `Bearer ${tokens.get(u) ?? ''}`;
  const post = async (u: string, path: string, body: object, expected = [200, 201]) => {
    const r = await s.http().post(`/api/v1${path}`).set('Authorization', auth(u)).send(body);
    if (!expected.includes(r.status)) throw new Error(`${u} POST ${path} answered ${r.status}: ${r.text}`);
    return r.body;
  };

  beforeAll(async () => {
    s = await startStack();
    for (const u of Object.keys(RELATION_OF)) tokens.set(u, (await s.login(u)).accessToken);
    for (const r of (await s.admin.query(`SELECT id, code FROM agency`)).rows) agencies.set(r.code, r.id);
    const agency = (code: string) => agencies.get(code) ?? '';

    const draft = await post('atd.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: 'ມະຕຣິກ',
        latinNames: ['Matrix Test'],
        dateOfBirth: '1990-01-01',
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
    const submitted = await post('atd.caseworker', `/screenings/${draft.id}/submit`, { version: draft.version });
    const approved = await post('atd.supervisor', `/screenings/${draft.id}/approve`, { version: submitted.version });
    ids['screening'] = draft.id;
    ids['case'] = approved.caseId;
    ids['person'] = (
      await s.http().get(`/api/v1/cases/${ids['case']}`).set('Authorization', auth('atd.caseworker'))
    ).body.personId;

    const consent = (code: string, categories: DataCategory[]) =>
      post('atd.caseworker', `/cases/${ids['case']}/consents`, {
        type: 'REFERRAL_SHARING',
        agencyIds: [agency(code)],
        purposes: ['REFERRAL_SHARING'],
        categories,
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        grantedAt: new Date(Date.now() - 60_000).toISOString(),
      });
    await consent('LWU', ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION']);
    ids['consent'] = (await consent('MOLSW', ['CASE_SUMMARY', 'IDENTITY'])).id;
    await consent('NGO_DEMO', ['CASE_SUMMARY']);
    const refer = (code: string, service: string, categories: DataCategory[]) =>
      post('atd.caseworker', `/cases/${ids['case']}/referrals`, {
        toAgencyId: agency(code),
        serviceTypes: [service],
        urgency: 'HIGH',
        reason: 'matrix',
        categories,
      });
    const lwu = await refer('LWU', 'SHELTER', ['IDENTITY', 'CONTACT_LOCATION']);
    await post('lwu.caseworker', `/referrals/${lwu.id}/accept`, { version: lwu.version });
    ids['referral'] = lwu.id;
    await refer('MOLSW', 'REINTEGRATION', ['IDENTITY']);
    const ngo = await refer('NGO_DEMO', 'SHELTER', []);
    await post('ngo.caseworker', `/referrals/${ngo.id}/decline`, { version: ngo.version, reason: 'NO_CAPACITY' });
    // the editor rule: the case goes to the investigator for the handoff, then back to the caseworker
    const assignTo = async (username: string) => {
      const c = await s.http().get(`/api/v1/cases/${ids['case']}`).set('Authorization', auth('atd.supervisor'));
      const user = (await s.admin.query(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0].id;
      await post('atd.supervisor', `/cases/${ids['case']}/assign`, { version: c.body.version, userId: user });
    };
    await assignTo('atd.investigator');
    const handoff = await post('atd.investigator', `/cases/${ids['case']}/handoffs`, {
      toAgencyId: agency('OSPP'),
      statementSummary: 'matrix statement',
      evidence: [{ description: 'ticket' }],
      suspects: [{ roleInProcess: 'RECRUITER', relationToVictim: 'STRANGER' }],
      proposedCharges: [{ article: 'PENAL_CODE_215' }],
      willingToTestify: 'UNDECIDED',
      protectionMeasures: [],
    });
    ids['handoff'] = handoff.id;
    await assignTo('atd.caseworker');
    const upload = await s
      .http()
      .post(`/api/v1/cases/${ids['case']}/attachments`)
      .set('Authorization', auth('atd.caseworker'))
      .field('kind', 'EVIDENCE')
      .field('category', 'LEGAL_PROCEEDINGS')
      .attach('file', MINIMAL_PDF, { filename: 'evidence.pdf', contentType: 'application/pdf' });
    if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${upload.text}`);
    ids['attachment'] = upload.body.id;
    ids['LWU'] = agency('LWU');
    ids['atdCaseworker'] = (
      await s.admin.query(`SELECT id FROM app_user WHERE username = 'atd.caseworker'`)
    ).rows[0].id;
    ids['transfer'] = (
      await post('atd.supervisor', `/cases/${ids['case']}/transfers`, {
        toAgencyId: agency('MOLSW'),
        urgency: 'ROUTINE',
        reason: 'matrix',
        categories: ['IDENTITY'],
      })
    ).id;
    ids['closureRequest'] = (
      await post('atd.caseworker', `/cases/${ids['case']}/closure-requests`, { reason: 'SERVICES_COMPLETED' })
    ).id;

    const lwuDraft = await post('lwu.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: 'ມະຕຣິກສອງ',
        latinNames: ['Matrix Two'],
        dateOfBirth: '1991-01-01',
        dobPrecision: 'YEAR',
        sex: 'FEMININE',
      },
      indicatorAnswers: [
        { code: 'DR01', answer: 'PRESENT' },
        { code: 'EX01', answer: 'PRESENT' },
      ],
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    const lwuSubmitted = await post('lwu.caseworker', `/screenings/${lwuDraft.id}/submit`, {
      version: lwuDraft.version,
    });
    const lwuCase = await post('lwu.supervisor', `/screenings/${lwuDraft.id}/approve`, {
      version: lwuSubmitted.version,
    });
    ids['identificationRequest'] = (
      await post('lwu.caseworker', `/cases/${lwuCase.caseId}/identification-requests`, {
        toAgencyId: agency('MOPS_ATD'),
      })
    ).id;
  });
  afterAll(async () => {
    await s.close();
  });

  /** The record a route addresses, by its first path segment. */
  function idFor(path: string): string {
    const segment = path.split('/')[1] ?? '';
    const key = {
      cases: 'case',
      screenings: 'screening',
      persons: 'person',
      referrals: 'referral',
      handoffs: 'handoff',
      attachments: 'attachment',
      consents: 'consent',
      transfers: 'transfer',
      'closure-requests': 'closureRequest',
      'identification-requests': 'identificationRequest',
    }[segment];
    const id = key ? ids[key] : undefined;
    if (!id) throw new Error(`no fixture for ${path}`);
    return id;
  }

  it('every record route is in the matrix', () => {
    const recordRoutes = listRoutes(s.app)
      .filter((r) => r.method === 'GET' && r.path.includes(':'))
      .map((r) => `GET /${r.path}`.replace(/\/+/g, '/').replace(/\/$/, ''))
      .filter((k) => !NOT_CASE_RECORDS.some((re) => re.test(k)));
    expect(recordRoutes.filter((k) => !(k in OPENS))).toEqual([]);
  });

  const keyOf = (r: { method: string; path: string }) =>
    `${r.method} /${r.path}`.replace(/\/+/g, '/').replace(/\/$/, '');

  it('every write route on a case record is in the write matrix', () => {
    const writes = listRoutes(s.app)
      .filter((r) => r.method !== 'GET' && r.path.includes(':') && !r.public)
      .map(keyOf)
      .filter((k) => !NOT_CASE_RECORDS.some((re) => re.test(k)) && !NOT_IN_WRITE_MATRIX.some((re) => re.test(k)));
    expect(writes.filter((k) => !(k in WRITES) && k !== 'POST /cases/:id/attachments')).toEqual([]);
  });

  it('each cell answers as the catalogue and the relations say, and a denial is the 404 of a missing id', async () => {
    const routes = listRoutes(s.app).filter((r) => r.method === 'GET' && r.path.includes(':'));
    const failures: string[] = [];
    let cells = 0;
    for (const [key, relations] of Object.entries(OPENS)) {
      const route = routes.find((r) => `GET /${r.path}`.replace(/\/+/g, '/').replace(/\/$/, '') === key);
      if (!route || !isPermission(route.permission)) {
        failures.push(`${key}: not registered or without a permission`);
        continue;
      }
      const path = key.slice(4);
      for (const user of SEED_DEMO_USERS) {
        const relation = RELATION_OF[user.username];
        if (!relation) {
          failures.push(`${user.username}: no relation in the matrix`);
          continue;
        }
        const opens = hasPermission(seedUserSubject(user), route.permission) && relations.includes(relation);
        const rid = `matrix-cell-${cells}`;
        const real = await s
          .http()
          .get(`/api/v1${path.replace(/:id/, idFor(path))}`)
          .set('Authorization', auth(user.username))
          .set('X-Request-Id', rid);
        cells++;
        if (opens && real.status === 404)
          failures.push(`${key} × ${user.username} (${relation}): expected access, got 404`);
        if (!opens) {
          const missing = await s
            .http()
            .get(`/api/v1${path.replace(/:id/, randomUUID())}`)
            .set('Authorization', auth(user.username))
            .set('X-Request-Id', rid);
          if (real.status !== 404 || withoutRequestId(real.text) !== withoutRequestId(missing.text)) {
            failures.push(
              `${key} × ${user.username} (${relation}): expected the standard 404, got ${real.status}${real.status === 404 ? ' with another body' : ''}`,
            );
          }
        }
      }
    }
    expect(cells).toBe(Object.keys(OPENS).length * SEED_DEMO_USERS.length);
    expect(failures).toEqual([]);
  });
  it("GET /users/assignable: the catalogue decides who gets it (403 for everyone else), and it lists the caller's own agency only", async () => {
    const route = listRoutes(s.app).find((r) => keyOf(r) === 'GET /users/assignable');
    expect(route && isPermission(route.permission)).toBe(true);
    const permission = route?.permission;
    if (!isPermission(permission)) return;
    const agencyOf = new Map<string, string>(
      (await s.admin.query(`SELECT id, agency_id FROM app_user`)).rows.map((r: { id: string; agency_id: string }) => [
        r.id,
        r.agency_id,
      ]),
    );
    const failures: string[] = [];
    for (const user of SEED_DEMO_USERS) {
      const res = await s.http().get('/api/v1/users/assignable').set('Authorization', auth(user.username));
      const allowed = hasPermission(seedUserSubject(user), permission);
      if (!allowed) {
        if (res.status !== 403) failures.push(`${user.username}: expected 403, got ${res.status}`);
        continue;
      }
      if (res.status !== 200) {
        failures.push(`${user.username}: expected 200, got ${res.status}`);
        continue;
      }
      const own = (await s.admin.query(`SELECT agency_id FROM app_user WHERE username = $1`, [user.username])).rows[0]
        .agency_id;
      const items = res.body.items as { id: string }[];
      if (!items.length) failures.push(`${user.username}: empty list`);
      for (const i of items)
        if (agencyOf.get(i.id) !== own) failures.push(`${user.username}: lists a user of another agency`);
    }
    expect(failures).toEqual([]);
  });

  it('write routes: who may act gets past the lookup, everyone else gets the 404 of a missing id, and nothing changes', async () => {
    const routes = listRoutes(s.app).filter((r) => r.method !== 'GET');
    const failures: string[] = [];
    const before = (
      await s.admin.query(
        `SELECT (SELECT count(*) FROM referral) AS r, (SELECT count(*) FROM handoff) AS h, (SELECT count(*) FROM case_transfer WHERE status = 'REQUESTED') AS t`,
      )
    ).rows[0];
    let cells = 0;
    for (const [key, spec] of Object.entries(WRITES)) {
      const route = routes.find((r) => keyOf(r) === key);
      if (!route || !isPermission(route.permission)) {
        failures.push(`${key}: not registered or without a permission`);
        continue;
      }
      const [method, path] = key.split(' ') as ['POST' | 'PATCH', string];
      const send = (user: string, id: string, rid: string) =>
        s
          .http()
          [method === 'POST' ? 'post' : 'patch'](`/api/v1${path.replace(/:id/, id)}`)
          .set('Authorization', auth(user))
          .set('X-Request-Id', rid)
          .send(spec.body(ids));
      for (const user of SEED_DEMO_USERS) {
        const relation = RELATION_OF[user.username] ?? 'ADMIN';
        const related = spec.users ? spec.users.includes(user.username) : spec.opens.includes(relation);
        const opens = hasPermission(seedUserSubject(user), route.permission) && related;
        const rid = `write-cell-${cells++}`;
        const real = await send(user.username, idFor(path), rid);
        if (opens && real.status === 404)
          failures.push(`${key} × ${user.username} (${relation}): expected to get past the lookup, got 404`);
        if (opens && real.status >= 500) failures.push(`${key} × ${user.username}: ${real.status}`);
        if (!opens) {
          const missing = await send(user.username, randomUUID(), rid);
          if (real.status !== 404 || withoutRequestId(real.text) !== withoutRequestId(missing.text))
            failures.push(
              `${key} × ${user.username} (${relation}): expected the standard 404, got ${real.status} ${real.text.slice(0, 120)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    const after = (
      await s.admin.query(
        `SELECT (SELECT count(*) FROM referral) AS r, (SELECT count(*) FROM handoff) AS h, (SELECT count(*) FROM case_transfer WHERE status = 'REQUESTED') AS t`,
      )
    ).rows[0];
    expect({ referrals: after.r, handoffs: after.h, transfers: after.t }).toEqual({
      referrals: before.r,
      handoffs: before.h,
      transfers: before.t,
    });
  });
});
