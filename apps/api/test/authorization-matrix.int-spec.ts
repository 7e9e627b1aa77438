import { randomUUID } from 'node:crypto';
import {
  DATA_CATEGORIES,
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
 * The authorization matrix (issue 4, item 7; issue 14; docs/quality.md "Authorization matrix"): every record route that
 * reads a case, screening, person, referral, handoff, attachment or transfer × every demo account × the account's
 * relations to a fixture case. The expected outcome is computed from the permission catalogue and the relation table
 * (OPENS) below, never written per cell; a denied record must be the same 404, byte for byte, as a missing one.
 *
 * The read routes run over five fixtures (RELATION_OF, MORE_FIXTURES): the original case that has every kind of relation at once; a case
 * whose lead moved from MoPS ATD to LWU (the former lead retained its categories: FORMER_LEAD) and one whose former lead
 * kept nothing (FORMER_LEAD_NONE); a case LWU leads that MoPS ATD identified on an identification request
 * (IDENTIFICATION_REQUEST, with the handoff it then sent); and a RESTRICTED case named to its setter alone, where every
 * relation of everyone else is closed (docs/access.md "Relations that open a case", its restricted cases).
 *
 * Write routes get the same treatment on the original fixture, with bodies that are valid but change nothing (stale
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
  | 'ADMIN'
  // the lead agency before an accepted lead transfer, with the categories it held (RETAIN) or none (NONE)
  | 'FORMER_LEAD'
  | 'FORMER_LEAD_NONE'
  // the agency asked to identify the victim (decision 0024), and the handoff it sent after deciding IDENTIFIED
  | 'IDENTIFICATION_REQUEST'
  | 'HANDOFF_SENDER'
  // a pending lead transfer's receiver (a preview of the case), and the two sides of the fixture's transfer record
  | 'TRANSFER_PENDING'
  | 'TRANSFER_SENDER'
  | 'TRANSFER_RECEIVER'
  // the agency whose approved screening opened the case, in scope over the screening's province (not the lead: a
  // lead transfer leaves the screening with the agency that interviewed her)
  | 'SCREENING_AGENCY'
  // the province office a family tracing request is addressed to (decision 0033): the original fixture's asks
  // MoLSW for province 13, so molsw.supervisor (all provinces) and not molsw.caseworker (01)
  | 'FAMILY_TRACING_OFFICE';

/** The accounts of MoPS ATD whose scope covers province 01 (all but atd.bokeo). */
const ATD_IN_SCOPE = ['atd.caseworker', 'atd.supervisor', 'atd.investigator'] as const;
const ADMINS = ['lwu.admin', 'sysadmin', 'analyst'];

/** A relation table: the accounts named, the administrators ADMIN, everyone else OTHER_AGENCY. */
function relationTable(rows: [readonly string[], Relation[]][]): Record<string, Relation[]> {
  const table: Record<string, Relation[]> = {};
  for (const u of SEED_DEMO_USERS) table[u.username] = ADMINS.includes(u.username) ? ['ADMIN'] : ['OTHER_AGENCY'];
  for (const [users, relations] of rows) for (const u of users) table[u] = relations;
  return table;
}

/**
 * The original fixture: a case of MOPS_ATD in province 01, screened by atd.caseworker; consents to LWU (summary,
 * identity, contact), MoLSW (summary, identity), NGO (summary); referral to LWU accepted, to MoLSW pending, to the NGO
 * declined; a handoff to OSPP without a law-enforcement consent; an attachment of category LEGAL_PROCEEDINGS; a
 * transfer to MoLSW waiting for an answer (a preview without identity, so MoLSW's cells stay those of its pending
 * referral). The write matrix runs on this fixture only.
 */
const RELATION_OF = relationTable([
  [ATD_IN_SCOPE, ['LEAD_AGENCY', 'SCREENING_AGENCY', 'TRANSFER_SENDER']],
  [['atd.bokeo'], ['OTHER_PROVINCE']],
  [['doi.caseworker', 'doi.supervisor'], ['OTHER_AGENCY']],
  [['lwu.caseworker', 'lwu.supervisor'], ['REFERRAL_ACTIVE']],
  [['molsw.caseworker'], ['REFERRAL_PENDING', 'TRANSFER_PENDING', 'TRANSFER_RECEIVER']],
  [['molsw.supervisor'], ['REFERRAL_PENDING', 'TRANSFER_PENDING', 'TRANSFER_RECEIVER', 'FAMILY_TRACING_OFFICE']],
  [['ngo.caseworker'], ['REFERRAL_CLOSED']],
  [['ospp.prosecutor'], ['HANDOFF']],
]);

/** The records of a fixture, by the first path segment's key; a route whose record a fixture lacks is not asked. */
type RecordKey =
  | 'case'
  | 'screening'
  | 'person'
  | 'referral'
  | 'handoff'
  | 'attachment'
  | 'transfer'
  | 'familyTracingRequest';
interface Fixture {
  name: string;
  relations: Record<string, Relation[]>;
  /** A RESTRICTED case: only these users keep their relations; everyone else has none (docs/access.md). */
  restrictedTo?: readonly string[];
  ids: Partial<Record<RecordKey, string>>;
}

/**
 * The fixtures of the read matrix besides the original, built in the test (ids filled there). Every case is in
 * province 01. The referral of each is the one to the REFERRAL_ACTIVE agency, accepted; the handoff goes to OSPP
 * without a law-enforcement consent; the attachment is of category LEGAL_PROCEEDINGS.
 */
const MORE_FIXTURES: Omit<Fixture, 'ids'>[] = [
  {
    // ATD screened and led it; consents to MoLSW (summary, identity) and LWU (summary, identity); referral to MoLSW
    // accepted; handoff to OSPP; then a lead transfer to LWU (categories: identity), RETAIN, accepted by LWU
    name: 'TRANSFERRED',
    relations: relationTable([
      [ATD_IN_SCOPE, ['FORMER_LEAD', 'SCREENING_AGENCY', 'TRANSFER_SENDER']],
      [['atd.bokeo'], ['OTHER_PROVINCE']],
      [
        ['lwu.caseworker', 'lwu.supervisor'],
        ['LEAD_AGENCY', 'TRANSFER_RECEIVER'],
      ],
      [['molsw.caseworker', 'molsw.supervisor'], ['REFERRAL_ACTIVE']],
      [['ospp.prosecutor'], ['HANDOFF']],
    ]),
  },
  {
    // the same, but the victim's consent said the former lead keeps nothing (formerLeadAccess NONE)
    name: 'TRANSFERRED_NONE',
    relations: relationTable([
      [ATD_IN_SCOPE, ['FORMER_LEAD_NONE', 'SCREENING_AGENCY', 'TRANSFER_SENDER']],
      [['atd.bokeo'], ['OTHER_PROVINCE']],
      [
        ['lwu.caseworker', 'lwu.supervisor'],
        ['LEAD_AGENCY', 'TRANSFER_RECEIVER'],
      ],
      [['molsw.caseworker', 'molsw.supervisor'], ['REFERRAL_ACTIVE']],
      [['ospp.prosecutor'], ['HANDOFF']],
    ]),
  },
  {
    // LWU screened and leads it; consent to MoLSW (summary, identity), referral to MoLSW accepted; sent to ATD for
    // identification, decided IDENTIFIED by atd.investigator, who then handed it to OSPP
    name: 'IDENTIFICATION',
    relations: relationTable([
      [
        ['lwu.caseworker', 'lwu.supervisor'],
        ['LEAD_AGENCY', 'SCREENING_AGENCY'],
      ],
      [ATD_IN_SCOPE, ['IDENTIFICATION_REQUEST', 'HANDOFF_SENDER']],
      [['atd.bokeo'], ['OTHER_PROVINCE']],
      [['molsw.caseworker', 'molsw.supervisor'], ['REFERRAL_ACTIVE']],
      [['ospp.prosecutor'], ['HANDOFF']],
    ]),
  },
  {
    // ATD screened and leads it; consents to LWU (summary, identity) and MoLSW (summary); referral to LWU accepted;
    // handoff to OSPP; a transfer to MoLSW waiting; then atd.supervisor sets RESTRICTED naming nobody else
    name: 'RESTRICTED',
    restrictedTo: ['atd.supervisor'],
    relations: relationTable([
      [ATD_IN_SCOPE, ['LEAD_AGENCY', 'SCREENING_AGENCY', 'TRANSFER_SENDER']],
      [['atd.bokeo'], ['OTHER_PROVINCE']],
      [['lwu.caseworker', 'lwu.supervisor'], ['REFERRAL_ACTIVE']],
      [
        ['molsw.caseworker', 'molsw.supervisor'],
        ['TRANSFER_PENDING', 'TRANSFER_RECEIVER'],
      ],
      [['ospp.prosecutor'], ['HANDOFF']],
    ]),
  },
];

/** The relations that open the case view (docs/access.md "Relations that open a case"). */
const CASE_VIEW: Relation[] = [
  'LEAD_AGENCY',
  'REFERRAL_ACTIVE',
  'REFERRAL_PENDING',
  'REFERRAL_CLOSED',
  'HANDOFF',
  'TRANSFER_PENDING',
  'FORMER_LEAD',
  'IDENTIFICATION_REQUEST',
];

/**
 * What the case view shows through the relations whose categories are fixed (the others follow the consents: the
 * response keys per relation are referrals.int-spec.ts, transfers.int-spec.ts and others): the lead everything, the
 * former lead what it held (everything, retained at acceptance), the identifying agency what an interview needs.
 */
const CATEGORIES_OF: Partial<Record<Relation, readonly DataCategory[]>> = {
  LEAD_AGENCY: DATA_CATEGORIES,
  FORMER_LEAD: DATA_CATEGORIES,
  IDENTIFICATION_REQUEST: ['CASE_SUMMARY', 'IDENTITY', 'EXPLOITATION_ACCOUNT', 'PERPETRATORS'],
};

/**
 * Which relations may open each record route (given the route's permission). FORMER_LEAD is the case view only (its
 * attachments by the categories it retained, all of them), never notes, timeline, access log, consents, referrals or
 * handoffs (decision 0025 and its Follow-up); FORMER_LEAD_NONE retained nothing, so no case relation at all.
 */
const OPENS: Record<string, Relation[]> = {
  'GET /cases/:id': CASE_VIEW,
  'GET /cases/:id/notes': ['LEAD_AGENCY'],
  'GET /cases/:id/timeline': ['LEAD_AGENCY'],
  'GET /cases/:id/access-log': ['LEAD_AGENCY'],
  'GET /cases/:id/consents': ['LEAD_AGENCY'],
  'GET /cases/:id/attachments': CASE_VIEW,
  // the structured plan (decision 0031): every relation that opens the case, as far as its categories go
  'GET /cases/:id/plan': CASE_VIEW,
  // the fixtures' attachments are LEGAL_PROCEEDINGS: the relations that carry that category
  'GET /attachments/:id/content': ['LEAD_AGENCY', 'HANDOFF', 'FORMER_LEAD'],
  'GET /screenings/:id': ['SCREENING_AGENCY'],
  // the draft's match requests: the screening through the same predicate as GET /screenings/:id
  'GET /screenings/:id/match-requests': ['SCREENING_AGENCY'],
  // the relations that carry IDENTITY (the referrals' packets hold it), and the agency's own approved screening
  'GET /persons/:id': ['LEAD_AGENCY', 'REFERRAL_ACTIVE', 'FORMER_LEAD', 'IDENTIFICATION_REQUEST', 'SCREENING_AGENCY'],
  // a referral's sending side is the lead now (a former lead loses it), its receiving side the agency it was sent to
  'GET /referrals/:id': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  // the notes and the print of a referral: its sender and its receiver, through the same predicate
  'GET /referrals/:id/notes': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  'GET /referrals/:id/print': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  'GET /handoffs/:id': ['LEAD_AGENCY', 'HANDOFF', 'HANDOFF_SENDER'],
  // a transfer: its sending side (also after acceptance) and its receiving side
  'GET /transfers/:id': ['TRANSFER_SENDER', 'TRANSFER_RECEIVER'],
  // follow-up (decision 0032): the lead and agencies with an accepted referral (what each sees of the others' records is
  // follow-up.int-spec.ts); a pending, declined or other relation, none
  'GET /cases/:id/visits': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  'GET /cases/:id/assessments': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  'GET /cases/:id/assessments/trend': ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
  // family tracing (decision 0033): the case's requests and returns are the lead's; a request also the addressed office's
  'GET /cases/:id/family-tracing': ['LEAD_AGENCY'],
  'GET /family-tracing-requests/:id': ['LEAD_AGENCY', 'FAMILY_TRACING_OFFICE'],
};
/** Record routes outside this matrix, with the reason: administration, the caller's own exports and notifications. */
const NOT_CASE_RECORDS = [
  /^(GET|POST|PATCH) \/admin\//,
  /^(GET|POST) \/exports\//,
  /^(GET|POST) \/notifications/,
  // match requests relate an asking and an asked agency, not a case: attack-access.int-spec.ts
  // covers the asker, the asked agency and everyone else, id-fields.int-spec.ts their ids
  /^(GET|POST) \/match-requests/,
  // the caller's own saved case filters (ownSavedFilter): case-search.int-spec.ts
  /^DELETE \/case-filters\//,
];

/**
 * The routes that find cases (issue 15 item 4, decision 0030): the list and the search by number and by name. For every
 * fixture and every account, a case is found exactly when the account's agency leads it in scope (LEAD_AGENCY, and
 * named on a RESTRICTED case): never a case the account may not open, and the other relations find their cases through
 * their inboxes. Roles without the permission get 403.
 */
const FINDS: Relation[] = ['LEAD_AGENCY'];
const SEARCH_ROUTES = ['GET /cases', 'POST /cases/search'];
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
  // the fixture's request to province 13 is open: REQUEST_ALREADY_OPEN
  'POST /cases/:id/family-tracing-requests': {
    opens: ['LEAD_AGENCY'],
    body: (i) => ({ toAgencyId: i['MOLSW'], provinceCode: '13', categories: [], questions: 'matrix' }),
  },
  // OTHER without a note: the lead's editors get past the lookup to the 400
  'POST /cases/:id/returns': {
    opens: ['LEAD_AGENCY'],
    body: () => ({
      returnedOn: '2026-01-02',
      crossingPoint: 'OTHER',
      escort: 'MOLSW',
      receptionPlace: 'VIENTIANE_TRANSIT_CENTER',
      handoverProvinceCode: '13',
    }),
  },
  'POST /family-tracing-requests/:id/answer': {
    opens: ['LEAD_AGENCY', 'FAMILY_TRACING_OFFICE'],
    body: () => ({ version: STALE, answer: 'FAMILY_NOT_FOUND', assessment: 'matrix' }),
  },
  'POST /family-tracing-requests/:id/decline': {
    opens: ['LEAD_AGENCY', 'FAMILY_TRACING_OFFICE'],
    body: () => ({ version: STALE, reason: 'matrix' }),
  },
  'POST /family-tracing-requests/:id/withdraw': {
    opens: ['LEAD_AGENCY', 'FAMILY_TRACING_OFFICE'],
    body: () => ({ version: STALE, reason: 'matrix' }),
  },
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
  // the case plan (decision 0031): goals and review are the lead's; tasks also an agency with an active referral (LWU),
  // which gets past the lookup of its own task (the fixture's task is LWU's); a goal no one has is refused (400)
  'POST /cases/:id/plan/goals': {
    opens: ['LEAD_AGENCY'],
    body: () => ({ domain: 'LIVELIHOOD', description: 'matrix goal' }),
  },
  'PATCH /plan-goals/:id': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE, description: 'matrix' }) },
  'POST /cases/:id/plan/tasks': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: (i) => ({ goalId: i['noGoal'], agencyId: i['LWU'], title: 'matrix' }),
  },
  'PATCH /plan-tasks/:id': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: () => ({ version: STALE, action: 'START' }),
  },
  'POST /cases/:id/plan/submit': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE }) },
  'POST /cases/:id/plan/approve': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE }) },
  'POST /cases/:id/plan/return': { opens: ['LEAD_AGENCY'], body: () => ({ version: STALE, comment: 'matrix' }) },
  // follow-up (decision 0032): a district of Bokeo in Vientiane Capital, a score off the scale, a stale version: past the
  // lookup, the write rule (409) or the field (400), never stored. ATD's visit is seen by LWU (its packet carries
  // CONTACT_LOCATION), ATD's assessment is not (no HEALTH): for LWU the latter is the 404 of a missing one.
  'POST /cases/:id/visits': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: () => ({
      visitedOn: '2026-01-02',
      provinceCode: '01',
      districtCode: '0501',
      kind: 'HOME_VISIT',
      withWhom: ['VICTIM'],
      outcome: 'REACHED',
    }),
  },
  'PATCH /cases/:id/visits/:visitId': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: () => ({
      version: STALE,
      visitedOn: '2026-01-02',
      provinceCode: '01',
      kind: 'HOME_VISIT',
      withWhom: ['VICTIM'],
      outcome: 'REACHED',
    }),
  },
  'POST /cases/:id/assessments': {
    opens: ['LEAD_AGENCY', 'REFERRAL_ACTIVE'],
    body: () => ({ assessedOn: '2026-01-02', scores: { SAFETY: 9 } }),
  },
  'PATCH /cases/:id/assessments/:assessmentId': {
    opens: ['LEAD_AGENCY'],
    body: () => ({ version: STALE, assessedOn: '2026-01-02', scores: { SAFETY: 3 } }),
  },
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
    ids['familyTracingRequest'] = (
      await post('atd.supervisor', `/cases/${ids['case']}/family-tracing-requests`, {
        toAgencyId: agency('MOLSW'),
        provinceCode: '13',
        categories: [],
        questions: 'matrix: is the family there?',
      })
    ).id;
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
    // follow-up records of the lead: a visit (its place is CONTACT_LOCATION) and an assessment (HEALTH)
    const visit = await post('atd.caseworker', `/cases/${ids['case']}/visits`, {
      visitedOn: '2026-11-21',
      provinceCode: '01',
      kind: 'HOME_VISIT',
      withWhom: ['VICTIM'],
      outcome: 'REACHED',
    });
    ids['visit'] = visit.id;
    ids['assessment'] = (
      await post('atd.caseworker', `/cases/${ids['case']}/assessments`, {
        assessedOn: '2026-11-21',
        visitId: visit.id,
        scores: { SAFETY: 2 },
      })
    ).id;
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
    ids['MOLSW'] = agency('MOLSW');
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
    // the case plan: a goal of the lead, a task of LWU (its active referral) under it
    const goal = await post('atd.caseworker', `/cases/${ids['case']}/plan/goals`, {
      domain: 'SAFETY',
      description: 'matrix goal',
    });
    ids['planGoal'] = goal.goals[0].id;
    const planned = await post('atd.caseworker', `/cases/${ids['case']}/plan/tasks`, {
      goalId: ids['planGoal'],
      agencyId: agency('LWU'),
      title: 'matrix task',
    });
    ids['planTask'] = planned.goals[0].tasks[0].id;
    ids['noGoal'] = randomUUID();
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
      'plan-goals': 'planGoal',
      'plan-tasks': 'planTask',
      'family-tracing-requests': 'familyTracingRequest',
    }[segment];
    const id = key ? ids[key] : undefined;
    if (!id) throw new Error(`no fixture for ${path}`);
    return id;
  }

  /** The fixture record a read route addresses, by its first path segment. */
  function recordKeyOf(path: string): RecordKey {
    const segment = path.split('/')[1] ?? '';
    const key = (
      {
        cases: 'case',
        screenings: 'screening',
        persons: 'person',
        referrals: 'referral',
        handoffs: 'handoff',
        attachments: 'attachment',
        transfers: 'transfer',
        'family-tracing-requests': 'familyTracingRequest',
      } as const
    )[segment];
    if (!key) throw new Error(`no fixture record for ${path}`);
    return key;
  }

  /** A screening by `caseworker` approved by `supervisor` in province 01: its case and person. */
  async function screenedCase(caseworker: string, supervisor: string, latinName: string) {
    const draft = await post(caseworker, '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: 'ມະຕຣິກ',
        latinNames: [latinName],
        dateOfBirth: '1992-01-01',
        dobPrecision: 'YEAR',
        sex: 'FEMININE',
      },
      indicatorAnswers: [
        { code: 'DR01', answer: 'PRESENT' },
        { code: 'EX01', answer: 'PRESENT' },
      ],
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    const submitted = await post(caseworker, `/screenings/${draft.id}/submit`, { version: draft.version });
    const approved = await post(supervisor, `/screenings/${draft.id}/approve`, { version: submitted.version });
    const view = await s.http().get(`/api/v1/cases/${approved.caseId}`).set('Authorization', auth(caseworker));
    return { screening: draft.id as string, case: approved.caseId as string, person: view.body.personId as string };
  }

  /** Builds one fixture of MORE_FIXTURES through the API, as its comment says. */
  async function buildFixture(name: string): Promise<Fixture['ids']> {
    const agency = (code: string) => agencies.get(code) ?? '';
    const userId = async (username: string) =>
      (await s.admin.query(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0].id as string;
    const consent = (by: string, caseId: string, code: string, categories: DataCategory[]) =>
      post(by, `/cases/${caseId}/consents`, {
        type: 'REFERRAL_SHARING',
        agencyIds: [agency(code)],
        purposes: ['REFERRAL_SHARING'],
        categories,
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        grantedAt: new Date(Date.now() - 60_000).toISOString(),
      });
    const acceptedReferral = async (by: string, caseId: string, code: string, receiver: string) => {
      const sent = await post(by, `/cases/${caseId}/referrals`, {
        toAgencyId: agency(code),
        serviceTypes: [code === 'LWU' ? 'SHELTER' : 'REINTEGRATION'],
        urgency: 'HIGH',
        reason: 'matrix',
        categories: ['IDENTITY'],
      });
      await post(receiver, `/referrals/${sent.id}/accept`, { version: sent.version });
      return sent.id as string;
    };
    const handoff = async (caseId: string) =>
      (
        await post('atd.investigator', `/cases/${caseId}/handoffs`, {
          toAgencyId: agency('OSPP'),
          statementSummary: 'matrix statement',
          evidence: [{ description: 'ticket' }],
          suspects: [{ roleInProcess: 'RECRUITER', relationToVictim: 'STRANGER' }],
          proposedCharges: [{ article: 'PENAL_CODE_215' }],
          willingToTestify: 'UNDECIDED',
          protectionMeasures: [],
        })
      ).id as string;
    const assign = async (caseId: string, supervisor: string, username: string) => {
      const c = await s.http().get(`/api/v1/cases/${caseId}`).set('Authorization', auth(supervisor));
      return post(supervisor, `/cases/${caseId}/assign`, { version: c.body.version, userId: await userId(username) });
    };
    const attachment = async (by: string, caseId: string) => {
      const upload = await s
        .http()
        .post(`/api/v1/cases/${caseId}/attachments`)
        .set('Authorization', auth(by))
        .field('kind', 'EVIDENCE')
        .field('category', 'LEGAL_PROCEEDINGS')
        .attach('file', MINIMAL_PDF, { filename: 'evidence.pdf', contentType: 'application/pdf' });
      if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${upload.text}`);
      return upload.body.id as string;
    };

    if (name === 'TRANSFERRED' || name === 'TRANSFERRED_NONE') {
      const screened = await screenedCase('atd.caseworker', 'atd.supervisor', `Matrix ${name}`);
      await consent('atd.caseworker', screened.case, 'MOLSW', ['CASE_SUMMARY', 'IDENTITY']);
      await consent('atd.caseworker', screened.case, 'LWU', ['CASE_SUMMARY', 'IDENTITY']);
      const referral = await acceptedReferral('atd.caseworker', screened.case, 'MOLSW', 'molsw.caseworker');
      await assign(screened.case, 'atd.supervisor', 'atd.investigator');
      const handoffId = await handoff(screened.case);
      const attachmentId = await attachment('atd.supervisor', screened.case);
      const asked = await post('atd.supervisor', `/cases/${screened.case}/transfers`, {
        toAgencyId: agency('LWU'),
        urgency: 'ROUTINE',
        reason: 'matrix',
        categories: ['IDENTITY'],
        formerLeadAccess: name === 'TRANSFERRED' ? 'RETAIN' : 'NONE',
      });
      await post('lwu.supervisor', `/transfers/${asked.id}/accept`, { version: asked.version });
      return { ...screened, referral, handoff: handoffId, attachment: attachmentId, transfer: asked.id };
    }
    if (name === 'IDENTIFICATION') {
      const screened = await screenedCase('lwu.caseworker', 'lwu.supervisor', 'Matrix Identification');
      await consent('lwu.caseworker', screened.case, 'MOLSW', ['CASE_SUMMARY', 'IDENTITY']);
      const referral = await acceptedReferral('lwu.caseworker', screened.case, 'MOLSW', 'molsw.caseworker');
      const attachmentId = await attachment('lwu.caseworker', screened.case);
      const request = await post('lwu.caseworker', `/cases/${screened.case}/identification-requests`, {
        toAgencyId: agency('MOPS_ATD'),
      });
      await post('atd.investigator', `/identification-requests/${request.id}/decide`, {
        version: request.version,
        decision: 'IDENTIFIED',
        decidedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        reasons: 'matrix',
      });
      return { ...screened, referral, handoff: await handoff(screened.case), attachment: attachmentId };
    }
    if (name === 'RESTRICTED') {
      const screened = await screenedCase('atd.caseworker', 'atd.supervisor', 'Matrix Restricted');
      await consent('atd.caseworker', screened.case, 'LWU', ['CASE_SUMMARY', 'IDENTITY']);
      await consent('atd.caseworker', screened.case, 'MOLSW', ['CASE_SUMMARY']);
      const referral = await acceptedReferral('atd.caseworker', screened.case, 'LWU', 'lwu.caseworker');
      await assign(screened.case, 'atd.supervisor', 'atd.investigator');
      const handoffId = await handoff(screened.case);
      const attachmentId = await attachment('atd.supervisor', screened.case);
      const transfer = await post('atd.supervisor', `/cases/${screened.case}/transfers`, {
        toAgencyId: agency('MOLSW'),
        urgency: 'ROUTINE',
        reason: 'matrix',
        categories: [],
      });
      const before = await s.http().get(`/api/v1/cases/${screened.case}`).set('Authorization', auth('atd.supervisor'));
      await post('atd.supervisor', `/cases/${screened.case}/flags`, {
        version: before.body.version,
        flag: 'RESTRICTED',
        set: true,
        reason: 'matrix: nobody else',
      });
      return { ...screened, referral, handoff: handoffId, attachment: attachmentId, transfer: transfer.id };
    }
    throw new Error(`no fixture ${name}`);
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

  /**
   * Every read route of OPENS × every demo account on one fixture, `concurrency` cells at a time: the expected answer
   * from the catalogue and the account's relations (none for an account not named on a RESTRICTED case).
   */
  async function readMatrix(fixture: Fixture, concurrency: number): Promise<{ cells: number; failures: string[] }> {
    const routes = listRoutes(s.app).filter((r) => r.method === 'GET' && r.path.includes(':'));
    const failures: string[] = [];
    const cells: (() => Promise<void>)[] = [];
    for (const [key, opening] of Object.entries(OPENS)) {
      const route = routes.find((r) => keyOf(r) === key);
      const permission = route?.permission;
      if (!isPermission(permission)) {
        failures.push(`${key}: not registered or without a permission`);
        continue;
      }
      const path = key.slice(4);
      const id = fixture.ids[recordKeyOf(path)];
      if (!id) continue;
      for (const user of SEED_DEMO_USERS) {
        const held = fixture.relations[user.username];
        if (!held) {
          failures.push(`${fixture.name} × ${user.username}: no relation in the matrix`);
          continue;
        }
        const named = !fixture.restrictedTo || fixture.restrictedTo.includes(user.username);
        const relations = named ? held : [];
        const label = `${fixture.name} × ${user.username} (${held.join(', ')}${named ? '' : ', not named'})`;
        const opens = hasPermission(seedUserSubject(user), permission) && relations.some((r) => opening.includes(r));
        const rid = `matrix-cell-${fixture.name}-${cells.length}`;
        const get = (recordId: string) =>
          s
            .http()
            .get(`/api/v1${path.replace(/:id/, recordId)}`)
            .set('Authorization', auth(user.username))
            .set('X-Request-Id', rid);
        cells.push(async () => {
          const real = await get(id);
          if (opens && real.status !== 200) failures.push(`${key} × ${label}: expected 200, got ${real.status}`);
          // the case view names the account's one relation to the case and shows that relation's categories
          const caseRelations = relations.filter((r) => CASE_VIEW.includes(r));
          const only = caseRelations.length === 1 ? caseRelations[0] : undefined;
          if (opens && real.status === 200 && key === 'GET /cases/:id' && only) {
            const categories = CATEGORIES_OF[only];
            const shown = { relation: real.body.relation, categories: [...real.body.visibleCategories].sort() };
            const expected = { relation: only, categories: categories ? [...categories].sort() : shown.categories };
            if (JSON.stringify(shown) !== JSON.stringify(expected))
              failures.push(`${key} × ${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(shown)}`);
          }
          if (!opens) {
            const missing = await get(randomUUID());
            if (real.status !== 404 || withoutRequestId(real.text) !== withoutRequestId(missing.text))
              failures.push(
                `${key} × ${label}: expected the standard 404, got ${real.status}${real.status === 404 ? ' with another body' : ''}`,
              );
          }
        });
      }
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let cell = cells[next++]; cell; cell = cells[next++]) await cell();
      }),
    );
    return { cells: cells.length, failures: failures.sort() };
  }

  /**
   * The search cells of one fixture: every account lists, searches by the case number and by the person's name (Latin,
   * in the body); the fixture's case is in the answer exactly when the account's relations include FINDS.
   */
  async function searchMatrix(fixture: Fixture, name: string): Promise<{ cells: number; failures: string[] }> {
    const caseId = fixture.ids.case ?? '';
    const number = (await s.admin.query(`SELECT case_number FROM case_record WHERE id = $1`, [caseId])).rows[0]
      .case_number as string;
    const route = listRoutes(s.app).find((r) => keyOf(r) === 'POST /cases/search');
    const permission = route?.permission;
    if (!isPermission(permission)) return { cells: 0, failures: ['POST /cases/search: not registered'] };
    const failures: string[] = [];
    let cells = 0;
    for (const user of SEED_DEMO_USERS) {
      const held = fixture.relations[user.username] ?? [];
      const named = !fixture.restrictedTo || fixture.restrictedTo.includes(user.username);
      const allowed = hasPermission(seedUserSubject(user), permission);
      const finds = allowed && named && held.some((r) => FINDS.includes(r));
      const label = `${fixture.name} × ${user.username} (${held.join(', ')}${named ? '' : ', not named'})`;
      const asks: [string, () => Promise<{ status: number; body: { items?: { id: string }[] } }>][] = [
        ['GET /cases', () => s.http().get('/api/v1/cases?limit=100').set('Authorization', auth(user.username))],
        [
          'POST /cases/search number',
          () => s.http().post('/api/v1/cases/search').set('Authorization', auth(user.username)).send({ number }),
        ],
        [
          'POST /cases/search name',
          () => s.http().post('/api/v1/cases/search').set('Authorization', auth(user.username)).send({ name }),
        ],
      ];
      for (const [what, ask] of asks) {
        cells++;
        const res = await ask();
        if (!allowed) {
          if (res.status !== 403) failures.push(`${what} × ${label}: expected 403, got ${res.status}`);
          continue;
        }
        if (res.status !== 200) {
          failures.push(`${what} × ${label}: expected 200, got ${res.status}`);
          continue;
        }
        const has = (res.body.items ?? []).some((i) => i.id === caseId);
        if (has !== finds) failures.push(`${what} × ${label}: expected ${finds ? 'found' : 'not found'}`);
      }
    }
    return { cells, failures };
  }

  it('the search routes are registered with a permission', () => {
    const keys = listRoutes(s.app)
      .filter((r) => isPermission(r.permission))
      .map(keyOf);
    expect(SEARCH_ROUTES.filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('each cell answers as the catalogue and the relations say, and a denial is the 404 of a missing id', async () => {
    const original: Fixture = {
      name: 'ORIGINAL',
      relations: RELATION_OF,
      ids: {
        case: ids['case'],
        screening: ids['screening'],
        person: ids['person'],
        referral: ids['referral'],
        handoff: ids['handoff'],
        attachment: ids['attachment'],
        transfer: ids['transfer'],
        familyTracingRequest: ids['familyTracingRequest'],
      },
    };
    const { cells, failures } = await readMatrix(original, 4);
    expect(cells).toBe(Object.keys(OPENS).length * SEED_DEMO_USERS.length);
    const search = await searchMatrix(original, 'Matrix Test');
    expect(search.cells).toBe(3 * SEED_DEMO_USERS.length);
    expect([...failures, ...search.failures]).toEqual([]);
  }, 240_000);

  it('after a lead transfer (RETAIN and NONE), an identification request and a restriction, each cell answers as the relations say', async () => {
    const fixtures: Fixture[] = [];
    for (const spec of MORE_FIXTURES) fixtures.push({ ...spec, ids: await buildFixture(spec.name) });
    let cells = 0;
    const failures: string[] = [];
    const NAME_OF: Record<string, string> = {
      TRANSFERRED: 'Matrix TRANSFERRED',
      TRANSFERRED_NONE: 'Matrix TRANSFERRED_NONE',
      IDENTIFICATION: 'Matrix Identification',
      RESTRICTED: 'Matrix Restricted',
    };
    let searchCells = 0;
    for (const fixture of fixtures) {
      const result = await readMatrix(fixture, 6);
      cells += result.cells;
      failures.push(...result.failures);
      const search = await searchMatrix(fixture, NAME_OF[fixture.name] ?? '');
      searchCells += search.cells;
      failures.push(...search.failures);
    }
    expect(searchCells).toBe(fixtures.length * 3 * SEED_DEMO_USERS.length);
    const routesWithRecords = fixtures
      .map((f) => Object.keys(OPENS).filter((k) => f.ids[recordKeyOf(k.slice(4))]).length)
      .reduce((x, y) => x + y, 0);
    expect(cells).toBe(routesWithRecords * SEED_DEMO_USERS.length);
    expect(failures).toEqual([]);
  }, 240_000);
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

  /**
   * The caseload routes and "my day" (issue 15 items 5 and 6, decision 0034): the catalogue decides who gets them (403
   * for everyone else); a bulk reassignment of the original fixture's case gets past the case lookup (to the refused
   * assignee, 400) exactly for its lead agency's supervisors in scope, and is the 404 of a missing case for everyone
   * else who holds the permission; every item of anyone's day and every case of the drill-down opens for that account.
   */
  it('caseload, bulk reassignment and my day: the catalogue and the relations decide, and nothing listed is closed to the caller', async () => {
    const routes = listRoutes(s.app);
    const permissionOf = (key: string) => routes.find((r) => keyOf(r) === key)?.permission;
    const keys = ['GET /caseload', 'GET /caseload/cases', 'POST /caseload/reassign', 'GET /me/work'];
    expect(keys.filter((k) => !isPermission(permissionOf(k)))).toEqual([]);
    const failures: string[] = [];
    const send = (user: string, caseId: string) =>
      s
        .http()
        .post('/api/v1/caseload/reassign')
        .set('Authorization', auth(user))
        .set('X-Request-Id', 'caseload-cell')
        .send({ caseIds: [caseId], assigneeId: randomUUID(), reason: 'matrix' });
    const opens = async (user: string, caseId: string) =>
      (await s.http().get(`/api/v1/cases/${caseId}`).set('Authorization', auth(user))).status === 200;
    for (const user of SEED_DEMO_USERS) {
      const subject = seedUserSubject(user);
      const u = user.username;
      const may = (key: string) => {
        const p = permissionOf(key);
        return isPermission(p) && hasPermission(subject, p);
      };
      const load = await s.http().get('/api/v1/caseload').set('Authorization', auth(u));
      if (load.status !== (may('GET /caseload') ? 200 : 403)) failures.push(`GET /caseload × ${u}: ${load.status}`);
      const drill = await s
        .http()
        .get('/api/v1/caseload/cases?unassigned=true&limit=100')
        .set('Authorization', auth(u));
      if (drill.status !== (may('GET /caseload/cases') ? 200 : 403))
        failures.push(`GET /caseload/cases × ${u}: ${drill.status}`);
      for (const c of (drill.body.items ?? []) as { id: string }[])
        if (!(await opens(u, c.id))) failures.push(`GET /caseload/cases × ${u}: lists a case it may not open`);
      const real = await send(u, ids['case']);
      const lead = (RELATION_OF[u] ?? []).includes('LEAD_AGENCY');
      if (!may('POST /caseload/reassign')) {
        if (real.status !== 403) failures.push(`POST /caseload/reassign × ${u}: expected 403, got ${real.status}`);
      } else if (lead) {
        if (real.status !== 400) failures.push(`POST /caseload/reassign × ${u}: expected 400, got ${real.status}`);
      } else {
        const missing = await send(u, randomUUID());
        if (real.status !== 404 || withoutRequestId(real.text) !== withoutRequestId(missing.text))
          failures.push(`POST /caseload/reassign × ${u}: expected the standard 404, got ${real.status}`);
      }
      const day = await s.http().get('/api/v1/me/work').set('Authorization', auth(u));
      if (day.status !== (may('GET /me/work') ? 200 : 403)) failures.push(`GET /me/work × ${u}: ${day.status}`);
      for (const i of (day.body.items ?? []) as { caseId: string | null; kind: string }[])
        if (i.caseId && !(await opens(u, i.caseId)))
          failures.push(`GET /me/work × ${u}: ${i.kind} of a case it may not open`);
    }
    expect(failures).toEqual([]);
    expect(await s.admin.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'case.assigned'`)).toMatchObject({
      rows: [{ n: 0 }],
    });
  }, 240_000);

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
          [method === 'POST' ? 'post' : 'patch'](
            `/api/v1${path
              .replace(/:id\b/, id)
              .replace(/:visitId/, ids['visit'] ?? '')
              .replace(/:assessmentId/, ids['assessment'] ?? '')}`,
          )
          .set('Authorization', auth(user))
          .set('X-Request-Id', rid)
          .send(spec.body(ids));
      for (const user of SEED_DEMO_USERS) {
        const relation = (RELATION_OF[user.username] ?? ['ADMIN']).join(', ');
        const related = spec.users
          ? spec.users.includes(user.username)
          : (RELATION_OF[user.username] ?? []).some((r) => spec.opens.includes(r));
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
  }, 240_000);
});
