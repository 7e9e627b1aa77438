import { INTERVIEW_CONSENT_QUESTIONS } from '@ctms/domain';
import type { TestStack } from './harness';

/**
 * A small world built through the API, for suites that need real records to aim at (the fuzz
 * suite, the enum-column and edge suites): a case opened from an approved screening, a draft
 * screening, consents, an accepted referral to LWU, a second case (assigned to the investigator)
 * with a handoff to OSPP, a second person, and an
 * account and an agency an administrator may change.
 */
export interface World {
  tokens: Map<string, string>;
  agencies: Map<string, string>;
  caseId: string;
  personId: string;
  /** the second case, assigned to atd.investigator, whose handoff is handoffId */
  otherCaseId: string;
  otherPersonId: string;
  screeningId: string;
  consentId: string;
  referralId: string;
  handoffId: string;
  targetUserId: string;
  targetAgencyId: string;
  token(user: string): string;
  agency(code: string): string;
  get(user: string, path: string): ReturnType<ReturnType<TestStack['http']>['get']>;
  post(user: string, path: string, body: object): ReturnType<ReturnType<TestStack['http']>['post']>;
  patch(user: string, path: string, body: object): ReturnType<ReturnType<TestStack['http']>['patch']>;
}

export const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
export const MEETS_INDICATORS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({
  code,
  answer: 'PRESENT',
}));

export const daysAgo = (d: number): string => new Date(Date.now() - d * 86_400_000).toISOString();
/** A calendar date d days ago (UTC date; tests keep a margin of a day or more from today). */
export const dateDaysAgo = (d: number): string => daysAgo(d).slice(0, 10);

export const WORLD_USERS = [
  'atd.caseworker',
  'atd.supervisor',
  'atd.investigator',
  'lwu.caseworker',
  'lwu.supervisor',
  'ospp.prosecutor',
  'ngo.caseworker',
  'lwu.admin',
  'sysadmin',
  'analyst',
] as const;

export function screeningBody(givenNameLo: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metadata: {
      provinceCode: '01',
      facilityType: 'BORDER_CHECKPOINT',
      interviewAt: daysAgo(3),
    },
    interviewConsent: {
      ...ALL_YES,
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
    },
    bioData: {
      givenNameLo,
      latinNames: ['Fuzz'],
      dateOfBirth: '1998-05-04',
      dobPrecision: 'DAY',
      sex: 'FEMININE',
      citizenship: ['LA'],
    },
    indicatorAnswers: MEETS_INDICATORS,
    interviewerAssessment: 'POSSIBLE_VICTIM',
    ...over,
  };
}

