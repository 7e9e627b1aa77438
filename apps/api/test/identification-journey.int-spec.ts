import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { assessIndicators, INTERVIEW_CONSENT_QUESTIONS } from '@ctms/domain';
import { adminUrl } from './db';
import { startStack, TestStack, withoutRequestId } from './harness';

/**
 * The identification journey of issue 3, end to end with the demo accounts, for an adult and for a
 * child: consent gate, indicator rule met and just missed, duplicate search by a Lao spelling
 * variant and another romanisation, need-to-know 404s, no plaintext at rest, the access log, and
 * a tampered audit row caught by the real `audit:verify` command.
 */
const tag = randomUUID().slice(0, 4);
// a Lao name with letters that have spelling variants (ຫຼ / ຫລ, ໜ / ຫນ) and a suffix that makes it unique
const CANARY_LAO_GIVEN = 'ຫຼ້າໜູ';
const CANARY_LAO_VARIANT = 'ຫລ້າຫນູ';
const CANARY_LAO_FAMILY = `ສີສຸພັນ${['ກ', 'ຂ', 'ຄ', 'ງ'][Number.parseInt(tag, 16) % 4]}`;
const CANARY_LATIN = 'Souksavanh Phommachanh';
const ROMANISATION_VARIANT = 'Suksawan Pommachan';
const CANARY_STORY = `canary-story-${tag}-recruited-by-a-broker`;

const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const ADULT_MEETS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({
  code,
  answer: 'PRESENT',
}));
const ADULT_JUST_MISSES = [...ADULT_MEETS.slice(0, 6), { code: 'CD07', answer: 'UNKNOWN' }];
const CHILD_ANSWERS = ['DR01', 'DR02', 'EX01', 'EX02'].map((code) => ({ code, answer: 'PRESENT' }));

