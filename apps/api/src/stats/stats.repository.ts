import { Injectable } from '@nestjs/common';
import { STATS_TIME_ZONE } from '@ctms/domain';
import { exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table } from '../platform/database/table';

/** What a count belongs to, in `stats_daily` and in a summary. */
export type StatsDimension = 'status' | 'province' | 'identification' | 'exploitation_type';

/**
 * Counts per whole Lao calendar day (Asia/Vientiane), recounted by the worker (PK subject, day,
 * dimension, key; CHK_stats_daily_n: only non-zero counts are stored).
 */
export const statsDailyTable = table('stats_daily', {
  subject: col('varchar').of<'case' | 'referral'>(),
  dimension: col('varchar').of<StatsDimension>(),
  day: col('date'),
  key: col('varchar'),
  n: col('int4'),
});

/** One row (id 1): the days before `complete_before` are in stats_daily, as counted at `refreshed_at`. */
export const statsDailyStateTable = table('stats_daily_state', {
  id: col('int2'),
  complete_before: col('date'),
  refreshed_at: col('timestamptz'),
});

export interface MonthRow {
  month: number;
  dimension: StatsDimension;
  key: string;
  n: number;
}

/** The parts of a year counted from `stats_daily` (whole Lao days) and live (the rest); an empty part is an empty range. */
export interface YearParts {
  daily: { fromDay: string; toDay: string } | null;
  live: { from: string; to: string } | null;
  /** the start of the year, for an empty live part */
  none: string;
}

// the three case dimensions in one scan; grouping() bits left to right: status, province, identification
const CASE_DIMENSIONS = raw(`
  CASE grouping(status, province_code, identification_status) WHEN 3 THEN 'status' WHEN 5 THEN 'province' ELSE 'identification' END AS dimension,
  coalesce(CASE grouping(status, province_code, identification_status) WHEN 3 THEN status WHEN 5 THEN province_code ELSE identification_status END, '') AS key`);

/** A column in Lao time. */
const lao = (column: string): Sql => raw(`(${column} AT TIME ZONE '${STATS_TIME_ZONE}')`);
const month = (column: string): Sql => sql`extract(month FROM ${lao(column)})::int`;
const day = (column: string): Sql => sql`${lao(column)}::date`;

function parts(p: YearParts): { daily: Sql; live: (column: string) => Sql } {
  const fromDay = p.daily?.fromDay ?? '1970-01-01';
  const toDay = p.daily?.toDay ?? '1970-01-01';
  const from = p.live?.from ?? p.none;
  const to = p.live?.to ?? p.none;
  return {
    daily: sql`s.day >= ${fromDay}::date AND s.day < ${toDay}::date`,
    live: (column) => sql`${raw(column)} >= ${from}::timestamptz AND ${raw(column)} < ${to}::timestamptz`,
  };
}

/** Before Lao midnight at the start of `cut` (a Lao day). */
const before = (column: string, cut: string): Sql =>
  sql`${raw(column)} < ((${cut}::date)::timestamp AT TIME ZONE ${raw(`'${STATS_TIME_ZONE}'`)})`;

