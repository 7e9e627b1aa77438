import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PersonIdentityInput } from '@ctms/domain';
import { PersonWriter } from '../src/persons/person-writer';
import type { RequestContext } from '../src/platform/http/request-context';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId, requestContextOf } from './harness';

/**
 * Finding cases (issue 15 item 4, docs/decisions/0030-case-search.md): POST /cases/search by exact
 * number and by a person's name (Lao, a variant spelling, a romanisation), the list's filters,
 * keyset pages, 400s naming the field, a burst of concurrent searches, and saved filters. Search
 * never finds a case the caller's agency does not lead in scope, nor a RESTRICTED case but for its
 * named users; the authorization matrix asks it for every fixture and every account.
 */
describe('case search, filters and saved filters', () => {
  let s: TestStack;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const persons: Record<string, string> = {};
  const cases: Record<string, string> = {};
  const agencies: Record<string, string> = {};
  const USERS = ['atd.caseworker', 'atd.bokeo', 'atd.supervisor', 'lwu.caseworker', 'lwu.admin'];

  const bearer = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });
  const get = (u: string, path: string) => s.http().get(`/api/v1${path}`).set(bearer(u));
  const post = (u: string, path: string, body: object) => s.http().post(`/api/v1${path}`).set(bearer(u)).send(body);
  const found = async (u: string, body: object): Promise<string[]> => {
    const res = await post(u, '/cases/search', body);
    if (res.status !== 200) throw new Error(`${u} search answered ${res.status}: ${res.text}`);
    return (res.body.items as { id: string }[]).map((i) => i.id);
  };
  const listed = async (u: string, query: string): Promise<string[]> => {
    const res = await get(u, `/cases?limit=100&${query}`);
    if (res.status !== 200) throw new Error(`${u} list answered ${res.status}: ${res.text}`);
    return (res.body.items as { id: string }[]).map((i) => i.id);
  };
  const fieldsOf = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);

  const ctxFor = (username: string): Promise<RequestContext> => requestContextOf(s.admin, username);

  /** A case inserted directly, with the facts the filters read. */
  async function openCase(
    key: string,
    opts: {
      number: string;
      person: string;
      agency: string;
      province: string;
      status?: string;
      flags?: string[];
      riskLevel?: string | null;
      assignedTo?: string | null;
      identification?: string;
    },
  ): Promise<void> {
    const id = randomUUID();
    await s.admin.query(
      `INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, status, identification_status, flags, risk_level, assigned_to_id, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())`,
      [
        id,
        opts.number,
        opts.person,
        agencies[opts.agency],
        opts.province,
        opts.status ?? 'OPEN',
        opts.identification ?? 'POSSIBLE_VICTIM',
        opts.flags ?? [],
        opts.riskLevel ?? null,
        opts.assignedTo ?? null,
      ],
    );
    cases[key] = id;
  }

  beforeAll(async () => {
    s = await startStack();
    for (const u of USERS) {
      const t = await s.login(u);
      tokens[u] = t.accessToken;
      userIds[u] = t.userId;
    }
    for (const r of (await s.admin.query(`SELECT id, code FROM agency`)).rows) agencies[r.code] = r.id;
    const people: Record<string, PersonIdentityInput> = {
      la: {
        givenNameLo: 'ຫຼ້າ',
        familyNameLo: 'ພົມມະຈັນ',
        latinNames: ['Souksavanh Phommachanh'],
        sex: 'FEMALE',
        dateOfBirth: '2009-03-04',
        dobPrecision: 'DAY',
      },
      nou: { givenNameLo: 'ໜູ', familyNameLo: 'ແກ້ວມະນີ', sex: 'FEMALE', dobPrecision: 'UNKNOWN' },
      bounmy: {
        givenNameLo: 'ບຸນມີ',
        familyNameLo: 'ສີສະຫວັດ',
        latinNames: ['Bounmy Sisavath'],
        sex: 'MALE',
        dobPrecision: 'UNKNOWN',
      },
      secret: {
        givenNameLo: 'ສົມໃຈ',
        familyNameLo: 'ວົງສາ',
        latinNames: ['Somchai Vongsa'],
        sex: 'FEMALE',
        dobPrecision: 'UNKNOWN',
      },
      many: {
        givenNameLo: 'ຄຳພອນ',
        familyNameLo: 'ອິນທະວົງ',
        latinNames: ['Khamphone Inthavong'],
        sex: 'FEMALE',
        dobPrecision: 'UNKNOWN',
      },
    };
    const writer = s.app.get(PersonWriter);
    const ctx = await ctxFor('atd.caseworker');
    await s.app.get(DataSource).transaction(async (m) => {
      for (const [k, identity] of Object.entries(people)) persons[k] = await writer.create(m, ctx, identity);
    });
    await openCase('la', {
      number: 'VT-2026-00042',
      person: persons['la'],
      agency: 'MOPS_ATD',
      province: '01',
      flags: ['CHILD'],
      riskLevel: 'HIGH',
    });
    await openCase('laOld', {
      number: 'VT-2025-00007',
      person: persons['la'],
      agency: 'MOPS_ATD',
      province: '01',
      status: 'CLOSED',
      riskLevel: 'LOW',
      assignedTo: userIds['atd.caseworker'],
      identification: 'IDENTIFIED',
    });
    await openCase('nou', { number: 'BK-2026-00001', person: persons['nou'], agency: 'MOPS_ATD', province: '05' });
    await openCase('bounmy', { number: 'VT-2026-00043', person: persons['bounmy'], agency: 'LWU', province: '01' });
    await openCase('secret', {
      number: 'VT-2026-00044',
      person: persons['secret'],
      agency: 'MOPS_ATD',
      province: '01',
      flags: ['RESTRICTED'],
    });
    await s.admin.query(
      `INSERT INTO case_restriction_member (case_id, user_id, added_by_id, added_at) VALUES ($1, $2, $2, now())`,
      [cases['secret'], userIds['atd.supervisor']],
    );
    // one person with many cases (closed ones and the open one), for the pages of a name search
    for (let i = 0; i < 9; i++)
      await openCase(`many${i}`, {
        number: `VT-2024-${String(100 + i).padStart(5, '0')}`,
        person: persons['many'],
        agency: 'MOPS_ATD',
        province: '01',
        status: i === 0 ? 'ACTIVE' : 'CLOSED',
        identification: 'IDENTIFIED',
        assignedTo: userIds['atd.supervisor'],
      });
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('by number', () => {
    it('finds the case by its exact number, in any letter case, and nothing for a near miss', async () => {
      expect(await found('atd.caseworker', { number: 'VT-2026-00042' })).toEqual([cases['la']]);
      expect(await found('atd.caseworker', { number: ' vt-2026-00042 ' })).toEqual([cases['la']]);
      expect(await found('atd.caseworker', { number: 'VT-2026-00041' })).toEqual([]);
    });

    it('never finds a case outside the caller’s agency, scope or restriction', async () => {
      expect(await found('lwu.caseworker', { number: 'VT-2026-00042' })).toEqual([]);
      expect(await found('atd.bokeo', { number: 'VT-2026-00042' })).toEqual([]);
      expect(await found('atd.caseworker', { number: 'BK-2026-00001' })).toEqual([]);
      expect(await found('atd.bokeo', { number: 'BK-2026-00001' })).toEqual([cases['nou']]);
      expect(await found('atd.caseworker', { number: 'VT-2026-00043' })).toEqual([]);
      expect(await found('lwu.caseworker', { number: 'VT-2026-00043' })).toEqual([cases['bounmy']]);
      expect(await found('atd.caseworker', { number: 'VT-2026-00044' })).toEqual([]);
      expect(await found('atd.supervisor', { number: 'VT-2026-00044' })).toEqual([cases['secret']]);
    });

    it('applies the filters to the number too', async () => {
      expect(await found('atd.caseworker', { number: 'VT-2026-00042', status: 'CLOSED' })).toEqual([]);
      expect(await found('atd.caseworker', { number: 'VT-2026-00042', child: 'true' })).toEqual([cases['la']]);
    });

    it('is forbidden to roles without case access', async () => {
      expect((await post('lwu.admin', '/cases/search', { number: 'VT-2026-00042' })).status).toBe(403);
    });
  });

  describe('by name', () => {
    it('finds the cases of a person from the Lao name and from a variant Lao spelling (ຫລ for ຫຼ)', async () => {
      const both = [cases['la'], cases['laOld']].sort();
      expect((await found('atd.caseworker', { name: 'ຫຼ້າ ພົມມະຈັນ' })).sort()).toEqual(both);
      expect((await found('atd.caseworker', { name: 'ຫລ້າ ພົມມະຈັນ' })).sort()).toEqual(both);
    });

    it('finds them from a different romanisation, and a Lao-only person from a romanisation of her name', async () => {
      expect((await found('atd.caseworker', { name: 'Suksawan Pommachan' })).sort()).toEqual(
        [cases['la'], cases['laOld']].sort(),
      );
      expect(await found('atd.bokeo', { name: 'Nou Keomany' })).toEqual([cases['nou']]);
    });

    it('never finds a case outside the caller’s agency, scope or restriction', async () => {
      expect(await found('lwu.caseworker', { name: 'ຫຼ້າ ພົມມະຈັນ' })).toEqual([]);
      expect(await found('atd.bokeo', { name: 'Souksavanh Phommachanh' })).toEqual([]);
      expect(await found('atd.caseworker', { name: 'Nou Keomany' })).toEqual([]);
      expect(await found('atd.caseworker', { name: 'Bounmy Sisavath' })).toEqual([]);
      expect(await found('lwu.caseworker', { name: 'Bounmy Sisavath' })).toEqual([cases['bounmy']]);
      expect(await found('atd.caseworker', { name: 'Somchai Vongsa' })).toEqual([]);
      expect(await found('atd.supervisor', { name: 'Somchai Vongsa' })).toEqual([cases['secret']]);
    });

    it('filters and pages a name search like the list: no row twice, none left out', async () => {
      expect(await found('atd.caseworker', { name: 'ຫຼ້າ ພົມມະຈັນ', status: 'CLOSED' })).toEqual([cases['laOld']]);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await post('atd.caseworker', '/cases/search', {
          name: 'Khamphone Inthavong',
          limit: 4,
          ...(cursor ? { cursor } : {}),
        });
        expect(res.status).toBe(200);
        seen.push(...(res.body.items as { id: string }[]).map((i) => i.id));
        cursor = res.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(9);
      expect(seen.sort()).toEqual(
        Array.from({ length: 9 }, (_, i) => cases[`many${i}`]).sort((a, b) => (a < b ? -1 : 1)),
      );
    });

    it('is audited as CASE_SEARCHED with a keyed hash of the terms, never the name', async () => {
      const before = await lastAuditSeq(s.admin);
      await found('atd.caseworker', { name: 'Souksavanh Phommachanh' });
      await found('atd.caseworker', { name: 'Souksavanh Phommachanh' });
      await found('atd.caseworker', { number: 'VT-2026-00042' });
      const rows = (await auditSince(s.admin, before)).filter((r) => r.action === 'CASE_SEARCHED');
      expect(rows.map((r) => r.outcome)).toEqual(['ALLOWED', 'ALLOWED', 'ALLOWED']);
      const details = rows.map((r) => r.details as { by: string; terms: string; count: number });
      expect(details.map((d) => [d.by, d.count])).toEqual([
        ['NAME', 2],
        ['NAME', 2],
        ['NUMBER', 1],
      ]);
      expect(details[0]?.terms).toMatch(/^[0-9a-f]{64}$/);
      expect(details[0]?.terms).toBe(details[1]?.terms);
      const text = JSON.stringify(
        (await s.admin.query(`SELECT * FROM audit_event WHERE seq > $1`, [before])).rows,
      ).toLowerCase();
      expect(text).not.toContain('souksavanh');
      expect(text).not.toContain('phommachanh');
    });
  });

  describe('filters', () => {
    it('unassigned, risk level, child, restricted, identification, status, province', async () => {
      const sup = (q: string) => listed('atd.supervisor', q).then((ids) => ids.sort());
      const sorted = (...keys: string[]) => keys.map((k) => cases[k]).sort();
      expect(await sup('unassigned=true')).toEqual(sorted('la', 'nou', 'secret'));
      expect(await sup('riskLevel=HIGH')).toEqual(sorted('la'));
      expect(await sup('child=true')).toEqual(sorted('la'));
      expect(await sup('restricted=true')).toEqual(sorted('secret'));
      expect((await sup('restricted=false')).includes(cases['secret'])).toBe(false);
      expect(await sup('identification=IDENTIFIED&status=ACTIVE')).toEqual(sorted('many0'));
      expect(await sup('province=05')).toEqual(sorted('nou'));
      expect(await sup('unassigned=false&identification=IDENTIFIED&status=CLOSED')).toEqual(
        sorted('laOld', ...Array.from({ length: 8 }, (_, i) => `many${i + 1}`)),
      );
      // a caseworker without the restriction does not see the restricted case through any filter
      expect(await listed('atd.caseworker', 'restricted=true')).toEqual([]);
    });

    it('keyset pages over a filter: page after page, no row twice, none left out', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          'atd.supervisor',
          `/cases?identification=IDENTIFIED&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(...(res.body.items as { id: string }[]).map((i) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(10);
    });
  });

  describe('bad input', () => {
    it.each([
      [{}, 'number'],
      [{ number: 'VT/2026/42' }, 'number'],
      [{ number: 42 }, 'number'],
      [{ name: '' }, 'name'],
      [{ name: '!!!' }, 'name'],
      [{ number: 'VT-2026-00042', name: 'La' }, 'name'],
      [{ name: 'La', riskLevel: 'EXTREME' }, 'riskLevel'],
      [{ name: 'La', child: 'yes' }, 'child'],
      [{ name: 'La', identification: 'MAYBE' }, 'identification'],
      [{ name: 'La', limit: 1000 }, 'limit'],
      [{ name: 'La', cursor: '!!' }, 'cursor'],
      [{ name: 'La', cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
      [{ name: 'La', birthName: 'x' }, 'birthName'],
    ])('POST /cases/search %j → 400 naming %s', async (body, field) => {
      const res = await post('atd.caseworker', '/cases/search', body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toContain(field);
      // the name is never echoed back
      expect(res.text).not.toContain('!!!');
    });

    it.each([
      ['unassigned=maybe', 'unassigned'],
      ['child=1', 'child'],
      ['restricted=yes', 'restricted'],
      ['riskLevel=low', 'riskLevel'],
      ['identification=X', 'identification'],
    ])('GET /cases?%s → 400 naming %s', async (query, field) => {
      const res = await get('atd.caseworker', `/cases?${query}`);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toContain(field);
    });
  });

  it('a burst of concurrent searches, by number and by name, each answers the caller’s own cases', async () => {
    const asks: [string, object, string[]][] = [];
    for (let i = 0; i < 6; i++) {
      asks.push(['atd.caseworker', { number: 'VT-2026-00042' }, [cases['la']]]);
      asks.push(['atd.supervisor', { number: 'VT-2026-00044' }, [cases['secret']]]);
      asks.push(['lwu.caseworker', { number: 'VT-2026-00042' }, []]);
      asks.push(['atd.supervisor', { name: 'Somchai Vongsa' }, [cases['secret']]]);
      asks.push(['lwu.caseworker', { name: 'Bounmy Sisavath' }, [cases['bounmy']]]);
      asks.push(['atd.bokeo', { name: 'ໜູ ແກ້ວມະນີ' }, [cases['nou']]]);
    }
    const answers = await Promise.all(asks.map(([u, body]) => post(u, '/cases/search', body)));
    const wrong = answers
      .map((res, i) => {
        const [u, body, expected] = asks[i] ?? ['', {}, []];
        const ids = res.status === 200 ? (res.body.items as { id: string }[]).map((x) => x.id) : null;
        return JSON.stringify(ids) === JSON.stringify(expected) ? null : `${u} ${JSON.stringify(body)}: ${res.status}`;
      })
      .filter((w) => w !== null);
    expect(wrong).toEqual([]);
  });

  describe('saved filters', () => {
    it('saves, lists (only the caller’s own), and deletes; the label is stored encrypted', async () => {
      const saved = await post('atd.caseworker', '/case-filters', {
        label: 'ເດັກ ຄວາມສ່ຽງສູງ Canary-label-Zq8',
        filters: { child: 'true', riskLevel: 'HIGH' },
      });
      expect(saved.status).toBe(201);
      expect(saved.body).toEqual({
        id: expect.any(String),
        label: 'ເດັກ ຄວາມສ່ຽງສູງ Canary-label-Zq8',
        filters: { riskLevel: 'HIGH', child: 'true' },
        createdAt: expect.any(String),
      });
      const mine = await get('atd.caseworker', '/case-filters');
      expect(mine.status).toBe(200);
      expect((mine.body.items as { id: string }[]).map((i) => i.id)).toEqual([saved.body.id]);
      const theirs = await get('atd.supervisor', '/case-filters');
      expect(theirs.body.items).toEqual([]);
      const stored = JSON.stringify((await s.admin.query(`SELECT * FROM case_saved_filter`)).rows);
      expect(stored).not.toContain('Canary-label-Zq8');
      // the saved filters list the cases they say
      const f = saved.body.filters as Record<string, string>;
      expect(await listed('atd.caseworker', new URLSearchParams(f).toString())).toEqual([cases['la']]);

      const other = await s.http().delete(`/api/v1/case-filters/${saved.body.id}`).set(bearer('atd.supervisor'));
      const missing = await s.http().delete(`/api/v1/case-filters/${randomUUID()}`).set(bearer('atd.supervisor'));
      expect(other.status).toBe(404);
      expect(withoutRequestId(other.text)).toBe(withoutRequestId(missing.text));
      const del = await s.http().delete(`/api/v1/case-filters/${saved.body.id}`).set(bearer('atd.caseworker'));
      expect(del.status).toBe(204);
      expect((await get('atd.caseworker', '/case-filters')).body.items).toEqual([]);
    });

    it('refuses bad input naming the field, and more than 20 filters', async () => {
      const bad = [
        [{ label: '', filters: {} }, 'label'],
        [{ label: 'x' }, 'filters'],
        [{ label: 'x', filters: { status: 'NOPE' } }, 'filters.status'],
        [{ label: 'x', filters: { name: 'ຫຼ້າ' } }, 'filters.name'],
        [{ label: 'x', filters: { limit: 5 } }, 'filters.limit'],
      ] as const;
      for (const [body, field] of bad) {
        const res = await post('atd.bokeo', '/case-filters', body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
      for (let i = 0; i < 20; i++)
        expect((await post('atd.bokeo', '/case-filters', { label: `f${i}`, filters: { province: '05' } })).status).toBe(
          201,
        );
      const over = await post('atd.bokeo', '/case-filters', { label: 'f20', filters: {} });
      expect(over.status).toBe(409);
      const page1 = await get('atd.bokeo', '/case-filters?limit=15');
      const page2 = await get('atd.bokeo', `/case-filters?limit=15&cursor=${page1.body.nextCursor}`);
      expect([...page1.body.items, ...page2.body.items].map((i: { label: string }) => i.label)).toEqual(
        Array.from({ length: 20 }, (_, i) => `f${i}`),
      );
      expect(page2.body.nextCursor).toBeNull();
    });

    it('is forbidden to roles without case access', async () => {
      expect((await get('lwu.admin', '/case-filters')).status).toBe(403);
    });
  });
});