describe('identification journey (adult and child)', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const auth = (u: string) => `Bearer ${tokens.get(u) ?? ''}`;
  const api = {
    get: (u: string, path: string, requestId?: string) => {
      const r = s.http().get(`/api/v1${path}`).set('Authorization', auth(u));
      return requestId ? r.set('X-Request-Id', requestId) : r;
    },
    post: (u: string, path: string, body: object) =>
      s.http().post(`/api/v1${path}`).set('Authorization', auth(u)).send(body),
    patch: (u: string, path: string, body: object) =>
      s.http().patch(`/api/v1${path}`).set('Authorization', auth(u)).send(body),
  };

  beforeAll(async () => {
    s = await startStack();
    for (const u of [
      'atd.caseworker',
      'atd.supervisor',
      'atd.bokeo',
      'lwu.caseworker',
      'lwu.admin',
      'analyst',
      'sysadmin',
    ]) {
      tokens.set(u, (await s.login(u)).accessToken);
    }
  });
  afterAll(async () => {
    await s.close();
  });

  const metadata = { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' };
  let adultCaseId = '';

  it('refuses to submit a screening without interview consent, and stores nothing new', async () => {
    const created = await api.post('atd.caseworker', '/screenings', {
      metadata,
      interviewConsent: { ...ALL_YES, CONSENTS_TO_INTERVIEW: 'NO', givenBy: 'SELF' },
    });
    expect(created.status).toBe(201);
    const submit = await api.post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(submit.status).toBe(409);
    expect(submit.body.code).toBe('INTERVIEW_CONSENT_INCOMPLETE');
    const after = await api.get('atd.caseworker', `/screenings/${created.body.id}`);
    expect(after.body).toMatchObject({ status: 'DRAFT', version: created.body.version });
  });

  it('adult: indicators that just miss, then meet the rule; approval opens a case with a number and no name', async () => {
    const bioData = {
      givenNameLo: CANARY_LAO_GIVEN,
      familyNameLo: CANARY_LAO_FAMILY,
      latinNames: [CANARY_LATIN],
      dateOfBirth: '1996-03-02',
      dobPrecision: 'DAY',
      sex: 'FEMININE',
      citizenship: ['LA'],
    };
    const created = await api.post('atd.caseworker', '/screenings', {
      metadata,
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData,
      recruitment: { narrative: CANARY_STORY },
      indicatorAnswers: ADULT_JUST_MISSES,
    });
    expect(created.status).toBe(201);
    expect(created.body.assessment).toMatchObject({
      label: 'INDICATIVE',
      indicativeResult: 'INDICATORS_NOT_MET',
      profile: 'ADULT_LABOUR',
    });
    expect(created.body.assessment.dimensions.COERCION_AT_DESTINATION.positive).toBe(false);

    const met = await api.patch('atd.caseworker', `/screenings/${created.body.id}`, {
      version: created.body.version,
      indicatorAnswers: ADULT_MEETS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    expect(met.status).toBe(200);
    expect(met.body.assessment).toMatchObject({ indicativeResult: 'POSSIBLE_VICTIM', ruleVersion: expect.any(String) });

    const submitted = await api.post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
      version: met.body.version,
    });
    expect(submitted.status).toBe(200);
    const approved = await api.post('atd.supervisor', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.caseId).toEqual(expect.any(String));
    adultCaseId = approved.body.caseId;

    const c = await api.get('atd.caseworker', `/cases/${adultCaseId}`);
    expect(c.status).toBe(200);
    expect(c.body.caseNumber).toMatch(/^VT-\d{4}-\d{5}$/);
    expect(JSON.stringify(c.body)).not.toContain(CANARY_LAO_FAMILY);
    const list = await api.get('atd.caseworker', '/cases?limit=100');
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(adultCaseId);
    expect(JSON.stringify(list.body)).not.toContain(CANARY_LAO_FAMILY);
  });

  it('finds the same person again from a variant Lao spelling and from another romanisation', async () => {
    const lao = await api.post('atd.caseworker', '/persons/search', {
      name: `${CANARY_LAO_VARIANT}${CANARY_LAO_FAMILY}`,
    });
    expect(lao.status).toBe(200);
    expect(lao.body.candidates[0]?.reasons).toContain('LAO_KEY_EXACT');
    const personId = lao.body.candidates[0]?.personId;
    const latin = await api.post('atd.caseworker', '/persons/search', {
      name: ROMANISATION_VARIANT,
      dateOfBirth: '1996',
    });
    expect(latin.status).toBe(200);
    expect(latin.body.candidates[0]).toMatchObject({
      personId,
      reasons: expect.arrayContaining(['LATIN_KEY_EXACT', 'BIRTH_YEAR']),
    });
    expect(JSON.stringify(latin.body)).not.toMatch(/Souksavanh|Phommachanh/);
  });

  it('child: consent by the child alone is refused naming givenBy; the child profile and rule apply', async () => {
    const child = {
      givenNameLo: 'ນ້ອຍ',
      latinNames: ['Noy'],
      dobPrecision: 'ESTIMATED',
      dateOfBirth: '2011-01-01',
      presumedMinor: true,
      sex: 'MASCULINE',
      guardian: { name: 'ແມ່ຂອງນ້ອຍ', relation: 'MOTHER' },
    };
    const refused = await api.post('atd.caseworker', '/screenings', {
      metadata,
      bioData: child,
      interviewConsent: { ...ALL_YES, givenBy: 'SELF' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: { field: string }) => d.field).join(' ')).toContain('givenBy');

    const created = await api.post('atd.caseworker', '/screenings', {
      metadata,
      bioData: child,
      interviewConsent: { ...ALL_YES, givenBy: 'LEGAL_GUARDIAN', form: 'THUMBPRINT' },
      indicatorAnswers: CHILD_ANSWERS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    expect(created.status).toBe(201);
    const expected = assessIndicators(CHILD_ANSWERS as Parameters<typeof assessIndicators>[0], 'CHILD_LABOUR');
    expect(created.body.isChild).toBe(true);
    expect(created.body.assessment).toMatchObject({
      profile: 'CHILD_LABOUR',
      indicativeResult: expected.indicativeResult,
    });
    const submitted = await api.post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(submitted.status).toBe(200);
    const approved = await api.post('atd.supervisor', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    const c = await api.get('atd.caseworker', `/cases/${approved.body.caseId}`);
    expect(c.body.flags).toContain('CHILD');
  });

  it('an LWU user, an admin, an analyst and an ATD user of another province get a 404 identical to a missing id', async () => {
    const missing = await api.get('atd.caseworker', `/cases/${randomUUID()}`, 'fixed-request-id-42');
    expect(missing.status).toBe(404);
    for (const u of ['lwu.caseworker', 'lwu.admin', 'analyst', 'sysadmin', 'atd.bokeo']) {
      const r = await api.get(u, `/cases/${adultCaseId}`, 'fixed-request-id-42');
      expect({ u, status: r.status, body: withoutRequestId(r.text) }).toEqual({
        u,
        status: 404,
        body: withoutRequestId(missing.text),
      });
    }
    for (const u of ['lwu.caseworker', 'atd.bokeo']) {
      const list = await api.get(u, '/cases?limit=100');
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(adultCaseId);
    }
  });

  it('a superuser SELECT over every table shows no plaintext of the canary name or story', async () => {
    const { rows: tables } = await s.admin.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { t } of tables) {
      const { rows } = await s.admin.query<{ x: string }>(`SELECT string_agg(r::text, ' ') AS x FROM "${t}" r`);
      const text = rows[0]?.x ?? '';
      for (const canary of [CANARY_LAO_FAMILY, 'Souksavanh', 'Phommachanh', CANARY_STORY, CANARY_LAO_GIVEN]) {
        expect({ table: t, found: text.includes(canary) ? canary : null }).toEqual({ table: t, found: null });
      }
    }
  });

  it('the access log lists exactly who read the case', async () => {
    await api.get('atd.supervisor', `/cases/${adultCaseId}`);
    const log = await api.get('atd.supervisor', `/cases/${adultCaseId}/access-log?limit=100`);
    expect(log.status).toBe(200);
    const readers = new Set(
      log.body.items
        .filter((e: { action: string; outcome: string }) => e.action === 'CASE_READ' && e.outcome === 'ALLOWED')
        .map((e: { actor: { username: string } }) => e.actor.username),
    );
    expect([...readers].sort()).toEqual(['atd.caseworker', 'atd.supervisor']);
    const denied = new Set(
      log.body.items
        .filter((e: { outcome: string }) => e.outcome === 'DENIED')
        .map((e: { actor: { username: string } }) => e.actor.username),
    );
    expect([...denied].sort()).toEqual(['atd.bokeo', 'lwu.caseworker']);
    expect((await api.get('atd.caseworker', `/cases/${adultCaseId}/access-log`)).status).not.toBe(200);
  });

  it('`audit:verify` passes on the intact chain and catches a tampered row', () => {
    const main = resolve(__dirname, '../../../dist/apps/api/main.js');
    expect(existsSync(main)).toBe(true); // npm test builds before the integration suite
    const env = { ...process.env, NODE_ENV: 'test', DATABASE_ADMIN_URL: adminUrl(s.dbName) };
    const ok = spawnSync('node', [main, 'audit:verify'], { env, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/audit chain intact: \d+ rows in \d+ sealed blocks verified/);
    return (async () => {
      // audit:verify sealed everything finished: the first case read is inside a sealed block
      // (sealing waits for the oldest transaction still running on the server: retry briefly)
      const sealedRead = () =>
        s.admin.query(
          `SELECT e.seq::text AS seq, b.block::text AS block FROM audit_event e JOIN audit_seal b ON e.xact >= b.xact_from AND e.xact < b.xact_to
           WHERE e.action = 'CASE_READ' ORDER BY e.seq LIMIT 1`,
        );
      let { rows } = await sealedRead();
      for (let i = 0; i < 100 && rows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        await s.admin.query(`SELECT audit_seal(100000)`);
        ({ rows } = await sealedRead());
      }
      expect(rows).toHaveLength(1);
      await s.admin.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
      try {
        await s.admin.query(`UPDATE audit_event SET actor_username = 'someone.else' WHERE seq = $1`, [rows[0].seq]);
      } finally {
        await s.admin.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`);
      }
      const bad = spawnSync('node', [main, 'audit:verify'], { env, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(
        new RegExp(`block ${rows[0].block} \\(transactions \\d+–\\d+\\): its rows do not match the seal`),
      );
    })();
  });
});
