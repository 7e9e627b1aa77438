import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INTERVIEW_CONSENT_QUESTIONS, RULE_VERSION } from '@ctms/domain';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';

/**
 * The screening interview end to end on the real stack: drafts and versions, the consent gate, bad
 * input, the indicative indicator assessment, review (never by the interviewer), termination,
 * need-to-know 404s, scoped lists with a bounded number of queries, and encryption at rest.
 *
 * Query counting: the test wraps the application DataSource's logger (`logQuery` is called by
 * TypeORM for every statement, whatever the logging option) and counts the statements one request
 * runs; a page of 2 and a page of 50 must run the same number.
 */
const CANARY_NAME = `ຄານາຣີ${randomUUID().slice(0, 6)}`;
const CANARY_LATIN = `Canarysone${randomUUID().slice(0, 6)}`;
const CANARY_STORY = `canary-narrative-${randomUUID()}`;
const CANARY_EVIDENCE = `canary-evidence-${randomUUID()}`;
const CANARY_COMMENT = `canary-comment-${randomUUID()}`;

const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const ADULT_BIO = {
  givenNameLo: CANARY_NAME,
  latinNames: [CANARY_LATIN],
  dateOfBirth: '1995-04-12',
  dobPrecision: 'DAY',
  sex: 'FEMININE',
  citizenship: ['LA'],
};

/** Adult labour: DR and EX positive (1 strong + 1 medium each); COERCION_AT_DESTINATION on its edge. */
const BASE = [
  { code: 'DR01', answer: 'PRESENT', evidence: CANARY_EVIDENCE },
  { code: 'DR02', answer: 'PRESENT' },
  { code: 'EX01', answer: 'PRESENT' },
  { code: 'EX02', answer: 'PRESENT' },
  { code: 'CD05', answer: 'PRESENT' },
  { code: 'CD06', answer: 'PRESENT' },
];
/** + a third medium at destination: the dimension rule is met (3 medium). */
const MEETS = [...BASE, { code: 'CD07', answer: 'PRESENT' }];
/** the third medium only UNKNOWN: 2 medium, the rule is just missed. */
const JUST_MISSES = [...BASE, { code: 'CD07', answer: 'UNKNOWN' }, { code: 'AD01', answer: 'ABSENT' }];

