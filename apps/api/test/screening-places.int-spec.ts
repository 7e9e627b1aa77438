import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INTERVIEW_CONSENT_QUESTIONS } from '@ctms/domain';
import { MIGRATIONS } from '@ctms/migrations';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { moveLegacyScreeningPlaces } from '../src/screenings/legacy-places';
import { startStack, TestStack } from './harness';

/**
 * Issue 17 in the API: the screening's district and crossing point are codes (never free text in a
 * plaintext column; a detail goes into the encrypted content), older free text is turned into codes
 * or moved into the encrypted content without loss (decision 0017), a submission needs the minimum a
 * supervisor can act on, and what the screening recorded reaches the case it opens, field by field.
 */
const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const CANARY_PLACE = `canary-place-${randomUUID().slice(0, 8)}`;
const CANARY_ROUTE = `canary-route-${randomUUID().slice(0, 8)}`;

describe('screening places and carry-over', () => {
  let s: TestStack;
  let token = '';
  let supervisor = '';
  const post = (path: string, body: object, t = token) =>
    s.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${t}`).send(body);
  const patch = (id: string, body: object) =>
    s.http().patch(`/api/v1/screenings/${id}`).set('Authorization', `Bearer ${token}`).send(body);
  const rowText = async (id: string) =>
    (await s.admin.query(`SELECT s::text AS t FROM screening s WHERE id = $1`, [id])).rows[0].t as string;

  beforeAll(async () => {
    s = await startStack();
    token = (await s.login('atd.caseworker')).accessToken;
    supervisor = (await s.login('atd.supervisor')).accessToken;
  });
  afterAll(async () => {
    await s.close();
  });

  it('takes district and crossing codes, keeps the free-text detail encrypted, and refuses free text or a district of another province', async () => {
    const created = await post('/screenings', {
      metadata: { provinceCode: '01', district: '0101', crossingPoint: 'INFORMAL', crossingPointDetail: CANARY_PLACE },
      transit: { crossingPoints: ['FRIENDSHIP_BRIDGE_1', 'BOTEN'], crossingPointsDetail: CANARY_ROUTE },
    });
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({
      district: '0101',
      crossingPoint: 'INFORMAL',
      crossingPointDetail: CANARY_PLACE,
    });
    expect(created.body.transit).toEqual({
      crossingPoints: ['FRIENDSHIP_BRIDGE_1', 'BOTEN'],
      crossingPointsDetail: CANARY_ROUTE,
    });
    const text = await rowText(created.body.id);
    expect(text).not.toContain(CANARY_PLACE);
    expect(text).not.toContain(CANARY_ROUTE);

    const before = await rowText(created.body.id);
    for (const [metadata, field] of [
      [{ provinceCode: '01', district: 'Chanthabuly' }, 'metadata.district'],
      [{ provinceCode: '01', district: '0501' }, 'metadata.district'],
      [{ provinceCode: '01', crossingPoint: 'the bridge' }, 'metadata.crossingPoint'],
    ] as const) {
      const bad = await patch(created.body.id, { version: created.body.version, metadata });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    }
    const badTransit = await patch(created.body.id, {
      version: created.body.version,
      transit: { crossingPoints: ['behind the temple'] },
    });
    expect(badTransit.status).toBe(400);
    expect(badTransit.body.details[0].field).toBe('transit.crossingPoints');
    expect(await rowText(created.body.id)).toBe(before);
  });

  it('turns older free text into codes where it names one and moves the rest into the encrypted content', async () => {
    const created = await post('/screenings', { metadata: { provinceCode: '01' }, transit: { narrative: 'x' } });
    const matched = await post('/screenings', { metadata: { provinceCode: '01' } });
    const cipher = s.app.get(FieldCipher);
    // the columns as they were before the codes: drop the checks, write free text the old way
    await s.admin.query(
      `ALTER TABLE screening DROP CONSTRAINT "CHK_screening_district_code", DROP CONSTRAINT "CHK_screening_crossing_point_code"`,
    );
    await s.admin.query(`UPDATE screening SET district = $2, crossing_point = $3 WHERE id = $1`, [
      created.body.id,
      `ບ້ານ ${CANARY_PLACE}`,
      `path near ${CANARY_PLACE}`,
    ]);
    await s.admin.query(`UPDATE screening SET district = 'ເມືອງ ຈັນທະບູລີ', crossing_point = 'Boten' WHERE id = $1`, [
      matched.body.id,
    ]);
    const legacyTransit = cipher.encryptJson(
      { transit: { crossingPoints: ['Boten', 'a boat at night'] } },
      { table: 'screening', column: 'content_enc', rowId: matched.body.id },
    );
    await s.admin.query(`UPDATE screening SET content_enc = $2 WHERE id = $1`, [matched.body.id, legacyTransit]);

    const ds = new DataSource({ type: 'postgres', url: `postgres://postgres@127.0.0.1:5432/${s.dbName}` });
    await ds.initialize();
    try {
      const runner = ds.createQueryRunner();
      const Migration = MIGRATIONS.find((m) => m.name === 'AddScreeningPlaceCodes1795925000000');
      if (!Migration) throw new Error('migration AddScreeningPlaceCodes is not listed');
      await new Migration().up(runner);
      await runner.release();
      expect(await moveLegacyScreeningPlaces(ds, cipher)).toBe(2);
      expect(await moveLegacyScreeningPlaces(ds, cipher)).toBe(0);
    } finally {
      await ds.destroy();
    }
    const cols = await s.admin.query(`SELECT id, district, crossing_point FROM screening WHERE id = ANY($1)`, [
      [created.body.id, matched.body.id],
    ]);
    expect(
      Object.fromEntries(
        cols.rows.map((r: { id: string; district: string | null; crossing_point: string }) => [
          r.id,
          [r.district, r.crossing_point],
        ]),
      ),
    ).toEqual({
      [created.body.id]: [null, 'OTHER'],
      [matched.body.id]: ['0101', 'BOTEN'],
    });
    expect(await rowText(created.body.id)).not.toContain(CANARY_PLACE);
    const moved = await s.http().get(`/api/v1/screenings/${created.body.id}`).set('Authorization', `Bearer ${token}`);
    expect(moved.body.metadata).toMatchObject({
      district: null,
      districtDetail: `ບ້ານ ${CANARY_PLACE}`,
      crossingPoint: 'OTHER',
      crossingPointDetail: `path near ${CANARY_PLACE}`,
    });
    expect(moved.body.transit).toEqual({ narrative: 'x' });
    const transit = await s.http().get(`/api/v1/screenings/${matched.body.id}`).set('Authorization', `Bearer ${token}`);
    expect(transit.body.transit).toEqual({ crossingPointsDetail: 'Boten\na boat at night' });
    // the checks hold again
    await expect(
      s.admin.query(`UPDATE screening SET district = 'Xaythany' WHERE id = $1`, [created.body.id]),
    ).rejects.toThrow(/CHK_screening_district_code/);
  });

  it('refuses to submit without the minimum a supervisor can act on, naming each gap by field', async () => {
    const d = await post('/screenings', {
      metadata: { provinceCode: '01' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF' },
      bioData: { latinNames: ['Only Latin'] },
    });
    const r = await post(`/screenings/${d.body.id}/submit`, { version: d.body.version });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('SUBMIT_REQUIREMENTS_MISSING');
    expect(r.body.details).toEqual([
      { field: 'bioData.givenNameLo', problems: ['NAME_OR_ALIAS'] },
      { field: 'bioData.sex', problems: ['SEX'] },
      { field: 'bioData.dateOfBirth', problems: ['AGE_OR_BIRTH_YEAR'] },
      { field: 'indicatorAnswers', problems: ['RECRUITMENT_ANSWERS'] },
      { field: 'indicatorAnswers', problems: ['EXPLOITATION_ANSWERS'] },
      { field: 'interviewerAssessment', problems: ['INTERVIEWER_ASSESSMENT'] },
    ]);
    // an alias, a sex, an age and two answers are enough; the alias names the person created at approval
    const fixed = await patch(d.body.id, {
      version: d.body.version,
      bioData: { nicknames: ['ນ້ອຍ'], sex: 'MASCULINE', ageAtInterview: 24 },
      indicatorAnswers: [
        { code: 'CR01', answer: 'UNKNOWN' },
        { code: 'EX03', answer: 'ABSENT' },
      ],
      interviewerAssessment: 'INCONCLUSIVE',
    });
    expect(fixed.status).toBe(200);
    const ok = await post(`/screenings/${d.body.id}/submit`, { version: fixed.body.version });
    expect(ok.status).toBe(200);
    const approved = await post(`/screenings/${d.body.id}/approve`, { version: ok.body.version }, supervisor);
    expect(approved.status).toBe(200);
    expect(approved.body.personId).toEqual(expect.any(String));
  });

  it('carries destination, journey, control methods, narratives and needs into the case, field by field', async () => {
    const screening = {
      metadata: { provinceCode: '01', interviewAt: '2026-01-15T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: { givenNameLo: 'ບົວ', sex: 'FEMININE', dateOfBirth: '1999-01-01', dobPrecision: 'YEAR' },
      recruitment: {
        dateLeftHome: '2025-03-01',
        promisedJob: 'ຮ້ານອາຫານ',
        promisedLocation: 'ບາງກອກ',
        narrative: 'ໝູ່ຊວນໄປ',
      },
      transit: {
        crossingPoints: ['FRIENDSHIP_BRIDGE_1'],
        events: [{ date: '2025-03-02', country: 'TH', place: 'ໜອງຄາຍ', description: 'ລົດເມ' }],
        narrative: 'ຂ້າມຂົວ',
      },
      destinationAndExploitation: {
        country: 'TH',
        city: 'ບາງກອກ',
        exploitationTypes: ['FORCED_LABOUR'],
        meansOfControl: ['DEBT_BONDAGE'],
        actualVersusPromisedWork: 'ໂຮງງານ',
        narrative: 'ເຮັດວຽກ 14 ຊົ່ວໂມງ',
      },
      needsAndRisks: { servicesNeeded: ['SHELTER', 'MEDICAL'] },
      indicatorAnswers: [
        { code: 'DR01', answer: 'PRESENT' },
        { code: 'EX01', answer: 'PRESENT' },
      ],
      interviewerAssessment: 'POSSIBLE_VICTIM',
    };
    const d = await post('/screenings', screening);
    expect(d.status).toBe(201);
    const sub = await post(`/screenings/${d.body.id}/submit`, { version: d.body.version });
    const approved = await post(`/screenings/${d.body.id}/approve`, { version: sub.body.version }, supervisor);
    expect(approved.body.caseId).toEqual(expect.any(String));
    const c = (await s.http().get(`/api/v1/cases/${approved.body.caseId}`).set('Authorization', `Bearer ${token}`))
      .body;
    expect(c.destinationCountries).toEqual([screening.destinationAndExploitation.country]);
    expect(c.exploitationTypes).toEqual(screening.destinationAndExploitation.exploitationTypes);
    expect([...c.needs].sort()).toEqual([...screening.needsAndRisks.servicesNeeded].sort());
    expect(c.exploitation.meansOfControl).toEqual(screening.destinationAndExploitation.meansOfControl);
    expect(c.exploitation.journeyEvents).toEqual([
      { stage: 'RECRUITMENT', place: 'ບາງກອກ', date: '2025-03-01', description: 'ຮ້ານອາຫານ' },
      { stage: 'TRANSIT', place: 'ໜອງຄາຍ, ໄທ', date: '2025-03-02', description: 'ລົດເມ' },
      { stage: 'TRANSIT', place: 'ຂົວມິດຕະພາບ ລາວ-ໄທ ແຫ່ງທີ 1 (ທ່ານາແລ້ງ)', date: null, description: null },
      { stage: 'EXPLOITATION', place: 'ບາງກອກ, ໄທ', date: null, description: 'ໂຮງງານ' },
    ]);
    for (const n of [
      screening.recruitment.narrative,
      screening.transit.narrative,
      screening.destinationAndExploitation.narrative,
    ])
      expect(c.exploitation.narrative).toContain(n);
  });
});