export async function buildWorld(s: TestStack): Promise<World> {
  const tokens = new Map<string, string>();
  for (const u of WORLD_USERS) tokens.set(u, (await s.login(u)).accessToken);
  const agencies = new Map<string, string>();
  for (const r of (await s.admin.query<{ id: string; code: string }>(`SELECT id, code FROM agency`)).rows)
    agencies.set(r.code, r.id);
  const token = (u: string) => {
    const t = tokens.get(u);
    if (!t) throw new Error(`no token for ${u}`);
    return t;
  };
  const agency = (code: string) => {
    const id = agencies.get(code);
    if (!id) throw new Error(`no agency ${code}`);
    return id;
  };
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
  const patch = (u: string, path: string, body: object) =>
    s
      .http()
      .patch(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`)
      .send(body);
  const must = (res: { status: number; body: unknown }, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown> & {
      id: string;
      version: number;
    };
  };

  async function openCase(name: string): Promise<{ caseId: string; personId: string }> {
    const created = must(await post('atd.caseworker', '/screenings', screeningBody(name)), 201, 'screening');
    const submitted = must(
      await post('atd.caseworker', `/screenings/${created.id}/submit`, {
        version: created.version,
      }),
      200,
      'submit',
    );
    const approved = must(
      await post('atd.supervisor', `/screenings/${created.id}/approve`, {
        version: submitted.version,
      }),
      200,
      'approve',
    );
    const caseId = approved['caseId'] as string;
    const personId = (
      await s.admin.query<{ person_id: string }>(`SELECT person_id FROM case_record WHERE id = $1`, [caseId])
    ).rows[0]?.person_id;
    if (!personId) throw new Error('no person');
    return { caseId, personId };
  }

  const { caseId, personId } = await openCase('ນາງທົດສອບ');
  const other = await openCase('ນາງທົດສອບສອງ');
  const draft = must(await post('atd.caseworker', '/screenings', screeningBody('ນາງຮ່າງ')), 201, 'draft screening');
  const consent = must(
    await post('atd.caseworker', `/cases/${caseId}/consents`, {
      type: 'REFERRAL_SHARING',
      agencyIds: [agency('LWU')],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      grantedAt: daysAgo(2),
    }),
    201,
    'consent',
  );
  must(
    await post('atd.caseworker', `/cases/${caseId}/consents`, {
      type: 'LAW_ENFORCEMENT_SHARING',
      agencyIds: [agency('OSPP')],
      categories: ['CASE_SUMMARY', 'IDENTITY'],
      givenBy: 'SELF',
      form: 'THUMBPRINT',
      grantedAt: daysAgo(2),
    }),
    201,
    'law-enforcement consent',
  );
  const referral = must(
    await post('atd.caseworker', `/cases/${caseId}/referrals`, {
      toAgencyId: agency('LWU'),
      serviceTypes: ['SHELTER'],
      urgency: 'ROUTINE',
      reason: 'a safe place',
      categories: ['IDENTITY'],
    }),
    201,
    'referral',
  );
  must(
    await post('lwu.caseworker', `/referrals/${referral.id}/accept`, {
      version: referral.version,
    }),
    200,
    'accept referral',
  );
  // the editor rule: the investigator who hands a case off is the one assigned to it (the other case,
  // so that the first stays with its caseworker)
  const otherCase = must(await get('atd.supervisor', `/cases/${other.caseId}`), 200, 'other case');
  const investigator = (
    await s.admin.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'atd.investigator'`)
  ).rows[0]?.id;
  must(
    await post('atd.supervisor', `/cases/${other.caseId}/assign`, { version: otherCase.version, userId: investigator }),
    200,
    'assign to the investigator',
  );
  const handoff = must(
    await post('atd.investigator', `/cases/${other.caseId}/handoffs`, {
      toAgencyId: agency('OSPP'),
      statementSummary: 'statement',
      evidence: [{ description: 'a bus ticket' }],
      suspects: [
        {
          alias: 'the driver',
          roleInProcess: 'TRANSPORTER',
          relationToVictim: 'STRANGER',
        },
      ],
      proposedCharges: [{ article: 'PENAL_CODE_215' }],
      willingToTestify: 'YES',
      protectionMeasures: [],
    }),
    201,
    'handoff',
  );
  const user = must(
    await post('sysadmin', '/admin/users', {
      username: 'fuzz.target',
      displayName: 'Fuzz Target',
      // accounts are activated by their user through a link to their own address (decision 0010)
      email: 'fuzz.target@demo.invalid',
      roles: ['CASEWORKER'],
      provinces: ['01'],
      agencyId: agency('LWU'),
    }),
    201,
    'target user',
  );
  const newAgency = must(
    await post('sysadmin', '/admin/agencies', {
      code: 'FUZZ_TARGET',
      nameLo: 'ທົດສອບ',
      nameEn: 'Fuzz target',
      type: 'NGO',
      capabilities: [],
      serviceTypes: [],
      provinces: ['01'],
    }),
    201,
    'target agency',
  );
  return {
    tokens,
    agencies,
    caseId,
    personId,
    otherPersonId: other.personId,
    otherCaseId: other.caseId,
    screeningId: draft.id,
    consentId: consent.id,
    referralId: referral.id,
    handoffId: handoff.id,
    // the answer is the user itself: no password travels with it
    targetUserId: user.id,
    targetAgencyId: newAgency.id,
    token,
    agency,
    get,
    post,
    patch,
  };
}