describe('screenings', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  let queries = 0;

  beforeAll(async () => {
    s = await startStack();
    for (const u of [
      'atd.caseworker',
      'atd.bokeo',
      'atd.supervisor',
      'lwu.caseworker',
      'lwu.supervisor',
      'lwu.admin',
      'analyst',
    ]) {
      tokens.set(u, (await s.login(u)).accessToken);
    }
    const ds = s.app.get(DataSource);
    const logger = ds.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      queries++;
      return original(query, parameters, runner);
    };
  });
  afterAll(async () => {
    await s.close();
  });

  const auth = (user: string) => `Bearer ${tokens.get(user) ?? ''}`;
  const get = (user: string, path: string) =>
    s.http().get(`/api/v1/screenings${path}`).set('Authorization', auth(user));
  const post = (user: string, path: string, body: object) =>
    s.http().post(`/api/v1/screenings${path}`).set('Authorization', auth(user)).send(body);
  const patch = (user: string, id: string, body: object) =>
    s.http().patch(`/api/v1/screenings/${id}`).set('Authorization', auth(user)).send(body);

  async function rowText(id: string): Promise<string> {
    const { rows } = await s.admin.query(`SELECT s::text AS t FROM screening s WHERE id = $1`, [id]);
    return rows[0].t;
  }

  async function draft(user: string, body: object = {}): Promise<{ id: string; version: number }> {
    const res = await post(user, '', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-01-15T09:30:00+07:00' },
      ...body,
    });
    expect(res.status).toBe(201);
    return { id: res.body.id, version: res.body.version };
  }

  /** A draft ready to submit: consent, bio-data (or a linked person), an assessment. */
  async function complete(user: string, extra: object = {}): Promise<{ id: string; version: number }> {
    return draft(user, {
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: ADULT_BIO,
      recruitment: { narrative: CANARY_STORY, methods: ['FRIENDS_OR_SOCIAL_EVENTS'] },
      destinationAndExploitation: { country: 'TH', exploitationTypes: ['FORCED_LABOUR'] },
      needsAndRisks: { servicesNeeded: ['SHELTER'] },
      indicatorAnswers: MEETS,
      interviewerAssessment: 'NOT_A_VICTIM',
      ...extra,
    });
  }

  /**
   * A person the agency already holds (an approved screening of its own in province 01 records
   * them), so that its caseworkers may link them into a draft: a bare person row would be linkable
   * by nobody (a draft's link grants nothing).
   */
  async function linkedPerson(agencyCode = 'MOPS_ATD', presumedMinor = false): Promise<string> {
    const id = randomUUID();
    await s.admin.query(
      `INSERT INTO person (id, identity_enc, presumed_minor, created_by_agency_id) SELECT $1, 'v1.placeholder', $2, id FROM agency WHERE code = $3`,
      [id, presumedMinor, agencyCode],
    );
    await s.admin.query(
      `INSERT INTO screening (id, agency_id, interviewer_id, status, province_code, person_id)
       SELECT $1, a.id, u.id, 'APPROVED', '01', $2 FROM agency a JOIN app_user u ON u.agency_id = a.id WHERE a.code = $3 ORDER BY u.username LIMIT 1`,
      [randomUUID(), id, agencyCode],
    );
    return id;
  }

  it('creates a draft for the actor and saves sections with versions; a stale version is a 409', async () => {
    const seq = await lastAuditSeq(s.admin);
    const res = await post('atd.caseworker', '', { metadata: { provinceCode: '01', referralSource: 'POLICE_ATD' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'DRAFT',
      version: 1,
      interviewer: { username: 'atd.caseworker' },
      metadata: { provinceCode: '01', referralSource: 'POLICE_ATD' },
    });
    expect(res.body.allowedActions).toEqual(['TERMINATE']);
    expect(res.body.canEdit).toBe(true);
    const id: string = res.body.id;

    const saved = await patch('atd.caseworker', id, {
      version: 1,
      recruitment: { narrative: CANARY_STORY, dateLeftHome: '2025-06-01' },
      interpreter: { used: true, languagePair: 'th-lo', relationToInterviewee: 'NONE', confidentialitySigned: true },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.recruitment).toEqual({ narrative: CANARY_STORY, dateLeftHome: '2025-06-01' });

    const before = await rowText(id);
    const stale = await patch('atd.caseworker', id, { version: 1, exit: { method: 'ESCAPED' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect(await rowText(id)).toBe(before);

    // only the interviewer edits a draft
    const other = await patch('atd.supervisor', id, { version: 2, exit: { method: 'ESCAPED' } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('NOT_INTERVIEWER');

    const audit = await auditSince(s.admin, seq);
    const mine = audit.filter((a) => a.object_id === id);
    // the two refusals leave one DENIED row each, with the refusal's code
    expect(mine.map((a) => [a.action, a.outcome, a.reason])).toEqual([
      ['SCREENING_CREATED', 'ALLOWED', null],
      ['SCREENING_UPDATED', 'ALLOWED', null],
      ['SCREENING_UPDATED', 'DENIED', 'STALE_VERSION'],
      ['SCREENING_UPDATED', 'DENIED', 'NOT_INTERVIEWER'],
    ]);
    expect(mine[1]?.details).toEqual({ sections: ['interpreter', 'recruitment'] });
    expect(JSON.stringify(audit)).not.toContain(CANARY_STORY);
  });

  it('loses no update: 100 concurrent saves from one version, exactly one succeeds', async () => {
    const { id, version } = await draft('atd.caseworker');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        patch('atd.caseworker', id, { version, exit: { method: 'ESCAPED', narrative: `attempt ${i}` } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(99);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'STALE_VERSION')).toBe(true);
    const { rows } = await s.admin.query(`SELECT version FROM screening WHERE id = $1`, [id]);
    expect(rows[0].version).toBe(version + 1);
  });

  it('refuses to submit without the seven interview-consent answers YES, and changes nothing', async () => {
    const { id, version } = await complete('atd.caseworker', {
      interviewConsent: { ...ALL_YES, INFORMED_OF_RETENTION: 'NO', givenBy: 'SELF' },
    });
    const before = await rowText(id);
    const seq = await lastAuditSeq(s.admin);
    const res = await post('atd.caseworker', `/${id}/submit`, { version });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INTERVIEW_CONSENT_INCOMPLETE');
    expect(await rowText(id)).toBe(before);
    // nothing changed; the refusal is one DENIED row
    expect(
      (await auditSince(s.admin, seq)).filter((a) => a.object_id === id).map((a) => [a.action, a.outcome, a.reason]),
    ).toEqual([['SCREENING_SUBMITTED', 'DENIED', 'INTERVIEW_CONSENT_INCOMPLETE']]);

    const view = await get('atd.caseworker', `/${id}`);
    expect(view.body.interviewConsent.complete).toBe(false);
    expect(view.body.allowedActions).not.toContain('SUBMIT');
  });

  it('bad input is a 400 naming the problem, and nothing is stored', async () => {
    const { id, version } = await draft('atd.caseworker', {
      bioData: { givenNameLo: CANARY_NAME, dobPrecision: 'UNKNOWN' },
    });
    const before = await rowText(id);
    const cases: [object, string][] = [
      [{ bioData: { dateOfBirth: '2023-02-29', dobPrecision: 'DAY' } }, 'bioData.dateOfBirth'],
      [{ bioData: { dateOfBirth: '2999-01-01', dobPrecision: 'DAY' } }, 'bioData.dateOfBirth'],
      [{ metadata: { interviewAt: '2025-04-31T10:00:00Z' } }, 'metadata.interviewAt'],
      [{ metadata: { interviewAt: '2025-04-01 10:00' } }, 'metadata.interviewAt'],
      [{ metadata: { facilityType: 'SPACESHIP' } }, 'metadata.facilityType'],
      [{ metadata: { provinceCode: '99' } }, 'metadata.provinceCode'],
      [{ metadata: { provinceCode: '05' } }, 'metadata.provinceCode'], // outside atd.caseworker's scope
      [{ interviewConsent: { CONSENTS_TO_INTERVIEW: 'MAYBE' } }, 'interviewConsent.CONSENTS_TO_INTERVIEW'],
      [{ recruitment: { narrative: 'x', mood: 'calm' } }, 'recruitment.mood'],
      [{ favouriteColour: 'blue' }, 'favouriteColour'],
      [{ indicatorAnswers: [{ code: 'ZZ99', answer: 'PRESENT' }] }, 'indicatorAnswers.0.code'],
      [{ indicatorAnswers: [{ code: 'DR01', answer: 'YES' }] }, 'indicatorAnswers.0.answer'],
      [
        {
          indicatorAnswers: [
            { code: 'DR01', answer: 'PRESENT' },
            { code: 'DR01', answer: 'ABSENT' },
          ],
        },
        'indicatorAnswers',
      ],
      [{ interviewerAssessment: 'VICTIM_FOR_SURE' }, 'interviewerAssessment'],
      [
        { destinationAndExploitation: { exploitationTypes: ['FORCED_LABOUR', 'PIRACY'] } },
        'destinationAndExploitation.exploitationTypes',
      ],
      // a child's consent given by the child
      [
        {
          bioData: { givenNameLo: CANARY_NAME, presumedMinor: true, dobPrecision: 'UNKNOWN' },
          interviewConsent: { ...ALL_YES, givenBy: 'SELF' },
        },
        'interviewConsent.givenBy',
      ],
      [
        {
          bioData: { givenNameLo: CANARY_NAME, dateOfBirth: '2012-03-01', dobPrecision: 'DAY' },
          interviewConsent: { ...ALL_YES, givenBy: 'SELF' },
        },
        'interviewConsent.givenBy',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await patch('atd.caseworker', id, { version, ...body });
      expect({
        field,
        status: res.status,
        named: (res.body.details ?? []).some((d: { field: string }) => d.field === field),
      }).toEqual({ field, status: 400, named: true });
      expect(await rowText(id)).toBe(before);
    }
    // creation refuses too, and creates nothing
    const count = async () => (await s.admin.query(`SELECT count(*)::int AS n FROM screening`)).rows[0].n;
    const n = await count();
    const res = await post('atd.caseworker', '', {
      metadata: { provinceCode: '01' },
      bioData: { dateOfBirth: '2025-02-30' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('bioData.dateOfBirth');
    expect(await count()).toBe(n);
  });

  it("refuses to submit a child's screening whose consent is not given by a parent, guardian or social worker", async () => {
    // born some time in 2011 (year precision): a child at the interview whatever the day
    const made = await complete('atd.caseworker', {
      bioData: { givenNameLo: CANARY_NAME, dateOfBirth: '2011-01-01', dobPrecision: 'YEAR', sex: 'FEMININE' },
      interviewConsent: ALL_YES,
    });
    const before = await rowText(made.id);
    const res = await post('atd.caseworker', `/${made.id}/submit`, { version: made.version });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CHILD_CONSENT_GIVER_REQUIRED');
    expect(await rowText(made.id)).toBe(before);
    const view = await get('atd.caseworker', `/${made.id}`);
    expect(view.body.isChild).toBe(true);
    expect(view.body.assessment.profile).toBe('CHILD_LABOUR');

    const fixed = await patch('atd.caseworker', made.id, {
      version: made.version,
      interviewConsent: { ...ALL_YES, givenBy: 'SOCIAL_WORKER' },
    });
    expect(fixed.status).toBe(200);
    const ok = await post('atd.caseworker', `/${made.id}/submit`, { version: fixed.body.version });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('SUBMITTED');
  });

  it('stores the indicative assessment: answers that meet the rule and answers that just miss it', async () => {
    const meets = await complete('atd.caseworker', { indicatorAnswers: MEETS });
    const misses = await complete('atd.caseworker', { indicatorAnswers: JUST_MISSES });
    const { rows } = await s.admin.query(
      `SELECT id, assessment, assessment::text AS t, is_child FROM screening WHERE id = ANY($1::uuid[])`,
      [[meets.id, misses.id]],
    );
    type Stored = {
      id: string;
      t: string;
      is_child: boolean;
      assessment: Record<string, unknown> & { dimensions: Record<string, { positive: boolean }> };
    };
    const found = rows as Stored[];
    const pick = (id: string): Stored => {
      const r = found.find((x) => x.id === id);
      if (!r) throw new Error('screening row missing');
      return r;
    };
    const a = pick(meets.id);
    const b = pick(misses.id);
    expect(a.assessment).toMatchObject({
      ruleVersion: RULE_VERSION,
      label: 'INDICATIVE',
      profile: 'ADULT_LABOUR',
      caseRule: 'ADULT',
      indicativeResult: 'POSSIBLE_VICTIM',
      counts: { PRESENT: 7, ABSENT: 0, UNKNOWN: 0, answered: 7 },
    });
    expect(a.assessment.dimensions.COERCION_AT_DESTINATION).toMatchObject({ positive: true, strong: 0, medium: 3 });
    expect(b.assessment).toMatchObject({
      ruleVersion: RULE_VERSION,
      label: 'INDICATIVE',
      indicativeResult: 'INDICATORS_NOT_MET',
      counts: { PRESENT: 6, ABSENT: 1, UNKNOWN: 1 },
    });
    expect(b.assessment.dimensions.COERCION_AT_DESTINATION).toMatchObject({
      positive: false,
      medium: 2,
      unknown: ['CD07'],
    });
    expect(b.assessment.dimensions.DECEPTIVE_RECRUITMENT.positive).toBe(true);
    expect(b.assessment.dimensions.EXPLOITATIVE_CONDITIONS.positive).toBe(true);
    for (const r of [a, b]) {
      expect(r.is_child).toBe(false);
      expect(r.t).not.toContain(CANARY_EVIDENCE);
    }

    // the same "just missing" answers for a child (presumed minor): the child rule needs no means at destination
    const child = await complete('atd.caseworker', {
      indicatorAnswers: JUST_MISSES,
      bioData: { ...ADULT_BIO, presumedMinor: true },
      interviewConsent: { ...ALL_YES, givenBy: 'LEGAL_GUARDIAN' },
    });
    const view = await get('atd.caseworker', `/${child.id}`);
    expect(view.body.isChild).toBe(true);
    expect(view.body.assessment).toMatchObject({
      profile: 'CHILD_LABOUR',
      caseRule: 'CHILD',
      indicativeResult: 'POSSIBLE_VICTIM',
      label: 'INDICATIVE',
    });
    expect(view.body.indicatorAnswers[0]).toEqual({ code: 'DR01', answer: 'PRESENT', evidence: CANARY_EVIDENCE });

    // the assessment follows the answers on every save
    const saved = await patch('atd.caseworker', meets.id, { version: meets.version, indicatorAnswers: JUST_MISSES });
    expect(saved.body.assessment.indicativeResult).toBe('INDICATORS_NOT_MET');
  });

  it('review: the interviewer never approves their own; return with a comment, revise, resubmit, approve', async () => {
    // atd.supervisor interviews: as the only ATD supervisor, nobody else in the agency may review it
    const own = await complete('atd.supervisor');
    const sub = await post('atd.supervisor', `/${own.id}/submit`, { version: own.version });
    expect(sub.status).toBe(200);
    expect(sub.body.allowedActions).toEqual([]);
    const before = await rowText(own.id);
    const self = await post('atd.supervisor', `/${own.id}/approve`, { version: sub.body.version });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('OWN_SCREENING');
    const selfReturn = await post('atd.supervisor', `/${own.id}/return`, { version: sub.body.version, comment: 'x' });
    expect(selfReturn.body.code).toBe('OWN_SCREENING');
    expect(await rowText(own.id)).toBe(before);
    // a caseworker holds no review permission: the standard 404
    expect((await post('atd.caseworker', `/${own.id}/approve`, { version: sub.body.version })).status).toBe(404);

    // a caseworker's screening, reviewed by the supervisor
    const personId = await linkedPerson('MOPS_ATD');
    const c = await complete('atd.caseworker', { bioData: { personId } });
    const submitted = await post('atd.caseworker', `/${c.id}/submit`, { version: c.version });
    expect(submitted.status).toBe(200);
    expect((await post('atd.supervisor', `/${c.id}/return`, { version: submitted.body.version })).status).toBe(400);
    const seq = await lastAuditSeq(s.admin);
    const returned = await post('atd.supervisor', `/${c.id}/return`, {
      version: submitted.body.version,
      comment: CANARY_COMMENT,
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('RETURNED');
    const seen = await get('atd.caseworker', `/${c.id}`);
    expect(seen.body.reviewComments).toEqual([
      expect.objectContaining({ kind: 'RETURN', byUsername: 'atd.supervisor', comment: CANARY_COMMENT }),
    ]);
    expect(seen.body.allowedActions).toEqual(['REVISE']);
    expect(seen.body.canEdit).toBe(true);

    const revised = await patch('atd.caseworker', c.id, {
      version: returned.body.version,
      needsAndRisks: { servicesNeeded: ['SHELTER', 'MEDICAL'] },
    });
    expect(revised.status).toBe(200);
    expect(revised.body.status).toBe('DRAFT');
    const resubmitted = await post('atd.caseworker', `/${c.id}/submit`, { version: revised.body.version });
    expect(resubmitted.body.status).toBe('SUBMITTED');
    const approved = await post('atd.supervisor', `/${c.id}/approve`, {
      version: resubmitted.body.version,
      comment: 'ok',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'APPROVED',
      personId,
      caseId: null,
      reviewedBy: { username: 'atd.supervisor' },
    });
    expect(approved.body.allowedActions).toEqual([]);

    // approved screenings are immutable
    const late = await patch('atd.caseworker', c.id, { version: approved.body.version, exit: { method: 'RELEASED' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');

    const audit = (await auditSince(s.admin, seq)).filter(
      (a) => a.object_id === c.id && a.action !== 'SCREENING_READ' && a.outcome === 'ALLOWED',
    );
    expect(audit.map((a) => a.action)).toEqual([
      'SCREENING_RETURNED',
      'SCREENING_UPDATED',
      'SCREENING_SUBMITTED',
      'SCREENING_APPROVED',
    ]);
    expect(audit[1]?.details).toEqual({ sections: ['needsAndRisks'], from: 'RETURNED', to: 'DRAFT' });
    expect(JSON.stringify(audit)).not.toContain(CANARY_COMMENT);
  });

  it('approving a possible victim creates the person and opens a case; a later screening of that person joins it', async () => {
    const journey = async (interviewer: string, extra: object) => {
      const d = await complete(interviewer, { interviewerAssessment: 'POSSIBLE_VICTIM', ...extra });
      const sub = await post(interviewer, `/${d.id}/submit`, { version: d.version });
      expect(sub.status).toBe(200);
      const seq = await lastAuditSeq(s.admin);
      const res = await post('lwu.supervisor', `/${d.id}/approve`, { version: sub.body.version });
      expect(res.status).toBe(200);
      return { id: d.id, res, audit: await auditSince(s.admin, seq) };
    };

    // an adult
    const adult = await journey('lwu.caseworker', {});
    expect(adult.res.body).toMatchObject({ status: 'APPROVED', isChild: false });
    const personId: string = adult.res.body.personId;
    const caseId: string = adult.res.body.caseId;
    expect(personId).toMatch(/^[0-9a-f-]{36}$/);
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    const kase = await s.admin.query(
      `SELECT c.person_id, c.province_code, c.exploitation_types, c.needs, c.flags, a.code FROM case_record c JOIN agency a ON a.id = c.lead_agency_id WHERE c.id = $1`,
      [caseId],
    );
    expect(kase.rows[0]).toEqual({
      person_id: personId,
      province_code: '01',
      exploitation_types: ['FORCED_LABOUR'],
      needs: ['SHELTER'],
      flags: [],
      code: 'LWU',
    });
    const person = await s.admin.query(`SELECT p::text AS t FROM person p WHERE id = $1`, [personId]);
    expect(person.rows[0].t).not.toContain(CANARY_NAME);
    expect(adult.audit.map((a) => a.action).sort()).toEqual(
      ['CASE_OPENED', 'PERSON_CREATED', 'SCREENING_APPROVED'].sort(),
    );
    expect(adult.audit.find((a) => a.action === 'SCREENING_APPROVED')?.details).toMatchObject({
      personCreated: true,
      caseCreated: true,
      caseId,
      personId,
    });

    // the same person screened again: no new person, the screening joins the open case
    const again = await journey('lwu.caseworker', { bioData: { personId } });
    expect(again.res.body).toMatchObject({ personId, caseId });
    expect(again.audit.map((a) => a.action).sort()).toEqual(['CASE_SCREENING_ATTACHED', 'SCREENING_APPROVED'].sort());

    // a child (presumed minor), consent given by a guardian: the case carries the CHILD flag
    const child = await journey('lwu.caseworker', {
      bioData: { ...ADULT_BIO, dateOfBirth: undefined, dobPrecision: 'UNKNOWN', presumedMinor: true },
      interviewConsent: { ...ALL_YES, givenBy: 'LEGAL_GUARDIAN' },
    });
    expect(child.res.body.isChild).toBe(true);
    expect(child.res.body.personId).not.toBe(personId);
    const childCase = await s.admin.query(`SELECT flags FROM case_record WHERE id = $1`, [child.res.body.caseId]);
    expect(childCase.rows[0].flags).toEqual(['CHILD']);
  });

  it('terminates a draft and erases the interview content', async () => {
    const { id, version } = await complete('lwu.caseworker', {
      interviewConsent: { ...ALL_YES, CONSENTS_TO_INTERVIEW: 'NO', givenBy: 'SELF' },
    });
    expect((await post('lwu.caseworker', `/${id}/terminate`, { version })).status).toBe(400);
    expect((await post('lwu.caseworker', `/${id}/terminate`, { version, reason: 'BORED' })).status).toBe(400);
    const seq = await lastAuditSeq(s.admin);
    const res = await post('lwu.caseworker', `/${id}/terminate`, {
      version,
      reason: 'CONSENT_REFUSED',
      note: 'stopped at question 1',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'TERMINATED',
      terminationReason: 'CONSENT_REFUSED',
      bioData: null,
      recruitment: null,
      indicatorAnswers: [],
      assessment: null,
    });
    const { rows } = await s.admin.query(
      `SELECT content_enc, indicators_enc, assessment, status FROM screening WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ content_enc: null, indicators_enc: null, assessment: null, status: 'TERMINATED' });
    const audit = (await auditSince(s.admin, seq)).filter((a) => a.object_id === id);
    expect(audit.map((a) => a.action)).toEqual(['SCREENING_TERMINATED']);
    const again = await patch('lwu.caseworker', id, { version: res.body.version, exit: { method: 'ESCAPED' } });
    expect(again.status).toBe(409);
  });

  it('answers users outside the need-to-know with a 404 byte-identical to a missing id', async () => {
    const { id } = await complete('atd.caseworker');
    for (const user of ['lwu.caseworker', 'lwu.admin', 'analyst', 'atd.bokeo']) {
      const rid = `req-${randomUUID()}`;
      const hidden = await get(user, `/${id}`).set('X-Request-Id', rid);
      const missing = await get(user, `/${randomUUID()}`).set('X-Request-Id', rid);
      expect({ user, status: hidden.status }).toEqual({ user, status: 404 });
      expect({ user, body: withoutRequestId(hidden.text) }).toEqual({ user, body: withoutRequestId(missing.text) });
      const write = await patch(user, id, { version: 1, exit: { method: 'ESCAPED' } }).set('X-Request-Id', rid);
      const writeMissing = await patch(user, randomUUID(), { version: 1, exit: { method: 'ESCAPED' } }).set(
        'X-Request-Id',
        rid,
      );
      expect({ user, status: write.status, body: withoutRequestId(write.text) }).toEqual({
        user,
        status: 404,
        body: withoutRequestId(writeMissing.text),
      });
    }
    // the investigator-free supervisor of another agency cannot review it either
    const rid = `req-${randomUUID()}`;
    const other = await post('lwu.supervisor', `/${id}/approve`, { version: 1 }).set('X-Request-Id', rid);
    const none = await post('lwu.supervisor', `/${randomUUID()}/approve`, { version: 1 }).set('X-Request-Id', rid);
    expect(other.status).toBe(404);
    expect(withoutRequestId(other.text)).toBe(withoutRequestId(none.text));
  });

  it('lists only screenings the caller may open, without names, in a bounded number of queries', async () => {
    for (let i = 0; i < 6; i++) await complete('atd.caseworker');
    await complete('lwu.caseworker');
    const bokeo = await post('atd.bokeo', '', { metadata: { provinceCode: '05' }, bioData: ADULT_BIO });
    expect(bokeo.status).toBe(201);

    async function walk(user: string, limit: number, query = ''): Promise<{ ids: string[]; texts: string[] }> {
      const ids: string[] = [];
      const texts: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(user, `?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        texts.push(res.text);
        ids.push(...res.body.items.map((x: { id: string }) => x.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return { ids, texts };
    }
    const scoped = async (agency: string, provinces: string[] | null) =>
      (
        await s.admin.query(
          `SELECT s.id FROM screening s JOIN agency a ON a.id = s.agency_id WHERE a.code = $1 AND ($2::text[] IS NULL OR s.province_code = ANY($2::text[]))`,
          [agency, provinces],
        )
      ).rows
        .map((r: { id: string }) => r.id)
        .sort();

    const cw = await walk('atd.caseworker', 4);
    expect([...cw.ids].sort()).toEqual(await scoped('MOPS_ATD', ['01']));
    expect(new Set(cw.ids).size).toBe(cw.ids.length);
    expect(cw.ids).not.toContain(bokeo.body.id);
    const sup = await walk('atd.supervisor', 100);
    expect([...sup.ids].sort()).toEqual(await scoped('MOPS_ATD', null));
    const lwu = await walk('lwu.caseworker', 100);
    expect([...lwu.ids].sort()).toEqual(await scoped('LWU', ['01']));
    const bo = await walk('atd.bokeo', 100);
    expect(bo.ids).toEqual([bokeo.body.id]);
    for (const t of [...cw.texts, ...sup.texts, ...lwu.texts, ...bo.texts]) {
      expect(t).not.toContain(CANARY_NAME);
      expect(t).not.toContain(CANARY_LATIN);
      expect(t).not.toContain(CANARY_STORY);
    }
    const first = JSON.parse(cw.texts[0] ?? '{}').items[0];
    expect(Object.keys(first).sort()).toEqual(
      [
        'caseId',
        'createdAt',
        'facilityType',
        'id',
        'indicativeResult',
        'interviewAt',
        'interviewer',
        'interviewerAssessment',
        'isChild',
        'provinceCode',
        'status',
        'updatedAt',
        'version',
      ].sort(),
    );

    const mine = await walk('atd.supervisor', 100, '&mine=true&status=SUBMITTED');
    const { rows } = await s.admin.query(
      `SELECT s.id FROM screening s JOIN app_user u ON u.id = s.interviewer_id WHERE u.username = 'atd.supervisor' AND s.status = 'SUBMITTED'`,
    );
    expect(mine.ids.sort()).toEqual(rows.map((r: { id: string }) => r.id).sort());

    // the same number of statements for a page of 2 and a page of 50
    const count = async (limit: number) => {
      const before = queries;
      const res = await get('atd.supervisor', `?limit=${limit}`);
      expect(res.status).toBe(200);
      return { n: queries - before, items: res.body.items.length };
    };
    const small = await count(2);
    const large = await count(50);
    expect(small.items).toBe(2);
    expect(large.items).toBeGreaterThan(10);
    expect(large.n).toBe(small.n);
    expect(large.n).toBeLessThanOrEqual(4);

    expect((await get('atd.caseworker', '?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await get('analyst', '')).status).toBe(403);
  });

  it('keeps no plaintext of the interview in the database', async () => {
    const { rows } = await s.admin.query(
      `SELECT coalesce(string_agg(s::text, E'\\n'), '') AS t, count(*)::int AS n FROM screening s`,
    );
    expect(rows[0].n).toBeGreaterThan(5);
    for (const canary of [CANARY_NAME, CANARY_LATIN, CANARY_STORY, CANARY_EVIDENCE, CANARY_COMMENT])
      expect(rows[0].t).not.toContain(canary);
    const audit = await s.admin.query(`SELECT coalesce(string_agg(a::text, E'\\n'), '') AS t FROM audit_event a`);
    for (const canary of [CANARY_NAME, CANARY_LATIN, CANARY_STORY, CANARY_EVIDENCE, CANARY_COMMENT])
      expect(audit.rows[0].t).not.toContain(canary);
  });
});
