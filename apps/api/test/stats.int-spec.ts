import { hasPermission, SEED_DEMO_USERS, seedUserSubject } from '@ctms/domain';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { StatsService } from '../src/stats/stats.service';
import { auditSince, lastAuditSeq, startStack, TestStack } from './harness';
import { seedCases } from './seed-cases';

/** GET /stats/summary: counts only, small cells withheld, for the analyst role only. */
describe('statistics (GET /stats/summary)', () => {
  let s: TestStack;
  let analyst = '';
  const get = (token: string, q = '') => s.http().get(`/api/v1/stats/summary${q}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    s = await startStack();
    const agency = (await s.admin.query(`SELECT id FROM agency WHERE code = 'MOPS_ATD'`)).rows[0].id as string;
    const cipher = s.app.get(FieldCipher);
    // 30 open cases in Vientiane Capital (01), 12 closed there, 3 open in Bokeo (05): Bokeo is a small cell
    await seedCases(s.admin, cipher, Array.from({ length: 30 }, () => ({ agencyId: agency, province: '01', givenNameLo: 'ນາງ' })), { prefix: 'STA' });
    await seedCases(s.admin, cipher, Array.from({ length: 12 }, () => ({ agencyId: agency, province: '01', givenNameLo: 'ນາງ', status: 'CLOSED' })), { prefix: 'STB' });
    await seedCases(s.admin, cipher, Array.from({ length: 3 }, () => ({ agencyId: agency, province: '05', givenNameLo: 'ນາງ' })), { prefix: 'STC' });
    analyst = (await s.login('analyst')).accessToken;
  });
  afterAll(async () => {
    await s.close();
  });

  it('counts by dimension, withholds cells below k = 11 and the complementary cell, and holds no id or name', async () => {
    const before = await lastAuditSeq(s.admin);
    const r = await get(analyst);
    expect(r.status).toBe(200);
    const total = (await s.admin.query(`SELECT count(*)::int AS n FROM case_record`)).rows[0].n as number;
    expect(r.body.k).toBe(11);
    expect(r.body.cases).toBe(total);
    const province = new Map(r.body.casesByProvince.map((c: { key: string; n: number | null }) => [c.key, c.n]));
    expect(province.get('05')).toBeNull();
    expect(r.body.casesByProvince.find((c: { key: string }) => c.key === '05').suppressed).toBe(true);
    const byStatus = new Map(r.body.casesByStatus.map((c: { key: string; n: number | null }) => [c.key, c.n]));
    expect(byStatus.get('CLOSED')).toBe(12);
    expect(r.body.casesByExploitationType.find((c: { key: string }) => c.key === 'LABOUR').n).toBeGreaterThanOrEqual(45);
    // a dimension never has exactly one withheld cell
    for (const dim of ['casesByStatus', 'casesByProvince', 'casesByIdentification', 'casesByExploitationType', 'referralsByStatus']) {
      expect(r.body[dim].filter((c: { suppressed: boolean }) => c.suppressed).length).not.toBe(1);
    }
    expect(JSON.stringify(r.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|ນາງ|STA-/);
    const audit = await auditSince(s.admin, before);
    expect(audit.filter((a) => a.action === 'STATS_READ' && a.actor_username === 'analyst')).toHaveLength(1);
  });

  it('filters by the opening date; a range with few cases withholds its total', async () => {
    const future = await get(analyst, '?from=2090-01-01T00:00:00Z&to=2091-01-01T00:00:00Z');
    expect(future.status).toBe(200);
    expect(future.body.cases).toBe(0);
    expect(future.body.casesByProvince).toEqual([]);
  });

  it('takes whole past days from the daily recount and counts the edges live: every range equals a count of the tables', async () => {
    // the cases of this file spread over the last 20 days at every hour, a referral for each
    await s.admin.query(
      `UPDATE case_record c SET opened_at = (date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') - (x.rn % 20) * interval '1 day'
                                          + (x.rn * 7 % 24) * interval '1 hour' + (x.rn * 13 % 60) * interval '1 minute'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM case_record) x WHERE x.id = c.id`,
    );
    const user = (await s.admin.query(`SELECT id, agency_id FROM app_user WHERE username = 'analyst'`)).rows[0] as { id: string; agency_id: string };
    await s.admin.query(
      `INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, urgency, status, acknowledge_by, created_at)
       SELECT gen_random_uuid(), c.id, c.lead_agency_id, $1, $2, 'ROUTINE', (ARRAY['PENDING', 'ACCEPTED', 'CLOSED'])[1 + (extract(hour FROM c.opened_at)::int % 3)],
              c.opened_at + interval '2 days', c.opened_at + interval '90 minutes'
         FROM case_record c`,
      [user.id, user.agency_id],
    );
    const stats = s.app.get(StatsService);
    const truth = async (from: string | null, to: string | null) => {
      const cases = await s.admin.query(
        `SELECT status AS key, count(*)::int AS n FROM case_record WHERE ($1::timestamptz IS NULL OR opened_at >= $1) AND ($2::timestamptz IS NULL OR opened_at < $2) GROUP BY 1 ORDER BY 1`,
        [from, to],
      );
      const provinces = await s.admin.query(
        `SELECT province_code AS key, count(*)::int AS n FROM case_record WHERE ($1::timestamptz IS NULL OR opened_at >= $1) AND ($2::timestamptz IS NULL OR opened_at < $2) GROUP BY 1 ORDER BY 1`,
        [from, to],
      );
      const referrals = await s.admin.query(
        `SELECT status AS key, count(*)::int AS n FROM referral WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2) GROUP BY 1 ORDER BY 1`,
        [from, to],
      );
      return { status: cases.rows, province: provinces.rows, referrals: referrals.rows };
    };
    const counted = async (from: string | null, to: string | null) => {
      const raw = await stats.counts(from, to);
      const of = (rows: { dimension: string; key: string; n: number }[], d: string) =>
        rows.filter((r) => r.dimension === d && r.n > 0).map((r) => ({ key: r.key, n: r.n })).sort((a, b) => (a.key < b.key ? -1 : 1));
      return { status: of(raw.cases, 'status'), province: of(raw.cases, 'province'), referrals: of(raw.referrals, 'status') };
    };
    const day = 86_400_000;
    const midnight = Math.floor(Date.now() / day) * day;
    const at = (days: number, hours = 0) => new Date(midnight + days * day + hours * 3_600_000).toISOString();
    const ranges: [string | null, string | null][] = [
      [null, null],
      [at(-15, 7.5), at(-3, 13.25)],
      [at(-10), at(-2)],
      [at(-12, 22), null],
      [null, at(-5, 1)],
      [at(-1, 3), at(0, 12)],
      [at(-4, 2), at(-4, 20)],
    ];
    expect((await stats.counts(null, null)).dailyAsOf).toBeNull(); // never recounted: everything is live
    const rows = await stats.refreshDaily();
    expect(rows).toBeGreaterThan(0);
    const live = (await s.admin.query(`SELECT count(*)::int AS n FROM case_record WHERE opened_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`)).rows[0].n as number;
    expect(live).toBeGreaterThan(0); // some cases fall on today: they are counted live
    for (const [from, to] of ranges) expect({ range: [from, to], ...(await counted(from, to)) }).toEqual({ range: [from, to], ...(await truth(from, to)) });
    expect((await stats.counts(null, null)).dailyAsOf).not.toBeNull();

    // a past case that changes status shows under its new status at the next recount
    const past = (await s.admin.query(`SELECT id FROM case_record WHERE status <> 'CLOSED' AND opened_at < now() - interval '3 days' LIMIT 1`)).rows[0].id as string;
    const closedBefore = (await counted(null, null)).status.find((x) => x.key === 'CLOSED')?.n ?? 0;
    await s.admin.query(`UPDATE case_record SET status = 'CLOSED' WHERE id = $1`, [past]);
    expect((await counted(null, null)).status.find((x) => x.key === 'CLOSED')?.n).toBe(closedBefore);
    await stats.refreshDaily();
    expect((await counted(null, null)).status.find((x) => x.key === 'CLOSED')?.n).toBe(closedBefore + 1);
    for (const [from, to] of ranges) expect({ range: [from, to], ...(await counted(from, to)) }).toEqual({ range: [from, to], ...(await truth(from, to)) });

    // the route answers the same as the table, small cells withheld as before
    const r = await get(analyst, `?from=${encodeURIComponent(at(-15, 7.5))}`);
    expect(r.status).toBe(200);
    const all = await truth(at(-15, 7.5), null);
    expect(r.body.cases).toBe(all.status.reduce((sum: number, x: { n: number }) => sum + x.n, 0));
    expect(r.body.dailyCountsAsOf).toEqual(expect.any(String));
  });

  it('refuses bad dates naming the field', async () => {
    const bad = await get(analyst, '?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['from']);
    const backwards = await get(analyst, '?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect(backwards.body.details.map((d: { field: string }) => d.field)).toEqual(['to']);
  });

  it('only roles holding stats:read get it: everyone else 403', async () => {
    const failures: string[] = [];
    for (const u of SEED_DEMO_USERS) {
      const token = (await s.login(u.username)).accessToken;
      const res = await get(token);
      const allowed = hasPermission(seedUserSubject(u), 'stats:read');
      if (res.status !== (allowed ? 200 : 403)) failures.push(`${u.username}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