/** The statements, pure: stats.repository.spec.ts snapshots each one's text. */
export const statsSql = {
  state: (): Sql =>
    sql`SELECT to_char(complete_before, 'YYYY-MM-DD') AS complete_before, refreshed_at FROM stats_daily_state WHERE id = 1`,

  /** Cases per month, dimension and key: the daily part from stats_daily, the rest live. */
  caseMonths: (p: YearParts): Sql => {
    const { daily, live } = parts(p);
    return sql`SELECT month, dimension, key, sum(n)::int AS n FROM (
           SELECT extract(month FROM s.day)::int AS month, s.dimension, s.key, s.n FROM stats_daily s WHERE s.subject = 'case' AND ${daily}
           UNION ALL
           SELECT month, ${CASE_DIMENSIONS}, count(*) FROM (
             SELECT ${month('opened_at')} AS month, status, province_code, identification_status FROM case_record WHERE ${live('opened_at')}
           ) c GROUP BY GROUPING SETS ((month, status), (month, province_code), (month, identification_status))
           UNION ALL
           SELECT ${month('c.opened_at')}, 'exploitation_type', t, count(*) FROM case_record c CROSS JOIN LATERAL unnest(c.exploitation_types) t WHERE ${live('c.opened_at')} GROUP BY 1, 3
         ) x GROUP BY month, dimension, key`;
  },

  /** Referrals per month and status. */
  referralMonths: (p: YearParts): Sql => {
    const { daily, live } = parts(p);
    return sql`SELECT month, 'status' AS dimension, key, sum(n)::int AS n FROM (
           SELECT extract(month FROM s.day)::int AS month, s.key, s.n FROM stats_daily s WHERE s.subject = 'referral' AND s.dimension = 'status' AND ${daily}
           UNION ALL
           SELECT ${month('created_at')}, status, count(*) FROM referral WHERE ${live('created_at')} GROUP BY 1, 2
         ) x GROUP BY month, key`;
  },

  /** One refresh at a time (several workers): the second waits, then recounts. */
  lock: (): Sql => sql`SELECT pg_advisory_xact_lock(hashtext('stats_daily'))`,
  /** Today in Lao time: the days before it are whole. */
  today: (): Sql => sql`SELECT to_char(${lao('now()')}, 'YYYY-MM-DD') AS cut`,
  clear: (): Sql => sql`DELETE FROM stats_daily`,

  countCases: (cut: string): Sql =>
    sql`INSERT INTO stats_daily (subject, dimension, key, day, n)
        SELECT 'case', ${CASE_DIMENSIONS}, day, count(*)
          FROM (SELECT ${day('opened_at')} AS day, status, province_code, identification_status FROM case_record WHERE ${before('opened_at', cut)}) c
         GROUP BY GROUPING SETS ((day, status), (day, province_code), (day, identification_status))`,

  countExploitationTypes: (cut: string): Sql =>
    sql`INSERT INTO stats_daily (subject, dimension, day, key, n)
        SELECT 'case', 'exploitation_type', ${day('c.opened_at')}, t, count(*)
          FROM case_record c CROSS JOIN LATERAL unnest(c.exploitation_types) t WHERE ${before('c.opened_at', cut)} GROUP BY 3, 4`,

  countReferrals: (cut: string): Sql =>
    sql`INSERT INTO stats_daily (subject, dimension, day, key, n)
        SELECT 'referral', 'status', ${day('created_at')}, status, count(*) FROM referral WHERE ${before('created_at', cut)} GROUP BY 3, 4`,

  setState: (cut: string): Sql =>
    sql`INSERT INTO stats_daily_state (id, complete_before, refreshed_at) VALUES (1, ${cut}::date, now())
        ON CONFLICT (id) DO UPDATE SET complete_before = EXCLUDED.complete_before, refreshed_at = EXCLUDED.refreshed_at`,

  /** The planner must know the table was refilled (else it guesses a few rows: an index scan and a sort on disk). */
  analyze: (): Sql => sql`ANALYZE stats_daily`,
  count: (): Sql => sql`SELECT count(*)::int AS n FROM stats_daily`,
};

/** The statistics' counts (decision 0018): live from the records, and the daily recount. */
@Injectable()
export class StatsRepository {
  state(m: Runner): Promise<{ complete_before: string; refreshed_at: Date } | undefined> {
    return selectOne(m, statsSql.state());
  }

  caseMonths(m: Runner, p: YearParts): Promise<MonthRow[]> {
    return select<MonthRow>(m, statsSql.caseMonths(p));
  }

  referralMonths(m: Runner, p: YearParts): Promise<MonthRow[]> {
    return select<MonthRow>(m, statsSql.referralMonths(p));
  }

  /** Recounts every whole Lao day before today, in the caller's transaction; returns the rows written. */
  async recount(m: Runner): Promise<number> {
    await select(m, statsSql.lock());
    const cut = (await selectOne<{ cut: string }>(m, statsSql.today()))?.cut ?? '';
    await exec(m, statsSql.clear());
    await exec(m, statsSql.countCases(cut));
    await exec(m, statsSql.countExploitationTypes(cut));
    await exec(m, statsSql.countReferrals(cut));
    await exec(m, statsSql.setState(cut));
    await exec(m, statsSql.analyze());
    return (await selectOne<{ n: number }>(m, statsSql.count()))?.n ?? 0;
  }
}
