import { hasPermission, SEED_DEMO_USERS, seedUserSubject } from '@ctms/domain';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { StatsService } from '../src/stats/stats.service';
import { auditSince, lastAuditSeq, startStack, TestStack } from './harness';
import { seedCases } from './seed-cases';

/** The Lao calendar year now (UTC+07:00). */
const laoYear = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

/** GET /stats/summary: whole ended periods in Lao time, counts only, for the analyst role only. */
describe('statistics (GET /stats/summary)', () => {
  let s: TestStack;
  let analyst = '';
  const year = laoYear() - 1; // a whole year that has ended
  const get = (token: string, q = '') =>
    s.http().get(`/api/v1/stats/summary${q}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    s = await startStack();
    const agency = (await s.admin.query(`SELECT id FROM agency WHERE code = 'MOPS_ATD'`)).rows[0].id as string;
    const cipher = s.app.get(FieldCipher);
    // 30 open cases in Vientiane Capital (01), 12 closed there, 3 open in Bokeo (05), all in March of last year (Lao time)
    const ids = [
      ...(await seedCases(
        s.admin,
        cipher,
        Array.from({ length: 30 }, () => ({ agencyId: agency, province: '01', givenNameLo: 'ນາງ' })),
        { prefix: 'STA' },
      )),
      ...(await seedCases(
        s.admin,
        cipher,
        Array.from({ length: 12 }, () => ({ agencyId: agency, province: '01', givenNameLo: 'ນາງ', status: 'CLOSED' })),
        { prefix: 'STB' },
      )),
      ...(await seedCases(
        s.admin,
        cipher,
        Array.from({ length: 3 }, () => ({ agencyId: agency, province: '05', givenNameLo: 'ນາງ' })),
        { prefix: 'STC' },
      )),
    ];
    await s.admin.query(
      `UPDATE case_record SET opened_at = ($2 || '-03-10T09:00:00+07:00')::timestamptz + (x.i % 20) * interval '1 day', exploitation_types = '{FORCED_LABOUR}'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, i) WHERE case_record.id = x.id`,
      [ids, String(year)],
    );
    analyst = (await s.login('analyst')).accessToken;
  });
  afterAll(async () => {
    await s.close();
  });

  it('answers a whole month with its counts, withholds the small cells and lists no key for them; holds no id or name; audited once', async () => {
    const before = await lastAuditSeq(s.admin);
    const r = await get(analyst, `?period=${year}-03`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ period: `${year}-03`, timeZone: 'Asia/Vientiane', k: 11, cases: 45 });
    expect(r.body.from).toBe(new Date(`${year}-03-01T00:00:00+07:00`).toISOString());
    expect(r.body.to).toBe(new Date(`${year}-04-01T00:00:00+07:00`).toISOString());
    expect(r.body.casesByProvince).toEqual([{ key: '01', n: 42 }]); // Bokeo (3) withheld: no key
    expect(r.body.casesByStatus).toEqual([
      { key: 'OPEN', n: 33 },
      { key: 'CLOSED', n: 12 },
    ]);
    expect(r.body.casesByExploitationType).toEqual([{ key: 'FORCED_LABOUR', n: 45 }]);
    for (const dim of [
      'casesByStatus',
      'casesByProvince',
      'casesByIdentification',
      'casesByExploitationType',
      'referralsByStatus',
    ])
      for (const c of r.body[dim]) expect(Object.keys(c).sort()).toEqual(['key', 'n']);
    expect(JSON.stringify(r.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|ນາງ|STA-/);
    const audit = await auditSince(s.admin, before);
    expect(
      audit.filter((a) => a.action === 'STATS_READ' && a.actor_username === 'analyst').map((a) => a.details),
    ).toEqual([{ period: `${year}-03` }]);
  });

  it('a quarter and the year hold the same cases; an empty month answers zero', async () => {
    const q1 = await get(analyst, `?period=${year}-Q1`);
    expect(q1.status).toBe(200);
    expect(q1.body.cases).toBe(45);
    const y = await get(analyst, `?period=${year}`);
    expect(y.body.cases).toBe(45);
    const june = await get(analyst, `?period=${year}-06`);
    expect(june.body).toMatchObject({ cases: 0, casesByProvince: [], casesByStatus: [] });
  });

  it('refuses every other window with a 400 naming the parameter', async () => {
    const now = new Date(Date.now() + 7 * 3_600_000);
    const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const cases: [string, string][] = [
      ['', 'period'],
      ['?period=', 'period'],
      [`?period=${year}-03-01`, 'period'],
      [`?period=${year}-13`, 'period'],
      [`?period=${year}-Q5`, 'period'],
      [`?period=${year}-W10`, 'period'],
      ['?period=1999', 'period'],
      [`?period=${thisMonth}`, 'period'], // running: not over yet
      [`?period=${laoYear()}`, 'period'],
      [`?period=${laoYear() + 1}-Q1`, 'period'],
      [`?period=${year}-03&from=${year}-03-10T01:59:59.999Z`, 'from'],
      [`?from=${year}-03-10T02:00:00.000Z&to=${year}-03-10T02:00:00.001Z`, 'from'],
      [`?period=${year}-03&to=${year}-04-01T00:00:00Z`, 'to'],
      [`?period=${year}-03&period=${year}-04`, 'period'],
    ];
    const failures: string[] = [];
    for (const [q, field] of cases) {
      const r = await get(analyst, q);
      const fields = (r.body.details ?? []).map((d: { field: string }) => d.field);
      if (r.status !== 400 || !fields.includes(field)) failures.push(`${q}: ${r.status} ${JSON.stringify(fields)}`);
    }
    expect(failures).toEqual([]);
  });

  it('only roles holding stats:read get it: everyone else 403', async () => {
    const failures: string[] = [];
    for (const u of SEED_DEMO_USERS) {
      const token = (await s.login(u.username)).accessToken;
      const res = await get(token, `?period=${year}`);
      const allowed = hasPermission(seedUserSubject(u), 'stats:read');
      if (res.status !== (allowed ? 200 : 403)) failures.push(`${u.username}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('counts by Lao month: whole past Lao days from the daily recount, the rest live, each month equal to a count of the tables', async () => {
    // the cases of this file spread over the months of last year and this year, at every hour: the first
    // seven hours of each Lao month are the last day of the month before in UTC
    await s.admin.query(
      `UPDATE case_record c SET opened_at = ($1 || '-01-01T00:00:00+07:00')::timestamptz + (x.rn * 9) * interval '1 day' + (x.rn * 7 % 24) * interval '1 hour',
                                exploitation_types = CASE WHEN x.rn % 3 = 0 THEN '{}'::text[] ELSE '{FORCED_LABOUR,SERVITUDE}'::text[] END
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM case_record) x WHERE x.id = c.id`,
      [String(year)],
    );
    await s.admin.query(
      `UPDATE case_record SET opened_at = $1 WHERE id = (SELECT id FROM case_record ORDER BY id LIMIT 1)`,
      [`${year}-04-30T17:00:00Z`],
    ); // 1 May 00:00 in Vientiane
    await s.admin.query(
      `UPDATE case_record SET opened_at = $1 WHERE id = (SELECT id FROM case_record ORDER BY id OFFSET 1 LIMIT 1)`,
      [`${year}-04-30T16:59:59.999Z`],
    ); // 30 April 23:59:59.999
    const user = (await s.admin.query(`SELECT id, agency_id FROM app_user WHERE username = 'analyst'`)).rows[0] as {
      id: string;
      agency_id: string;
    };
    await s.admin.query(
      `INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, urgency, status, acknowledge_by, created_at)
       SELECT gen_random_uuid(), c.id, c.lead_agency_id, $1, $2, 'ROUTINE', (ARRAY['PENDING', 'ACCEPTED', 'COMPLETED'])[1 + (extract(hour FROM c.opened_at)::int % 3)],
              c.opened_at + interval '2 days', c.opened_at + interval '90 minutes'
         FROM case_record c`,
      [user.id, user.agency_id],
    );
    const stats = s.app.get(StatsService);
    const truth = async (y: number) => {
      const q = async (sql: string) =>
        (await s.admin.query(sql, [String(y)])).rows as { month: number; key: string; n: number }[];
      const inYear = (col: string) => `extract(year FROM ${col} AT TIME ZONE 'Asia/Vientiane') = $1::int`;
      const month = (col: string) => `extract(month FROM ${col} AT TIME ZONE 'Asia/Vientiane')::int`;
      const status = await q(
        `SELECT ${month('opened_at')} AS month, status AS key, count(*)::int AS n FROM case_record WHERE ${inYear('opened_at')} GROUP BY 1, 2`,
      );
      const province = await q(
        `SELECT ${month('opened_at')} AS month, province_code AS key, count(*)::int AS n FROM case_record WHERE ${inYear('opened_at')} GROUP BY 1, 2`,
      );
      const types = await q(
        `SELECT ${month('opened_at')} AS month, t AS key, count(*)::int AS n FROM case_record, unnest(exploitation_types) t WHERE ${inYear('opened_at')} GROUP BY 1, 2`,
      );
      const referrals = await q(
        `SELECT ${month('created_at')} AS month, status AS key, count(*)::int AS n FROM referral WHERE ${inYear('created_at')} GROUP BY 1, 2`,
      );
      const months = (rows: { month: number; key: string; n: number }[]) =>
        Array.from({ length: 12 }, (_, m) =>
          Object.fromEntries(rows.filter((r) => r.month === m + 1).map((r) => [r.key, r.n])),
        );
      return { status: months(status), province: months(province), types: months(types), referrals: months(referrals) };
    };
    const counted = async (y: number) => {
      const raw = await stats.yearCounts(y, 12);
      return {
        status: raw.cases.map((m) => m.cells['status'] ?? {}),
        province: raw.cases.map((m) => m.cells['province'] ?? {}),
        types: raw.cases.map((m) => m.cells['exploitation_type'] ?? {}),
        referrals: raw.referrals.map((m) => m.cells['status'] ?? {}),
      };
    };
    const expectation = await truth(year);
    expect(expectation.province[4]).not.toEqual({}); // the May case is there
    expect((await stats.yearCounts(year, 12)).dailyAsOf).toBeNull(); // never recounted: everything is live
    expect(await counted(year)).toEqual(expectation);
    expect(await stats.refreshDaily()).toBeGreaterThan(0);
    expect((await stats.yearCounts(year, 12)).dailyAsOf).toEqual(expect.any(String));
    expect(await counted(year)).toEqual(expectation);
    expect(await counted(year + 1)).toEqual(await truth(year + 1)); // this year: the days before today daily, today live

    // a past case that changes status shows under its new status at the next recount
    const past = (
      await s.admin.query(
        `SELECT id, opened_at FROM case_record WHERE status <> 'CLOSED' AND opened_at < now() - interval '3 days' ORDER BY opened_at LIMIT 1`,
      )
    ).rows[0] as { id: string };
    const before = await counted(year);
    await s.admin.query(`UPDATE case_record SET status = 'CLOSED' WHERE id = $1`, [past.id]);
    expect(await counted(year)).toEqual(before);
    await stats.refreshDaily();
    expect(await counted(year)).toEqual(await truth(year));
  });
});
