import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ConsentsService } from '../src/consents/consents.service';
import { appUrl } from './db';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';

/**
 * Consents on real PostgreSQL: granted and withdrawn, never edited; the child rule; need-to-know
 * (the standard 404 for everyone but the lead agency in scope); encrypted parties; one audit row per
 * write; and the coverage question referrals will ask.
 */
describe('consents', () => {
  let s: TestStack;
  const tokens = new Map<string, string>();
  const agencyIds = new Map<string, string>();
  const CANARY_GUARDIAN = `Guardian-Canary-${randomUUID().slice(0, 8)}`;
  const CANARY_WITNESS = `Witness-Canary-${randomUUID().slice(0, 8)}`;
  let caseSeq = 0;

  beforeAll(async () => {
    s = await startStack();
    for (const u of ['atd.caseworker', 'atd.bokeo', 'lwu.caseworker', 'lwu.admin', 'analyst']) {
      tokens.set(u, (await s.login(u)).accessToken);
    }
    const { rows } = await s.admin.query(`SELECT id, code FROM agency`);
    for (const r of rows) agencyIds.set(r.code, r.id);
  });
  afterAll(async () => {
    await s.close();
  });

  const token = (u: string) => {
    const t = tokens.get(u);
    if (!t) throw new Error(`no token for ${u}`);
    return t;
  };
  const agency = (code: string) => {
    const id = agencyIds.get(code);
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

  /**
   * A case of MOPS_ATD in province 01 assigned to atd.caseworker (the editor rule: the assigned
   * caseworker or a supervisor records and withdraws consents), written directly.
   */
  async function makeCase(opts: { child?: boolean; presumedMinor?: boolean } = {}): Promise<string> {
    const personId = randomUUID();
    const caseId = randomUUID();
    caseSeq += 1;
    await s.admin.query(
      `INSERT INTO person (id, identity_enc, presumed_minor, created_by_agency_id) VALUES ($1, 'v1:test-not-plaintext', $2, $3)`,
      [personId, opts.presumedMinor ?? false, agency('MOPS_ATD')],
    );
    await s.admin.query(
      `INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, flags, opened_at, assigned_to_id)
       VALUES ($1, $2, $3, $4, '01', $5, now(), (SELECT id FROM app_user WHERE username = 'atd.caseworker'))`,
      [
        caseId,
        `VT-2026-C${String(caseSeq).padStart(4, '0')}`,
        personId,
        agency('MOPS_ATD'),
        opts.child ? ['CHILD'] : [],
      ],
    );
    return caseId;
  }

  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  const grantBody = (over: Record<string, unknown> = {}) => ({
    type: 'REFERRAL_SHARING',
    agencyIds: [agency('LWU')],
    purposes: ['REFERRAL_SHARING'],
    categories: ['CASE_SUMMARY', 'IDENTITY'],
    givenBy: 'SELF',
    form: 'WRITTEN_SIGNATURE',
    language: 'lo',
    interpreterUsed: false,
    grantedAt: daysAgo(1),
    ...over,
  });
  const consentCount = async (caseId: string) =>
    Number((await s.admin.query(`SELECT count(*)::int AS n FROM consent WHERE case_id = $1`, [caseId])).rows[0].n);

  describe('an adult case', () => {
    let caseId: string;
    let consentId: string;

    beforeAll(async () => {
      caseId = await makeCase();
    });

    it('records a referral-sharing consent for LWU with one audit row and one timeline event, and lists it', async () => {
      const seq = await lastAuditSeq(s.admin);
      const res = await post('atd.caseworker', `/cases/${caseId}/consents`, grantBody({ witnessName: CANARY_WITNESS }));
      expect(res.status).toBe(201);
      consentId = res.body.id;
      expect(res.body).toMatchObject({
        caseId,
        type: 'REFERRAL_SHARING',
        status: 'ACTIVE',
        expired: false,
        purposes: ['REFERRAL_SHARING'],
        categories: ['CASE_SUMMARY', 'IDENTITY'],
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        agencies: [expect.objectContaining({ id: agency('LWU'), code: 'LWU' })],
        parties: { guardianName: null, witnessName: CANARY_WITNESS },
        recordedBy: { username: 'atd.caseworker' },
        withdrawnAt: null,
        withdrawnBy: null,
      });
      const audit = await auditSince(s.admin, seq);
      expect(audit.map((a) => [a.action, a.outcome, a.object_type, a.object_id])).toEqual([
        ['CONSENT_GRANTED', 'ALLOWED', 'consent', consentId],
      ]);
      expect(audit[0]?.details).toMatchObject({
        caseId,
        type: 'REFERRAL_SHARING',
        categories: ['CASE_SUMMARY', 'IDENTITY'],
        agencyCodes: ['LWU'],
      });
      expect(JSON.stringify(audit[0]?.details)).not.toContain(CANARY_WITNESS);
      const events = await s.admin.query(`SELECT kind, details FROM case_event WHERE case_id = $1 ORDER BY id`, [
        caseId,
      ]);
      expect(events.rows).toEqual([
        {
          kind: 'CONSENT_GRANTED',
          details: expect.objectContaining({
            consentId,
            type: 'REFERRAL_SHARING',
            categories: ['CASE_SUMMARY', 'IDENTITY'],
            agencyCodes: ['LWU'],
          }),
        },
      ]);
      expect(JSON.stringify(events.rows)).not.toMatch(/Lao Women|name/i);

      const list = await get('atd.caseworker', `/cases/${caseId}/consents`);
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items).toEqual([res.body]);
    });

    it('cannot be edited even by the database superuser, nor deleted by the application role', async () => {
      await expect(
        s.admin.query(`UPDATE consent SET categories = '{CASE_SUMMARY,IDENTITY,HEALTH}' WHERE id = $1`, [consentId]),
      ).rejects.toThrow(/never edited/);
      await expect(s.admin.query(`DELETE FROM consent WHERE id = $1`, [consentId])).rejects.toThrow(/never deleted/);
      const app = new Client({ connectionString: appUrl(s.dbName) });
      await app.connect();
      try {
        await expect(app.query(`DELETE FROM consent WHERE id = $1`, [consentId])).rejects.toThrow(/permission denied/);
        await expect(app.query(`UPDATE consent SET agency_ids = '{}' WHERE id = $1`, [consentId])).rejects.toThrow(
          /never edited/,
        );
      } finally {
        await app.end();
      }
      const { rows } = await s.admin.query(`SELECT categories, agency_ids FROM consent WHERE id = $1`, [consentId]);
      expect(rows).toEqual([{ categories: ['CASE_SUMMARY', 'IDENTITY'], agency_ids: [agency('LWU')] }]);
    });

    it("answers other agencies, admins, analysts and another province's caseworker exactly like a missing id", async () => {
      const missing = randomUUID();
      const routes: [string, (u: string, id: string) => ReturnType<typeof get>][] = [
        ['list', (u, id) => get(u, `/cases/${id}/consents`)],
        ['grant', (u, id) => post(u, `/cases/${id}/consents`, grantBody())],
        ['withdraw', (u, id) => post(u, `/consents/${id}/withdraw`, { reason: 'not yours to withdraw' })],
      ];
      const before = await s.admin.query(`SELECT id, status FROM consent WHERE case_id = $1`, [caseId]);
      for (const user of ['lwu.caseworker', 'lwu.admin', 'analyst', 'atd.bokeo']) {
        for (const [name, call] of routes) {
          const requestId = `consent-scope-${user}-${name}`;
          const real = name === 'withdraw' ? consentId : caseId;
          const theirs = await call(user, real).set('X-Request-Id', requestId);
          const nobody = await call(user, missing).set('X-Request-Id', requestId);
          expect([user, name, theirs.status]).toEqual([user, name, 404]);
          expect(nobody.status).toBe(404);
          expect(withoutRequestId(theirs.text)).toBe(withoutRequestId(nobody.text));
          expect(theirs.body).toEqual({
            statusCode: 404,
            error: 'Not Found',
            message: 'Not found',
            requestId: expect.any(String),
          });
        }
      }
      const after = await s.admin.query(`SELECT id, status FROM consent WHERE case_id = $1`, [caseId]);
      expect(after.rows).toEqual(before.rows);
      const seq = await lastAuditSeq(s.admin);
      expect((await post('lwu.caseworker', `/cases/${caseId}/consents`, grantBody())).status).toBe(404);
      const denied = await auditSince(s.admin, seq);
      expect(denied.map((a) => [a.action, a.outcome, a.object_id])).toEqual([['CONSENT_GRANTED', 'DENIED', caseId]]);
    });

    it('withdraws once, with one audit row and a timeline event; a second withdrawal is a 409', async () => {
      const seq = await lastAuditSeq(s.admin);
      const res = await post('atd.caseworker', `/consents/${consentId}/withdraw`, {
        reason: 'The person asked to stop sharing',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: consentId,
        status: 'WITHDRAWN',
        expired: false,
        withdrawnBy: { username: 'atd.caseworker' },
        withdrawalReason: 'The person asked to stop sharing',
      });
      expect(res.body.withdrawnAt).toEqual(expect.any(String));
      const audit = await auditSince(s.admin, seq);
      expect(audit.map((a) => [a.action, a.outcome, a.object_type, a.object_id])).toEqual([
        ['CONSENT_WITHDRAWN', 'ALLOWED', 'consent', consentId],
      ]);
      expect(audit[0]?.details).toMatchObject({ caseId });
      const kinds = await s.admin.query(`SELECT kind FROM case_event WHERE case_id = $1 ORDER BY id`, [caseId]);
      expect(kinds.rows.map((r) => r.kind)).toEqual(['CONSENT_GRANTED', 'CONSENT_WITHDRAWN']);

      const seqAgain = await lastAuditSeq(s.admin);
      const again = await post('atd.caseworker', `/consents/${consentId}/withdraw`, { reason: 'Once more' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
      // a refusal is filed under the same action as the change it refused, so one filter finds both
      const refused = await auditSince(s.admin, seqAgain);
      expect(refused.map((a) => [a.action, a.outcome, a.object_id])).toEqual([
        ['CONSENT_WITHDRAWN', 'DENIED', consentId],
      ]);
      const list = await get('atd.caseworker', `/cases/${caseId}/consents`);
      expect(list.body.items.map((c: { status: string }) => c.status)).toEqual(['WITHDRAWN']);
    });

    it('refuses a withdrawal without a reason (400 naming it)', async () => {
      const res = await post('atd.caseworker', `/consents/${consentId}/withdraw`, { reason: ' ' });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    });

    it('shows an expired consent as withdrawn (expired), and refuses to withdraw it', async () => {
      const res = await post(
        'atd.caseworker',
        `/cases/${caseId}/consents`,
        grantBody({ grantedAt: daysAgo(30), expiresAt: daysAgo(2) }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'WITHDRAWN', expired: true, withdrawnAt: null });
      const w = await post('atd.caseworker', `/consents/${res.body.id}/withdraw`, { reason: 'Too late' });
      expect(w.status).toBe(409);
      expect(w.body.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
      expect(w.body.message).toMatch(/expired/);
    });

    it.each([
      ['an unknown category', { categories: ['CASE_SUMMARY', 'BANK_DETAILS'] }, 'categories'],
      ['an unknown type', { type: 'EVERYTHING' }, 'type'],
      ['an unknown giver', { givenBy: 'NEIGHBOUR' }, 'givenBy'],
      ['an unknown form', { form: 'HANDSHAKE' }, 'form'],
      ['an unknown purpose', { purposes: ['GOSSIP'] }, 'purposes'],
      ['an unknown agency', { agencyIds: [randomUUID()] }, 'agencyIds'],
      ['a malformed agency id', { agencyIds: ['LWU'] }, 'agencyIds'],
      ['no recipient for a sharing consent', { agencyIds: [] }, 'agencyIds'],
      ['an impossible date', { grantedAt: '2026-02-30T10:00:00Z' }, 'grantedAt'],
      ['a date without a time', { grantedAt: '2026-01-10' }, 'grantedAt'],
      ['a grant in the future', { grantedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'grantedAt'],
      ['an expiry before the grant', { expiresAt: daysAgo(3) }, 'expiresAt'],
      ['an unknown field', { victimName: 'x' }, 'victimName'],
    ])('refuses %s with a 400 naming the field, storing nothing', async (_label, over, field) => {
      const seq = await lastAuditSeq(s.admin);
      const n = await consentCount(caseId);
      const res = await post('atd.caseworker', `/cases/${caseId}/consents`, grantBody(over));
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await consentCount(caseId)).toBe(n);
      expect((await auditSince(s.admin, seq)).filter((a) => a.action.startsWith('CONSENT'))).toEqual([]);
    });

    it('needs no recipient for an interview consent', async () => {
      const res = await post(
        'atd.caseworker',
        `/cases/${caseId}/consents`,
        grantBody({ type: 'INTERVIEW', agencyIds: [], purposes: undefined, categories: [] }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ type: 'INTERVIEW', agencies: [], purposes: ['INTERVIEW'], categories: [] });
    });
  });

  describe("a child's consent", () => {
    it.each([
      ['a case flagged CHILD', { child: true }],
      ['a person presumed a minor', { presumedMinor: true }],
    ])(
      'for %s: refuses the child as giver and a guardian without a name, accepts a named guardian',
      async (_label, opts) => {
        const caseId = await makeCase(opts);
        const self = await post('atd.caseworker', `/cases/${caseId}/consents`, grantBody({ givenBy: 'SELF' }));
        expect(self.status).toBe(400);
        expect(self.body.details.map((d: { field: string }) => d.field)).toEqual(['givenBy']);
        const nameless = await post('atd.caseworker', `/cases/${caseId}/consents`, grantBody({ givenBy: 'PARENT' }));
        expect(nameless.status).toBe(400);
        expect(nameless.body.details.map((d: { field: string }) => d.field)).toEqual(['givenBy', 'guardianName']);
        expect(await consentCount(caseId)).toBe(0);
        expect(
          (await s.admin.query(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`, [caseId])).rows[0].n,
        ).toBe(0);

        const ok = await post(
          'atd.caseworker',
          `/cases/${caseId}/consents`,
          grantBody({ givenBy: 'LEGAL_GUARDIAN', guardianName: CANARY_GUARDIAN, witnessName: CANARY_WITNESS }),
        );
        expect(ok.status).toBe(201);
        expect(ok.body.parties).toEqual({ guardianName: CANARY_GUARDIAN, witnessName: CANARY_WITNESS });
        const social = await post(
          'atd.caseworker',
          `/cases/${caseId}/consents`,
          grantBody({ givenBy: 'SOCIAL_WORKER' }),
        );
        expect(social.status).toBe(201);
        expect(social.body.parties).toEqual({ guardianName: null, witnessName: null });
      },
    );

    it('leaves no plaintext guardian or witness name in the consent table, the timeline or the audit trail', async () => {
      const consents = await s.admin.query(`SELECT c::text AS t FROM consent c`);
      expect(consents.rows.length).toBeGreaterThan(0);
      for (const r of consents.rows) {
        expect(r.t).not.toContain(CANARY_GUARDIAN);
        expect(r.t).not.toContain(CANARY_WITNESS);
      }
      for (const table of ['case_event', 'audit_event']) {
        const { rows } = await s.admin.query(
          `SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE $1 OR t::text LIKE $2`,
          [`%${CANARY_GUARDIAN}%`, `%${CANARY_WITNESS}%`],
        );
        expect([table, rows[0].n]).toEqual([table, 0]);
      }
    });
  });

  describe('activeConsentCovering', () => {
    it('counts only active, unexpired consents for that agency and purpose', async () => {
      const caseId = await makeCase();
      const grant = async (over: Record<string, unknown>) => {
        const res = await post('atd.caseworker', `/cases/${caseId}/consents`, grantBody(over));
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      const active = await grant({ categories: ['CASE_SUMMARY', 'IDENTITY'] });
      const alsoActive = await grant({
        categories: ['IDENTITY', 'PERPETRATORS'],
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      const withdrawn = await grant({ categories: ['HEALTH'] });
      expect(
        (await post('atd.caseworker', `/consents/${withdrawn}/withdraw`, { reason: 'Changed their mind' })).status,
      ).toBe(200);
      await grant({ categories: ['CONTACT_LOCATION'], grantedAt: daysAgo(10), expiresAt: daysAgo(1) });
      await grant({ categories: ['EXPLOITATION_ACCOUNT'], agencyIds: [agency('MOLSW')] });
      await grant({
        type: 'LAW_ENFORCEMENT_SHARING',
        purposes: ['LAW_ENFORCEMENT_SHARING'],
        categories: ['LEGAL_PROCEEDINGS'],
      });

      const service = s.app.get(ConsentsService);
      const ds = s.app.get(DataSource);
      const all = [
        'CASE_SUMMARY',
        'IDENTITY',
        'CONTACT_LOCATION',
        'EXPLOITATION_ACCOUNT',
        'HEALTH',
        'PERPETRATORS',
        'LEGAL_PROCEEDINGS',
      ] as const;
      const lwu = await ds.transaction((m) =>
        service.activeConsentCovering(m, caseId, {
          agencyId: agency('LWU'),
          purpose: 'REFERRAL_SHARING',
          categories: [...all],
        }),
      );
      expect(lwu).toEqual({
        covered: ['CASE_SUMMARY', 'IDENTITY', 'PERPETRATORS'],
        missing: ['CONTACT_LOCATION', 'EXPLOITATION_ACCOUNT', 'HEALTH', 'LEGAL_PROCEEDINGS'],
        consentIds: [active, alsoActive].sort(),
      });
      const some = await ds.transaction((m) =>
        service.activeConsentCovering(m, caseId, {
          agencyId: agency('LWU'),
          purpose: 'REFERRAL_SHARING',
          categories: ['CASE_SUMMARY'],
        }),
      );
      expect(some).toEqual({ covered: ['CASE_SUMMARY'], missing: [], consentIds: [active] });
      const molsw = await ds.transaction((m) =>
        service.activeConsentCovering(m, caseId, {
          agencyId: agency('MOLSW'),
          purpose: 'REFERRAL_SHARING',
          categories: ['IDENTITY', 'EXPLOITATION_ACCOUNT'],
        }),
      );
      expect(molsw.covered).toEqual(['EXPLOITATION_ACCOUNT']);
      expect(molsw.missing).toEqual(['IDENTITY']);
      const ngo = await ds.transaction((m) =>
        service.activeConsentCovering(m, caseId, {
          agencyId: agency('NGO_DEMO'),
          purpose: 'REFERRAL_SHARING',
          categories: ['CASE_SUMMARY'],
        }),
      );
      expect(ngo).toEqual({ covered: [], missing: ['CASE_SUMMARY'], consentIds: [] });
      const law = await ds.transaction((m) =>
        service.activeConsentCovering(m, caseId, {
          agencyId: agency('LWU'),
          purpose: 'LAW_ENFORCEMENT_SHARING',
          categories: ['LEGAL_PROCEEDINGS', 'IDENTITY'],
        }),
      );
      expect(law).toEqual({ covered: ['LEGAL_PROCEEDINGS'], missing: ['IDENTITY'], consentIds: [expect.any(String)] });

      // the list pages by keyset, newest grant first, without repeating or losing a consent
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await get(
          'atd.caseworker',
          `/cases/${caseId}/consents?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.body.items.map((c) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
      const bad = await get('atd.caseworker', `/cases/${caseId}/consents?cursor=bm90LWEtY3Vyc29y`);
      expect(bad.status).toBe(400);
    });
  });
});
