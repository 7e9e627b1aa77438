/**
 * npm run bench:stats -- [--cases 1000000] [--db ctms_syn_stats] [--runs 20] [--fresh]
 *
 * The statistics summary at scale (decision 0014): a database marked as synthetic, migrated with the
 * real migrations, holding N cases opened over the five whole Lao years before this one (skewed over
 * provinces, statuses, identification and forms of exploitation) and ~2 referrals per case, filled
 * with generate_series (no persons' data: the identity column holds a placeholder; the summary
 * never reads persons). Prints the worker's daily recount, then the median and p95 of
 * StatsService.summary for a month, a quarter and a year — after the recount (the normal state)
 * and with every count live (right after the migration, before the first recount) — and of the
 * release rule alone (pure CPU).
 */
import { Client } from 'pg';
import { CASE_STAT_DIMENSIONS, parseStatPeriod, releaseYear, type StatPeriod } from '@ctms/domain';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../apps/api/src/platform/config/config';
import { migrate } from '../../apps/api/src/platform/database/migrate';
import { seed } from '../../apps/api/src/platform/database/seed';
import { StatsService } from '../../apps/api/src/stats/stats.service';
import {
  adminUrl,
  appUrl,
  checkDbName,
  databaseMark,
  intArg,
  parseArgs,
  SYNTHETIC_MARK,
  syntheticEnv,
} from '../synthetic/db';

function log(msg: string): void {
  console.log(`[bench:stats ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl('postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

async function time(runs: number, fn: () => unknown): Promise<{ p50: number; p95: number }> {
  await fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cases = intArg(args, 'cases', 1_000_000);
  const runs = intArg(args, 'runs', 20);
  const db = args.get('db') ?? 'ctms_syn_stats';
  checkDbName(db);
  const mark = await databaseMark(db);
  if (mark !== undefined && mark !== SYNTHETIC_MARK)
    throw new Error(`REFUSED: database "${db}" is not marked as synthetic`);
  const laoYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  const first = laoYear - 5;

  if (mark === undefined || args.get('fresh') === 'true') {
    if (mark !== undefined) await admin(`DROP DATABASE "${db}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${db}"`);
    await admin(`COMMENT ON DATABASE "${db}" IS '${SYNTHETIC_MARK}'`);
    await migrate(adminUrl(db));
    await seed(
      loadConfig({
        ...process.env,
        ...syntheticEnv(),
        NODE_ENV: 'development',
        DATABASE_ADMIN_URL: adminUrl(db),
        DATABASE_URL: appUrl(db),
        ATTACHMENTS_DIR: '/tmp',
      }),
      { demoUsers: true },
    );
    const c = new Client({ connectionString: adminUrl(db) });
    await c.connect();
    try {
      const t0 = performance.now();
      const batch = 100_000;
      for (let start = 0; start < cases; start += batch) {
        const n = Math.min(batch, cases - start);
        // opened uniformly over the five whole Lao years before this one; keys skewed (a few common, most rare)
        await c.query(
          `WITH a AS (SELECT id FROM agency WHERE code = 'MOPS_ATD'),
                g AS (SELECT i, gen_random_uuid() AS pid, gen_random_uuid() AS cid, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5 FROM generate_series(1, $1::int) i),
                p AS (INSERT INTO person (id, identity_enc, created_by_agency_id) SELECT pid, 'synthetic-placeholder', (SELECT id FROM a) FROM g)
           INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, status, identification_status, exploitation_types, opened_at)
           SELECT cid, 'BS-' || ($2::int + i), pid, (SELECT id FROM a),
                  lpad((1 + least(17, floor(-ln(1 - r1) * 4))::int)::text, 2, '0'),
                  (ARRAY['OPEN', 'ACTIVE', 'FOLLOW_UP', 'CLOSED'])[1 + least(3, floor(-ln(1 - r2) * 1.2))::int],
                  (ARRAY['POSSIBLE_VICTIM', 'IDENTIFIED', 'NOT_IDENTIFIED'])[1 + least(2, floor(-ln(1 - r3) * 1.2))::int],
                  CASE WHEN r4 < 0.1 THEN '{}'::text[] ELSE ARRAY[(ARRAY['FORCED_LABOUR', 'SEXUAL_EXPLOITATION', 'FORCED_MARRIAGE', 'CHILD_LABOUR', 'SERVITUDE', 'FORCED_BEGGING', 'ORGAN_REMOVAL', 'SURROGACY'])[1 + least(7, floor(-ln(1 - r4) * 1.5))::int]] END,
                  make_timestamptz($3::int, 1, 1, 0, 0, 0, 'Asia/Vientiane') + r5 * (make_timestamptz($3::int + 5, 1, 1, 0, 0, 0, 'Asia/Vientiane') - make_timestamptz($3::int, 1, 1, 0, 0, 0, 'Asia/Vientiane'))
             FROM g`,
          [n, start, first],
        );
        log(`${start + n} cases`);
      }
      await c.query(
        `INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, urgency, status, acknowledge_by, created_at)
         SELECT gen_random_uuid(), c.id, c.lead_agency_id, u.id, c.lead_agency_id, 'ROUTINE',
                (ARRAY['PENDING', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'])[1 + least(5, floor(-ln(1 - random()) * 1.5))::int],
                c.opened_at + interval '3 days', c.opened_at + k * interval '20 hours'
           FROM case_record c CROSS JOIN generate_series(1, 2) k, (SELECT id FROM app_user WHERE username = 'analyst') u`,
      );
      await c.query(`VACUUM ANALYZE`);
      log(`loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    } finally {
      await c.end();
    }
  }

  const ds = new DataSource({ type: 'postgres', url: adminUrl(db) });
  await ds.initialize();
  try {
    const [{ n: caseCount }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM case_record`);
    const [{ n: referralCount }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM referral`);
    log(`${caseCount} cases, ${referralCount} referrals, opened ${first}–${first + 4}`);
    const stats = new StatsService(ds);
    const year = String(laoYear - 1);
    const periods = [`${year}-06`, `${year}-Q2`, year].map((p) => parseStatPeriod(p) as StatPeriod);
    const rows: string[] = [];

    await ds.query(`DELETE FROM stats_daily_state`);
    await ds.query(`DELETE FROM stats_daily`);
    for (const p of periods) {
      const r = await time(Math.max(3, Math.floor(runs / 4)), () => stats.summary(p));
      rows.push(
        `| summary ${p.kind.toLowerCase()} ${year}, every count live (before the first recount) | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`,
      );
    }
    const refresh = await time(2, () => stats.refreshDaily());
    const [{ n: dailyRows }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM stats_daily`);
    rows.push(
      `| daily recount (worker, every STATS_REFRESH_EVERY_SECONDS): ${dailyRows} rows | ${refresh.p50.toFixed(1)} | ${refresh.p95.toFixed(1)} |`,
    );
    for (const p of periods) {
      const r = await time(runs, () => stats.summary(p));
      rows.push(
        `| summary ${p.kind.toLowerCase()} ${year}, after the recount | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`,
      );
    }
    const raw = await stats.yearCounts(laoYear - 1, 12);
    const rule = await time(runs, () => releaseYear(laoYear - 1, raw.cases, CASE_STAT_DIMENSIONS));
    rows.push(`| release rule alone, cases of a year (CPU) | ${rule.p50.toFixed(1)} | ${rule.p95.toFixed(1)} |`);
    console.log(
      `\n${caseCount} cases, ${referralCount} referrals, ${runs} runs\n\n| what | p50 ms | p95 ms |\n|---|---|---|\n${rows.join('\n')}\n`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
