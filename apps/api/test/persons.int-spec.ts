import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PersonIdentityInput } from '@ctms/domain';
import { PERSON_NAME_KEYS_VERSION } from '../src/persons/name-index';
import { rekeyPersons } from '../src/persons/person-rekey';
import { PersonSearchService } from '../src/persons/person-search.service';
import { PersonRepository } from '../src/persons/person.repository';
import { PersonWriter } from '../src/persons/person-writer';
import type { RequestContext } from '../src/platform/http/request-context';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId, requestContextOf } from './harness';

/** Canary names: none of these strings may appear anywhere in the person table as stored. */
const CANARY_LO = 'ຄໍາແສງ';
const CANARY_FAMILY_LO = 'ວົງສະຫວັນ';
const CANARY_LATIN = 'Khamsaeng Vongsavanh';

interface Candidate {
  personId: string;
  score: number;
  reasons: string[];
  display: { initials: string; birthYear?: number; sex?: string; caseNumbers: string[] };
}

describe('persons: duplicate search, person record, merge and undo', () => {
  let s: TestStack;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const caseIds: Record<string, string> = {};

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (who: string, path: string) => s.http().get(`/api/v1${path}`).set(bearer(tokens[who]));
  const post = (who: string, path: string, body: object) =>
    s.http().post(`/api/v1${path}`).set(bearer(tokens[who])).send(body);
  const search = async (who: string, body: object): Promise<Candidate[]> => {
    const res = await post(who, '/persons/search', body);
    expect(res.status).toBe(200);
    return res.body.candidates;
  };

  async function audited(fn: () => Promise<unknown>) {
    const before = await lastAuditSeq(s.admin);
    await fn();
    return auditSince(s.admin, before);
  }

  const ctxFor = (username: string): Promise<RequestContext> => requestContextOf(s.admin, username);

  async function agencyId(code: string): Promise<string> {
    return (await s.admin.query(`SELECT id FROM agency WHERE code = $1`, [code])).rows[0].id;
  }

  async function openCase(key: string, personId: string, agency: string, province: string): Promise<void> {
    const id = randomUUID();
    await s.admin.query(
      `INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, opened_at) VALUES ($1, $2, $3, $4, $5, now())`,
      [id, `T${province}-2026-${key}`, personId, await agencyId(agency), province],
    );
    caseIds[key] = id;
  }

  beforeAll(async () => {
    s = await startStack();
    for (const u of ['atd.caseworker', 'atd.bokeo', 'atd.supervisor', 'lwu.caseworker', 'lwu.admin'])
      tokens[u] = (await s.login(u)).accessToken;
    const writer = s.app.get(PersonWriter);
    const ds = s.app.get(DataSource);
    const ctx = await ctxFor('atd.caseworker');
    const people: Record<string, PersonIdentityInput> = {
      la: {
        givenNameLo: 'ຫຼ້າ',
        familyNameLo: 'ພົມມະຈັນ',
        latinNames: ['Souksavanh Phommachanh'],
        sex: 'FEMALE',
        dateOfBirth: '1998-03-04',
        dobPrecision: 'DAY',
        documents: [{ type: 'NATIONAL_ID', number: 'AB 123-456' }],
        phone: '+856 20 5555 1234',
      },
      nou: {
        givenNameLo: 'ໜູ',
        familyNameLo: 'ແກ້ວມະນີ',
        nicknames: ['Noy'],
        sex: 'FEMALE',
        dateOfBirth: '2010-01-01',
        dobPrecision: 'YEAR',
        presumedMinor: true,
      },
      bounmy: {
        givenNameLo: 'ບຸນມີ',
        familyNameLo: 'ສີສະຫວັດ',
        latinNames: ['Bounmy Sisavath'],
        sex: 'MALE',
        dobPrecision: 'UNKNOWN',
      },
      dup: {
        givenNameLo: 'ຫລ້າ',
        familyNameLo: 'ພົມມະຈັນ',
        latinNames: ['Suksawan Pommachan'],
        sex: 'FEMALE',
        dateOfBirth: '1998-01-01',
        dobPrecision: 'ESTIMATED',
      },
      canary: {
        givenNameLo: CANARY_LO,
        familyNameLo: CANARY_FAMILY_LO,
        latinNames: [CANARY_LATIN],
        nicknames: ['Canaryboy'],
        dobPrecision: 'UNKNOWN',
        safeContactMethod: 'call the canary aunt',
      },
    };
    const audit = await audited(() =>
      ds.transaction(async (m) => {
        for (const [k, identity] of Object.entries(people)) ids[k] = await writer.create(m, ctx, identity);
      }),
    );
    const created = audit.map((a) => [a.action, a.object_type, a.object_id].join(' ')).sort();
    expect(created).toEqual(
      Object.keys(people)
        .map((k) => `PERSON_CREATED person ${ids[k]}`)
        .sort(),
    );
    await openCase('00001', ids['la'], 'MOPS_ATD', '01');
    await openCase('00002', ids['nou'], 'MOPS_ATD', '05');
    await openCase('00003', ids['bounmy'], 'LWU', '01');
    await openCase('00004', ids['dup'], 'MOPS_ATD', '01');
    await openCase('00005', ids['canary'], 'MOPS_ATD', '01');
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('duplicate search', () => {
    it('finds the same person again from a variant Lao spelling (ຫລ for ຫຼ), with the reason, and leaves the unrelated out', async () => {
      const found = await search('atd.caseworker', { name: 'ຫລ້າ ພົມມະຈັນ' });
      const la = found.find((c) => c.personId === ids['la']);
      expect(la?.reasons).toContain('LAO_KEY_EXACT');
      expect(la?.score).toBeGreaterThan(0.8);
      expect(la?.display).toEqual({
        initials: 'S.P.',
        birthYear: 1998,
        sex: 'FEMALE',
        caseNumbers: ['T01-2026-00001'],
      });
      expect(found.map((c) => c.personId)).toContain(ids['dup']);
      expect(found.map((c) => c.personId)).not.toContain(ids['bounmy']);
      expect(found.map((c) => c.personId)).not.toContain(ids['canary']);
    });

    it('folds ໜ and ຫນ, and returns only persons the caller may see (a case in another province is "elsewhere")', async () => {
      const res = await post('atd.caseworker', '/persons/search', { name: 'ຫນູ ແກ້ວມະນີ' });
      // the person's only case is in Bokeo, outside the Vientiane caseworker's scope: not listed, only "elsewhere"
      expect(res.body.candidates.map((c: Candidate) => c.personId)).not.toContain(ids['nou']);
      expect(res.body.possibleMatchElsewhere).toBe(true);
      const found = await search('atd.bokeo', { name: 'ຫນູ ແກ້ວມະນີ' });
      expect(found[0].personId).toBe(ids['nou']);
      expect(found[0].reasons).toContain('LAO_KEY_EXACT');
      const bokeo = await search('atd.bokeo', { name: 'ຫນູ' });
      expect(bokeo[0].personId).toBe(ids['nou']);
      expect(bokeo[0].display).toEqual({
        initials: 'ໜ.ກ.',
        birthYear: 2010,
        sex: 'FEMALE',
        caseNumbers: ['T05-2026-00002'],
      });
    });

    it('finds a misspelt Lao name as similar', async () => {
      const found = await search('atd.caseworker', { name: 'ຫຼ້າ ພົມມາຈັນ' });
      const la = found.find((c) => c.personId === ids['la']);
      expect(la?.reasons).toContain('LAO_KEY_SIMILAR');
      expect(found.map((c) => c.personId)).not.toContain(ids['bounmy']);
    });

    it('finds the same person from a different romanisation, with the birth year', async () => {
      const found = await search('atd.caseworker', { name: 'Suksawan Pommachan', dateOfBirth: '1998' });
      const la = found.find((c) => c.personId === ids['la']);
      expect(la?.reasons).toEqual(expect.arrayContaining(['LATIN_KEY_EXACT', 'BIRTH_YEAR']));
      const reversed = await search('atd.caseworker', { name: 'Phommachan Souksavan' });
      expect(reversed.find((c) => c.personId === ids['la'])?.reasons).toContain('LATIN_KEY_EXACT');
      expect(found.map((c) => c.personId)).not.toContain(ids['bounmy']);
      const nick = await search('atd.bokeo', { name: 'Noi' });
      expect(nick[0]?.personId).toBe(ids['nou']);
      expect(nick[0]?.reasons).toEqual(['NICKNAME']);
    });

    it('finds a person recorded in Lao only from a Latin romanisation of the name (issue 19)', async () => {
      // ໜູ ແກ້ວມະນີ has no Latin name: her keys hold the romanisations of the Lao name
      const found = await search('atd.bokeo', { name: 'Nou Keomany' });
      expect(found[0]?.personId).toBe(ids['nou']);
      expect(found[0]?.reasons).toContain('LATIN_KEY_EXACT');
      const other = await search('atd.bokeo', { name: 'Noo Kaewmani', dateOfBirth: '2010' });
      expect(other[0]?.personId).toBe(ids['nou']);
      expect(other[0]?.reasons).toEqual(expect.arrayContaining(['LATIN_KEY_EXACT', 'BIRTH_YEAR']));
    });

    it('an exact namesake never hides the right person’s variant (issue 19)', async () => {
      const writer = s.app.get(PersonWriter);
      const ds = s.app.get(DataSource);
      const ctx = await ctxFor('atd.caseworker');
      const namesakes: string[] = [];
      let target = '';
      await ds.transaction(async (m) => {
        for (let i = 0; i < 30; i++) {
          namesakes.push(
            await writer.create(m, ctx, {
              givenNameLo: 'ຄຳພອນ',
              familyNameLo: 'ອິນທະວົງ',
              latinNames: ['Khamphone Inthavong'],
              dateOfBirth: '1980-01-01',
              dobPrecision: 'YEAR',
            }),
          );
        }
        target = await writer.create(m, ctx, {
          givenNameLo: 'ຄຳພອນ',
          familyNameLo: 'ອິນທະວົງສາ',
          latinNames: ['Khamphon Inthavongsa'],
          dateOfBirth: '1995-05-05',
          dobPrecision: 'DAY',
        });
      });
      for (const [i, id] of [...namesakes, target].entries())
        await openCase(`1${String(i).padStart(4, '0')}`, id, 'MOPS_ATD', '01');
      const search20 = s.app.get(PersonSearchService);
      // a first stage of 20 rows: 30 exact namesakes do not take every place from the near variant
      const first = await search20.firstStage('Khamphone Inthavong', 20);
      expect(first).toHaveLength(20);
      expect(first).toContain(target);
      // and with the birth year the variant ranks first, its reasons saying why
      const found = await search('atd.caseworker', { name: 'Khamphone Inthavong', dateOfBirth: '1995' });
      expect(found[0]?.personId).toBe(target);
      expect(found[0]?.reasons).toEqual(expect.arrayContaining(['BIRTH_YEAR']));
      expect(found[0]?.reasons.some((r) => r === 'LATIN_KEY_SIMILAR' || r === 'LAO_KEY_SIMILAR')).toBe(true);
      // by the name alone the namesakes come first (same name), the variant is still among the candidates considered
      const byName = await search20.firstStage('Khamphone Inthavong', 100);
      expect(byName).toContain(target);
    });

    it('finds a document number written with other spaces and dashes, ranked first', async () => {
      const found = await search('atd.caseworker', { name: 'Bounmy', documentNumber: 'ab-12 34 56' });
      expect(found[0].personId).toBe(ids['la']);
      expect(found[0].reasons).toEqual(['DOCUMENT']);
      // Bounmy is LWU's: MoPS ATD never gets another agency's person from a search
      expect(found.map((c) => c.personId)).not.toContain(ids['bounmy']);
    });

    it('returns no name and audits one row with the result count only, never the query', async () => {
      let body = '';
      const audit = await audited(async () => {
        const res = await post('atd.caseworker', '/persons/search', { name: CANARY_LATIN, documentNumber: 'ZZ999' });
        expect(res.status).toBe(200);
        body = res.text;
      });
      const parsed = JSON.parse(body) as { candidates: Candidate[] };
      expect(parsed.candidates[0].personId).toBe(ids['canary']);
      expect(parsed.candidates[0].display.initials).toBe('K.V.');
      for (const secret of [CANARY_LO, CANARY_FAMILY_LO, 'Khamsaeng', 'Vongsavanh', 'Canaryboy', 'canary aunt'])
        expect(body).not.toContain(secret);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'PERSON_SEARCHED',
        outcome: 'ALLOWED',
        actor_username: 'atd.caseworker',
        details: { resultCount: parsed.candidates.length },
      });
      expect(JSON.stringify(audit)).not.toMatch(/Khamsaeng|ZZ999/);
    });

    it('refuses bad input, naming the field', async () => {
      const bad = await post('atd.caseworker', '/persons/search', { name: 'Noy', dateOfBirth: '2026-02-30' });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([{ field: 'dateOfBirth', problems: [expect.stringContaining('real date')] }]);
      expect((await post('atd.caseworker', '/persons/search', { name: 'Noy', limit: 21 })).status).toBe(400);
      expect((await post('atd.caseworker', '/persons/search', { name: '' })).status).toBe(400);
      expect((await post('atd.caseworker', '/persons/search', { name: '!!!' })).body.details).toEqual([
        { field: 'name', problems: ['name must contain letters'] },
      ]);
      const extra = await post('atd.caseworker', '/persons/search', { name: 'Noy', village: 'x' });
      expect(extra.status).toBe(400);
      expect(JSON.stringify(extra.body)).toContain('village');
      expect((await post('lwu.admin', '/persons/search', { name: 'Noy' })).status).toBe(403);
    });
  });

  describe('re-key job', () => {
    it('re-derives the search columns of persons keyed by an older derivation, resumably', async () => {
      const ds = s.app.get(DataSource);
      const repo = s.app.get(PersonRepository);
      const { rows: before } = await s.admin.query(
        `SELECT name_grams::text AS g, name_bidx::text AS b FROM person WHERE id = $1`,
        [ids['nou']],
      );
      // as a row written before issue 19 would be: older version, columns without the romanised keys
      await s.admin.query(
        `UPDATE person SET name_keys_version = 0, name_bidx = '{}', name_grams = '{}' WHERE id = ANY($1::uuid[])`,
        [[ids['nou'], ids['bounmy']]],
      );
      expect((await search('atd.bokeo', { name: 'Nou Keomany' })).map((c) => c.personId)).not.toContain(ids['nou']);
      // stopped after one batch of one row: one left, and a second run finishes
      const first = await rekeyPersons(ds, repo, { batch: 1, maxBatches: 1 });
      expect(first).toEqual({ read: 1, written: 1, left: 1 });
      const second = await rekeyPersons(ds, repo, { batch: 1 });
      expect(second).toEqual({ read: 1, written: 1, left: 0 });
      const { rows: after } = await s.admin.query(
        `SELECT name_grams::text AS g, name_bidx::text AS b, name_keys_version AS v FROM person WHERE id = $1`,
        [ids['nou']],
      );
      expect(after[0]).toEqual({ ...before[0], v: PERSON_NAME_KEYS_VERSION });
      expect((await search('atd.bokeo', { name: 'Nou Keomany' }))[0]?.personId).toBe(ids['nou']);
    });
  });

  describe('storage', () => {
    it('holds no plaintext of a canary name, Lao or Latin, nor of its keys', async () => {
      const { rows } = await s.admin.query(`SELECT p::text AS t FROM person p`);
      const all = rows
        .map((r: { t: string }) => r.t)
        .join('\n')
        .toLowerCase();
      expect(rows.length).toBeGreaterThanOrEqual(5);
      // the phone as its digit run: four digits alone ('5555') also occur by chance in the decimal gram hashes of ~40 persons
      for (const secret of [
        CANARY_LO,
        CANARY_FAMILY_LO,
        'ຄໍາ',
        'khamsaeng',
        'vongsavanh',
        'kamseng',
        'vongsavan',
        'canaryboy',
        'canary aunt',
        'ab123456',
        '55551234',
        '5555 1234',
      ]) {
        expect([secret, all.includes(secret)]).toEqual([secret, false]);
      }
    });
  });

  describe('person record', () => {
    it('shows the person to a worker who may open one of its cases, with one audit row', async () => {
      const audit = await audited(async () => {
        const res = await get('atd.caseworker', `/persons/${ids['la']}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          id: ids['la'],
          mergedInto: null,
          sex: 'FEMALE',
          identity: {
            givenNameLo: 'ຫຼ້າ',
            familyNameLo: 'ພົມມະຈັນ',
            latinNames: ['Souksavanh Phommachanh'],
            dobPrecision: 'DAY',
          },
          contact: { phone: '+856 20 5555 1234' },
        });
        expect(res.body.identity.phone).toBeUndefined();
        expect(JSON.stringify(res.body)).not.toMatch(/grams|bidx|_enc/i);
      });
      expect(audit.map((a) => [a.action, a.outcome, a.object_id])).toEqual([['PERSON_READ', 'ALLOWED', ids['la']]]);
    });

    it('answers an LWU user, an ATD user of another province and an admin exactly like a random id', async () => {
      for (const who of ['lwu.caseworker', 'atd.bokeo', 'lwu.admin']) {
        const requestId = `person-scope-${who}`;
        const theirs = await get(who, `/persons/${ids['la']}`).set('X-Request-Id', requestId);
        const nobody = await get(who, `/persons/${randomUUID()}`).set('X-Request-Id', requestId);
        expect([who, theirs.status]).toEqual([who, 404]);
        expect(withoutRequestId(theirs.text)).toBe(withoutRequestId(nobody.text));
        expect(theirs.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: 'Not found',
          requestId: expect.any(String),
        });
      }
      const audit = await audited(() => get('lwu.caseworker', `/persons/${ids['la']}`));
      expect(audit.map((a) => [a.action, a.outcome])).toEqual([['PERSON_READ', 'DENIED']]);
    });
  });

  describe('merge and undo', () => {
    it('merges the duplicate into the survivor, and undoes it exactly', async () => {
      const before = (await s.admin.query(`SELECT id, person_id FROM case_record ORDER BY id`)).rows;
      let mergeId = '';
      const audit = await audited(async () => {
        const res = await post('atd.supervisor', `/persons/${ids['la']}/merge`, {
          mergeId: ids['dup'],
          reason: 'same woman, two screenings',
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ survivorId: ids['la'], mergedId: ids['dup'], undoneAt: null });
        mergeId = res.body.id;
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'PERSON_MERGED',
        outcome: 'ALLOWED',
        object_id: ids['la'],
        reason: 'same woman, two screenings',
        details: { mergeId, mergedId: ids['dup'], screenings: 0, cases: 1 },
      });

      const moved = await s.admin.query(`SELECT person_id FROM case_record WHERE id = $1`, [caseIds['00004']]);
      expect(moved.rows[0].person_id).toBe(ids['la']);
      const events = await s.admin.query(`SELECT kind, details FROM case_event WHERE case_id = $1`, [caseIds['00004']]);
      expect(events.rows).toEqual([{ kind: 'PERSON_MERGED', details: { mergeId } }]);
      const tomb = await get('atd.supervisor', `/persons/${ids['dup']}`);
      expect(tomb.status).toBe(200);
      expect(tomb.body).toEqual({ id: ids['dup'], mergedInto: ids['la'] });
      const found = await search('atd.supervisor', { name: 'ຫລ້າ ພົມມະຈັນ' });
      expect(found.map((c) => c.personId)).not.toContain(ids['dup']);
      expect(found.find((c) => c.personId === ids['la'])?.display.caseNumbers).toEqual([
        'T01-2026-00001',
        'T01-2026-00004',
      ]);

      // refusals: into itself, into or from a tombstone, again; a caseworker; a person out of scope
      const refused = await audited(async () => {
        const self = await post('atd.supervisor', `/persons/${ids['la']}/merge`, {
          mergeId: ids['la'],
          reason: 'oops',
        });
        expect([self.status, self.body.code]).toEqual([409, 'MERGE_INTO_SELF']);
      });
      expect(refused.map((a) => [a.action, a.outcome, a.object_id, a.reason])).toEqual([
        ['PERSON_MERGED', 'DENIED', ids['la'], 'MERGE_INTO_SELF'],
      ]);
      const intoTomb = await post('atd.supervisor', `/persons/${ids['dup']}/merge`, {
        mergeId: ids['canary'],
        reason: 'oops',
      });
      expect([intoTomb.status, intoTomb.body.code]).toEqual([409, 'PERSON_IS_MERGED']);
      const again = await post('atd.supervisor', `/persons/${ids['la']}/merge`, {
        mergeId: ids['dup'],
        reason: 'oops',
      });
      expect([again.status, again.body.code]).toEqual([409, 'PERSON_IS_MERGED']);
      expect(
        (await post('atd.caseworker', `/persons/${ids['la']}/merge`, { mergeId: ids['canary'], reason: 'oops' }))
          .status,
      ).toBe(404);
      const notTheirs = await post('atd.supervisor', `/persons/${ids['la']}/merge`, {
        mergeId: ids['bounmy'],
        reason: 'LWU case',
      });
      expect(notTheirs.status).toBe(404);
      expect(
        (await s.admin.query(`SELECT merged_into_id FROM person WHERE id = $1`, [ids['bounmy']])).rows[0]
          .merged_into_id,
      ).toBeNull();

      const undo = await audited(async () => {
        const res = await post('atd.supervisor', `/persons/merges/${mergeId}/undo`, {
          reason: 'two different women after all',
        });
        expect(res.status).toBe(200);
        expect(res.body.undoneAt).toEqual(expect.any(String));
      });
      expect(undo).toHaveLength(1);
      expect(undo[0]).toMatchObject({
        action: 'PERSON_MERGE_UNDONE',
        outcome: 'ALLOWED',
        reason: 'two different women after all',
        details: { mergeId, cases: 1, screenings: 0 },
      });
      expect((await s.admin.query(`SELECT id, person_id FROM case_record ORDER BY id`)).rows).toEqual(before);
      expect(
        (await s.admin.query(`SELECT merged_into_id FROM person WHERE id = $1`, [ids['dup']])).rows[0].merged_into_id,
      ).toBeNull();
      const twice = await post('atd.supervisor', `/persons/merges/${mergeId}/undo`, { reason: 'again' });
      expect([twice.status, twice.body.code]).toEqual([409, 'MERGE_ALREADY_UNDONE']);
      expect((await post('lwu.caseworker', `/persons/merges/${mergeId}/undo`, { reason: 'not mine' })).status).toBe(
        404,
      );
      expect((await get('atd.supervisor', `/persons/${ids['dup']}`)).body.mergedInto).toBeNull();
    });
  });
});
