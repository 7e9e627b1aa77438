import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { seedAgencyByCode, type Role } from '@ctms/domain';
import { CaseOpener, type OpenCaseInput } from '../src/cases/case-opener';
import type { Actor, RequestContext } from '../src/platform/http/request-context';
import { appUrl } from './db';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';

const CANARY = 'Canary-narrative-Xq7Zp-Somphone-ran-away-from-the-factory';
const CANARY_NOTE = 'Canary-note-Mw3Kd-safe-house-near-the-market';
const CANARY_REASONS = 'Canary-reasons-Lp9Vb-indicators-verified';

describe('cases: opening, need-to-know, workflow, notes, timeline, access log, concurrency', () => {
  let s: TestStack;
  let ds: DataSource;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const agencies: Record<string, string> = {};
  const year = Number(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Vientiane',
      year: 'numeric',
    }).format(new Date()),
  );

  const USERS = [
    'atd.caseworker',
    'atd.bokeo',
    'atd.supervisor',
    'atd.investigator',
    'lwu.caseworker',
    'lwu.supervisor',
    'lwu.admin',
    'sysadmin',
    'analyst',
  ] as const;
  type User = (typeof USERS)[number];

  beforeAll(async () => {
    s = await startStack();
    ds = s.app.get(DataSource);
    for (const u of USERS) {
      const t = await s.login(u);
      tokens[u] = t.accessToken;
      ids[u] = t.userId;
    }
    const { rows } = await s.admin.query(`SELECT id, code FROM agency`);
    for (const r of rows) agencies[r.code] = r.id;
  });
  afterAll(async () => {
    await s.close();
  });

  const bearer = (u: User) => ({ Authorization: `Bearer ${tokens[u]}` });
  const get = (u: User, path: string, requestId?: string) => {
    const req = s.http().get(`/api/v1${path}`).set(bearer(u));
    return requestId ? req.set('X-Request-Id', requestId) : req;
  };
  const post = (u: User, path: string, body: object) => s.http().post(`/api/v1${path}`).set(bearer(u)).send(body);
  const patch = (u: User, path: string, body: object) => s.http().patch(`/api/v1${path}`).set(bearer(u)).send(body);

  function ctxFor(username: User, agencyCode: string, roles: Role[], provinces: string[] | 'all'): RequestContext {
    const actor: Actor = {
      userId: ids[username] ?? '',
      username,
      agencyId: agencies[agencyCode] ?? '',
      agencyCode,
      capabilities: [...(seedAgencyByCode(agencyCode)?.capabilities ?? [])],
      roles,
      allProvinces: provinces === 'all',
      provinces: provinces === 'all' ? [] : provinces,
    };
    return { actor, requestId: `test-${randomUUID()}`, sourceIp: null };
  }

  /** A person row made directly (the persons feature owns the real writer); identity_enc is opaque here. */
  async function newPerson(agencyCode = 'MOPS_ATD'): Promise<string> {
    const id = randomUUID();
    await s.admin.query(
      `INSERT INTO person (id, identity_enc, created_by_agency_id) VALUES ($1, 'not-a-real-ciphertext', $2)`,
      [id, agencies[agencyCode]],
    );
    return id;
  }

  /** Opens (or attaches) through CaseOpener inside a transaction, as the screening approval does. */
  async function open(
    opts: Partial<OpenCaseInput> & { as?: RequestContext } = {},
  ): Promise<{ caseId: string; caseNumber: string; created: boolean }> {
    const ctx = opts.as ?? ctxFor('atd.caseworker', 'MOPS_ATD', ['CASEWORKER'], ['01']);
    const input: OpenCaseInput = {
      screeningId: opts.screeningId ?? randomUUID(),
      personId: opts.personId ?? (await newPerson()),
      agencyId: opts.agencyId ?? agencies['MOPS_ATD'] ?? '',
      provinceCode: opts.provinceCode ?? '01',
      isChild: opts.isChild ?? false,
      exploitationTypes: opts.exploitationTypes ?? ['FORCED_LABOUR'],
      needs: opts.needs ?? ['SHELTER'],
    };
    return ds.transaction((m) => s.app.get(CaseOpener).openOrAttach(m, ctx, input));
  }

  async function version(caseId: string): Promise<number> {
    const { rows } = await s.admin.query(`SELECT version FROM case_record WHERE id = $1`, [caseId]);
    return rows[0].version;
  }

  describe('opening', () => {
    it('numbers cases <ISO suffix>-<year>-<5 digits>, a sequence per province and year', async () => {
      const a = await open({ provinceCode: '01' });
      const b = await open({ provinceCode: '01' });
      const c = await open({ provinceCode: '05' });
      expect(a.created).toBe(true);
      expect(a.caseNumber).toMatch(new RegExp(`^VT-${year}-\\d{5}$`));
      expect(Number(b.caseNumber.slice(-5))).toBe(Number(a.caseNumber.slice(-5)) + 1);
      expect(c.caseNumber).toMatch(new RegExp(`^BK-${year}-\\d{5}$`));
      const { rows } = await s.admin.query(
        `SELECT status, identification_status, flags, province_code, lead_agency_id FROM case_record WHERE id = $1`,
        [a.caseId],
      );
      expect(rows[0]).toEqual({
        status: 'OPEN',
        identification_status: 'POSSIBLE_VICTIM',
        flags: [],
        province_code: '01',
        lead_agency_id: agencies['MOPS_ATD'],
      });
      const events = await s.admin.query(`SELECT kind FROM case_event WHERE case_id = $1`, [a.caseId]);
      expect(events.rows.map((r) => r.kind)).toEqual(['CASE_OPENED']);
      const audit = await s.admin.query(
        `SELECT action, actor_username FROM audit_event WHERE object_type = 'case' AND object_id = $1`,
        [a.caseId],
      );
      expect(audit.rows).toEqual([{ action: 'CASE_OPENED', actor_username: 'atd.caseworker' }]);
    });

    it('hands out distinct consecutive numbers to concurrent openings', async () => {
      const persons: string[] = [];
      for (let i = 0; i < 8; i++) persons.push(await newPerson());
      const opened = await Promise.all(persons.map((personId) => open({ personId, provinceCode: '03' })));
      const seqs = opened.map((o) => Number(o.caseNumber.slice(-5))).sort((x, y) => x - y);
      expect(new Set(seqs).size).toBe(8);
      expect((seqs[7] ?? 0) - (seqs[0] ?? 0)).toBe(7);
    });

    it('flags a child and attaches a second screening to the open case of the same lead agency', async () => {
      const personId = await newPerson();
      const first = await open({ personId, isChild: true });
      const again = await open({
        personId,
        exploitationTypes: ['SEXUAL_EXPLOITATION'],
      });
      expect(again).toEqual({
        caseId: first.caseId,
        caseNumber: first.caseNumber,
        created: false,
      });
      const { rows } = await s.admin.query(`SELECT flags, exploitation_types FROM case_record WHERE id = $1`, [
        first.caseId,
      ]);
      expect(rows[0].flags).toEqual(['CHILD']);
      expect(rows[0].exploitation_types).toEqual(['FORCED_LABOUR', 'SEXUAL_EXPLOITATION']);
      const events = await s.admin.query(`SELECT kind FROM case_event WHERE case_id = $1 ORDER BY id`, [first.caseId]);
      expect(events.rows.map((r) => r.kind)).toEqual(['CASE_OPENED', 'SCREENING_ATTACHED']);
      // another agency's screening of the same person opens that agency's own case
      const lwu = await open({
        personId,
        agencyId: agencies['LWU'],
        as: ctxFor('lwu.caseworker', 'LWU', ['CASEWORKER'], ['01']),
      });
      expect(lwu.created).toBe(true);
      expect(lwu.caseId).not.toBe(first.caseId);
    });
  });

  describe('need-to-know', () => {
    let caseId: string;
    let bokeoCase: string;
    let lwuCase: string;
    beforeAll(async () => {
      caseId = (await open({ provinceCode: '01' })).caseId;
      bokeoCase = (await open({ provinceCode: '05' })).caseId;
      lwuCase = (
        await open({
          agencyId: agencies['LWU'],
          as: ctxFor('lwu.caseworker', 'LWU', ['CASEWORKER'], ['01']),
        })
      ).caseId;
    });

    it('opens the case for the lead agency in scope, with one CASE_READ audit row', async () => {
      const before = await lastAuditSeq(s.admin);
      const res = await get('atd.caseworker', `/cases/${caseId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: caseId,
        status: 'OPEN',
        identificationStatus: 'POSSIBLE_VICTIM',
        provinceCode: '01',
        leadAgency: { code: 'MOPS_ATD' },
        version: 1,
      });
      expect(res.body.allowedActions).toEqual({
        case: [],
        identification: [],
        edit: false,
        assign: false,
        accessLog: false,
        requestIdentification: false,
        requestClosure: false,
        flags: false,
        handoff: false,
        // not assigned to this caseworker: the editor rule refuses the referral as it refuses the edit
        refer: false,
      });
      const audit = await auditSince(s.admin, before);
      expect(audit.map((a) => [a.action, a.outcome, a.object_id])).toEqual([['CASE_READ', 'ALLOWED', caseId]]);
      const sup = await get('atd.supervisor', `/cases/${caseId}`);
      expect(sup.body.allowedActions).toEqual({
        case: ['ACTIVATE', 'CLOSE'],
        identification: ['IDENTIFY', 'NOT_IDENTIFY'],
        edit: true,
        assign: true,
        accessLog: true,
        // ATD identifies itself: it sends no identification requests
        requestIdentification: false,
        // a supervisor who may close the case closes it: no closure request to ask of itself
        requestClosure: false,
        flags: true,
        // handing off is the investigator's (handoff:create), not the supervisor's
        handoff: false,
        refer: true,
      });
    });

    it.each(['lwu.caseworker', 'lwu.supervisor', 'lwu.admin', 'analyst', 'sysadmin', 'atd.bokeo'] as const)(
      '%s gets a 404 byte-identical to a random id',
      async (user) => {
        const rid = `same-request-${randomUUID()}`;
        const theirs = await get(user, `/cases/${caseId}`, rid);
        const missing = await get(user, `/cases/${randomUUID()}`, rid);
        expect(theirs.status).toBe(404);
        expect(withoutRequestId(theirs.text)).toBe(withoutRequestId(missing.text));
        expect(theirs.headers['content-type']).toBe(missing.headers['content-type']);
        for (const sub of ['timeline', 'notes']) {
          const a = await get(user, `/cases/${caseId}/${sub}`, rid);
          const b = await get(user, `/cases/${randomUUID()}/${sub}`, rid);
          expect(a.status).toBe(404);
          expect(withoutRequestId(a.text)).toBe(withoutRequestId(b.text));
        }
      },
    );

    it('lists only the cases the caller may open', async () => {
      const listAll = async (user: User) => {
        const out: {
          id: string;
          provinceCode: string;
          leadAgency: { code: string };
        }[] = [];
        let cursor: string | null = null;
        do {
          const res = await get(user, `/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
          expect(res.status).toBe(200);
          out.push(...res.body.items);
          cursor = res.body.nextCursor;
        } while (cursor);
        return out;
      };
      const atd01 = await listAll('atd.caseworker');
      expect(atd01.map((c) => c.id)).toContain(caseId);
      expect(atd01.every((c) => c.provinceCode === '01' && c.leadAgency.code === 'MOPS_ATD')).toBe(true);
      expect(atd01.map((c) => c.id)).not.toContain(lwuCase);
      const bokeo = await listAll('atd.bokeo');
      expect(bokeo.map((c) => c.id)).toContain(bokeoCase);
      expect(bokeo.every((c) => c.provinceCode === '05' && c.leadAgency.code === 'MOPS_ATD')).toBe(true);
      const lwu = await listAll('lwu.caseworker');
      expect(lwu.map((c) => c.id)).toContain(lwuCase);
      expect(lwu.every((c) => c.leadAgency.code === 'LWU')).toBe(true);
      const supervisor = await listAll('atd.supervisor');
      expect(supervisor.map((c) => c.id)).toEqual(expect.arrayContaining([caseId, bokeoCase]));
      expect(supervisor.map((c) => c.id)).not.toContain(lwuCase);
      // the list carries no names and no protected category
      const res = await get('atd.supervisor', '/cases?limit=1');
      expect(Object.keys(res.body.items[0]).sort()).toEqual(
        [
          'assignedTo',
          'caseNumber',
          'exploitationTypes',
          'flags',
          'id',
          'identificationStatus',
          'leadAgency',
          'openedAt',
          'provinceCode',
          'status',
          'updatedAt',
          'version',
        ].sort(),
      );
      for (const user of ['lwu.admin', 'analyst', 'sysadmin'] as const)
        expect((await get(user, '/cases')).status).toBe(403);
    });

    it('filters by status, province and assignee, and pages with a keyset cursor', async () => {
      const byProvince = await get('atd.supervisor', '/cases?province=05&limit=100');
      expect(byProvince.body.items.length).toBeGreaterThan(0);
      expect(byProvince.body.items.every((c: { provinceCode: string }) => c.provinceCode === '05')).toBe(true);
      const first = await get('atd.supervisor', '/cases?limit=2');
      const second = await get('atd.supervisor', `/cases?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      const seen = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
      expect(new Set(seen).size).toBe(4);
      expect((await get('atd.supervisor', '/cases?status=NOPE')).status).toBe(400);
      expect((await get('atd.supervisor', '/cases?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    });

    it('reads a bounded number of queries per list page, whatever the limit', async () => {
      // Counting: the TypeORM logger's logQuery is called by the query runner for every statement
      // (including BEGIN/COMMIT); the test swaps the DataSource's logger for a counting wrapper.
      while ((await get('atd.supervisor', '/cases?limit=100')).body.items.length < 12) await open();
      const original = ds.logger;
      let count = 0;
      const counting: TypeOrmLogger = {
        logQuery: () => {
          count++;
        },
        logQueryError: () => undefined,
        logQuerySlow: () => undefined,
        logSchemaBuild: () => undefined,
        logMigration: () => undefined,
        log: () => undefined,
      };
      Object.defineProperty(ds, 'logger', {
        value: counting,
        configurable: true,
        writable: true,
      });
      try {
        const counts: number[] = [];
        for (const limit of [5, 100]) {
          count = 0;
          const res = await get('atd.supervisor', `/cases?limit=${limit}`);
          expect(res.status).toBe(200);
          expect(res.body.items.length).toBe(limit === 5 ? 5 : Math.min(100, res.body.items.length));
          counts.push(count);
        }
        expect(counts[0]).toBe(counts[1]);
        expect(counts[0]).toBeLessThanOrEqual(4);
      } finally {
        Object.defineProperty(ds, 'logger', {
          value: original,
          configurable: true,
          writable: true,
        });
      }
    });
  });

  describe('editing, concurrency and encryption', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = (await open()).caseId;
    });

    it('refuses an unassigned caseworker with 409 NOT_CASE_EDITOR', async () => {
      const res = await patch('atd.caseworker', `/cases/${caseId}`, {
        version: 1,
        riskLevel: 'HIGH',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('NOT_CASE_EDITOR');
    });

    it('assigns only an eligible user of the lead agency whose scope covers the case', async () => {
      const wrong = await post('atd.supervisor', `/cases/${caseId}/assign`, {
        version: 1,
        userId: ids['atd.bokeo'],
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details[0].field).toBe('userId');
      const lwu = await post('atd.supervisor', `/cases/${caseId}/assign`, {
        version: 1,
        userId: ids['lwu.caseworker'],
      });
      expect(lwu.status).toBe(400);
      const ok = await post('atd.supervisor', `/cases/${caseId}/assign`, {
        version: 1,
        userId: ids['atd.caseworker'],
      });
      expect(ok.status).toBe(200);
      expect(ok.body.assignedTo).toEqual({
        id: ids['atd.caseworker'],
        username: 'atd.caseworker',
        // the name the portal shows instead of the username (issue 17)
        displayName: 'ສົມພອນ ວົງສະຫວັນ',
      });
      expect(ok.body.version).toBe(2);
      expect(
        (
          await post('atd.caseworker', `/cases/${caseId}/assign`, {
            version: 2,
            userId: ids['atd.caseworker'],
          })
        ).status,
      ).toBe(404);
    });

    it('lets the assigned caseworker edit, encrypting the protected categories', async () => {
      const res = await patch('atd.caseworker', `/cases/${caseId}`, {
        version: 2,
        riskLevel: 'HIGH',
        destinationCountries: ['TH'],
        exploitation: {
          narrative: CANARY,
          journeyEvents: [
            {
              stage: 'RECRUITMENT',
              place: 'Ban Phonxay',
              date: '2025-11-03',
              description: 'met the broker',
            },
          ],
          meansOfControl: ['DEBT_BONDAGE', 'WITHHOLDS_DOCUMENTS'],
        },
        perpetrators: [
          {
            role: 'RECRUITER_OR_INTERMEDIARY',
            relationToVictim: 'ACQUAINTANCE',
            description: 'the broker',
          },
        ],
        health: { medical: 'needs a check-up' },
      });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(3);
      expect(res.body.exploitation).toEqual({
        narrative: CANARY,
        journeyEvents: [
          {
            stage: 'RECRUITMENT',
            place: 'Ban Phonxay',
            date: '2025-11-03',
            description: 'met the broker',
          },
        ],
        meansOfControl: ['DEBT_BONDAGE', 'WITHHOLDS_DOCUMENTS'],
      });
      expect(res.body.perpetrators).toEqual([
        {
          role: 'RECRUITER_OR_INTERMEDIARY',
          relationToVictim: 'ACQUAINTANCE',
          description: 'the broker',
        },
      ]);
      const read = await get('atd.caseworker', `/cases/${caseId}`);
      expect(read.body.exploitation.narrative).toBe(CANARY);
      expect(read.body.riskLevel).toBe('HIGH');
      const { rows } = await s.admin.query(`SELECT c::text AS t FROM case_record c WHERE id = $1`, [caseId]);
      expect(rows[0].t).not.toContain('Canary');
      expect(rows[0].t).not.toContain('broker');
      const ev = await s.admin.query(`SELECT details FROM case_event WHERE case_id = $1 AND kind = 'CASE_UPDATED'`, [
        caseId,
      ]);
      expect(ev.rows[0].details).toEqual({
        fields: ['destinationCountries', 'riskLevel', 'exploitation', 'perpetrators', 'health'],
      });
    });

    it('refuses bad input naming the field, storing nothing', async () => {
      const v = await version(caseId);
      const bad = [
        {
          version: v,
          exploitation: {
            journeyEvents: [{ stage: 'RECRUITMENT', date: '2025-02-30' }],
          },
        },
        { version: v, exploitationTypes: ['NOT_A_TYPE'] },
        { version: v, perpetrators: [{ role: 'VILLAIN' }] },
        { version: v, destinationCountries: ['Thailand'] },
        { version: v, surprise: 1 },
      ];
      for (const body of bad) {
        const res = await patch('atd.caseworker', `/cases/${caseId}`, body);
        expect(res.status).toBe(400);
        expect(res.body.details.length).toBeGreaterThan(0);
      }
      expect(await version(caseId)).toBe(v);
    });

    it('filters the list by assignee and status', async () => {
      const mine = await get('atd.caseworker', '/cases?assignedTo=me&limit=100');
      expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
      const byId = await get('atd.supervisor', `/cases?assignedTo=${ids['atd.caseworker']}&status=OPEN&limit=100`);
      expect(byId.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
      expect(
        (await get('atd.supervisor', `/cases?assignedTo=${ids['atd.caseworker']}&status=CLOSED`)).body.items,
      ).toEqual([]);
    });

    it('answers a stale version with 409 STALE_VERSION', async () => {
      const res = await patch('atd.caseworker', `/cases/${caseId}`, {
        version: 1,
        riskLevel: 'LOW',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('STALE_VERSION');
    });

    it('100 concurrent PATCHes from one version: exactly 1 succeeds, 99 get 409', async () => {
      const v = await version(caseId);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          patch('atd.supervisor', `/cases/${caseId}`, {
            version: v,
            needs: i % 2 ? ['MEDICAL'] : ['SHELTER', 'LEGAL_AID'],
          }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((x) => x === 200)).toHaveLength(1);
      expect(statuses.filter((x) => x === 409)).toHaveLength(99);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'STALE_VERSION')).toBe(true);
      expect(await version(caseId)).toBe(v + 1);
      const ev = await s.admin.query(
        `SELECT count(*)::int AS n FROM case_event WHERE case_id = $1 AND kind = 'CASE_UPDATED'`,
        [caseId],
      );
      expect(ev.rows[0].n).toBe(2);
    });
  });

  describe('identification, closing, reopening', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = (await open()).caseId;
    });

    it('lets a MoPS ATD investigator decide, and a later decision supersedes', async () => {
      const today = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Vientiane',
      }).format(new Date());
      const res = await post('atd.investigator', `/cases/${caseId}/identification`, {
        decision: 'IDENTIFIED',
        decidedOn: '2026-01-15',
        reasons: CANARY_REASONS,
      });
      expect(res.status).toBe(200);
      expect(res.body.identificationStatus).toBe('IDENTIFIED');
      expect(res.body.identification).toMatchObject({
        decision: 'IDENTIFIED',
        decidedOn: '2026-01-15',
        reasons: CANARY_REASONS,
        decidedBy: { username: 'atd.investigator' },
        agency: { code: 'MOPS_ATD' },
      });
      const later = await post('atd.supervisor', `/cases/${caseId}/identification`, {
        decision: 'NOT_IDENTIFIED',
        decidedOn: today,
        reasons: 'new facts came to light',
      });
      expect(later.status).toBe(200);
      expect(later.body.identificationStatus).toBe('NOT_IDENTIFIED');
      expect(later.body.identification.decidedBy.username).toBe('atd.supervisor');
      const { rows } = await s.admin.query(
        `SELECT decision FROM case_identification WHERE case_id = $1 ORDER BY created_at`,
        [caseId],
      );
      expect(rows.map((r) => r.decision)).toEqual(['IDENTIFIED', 'NOT_IDENTIFIED']);
      const enc = await s.admin.query(`SELECT ci::text AS t FROM case_identification ci WHERE case_id = $1`, [caseId]);
      expect(enc.rows.every((r) => !r.t.includes('Canary'))).toBe(true);
    });

    it('refuses a future or impossible decision date, and missing reasons', async () => {
      const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      for (const body of [
        {
          decision: 'IDENTIFIED',
          decidedOn: future,
          reasons: 'enough reasons',
        },
        {
          decision: 'IDENTIFIED',
          decidedOn: '2026-02-30',
          reasons: 'enough reasons',
        },
        { decision: 'IDENTIFIED', decidedOn: '2026-01-01' },
        {
          decision: 'MAYBE',
          decidedOn: '2026-01-01',
          reasons: 'enough reasons',
        },
      ]) {
        const res = await post('atd.investigator', `/cases/${caseId}/identification`, body);
        expect(res.status).toBe(400);
      }
    });

    it('answers 404 to LWU (no relation) and to an ATD caseworker (no permission)', async () => {
      const body = {
        decision: 'IDENTIFIED',
        decidedOn: '2026-01-15',
        reasons: 'should not be stored',
      };
      const rid = `same-request-${randomUUID()}`;
      const lwu = await s
        .http()
        .post(`/api/v1/cases/${caseId}/identification`)
        .set(bearer('lwu.supervisor'))
        .set('X-Request-Id', rid)
        .send(body);
      const missing = await s
        .http()
        .post(`/api/v1/cases/${randomUUID()}/identification`)
        .set(bearer('lwu.supervisor'))
        .set('X-Request-Id', rid)
        .send(body);
      expect(lwu.status).toBe(404);
      expect(withoutRequestId(lwu.text)).toBe(withoutRequestId(missing.text));
      expect((await post('atd.caseworker', `/cases/${caseId}/identification`, body)).status).toBe(404);
      const { rows } = await s.admin.query(`SELECT count(*)::int AS n FROM case_identification WHERE case_id = $1`, [
        caseId,
      ]);
      expect(rows[0].n).toBe(2);
    });

    it('closes with a coded reason only, and reopens with a reason', async () => {
      let v = await version(caseId);
      expect((await post('atd.supervisor', `/cases/${caseId}/close`, { version: v })).status).toBe(400);
      expect(
        (
          await post('atd.supervisor', `/cases/${caseId}/close`, {
            version: v,
            reason: 'BORED',
          })
        ).status,
      ).toBe(400);
      const other = await post('atd.supervisor', `/cases/${caseId}/close`, {
        version: v,
        reason: 'OTHER',
      });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('REASON_REQUIRED');
      expect(
        (
          await post('atd.caseworker', `/cases/${caseId}/close`, {
            version: v,
            reason: 'REINTEGRATED',
          })
        ).status,
      ).toBe(404);
      const closed = await post('atd.supervisor', `/cases/${caseId}/close`, {
        version: v,
        reason: 'REINTEGRATED',
        note: 'back with family',
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'CLOSED',
        closureReason: 'REINTEGRATED',
      });
      expect(closed.body.allowedActions.case).toEqual(['REOPEN']);
      v = closed.body.version;
      const again = await post('atd.supervisor', `/cases/${caseId}/close`, {
        version: v,
        reason: 'REINTEGRATED',
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
      const edit = await patch('atd.supervisor', `/cases/${caseId}`, {
        version: v,
        riskLevel: 'LOW',
      });
      expect(edit.status).toBe(409);
      expect(
        (
          await post('atd.supervisor', `/cases/${caseId}/reopen`, {
            version: v,
          })
        ).status,
      ).toBe(400);
      const reopened = await post('atd.supervisor', `/cases/${caseId}/reopen`, {
        version: v,
        reason: 'the family situation changed',
      });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({
        status: 'OPEN',
        closureReason: null,
        closedAt: null,
      });
      const active = await post('atd.supervisor', `/cases/${caseId}/transition`, {
        version: reopened.body.version,
        action: 'ACTIVATE',
      });
      expect(active.status).toBe(200);
      expect(active.body.status).toBe('ACTIVE');
      const wrong = await post('atd.supervisor', `/cases/${caseId}/transition`, {
        version: active.body.version,
        action: 'RESUME',
      });
      expect(wrong.status).toBe(409);
      expect(wrong.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    });

    it('shows every event on the timeline with the actor and codes only', async () => {
      const res = await get('atd.caseworker', `/cases/${caseId}/timeline?limit=100`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: { kind: string }) => e.kind)).toEqual([
        'CASE_OPENED',
        'IDENTIFICATION_DECIDED',
        'IDENTIFICATION_DECIDED',
        'CASE_CLOSED',
        'CASE_REOPENED',
        'STATUS_CHANGED',
      ]);
      expect(res.body.items[1].actor.username).toBe('atd.investigator');
      expect(JSON.stringify(res.body)).not.toContain('Canary');
      const page = await get('atd.caseworker', `/cases/${caseId}/timeline?limit=2`);
      const next = await get('atd.caseworker', `/cases/${caseId}/timeline?limit=2&cursor=${page.body.nextCursor}`);
      expect(next.body.items[0].id).toBe(res.body.items[2].id);
    });
  });

  describe('notes', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = (await open()).caseId;
      await post('atd.supervisor', `/cases/${caseId}/assign`, {
        version: 1,
        userId: ids['atd.caseworker'],
      });
    });

    it('appends encrypted notes with author and time; lists them oldest first', async () => {
      const a = await post('atd.caseworker', `/cases/${caseId}/notes`, {
        body: CANARY_NOTE,
      });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({
        body: CANARY_NOTE,
        author: { username: 'atd.caseworker' },
        category: 'EXPLOITATION_ACCOUNT',
      });
      const b = await post('atd.supervisor', `/cases/${caseId}/notes`, {
        body: 'second note',
        category: 'HEALTH',
      });
      expect(b.status).toBe(201);
      expect((await post('atd.caseworker', `/cases/${caseId}/notes`, { body: '' })).status).toBe(400);
      const list = await get('atd.caseworker', `/cases/${caseId}/notes`);
      expect(list.body.items.map((n: { body: string }) => n.body)).toEqual([CANARY_NOTE, 'second note']);
      const { rows } = await s.admin.query(`SELECT n::text AS t FROM case_note n WHERE case_id = $1`, [caseId]);
      expect(rows.every((r) => !r.t.includes('Canary'))).toBe(true);
    });

    it('never lets the application role change or delete a note', async () => {
      const app = new Client({ connectionString: appUrl(s.dbName) });
      await app.connect();
      try {
        await expect(
          app.query(`UPDATE case_note SET category = 'HEALTH' WHERE case_id = $1`, [caseId]),
        ).rejects.toThrow(/permission denied|append-only/);
        await expect(app.query(`DELETE FROM case_note WHERE case_id = $1`, [caseId])).rejects.toThrow(
          /permission denied|append-only/,
        );
      } finally {
        await app.end();
      }
      await expect(
        s.admin.query(`UPDATE case_note SET category = 'HEALTH' WHERE case_id = $1`, [caseId]),
      ).rejects.toThrow(/append-only/);
    });
  });

  describe('access log', () => {
    it('lists exactly who read or changed the case, in order, for supervisors of the lead agency', async () => {
      const { caseId } = await open();
      await get('atd.caseworker', `/cases/${caseId}`);
      await get('lwu.caseworker', `/cases/${caseId}`); // refused: recorded as DENIED
      const v = await version(caseId);
      await patch('atd.supervisor', `/cases/${caseId}`, {
        version: v,
        riskLevel: 'MEDIUM',
      });
      await get('atd.investigator', `/cases/${caseId}/timeline`);
      await post('atd.investigator', `/cases/${caseId}/identification`, {
        decision: 'IDENTIFIED',
        decidedOn: '2026-01-02',
        reasons: 'reasons enough',
      });
      const res = await get('atd.supervisor', `/cases/${caseId}/access-log`);
      expect(res.status).toBe(200);
      expect(
        res.body.items.map(
          (e: { actor: { username: string; agencyCode: string }; action: string; outcome: string }) => [
            e.actor.username,
            e.actor.agencyCode,
            e.action,
            e.outcome,
          ],
        ),
      ).toEqual([
        ['atd.caseworker', 'MOPS_ATD', 'CASE_OPENED', 'ALLOWED'],
        ['atd.caseworker', 'MOPS_ATD', 'CASE_READ', 'ALLOWED'],
        ['lwu.caseworker', 'LWU', 'CASE_READ', 'DENIED'],
        ['atd.supervisor', 'MOPS_ATD', 'CASE_UPDATED', 'ALLOWED'],
        ['atd.investigator', 'MOPS_ATD', 'CASE_TIMELINE_READ', 'ALLOWED'],
        ['atd.investigator', 'MOPS_ATD', 'CASE_IDENTIFICATION_DECIDED', 'ALLOWED'],
      ]);
      // the supervisor's own look at the log is recorded too
      const again = await get('atd.supervisor', `/cases/${caseId}/access-log?limit=100`);
      expect(again.body.items.at(-1)).toMatchObject({
        action: 'CASE_ACCESS_LOG_READ',
        actor: { username: 'atd.supervisor' },
      });
      const page = await get('atd.supervisor', `/cases/${caseId}/access-log?limit=3`);
      const next = await get('atd.supervisor', `/cases/${caseId}/access-log?limit=3&cursor=${page.body.nextCursor}`);
      expect(next.body.items[0].action).toBe('CASE_UPDATED');
      // caseworkers and investigators hold no case:access-log; other agencies' supervisors have no relation
      expect((await get('atd.caseworker', `/cases/${caseId}/access-log`)).status).toBe(404);
      expect((await get('lwu.supervisor', `/cases/${caseId}/access-log`)).status).toBe(404);
    });
  });

  describe('at rest', () => {
    it('keeps no plaintext of the canaries anywhere a database superuser looks', async () => {
      for (const table of ['case_record', 'case_note', 'case_identification', 'case_event', 'audit_event']) {
        const { rows } = await s.admin.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE '%Canary%'`);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
    });
  });
});
