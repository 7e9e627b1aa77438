import { randomUUID } from 'node:crypto';
import { INTERVIEW_CONSENT_QUESTIONS } from '@ctms/domain';
import { ID_OF_PREFIX } from '../src/platform/access/id-of';
import { startStack, TestStack } from './harness';

/**
 * Every id a request body or query carries is resolved through the access layer before it is used
 * (issue 11, Deliver 2; docs/quality.md "Every id goes through the access layer"). The walk reads the OpenAPI document: every uuid field of
 * every request DTO (nested and in arrays) and every uuid query parameter, with its kind from
 * `@IdOf`. Each must have a case below, sent twice: once with an id of a record of that kind the
 * caller may not use (another agency's, another case's, an inactive agency), once with an id of
 * nothing; the two answers must be the same refusal, byte for byte but the request id. Path ids
 * are the authorization matrix's (every record route × every relation).
 */
type Method = 'post' | 'patch' | 'get';
interface IdField {
  route: string;
  field: string;
  kind: string;
}
interface Case {
  user: string;
  method: Method;
  path: () => string;
  /** the request with `id` in the field under test */
  body?: (id: string) => object;
  query?: (id: string) => Record<string, string>;
  /** an id of a record of the field's kind that the caller may not use */
  foreign: () => string;
  /** the status both answers must have */
  status: number;
}

const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const INDICATORS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({
  code,
  answer: 'PRESENT',
}));
const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
}
interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema?: Schema; description?: string }[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

/** Every uuid field of a request body schema, by dotted path (array items as `.0`). */
function uuidFields(
  doc: OpenApi,
  schema: Schema,
  prefix: string,
  seen: Set<string>,
): { field: string; schema: Schema }[] {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    if (seen.has(name)) return [];
    return uuidFields(doc, doc.components.schemas[name] ?? {}, prefix, new Set([...seen, name]));
  }
  const out: { field: string; schema: Schema }[] = [];
  for (const part of schema.allOf ?? []) out.push(...uuidFields(doc, part, prefix, seen));
  if (schema.format === 'uuid' || schema.items?.format === 'uuid') return [{ field: prefix, schema }];
  if (schema.type === 'array' && schema.items) return uuidFields(doc, schema.items, `${prefix}.0`, seen);
  for (const [k, v] of Object.entries(schema.properties ?? {}))
    out.push(...uuidFields(doc, v, prefix ? `${prefix}.${k}` : k, seen));
  return out;
}

function kindOf(description: string | undefined): string | null {
  return description?.startsWith(ID_OF_PREFIX) ? description.slice(ID_OF_PREFIX.length).split(':')[0].trim() : null;
}

describe('every id in a request is resolved: a foreign id answers as a missing one', () => {
  let s: TestStack;
  let doc: OpenApi;
  const tokens = new Map<string, string>();
  const ids: Record<string, string> = {};
  const auth = (u: string) => `Bearer ${tokens.get(u) ?? ''}`;
  const call = async (u: string, method: Method, path: string, body?: object) => {
    const r = await s.http()[method](`/api/v1${path}`).set('Authorization', auth(u)).send(body);
    return r;
  };
  const ok = async (u: string, method: Method, path: string, body?: object) => {
    const r = await call(u, method, path, body);
    if (r.status >= 300) throw new Error(`${u} ${method} ${path}: ${r.status} ${r.text}`);
    return r.body as Record<string, unknown> & { id: string; version: number };
  };
  const userId = async (username: string) =>
    String((await s.admin.query(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0].id);
  const agency = async (code: string) =>
    String((await s.admin.query(`SELECT id FROM agency WHERE code = $1`, [code])).rows[0].id);

  async function screenAndApprove(
    interviewer: string,
    supervisor: string,
    given: string,
  ): Promise<{ personId: string; caseId: string }> {
    const created = await ok(interviewer, 'post', '/screenings', {
      metadata: { provinceCode: '01', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF' },
      bioData: {
        givenNameLo: given,
        familyNameLo: 'ສີສະຫວັດ',
        dobPrecision: 'YEAR',
        dateOfBirth: '1995-01-01',
        sex: 'FEMININE',
      },
      recruitment: { narrative: 'broker' },
      indicatorAnswers: INDICATORS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    const submitted = await ok(interviewer, 'post', `/screenings/${created.id}/submit`, { version: created.version });
    const approved = await ok(supervisor, 'post', `/screenings/${created.id}/approve`, { version: submitted.version });
    return { personId: String(approved['personId']), caseId: String(approved['caseId']) };
  }

  const caseVersion = async (u: string, caseId: string) => Number((await ok(u, 'get', `/cases/${caseId}`))['version']);
  const consentFor = (agencyId: string, categories: string[], purpose = 'REFERRAL_SHARING') => ({
    type: purpose,
    agencyIds: [agencyId],
    purposes: [purpose],
    categories,
    givenBy: 'SELF',
    form: 'WRITTEN_SIGNATURE',
    grantedAt: new Date(Date.now() - 60_000).toISOString(),
  });
  const handoffBody = (over: object) => ({
    toAgencyId: ids['OSPP'],
    statementSummary: 'walk',
    evidence: [],
    suspects: [],
    proposedCharges: [],
    willingToTestify: 'UNDECIDED',
    protectionMeasures: [],
    ...over,
  });

  beforeAll(async () => {
    s = await startStack();
    for (const u of [
      'atd.caseworker',
      'atd.supervisor',
      'atd.investigator',
      'doi.caseworker',
      'lwu.caseworker',
      'lwu.supervisor',
      'ospp.prosecutor',
      'sysadmin',
      'lwu.admin',
    ]) {
      tokens.set(u, (await s.login(u)).accessToken);
    }
    doc = (await s.http().get('/api/docs-json').set('Authorization', auth('atd.caseworker'))).body as OpenApi;
    for (const code of ['MOPS_ATD', 'LWU', 'OSPP', 'MOLSW']) ids[code] = await agency(code);
    // an agency that exists but may not be used: inactive
    ids['inactiveAgency'] = randomUUID();
    await s.admin.query(
      `INSERT INTO agency (id, code, name_lo, name_en, type, capabilities, service_types, provinces, active)
       SELECT $1, 'NGO_CLOSED', 'ປິດແລ້ວ', 'Closed NGO', type, capabilities, service_types, provinces, false FROM agency WHERE code = 'LWU'`,
      [ids['inactiveAgency']],
    );
    for (const u of ['lwu.caseworker', 'atd.investigator', 'atd.caseworker']) ids[u] = await userId(u);

    const atd = await screenAndApprove('atd.caseworker', 'atd.supervisor', 'ຄຳຫຼ້າ');
    ids['atdPerson'] = atd.personId;
    ids['atdCase'] = atd.caseId;
    const lwu = await screenAndApprove('lwu.caseworker', 'lwu.supervisor', 'ບົວພັນ');
    ids['lwuPerson'] = lwu.personId;
    ids['lwuCase'] = lwu.caseId;
    const atd2 = await screenAndApprove('atd.caseworker', 'atd.supervisor', 'ສົມສີ');
    ids['atdPerson2'] = atd2.personId;

    // an attachment on the LWU case (foreign evidence for ATD), a referral of the ATD case to LWU (pending)
    const upload = await s
      .http()
      .post(`/api/v1/cases/${ids['lwuCase']}/attachments`)
      .set('Authorization', auth('lwu.caseworker'))
      .field('kind', 'EVIDENCE')
      .field('category', 'LEGAL_PROCEEDINGS')
      .attach('file', MINIMAL_PDF, { filename: 'e.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    ids['lwuAttachment'] = upload.body.id;
    // a visit on the LWU case (foreign for ATD) and an assessment on the ATD case (decision 0032)
    ids['lwuVisit'] = (
      await ok('lwu.caseworker', 'post', `/cases/${ids['lwuCase']}/visits`, {
        visitedOn: '2026-11-21',
        provinceCode: '01',
        kind: 'HOME_VISIT',
        withWhom: ['VICTIM'],
        outcome: 'REACHED',
      })
    ).id;
    ids['atdAssessment'] = (
      await ok('atd.caseworker', 'post', `/cases/${ids['atdCase']}/assessments`, {
        assessedOn: '2026-11-21',
        scores: { SAFETY: 2 },
      })
    ).id;
    await ok('atd.caseworker', 'post', `/cases/${ids['atdCase']}/consents`, consentFor(ids['LWU'], ['CASE_SUMMARY']));
    const referral = await ok('atd.caseworker', 'post', `/cases/${ids['atdCase']}/referrals`, {
      toAgencyId: ids['LWU'],
      serviceTypes: ['SHELTER'],
      urgency: 'HIGH',
      reason: 'walk',
      categories: [],
    });
    ids['atdReferral'] = referral.id;
    ids['atdReferralVersion'] = String(referral.version);
    const transfer = await ok('atd.supervisor', 'post', `/cases/${ids['atdCase']}/transfers`, {
      toAgencyId: ids['LWU'],
      urgency: 'HIGH',
      reason: 'walk',
      categories: [],
    });
    ids['atdTransfer'] = transfer.id;
    ids['atdTransferVersion'] = String(transfer.version);
    // a second referral, accepted: its receiving supervisor reassigns it
    const second = await ok('atd.caseworker', 'post', `/cases/${ids['atdCase']}/referrals`, {
      toAgencyId: ids['LWU'],
      serviceTypes: ['SHELTER'],
      urgency: 'HIGH',
      reason: 'walk',
      categories: [],
    });
    const accepted = await ok('lwu.caseworker', 'post', `/referrals/${second.id}/accept`, { version: second.version });
    ids['acceptedReferral'] = second.id;
    ids['acceptedReferralVersion'] = String(accepted.version);

    // a handoff of a second ATD case, returned by OSPP (to resubmit); the case assigned to the investigator
    await ok('atd.supervisor', 'post', `/cases/${atd2.caseId}/assign`, {
      version: await caseVersion('atd.supervisor', atd2.caseId),
      userId: ids['atd.investigator'],
    });
    ids['atdCase2'] = atd2.caseId;
    const h = await ok('atd.investigator', 'post', `/cases/${atd2.caseId}/handoffs`, handoffBody({}));
    const received = await ok('ospp.prosecutor', 'post', `/handoffs/${h.id}/receive`, { version: h.version });
    const returned = await ok('ospp.prosecutor', 'post', `/handoffs/${h.id}/return`, {
      version: received.version,
      reason: 'more evidence',
    });
    ids['handoff'] = h.id;
    ids['handoffVersion'] = String(returned.version);

    // a DOI draft naming the ATD person, and the match request it raised
    const draft = await ok('doi.caseworker', 'post', '/screenings', {
      metadata: { provinceCode: '01' },
      bioData: { givenNameLo: 'ຄຳຫຼ້າ', familyNameLo: 'ສີສະຫວັດ', dateOfBirth: '1995-01-01', dobPrecision: 'YEAR' },
    });
    ids['doiDraft'] = draft.id;
    ids['doiDraftVersion'] = String(draft.version);
    const raised = await ok('doi.caseworker', 'post', `/screenings/${draft.id}/match-requests`);
    const request = (raised['requests'] as { id: string }[])[0];
    expect(request).toBeDefined();
    ids['matchRequest'] = request.id;

    // the case plans (decision 0031): a goal and a task of the ATD case, a goal of the LWU case
    const atdPlan = await ok('atd.supervisor', 'post', `/cases/${ids['atdCase']}/plan/goals`, {
      domain: 'SAFETY',
      description: 'walk',
    });
    ids['atdGoal'] = (atdPlan['goals'] as { id: string }[])[0].id;
    const withTask = await ok('atd.supervisor', 'post', `/cases/${ids['atdCase']}/plan/tasks`, {
      goalId: ids['atdGoal'],
      agencyId: ids['MOPS_ATD'],
      title: 'walk',
    });
    const atdTask = (withTask['goals'] as { tasks: { id: string; version: number }[] }[])[0].tasks[0];
    ids['atdTask'] = atdTask.id;
    ids['atdTaskVersion'] = String(atdTask.version);
    const lwuPlan = await ok('lwu.supervisor', 'post', `/cases/${ids['lwuCase']}/plan/goals`, {
      domain: 'SAFETY',
      description: 'walk',
    });
    ids['lwuGoal'] = (lwuPlan['goals'] as { id: string }[])[0].id;
  });
  afterAll(async () => {
    await s?.close();
  });

  const CASES: Record<string, Case> = {
    'POST /screenings bioData.personId': {
      user: 'doi.caseworker',
      method: 'post',
      path: () => '/screenings',
      body: (id) => ({ metadata: { provinceCode: '01' }, bioData: { personId: id } }),
      foreign: () => ids['atdPerson'],
      status: 400,
    },
    'PATCH /screenings/{id} bioData.personId': {
      user: 'doi.caseworker',
      method: 'patch',
      path: () => `/screenings/${ids['doiDraft']}`,
      body: (id) => ({ version: Number(ids['doiDraftVersion']), bioData: { personId: id } }),
      foreign: () => ids['lwuPerson'],
      status: 400,
    },
    'POST /persons/{id}/merge mergeId': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => `/persons/${ids['atdPerson2']}/merge`,
      body: (id) => ({ mergeId: id, reason: 'walk' }),
      foreign: () => ids['lwuPerson'],
      status: 404,
    },
    'POST /match-requests/{id}/link personId': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => `/match-requests/${ids['matchRequest']}/link`,
      body: (id) => ({ version: 1, personId: id }),
      foreign: () => ids['lwuPerson'],
      status: 400,
    },
    'POST /cases/{id}/assign userId': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/assign`,
      body: (id) => ({ version: Number(ids['atdCaseVersion']), userId: id }),
      foreign: () => ids['lwu.caseworker'],
      status: 400,
    },
    'POST /referrals/{id}/accept assigneeId': {
      user: 'lwu.supervisor',
      method: 'post',
      path: () => `/referrals/${ids['atdReferral']}/accept`,
      body: (id) => ({ version: Number(ids['atdReferralVersion']), assigneeId: id }),
      foreign: () => ids['atd.caseworker'],
      status: 400,
    },
    'POST /transfers/{id}/accept assigneeId': {
      user: 'lwu.supervisor',
      method: 'post',
      path: () => `/transfers/${ids['atdTransfer']}/accept`,
      body: (id) => ({ version: Number(ids['atdTransferVersion']), assigneeId: id }),
      foreign: () => ids['atd.caseworker'],
      status: 400,
    },
    'POST /cases/{id}/transfers toAgencyId': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/transfers`,
      body: (id) => ({ toAgencyId: id, urgency: 'HIGH', reason: 'walk', categories: [] }),
      foreign: () => ids['inactiveAgency'],
      status: 400,
    },
    'POST /referrals/{id}/reassign assigneeId': {
      user: 'lwu.supervisor',
      method: 'post',
      path: () => `/referrals/${ids['acceptedReferral']}/reassign`,
      body: (id) => ({ version: Number(ids['acceptedReferralVersion']), assigneeId: id }),
      foreign: () => ids['atd.caseworker'],
      status: 400,
    },
    'POST /cases/{id}/referrals toAgencyId': {
      user: 'atd.caseworker',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/referrals`,
      body: (id) => ({ toAgencyId: id, serviceTypes: ['SHELTER'], urgency: 'HIGH', reason: 'walk', categories: [] }),
      foreign: () => ids['inactiveAgency'],
      status: 400,
    },
    'POST /cases/{id}/family-tracing-requests toAgencyId': {
      user: 'atd.caseworker',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/family-tracing-requests`,
      body: (id) => ({ toAgencyId: id, provinceCode: '01', categories: [], questions: 'walk' }),
      foreign: () => ids['inactiveAgency'],
      status: 400,
    },
    'POST /cases/{id}/identification-requests toAgencyId': {
      user: 'lwu.caseworker',
      method: 'post',
      path: () => `/cases/${ids['lwuCase']}/identification-requests`,
      body: (id) => ({ toAgencyId: id }),
      foreign: () => ids['inactiveAgency'],
      status: 400,
    },
    'POST /cases/{id}/flags userIds': {
      user: 'lwu.supervisor',
      method: 'post',
      path: () => `/cases/${ids['lwuCase']}/flags`,
      body: (id) => ({
        version: Number(ids['lwuCaseVersion']),
        flag: 'RESTRICTED',
        set: true,
        reason: 'walk',
        userIds: [id],
      }),
      foreign: () => ids['atd.caseworker'],
      status: 400,
    },
    'POST /cases/{id}/consents agencyIds': {
      user: 'atd.caseworker',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/consents`,
      body: (id) => consentFor(id, ['CASE_SUMMARY']),
      foreign: () => ids['inactiveAgency'],
      status: 400,
    },
    'POST /cases/{id}/handoffs toAgencyId': {
      user: 'atd.investigator',
      method: 'post',
      path: () => `/cases/${ids['atdCase2']}/handoffs`,
      body: (id) => handoffBody({ toAgencyId: id }),
      foreign: () => ids['inactiveAgency'],
      status: 400,
    },
    'POST /cases/{id}/handoffs evidence.0.attachmentId': {
      user: 'atd.investigator',
      method: 'post',
      path: () => `/cases/${ids['atdCase2']}/handoffs`,
      body: (id) => handoffBody({ evidence: [{ description: 'walk', attachmentId: id }] }),
      foreign: () => ids['lwuAttachment'],
      status: 400,
    },
    'POST /handoffs/{id}/resubmit evidence.0.attachmentId': {
      user: 'atd.investigator',
      method: 'post',
      path: () => `/handoffs/${ids['handoff']}/resubmit`,
      body: (id) => ({ version: Number(ids['handoffVersion']), evidence: [{ description: 'walk', attachmentId: id }] }),
      foreign: () => ids['lwuAttachment'],
      status: 400,
    },
    'GET /caseload/cases assignee': {
      user: 'atd.supervisor',
      method: 'get',
      path: () => '/caseload/cases',
      query: (id) => ({ assignee: id }),
      foreign: () => ids['lwu.caseworker'],
      status: 400,
    },
    'POST /caseload/reassign caseIds': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => '/caseload/reassign',
      body: (id) => ({ caseIds: [id], assigneeId: ids['atd.caseworker'], reason: 'walk' }),
      foreign: () => ids['lwuCase'],
      status: 404,
    },
    'POST /caseload/reassign assigneeId': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => '/caseload/reassign',
      body: (id) => ({ caseIds: [ids['atdCase']], assigneeId: id, reason: 'walk' }),
      foreign: () => ids['lwu.caseworker'],
      status: 400,
    },
    'GET /admin/users agencyId': {
      // an agency administrator always sees their own agency: another agency's id changes nothing
      user: 'lwu.admin',
      method: 'get',
      path: () => '/admin/users',
      query: (id) => ({ agencyId: id }),
      foreign: () => ids['MOPS_ATD'],
      status: 200,
    },
    'POST /admin/users agencyId': {
      user: 'lwu.admin',
      method: 'post',
      path: () => '/admin/users',
      body: (id) => ({
        username: 'walk.user',
        displayName: 'Walk',
        email: 'walk@example.la',
        roles: ['CASEWORKER'],
        allProvinces: true,
        agencyId: id,
      }),
      foreign: () => ids['MOPS_ATD'],
      status: 400,
    },
    'POST /cases/{id}/plan/tasks goalId': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/plan/tasks`,
      body: (id) => ({ goalId: id, agencyId: ids['MOPS_ATD'], title: 'walk' }),
      foreign: () => ids['lwuGoal'],
      status: 400,
    },
    'POST /cases/{id}/plan/tasks agencyId': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/plan/tasks`,
      body: (id) => ({ goalId: ids['atdGoal'], agencyId: id, title: 'walk' }),
      foreign: () => ids['inactiveAgency'],
      status: 400,
    },
    'POST /cases/{id}/plan/tasks assigneeId': {
      user: 'atd.supervisor',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/plan/tasks`,
      body: (id) => ({ goalId: ids['atdGoal'], agencyId: ids['MOPS_ATD'], assigneeId: id, title: 'walk' }),
      foreign: () => ids['lwu.caseworker'],
      status: 400,
    },
    'PATCH /plan-tasks/{id} assigneeId': {
      user: 'atd.supervisor',
      method: 'patch',
      path: () => `/plan-tasks/${ids['atdTask']}`,
      body: (id) => ({ version: Number(ids['atdTaskVersion']), assigneeId: id }),
      foreign: () => ids['lwu.caseworker'],
      status: 400,
    },
    // the visit an assessment was made during: a visit of the same case the caller sees (AccessService.followUpVisit)
    'POST /cases/{id}/assessments visitId': {
      user: 'atd.caseworker',
      method: 'post',
      path: () => `/cases/${ids['atdCase']}/assessments`,
      body: (id) => ({ assessedOn: '2026-11-21', visitId: id, scores: { SAFETY: 3 } }),
      foreign: () => ids['lwuVisit'],
      status: 400,
    },
    'PATCH /cases/{id}/assessments/{assessmentId} visitId': {
      user: 'atd.caseworker',
      method: 'patch',
      path: () => `/cases/${ids['atdCase']}/assessments/${ids['atdAssessment']}`,
      body: (id) => ({ version: 1, assessedOn: '2026-11-21', visitId: id, scores: { SAFETY: 3 } }),
      foreign: () => ids['lwuVisit'],
      status: 400,
    },
    'POST /exports caseId': {
      user: 'atd.caseworker',
      method: 'post',
      path: () => '/exports',
      body: (id) => ({ kind: 'CASE_FILE_PDF', caseId: id, reason: 'Case file for the court' }),
      foreign: () => ids['lwuCase'],
      status: 404,
    },
  };

  /** Fields that are not sent as JSON: the multipart upload's, tested with a form below. */
  const MULTIPART: Record<string, { field: 'referralId' | 'handoffId'; foreign: () => string }> = {
    'POST /cases/{id}/attachments referralId': { field: 'referralId', foreign: () => ids['atdReferral'] },
    'POST /cases/{id}/attachments handoffId': { field: 'handoffId', foreign: () => ids['handoff'] },
  };

  /** Every uuid field of every request body and query in the OpenAPI document. */
  function walk(): IdField[] {
    const out: IdField[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const route = `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`;
        for (const p of op.parameters ?? []) {
          if (p.in === 'query' && p.schema?.format === 'uuid')
            out.push({ route, field: p.name, kind: kindOf(p.description ?? p.schema.description) ?? '?' });
        }
        for (const content of Object.values(op.requestBody?.content ?? {})) {
          for (const f of uuidFields(doc, content.schema, '', new Set()))
            out.push({ route, field: f.field, kind: kindOf(f.schema.description) ?? '?' });
        }
      }
    }
    return out;
  }

  it('finds every id field in the OpenAPI document, each declared with its kind, and has a case for each', () => {
    const fields = walk();
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.filter((f) => f.kind === '?').map((f) => `${f.route} ${f.field}`)).toEqual([]);
    const covered = new Set([...Object.keys(CASES), ...Object.keys(MULTIPART)]);
    expect(fields.map((f) => `${f.route} ${f.field}`).filter((k) => !covered.has(k))).toEqual([]);
  });

  it.each(Object.keys(CASES))(
    '%s: a foreign id is refused exactly as a missing one, and nothing changes',
    async (key) => {
      const c = CASES[key];
      if (key.startsWith('POST /cases/{id}/assign'))
        ids['atdCaseVersion'] = String(await caseVersion('atd.supervisor', ids['atdCase']));
      if (key.startsWith('POST /cases/{id}/flags'))
        ids['lwuCaseVersion'] = String(await caseVersion('lwu.supervisor', ids['lwuCase']));
      const before = await snapshot();
      const at = (id: string) => (c.query ? `${c.path()}?${new URLSearchParams(c.query(id)).toString()}` : c.path());
      const foreign = await call(c.user, c.method, at(c.foreign()), c.body?.(c.foreign()));
      const missing = await call(c.user, c.method, at(randomUUID()), c.body?.(randomUUID()));
      const strip = (r: { status: number; body: Record<string, unknown> }) => {
        const { requestId: _r, ...body } = r.body;
        void _r;
        return { status: r.status, body };
      };
      expect({ key, ...strip(foreign) }).toEqual({ key, ...strip(missing) });
      expect(foreign.status).toBe(c.status);
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each(Object.keys(MULTIPART))('%s: a foreign id is refused exactly as a missing one', async (key) => {
    const m = MULTIPART[key];
    const send = (id: string) =>
      s
        .http()
        .post(`/api/v1/cases/${ids['lwuCase']}/attachments`)
        .set('Authorization', auth('lwu.caseworker'))
        .field('kind', 'EVIDENCE')
        .field('category', 'LEGAL_PROCEEDINGS')
        .field(m.field, id)
        .attach('file', MINIMAL_PDF, { filename: 'e.pdf', contentType: 'application/pdf' });
    const before = await snapshot();
    const foreign = await send(m.foreign());
    const missing = await send(randomUUID());
    const { requestId: _a, ...fb } = foreign.body;
    const { requestId: _b, ...mb } = missing.body;
    void _a;
    void _b;
    expect([foreign.status, fb]).toEqual([missing.status, mb]);
    expect(foreign.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  /** Row counts and versions of everything the cases could change. */
  async function snapshot(): Promise<unknown> {
    const { rows } = await s.admin.query(`SELECT
      (SELECT count(*) FROM screening) AS screenings, (SELECT sum(version) FROM screening) AS sv,
      (SELECT count(*) FROM person WHERE merged_into_id IS NOT NULL) AS merged,
      (SELECT sum(version) FROM case_record) AS cv, (SELECT count(*) FROM referral) AS referrals, (SELECT sum(version) FROM referral) AS rv,
      (SELECT count(*) FROM consent) AS consents, (SELECT count(*) FROM handoff) AS handoffs, (SELECT sum(version) FROM handoff) AS hv,
      (SELECT count(*) FROM attachment) AS attachments, (SELECT count(*) FROM export_job) AS exports,
      (SELECT count(*) FROM match_request WHERE status <> 'OPEN') AS answered, (SELECT count(*) FROM app_user) AS users,
      (SELECT count(*) FROM case_plan_task) AS tasks, (SELECT sum(version) FROM case_plan_task) AS tv,
      (SELECT count(*) FROM reintegration_assessment) AS assessments, (SELECT sum(version) FROM reintegration_assessment) AS av`);
    return rows[0];
  }
});
