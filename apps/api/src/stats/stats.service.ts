import { Injectable } from '@nestjs/common';
import {
  CASE_STAT_DIMENSIONS,
  formatStatPeriod,
  REFERRAL_STAT_DIMENSIONS,
  releaseYear,
  SMALL_CELL_K,
  STATS_TIME_ZONE,
  statPeriodMonths,
  statPeriodRange,
  type MonthCounts,
  type PeriodRelease,
  type StatPeriod,
  type StatsSummaryView,
} from '@ctms/domain';
import { DataSource } from 'typeorm';

/** What a count belongs to, in `stats_daily` and in a summary. */
export type StatsDimension = 'status' | 'province' | 'identification' | 'exploitation_type';

/** Raw counts (no suppression yet) per calendar month (1–12) of one year, and how fresh the daily part is. */
export interface RawYear {
  cases: MonthCounts[];
  referrals: MonthCounts[];
  /** when the days before the live part were last counted; null when every count is live */
  dailyAsOf: string | null;
}

/** Lao midnight at the start of a Lao calendar day `YYYY-MM-DD`, in ms. */
function laoMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00+07:00`);
}

/** The Lao calendar day of a Lao midnight. */
function laoDay(t: number): string {
  return new Date(t + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * How [from, to) — both Lao midnights — is counted: the whole Lao days before `completeBefore` (the
 * first day the last recount did not count; null: never recounted) from `stats_daily`, the rest live.
 * An empty part comes back as null.
 */
export function splitRange(
  from: Date,
  to: Date,
  completeBefore: string | null,
): { daily: { fromDay: string; toDay: string } | null; live: { from: string; to: string } | null } {
  const lo = from.getTime();
  const hi = to.getTime();
  const cut = completeBefore === null ? lo : Math.min(Math.max(laoMidnight(completeBefore), lo), hi);
  return {
    daily: lo < cut ? { fromDay: laoDay(lo), toDay: laoDay(cut) } : null,
    live: cut < hi ? { from: new Date(cut).toISOString(), to: new Date(hi).toISOString() } : null,
  };
}

// the three case dimensions in one scan; grouping() bits left to right: status, province, identification
const CASE_DIMENSIONS = `
  CASE grouping(status, province_code, identification_status) WHEN 3 THEN 'status' WHEN 5 THEN 'province' ELSE 'identification' END AS dimension,
  coalesce(CASE grouping(status, province_code, identification_status) WHEN 3 THEN status WHEN 5 THEN province_code ELSE identification_status END, '') AS key`;

const lao = (col: string): string => `(${col} AT TIME ZONE '${STATS_TIME_ZONE}')`;

interface MonthRow {
  month: number;
  dimension: StatsDimension;
  key: string;
  n: number;
}

/** Rows (month, dimension, key, n) → 12 months of counts; the total of a month is the sum of its status cells (every record has one status). */
function toMonths(rows: MonthRow[], months: number): MonthCounts[] {
  const out: { total: number; cells: Record<string, Record<string, number>> }[] = Array.from({ length: months }, () => ({ total: 0, cells: {} }));
  for (const r of rows) {
    const m = out[r.month - 1];
    if (!m) continue;
    (m.cells[r.dimension] ??= {})[r.key] = r.n;
    if (r.dimension === 'status') m.total += r.n;
  }
  return out;
}

/**
 * Counts for the statistics summary, and the release rule applied to them. The worker recounts
 * whole Lao days into `stats_daily` (`refreshDaily`, every STATS_REFRESH_EVERY_SECONDS); a summary
 * takes the days of its year up to the end of its period from there and counts live only the days
 * since the last recount. A case opened before that day whose status changed since is counted under
 * its old status until the next recount.
 */
@Injectable()
export class StatsService {
  constructor(private readonly ds: DataSource) {}

  /**
   * The released summary of an ended period (decision 0014). The release rule decides a year month
   * by month, so it needs every month of the period's year up to the period's end.
   */
  async summary(period: StatPeriod): Promise<StatsSummaryView> {
    const { last } = statPeriodMonths(period);
    const raw = await this.yearCounts(period.year, last);
    const name = formatStatPeriod(period);
    const pick = (rs: PeriodRelease[]) => {
      const r = rs.find((x) => formatStatPeriod(x.period) === name);
      if (!r) throw new Error(`no release for ${name}`);
      return r;
    };
    const cases = pick(releaseYear(period.year, raw.cases, CASE_STAT_DIMENSIONS));
    const referrals = pick(releaseYear(period.year, raw.referrals, REFERRAL_STAT_DIMENSIONS));
    const range = statPeriodRange(period);
    return {
      period: name,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      timeZone: STATS_TIME_ZONE,
      k: SMALL_CELL_K,
      dailyCountsAsOf: raw.dailyAsOf,
      cases: cases.total,
      referrals: referrals.total,
      casesByStatus: cases.cells['status'] ?? [],
      casesByProvince: cases.cells['province'] ?? [],
      casesByIdentification: cases.cells['identification'] ?? [],
      casesByExploitationType: cases.cells['exploitation_type'] ?? [],
      referralsByStatus: referrals.cells['status'] ?? [],
    };
  }

  /** Raw counts of the months 1..`months` of `year` (Lao time), per month. */
  async yearCounts(year: number, months: number): Promise<RawYear> {
    const state = await this.ds.query<{ complete_before: string; refreshed_at: Date }[]>(`SELECT to_char(complete_before, 'YYYY-MM-DD') AS complete_before, refreshed_at FROM stats_daily_state WHERE id = 1`);
    const range = statPeriodRange({ kind: 'MONTH', year, index: 1 });
    const end = statPeriodRange({ kind: 'MONTH', year, index: months }).to;
    const r = splitRange(range.from, end, state[0]?.complete_before ?? null);
    // an empty part is an empty range
    const none = range.from.toISOString();
    const params = [r.daily?.fromDay ?? '1970-01-01', r.daily?.toDay ?? '1970-01-01', r.live?.from ?? none, r.live?.to ?? none];
    const daily = `s.day >= $1::date AND s.day < $2::date`;
    const live = (col: string): string => `${col} >= $3::timestamptz AND ${col} < $4::timestamptz`;
    const month = (col: string): string => `extract(month FROM ${lao(col)})::int`;
    const [cases, referrals] = await Promise.all([
      this.ds.query<MonthRow[]>(
        `SELECT month, dimension, key, sum(n)::int AS n FROM (
           SELECT extract(month FROM s.day)::int AS month, s.dimension, s.key, s.n FROM stats_daily s WHERE s.subject = 'case' AND ${daily}
           UNION ALL
           SELECT month, ${CASE_DIMENSIONS}, count(*) FROM (
             SELECT ${month('opened_at')} AS month, status, province_code, identification_status FROM case_record WHERE ${live('opened_at')}
           ) c GROUP BY GROUPING SETS ((month, status), (month, province_code), (month, identification_status))
           UNION ALL
           SELECT ${month('c.opened_at')}, 'exploitation_type', t, count(*) FROM case_record c CROSS JOIN LATERAL unnest(c.exploitation_types) t WHERE ${live('c.opened_at')} GROUP BY 1, 3
         ) x GROUP BY month, dimension, key`,
        params,
      ),
      this.ds.query<MonthRow[]>(
        `SELECT month, 'status' AS dimension, key, sum(n)::int AS n FROM (
           SELECT extract(month FROM s.day)::int AS month, s.key, s.n FROM stats_daily s WHERE s.subject = 'referral' AND s.dimension = 'status' AND ${daily}
           UNION ALL
           SELECT ${month('created_at')}, status, count(*) FROM referral WHERE ${live('created_at')} GROUP BY 1, 2
         ) x GROUP BY month, key`,
        params,
      ),
    ]);
    const refreshed = state[0]?.refreshed_at;
    return { cases: toMonths(cases, months), referrals: toMonths(referrals, months), dailyAsOf: refreshed && r.daily ? new Date(refreshed).toISOString() : null };
  }

  /**
   * Recounts every whole Lao day before today into `stats_daily`, in one transaction (a summary
   * reads the old counts or the new ones, never a mix). Returns the number of rows written.
   */
  async refreshDaily(): Promise<number> {
    return this.ds.transaction(async (m) => {
      // one refresh at a time (several workers): the second waits, then recounts
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('stats_daily'))`);
      const [{ cut }] = await m.query<{ cut: string }[]>(`SELECT to_char(${lao('now()')}, 'YYYY-MM-DD') AS cut`);
      await m.query(`DELETE FROM stats_daily`);
      const day = (col: string): string => `${lao(col)}::date`;
      const before = (col: string): string => `${col} < (($1::date)::timestamp AT TIME ZONE '${STATS_TIME_ZONE}')`;
      await m.query(
        `INSERT INTO stats_daily (subject, dimension, key, day, n)
         SELECT 'case', ${CASE_DIMENSIONS}, day, count(*)
           FROM (SELECT ${day('opened_at')} AS day, status, province_code, identification_status FROM case_record WHERE ${before('opened_at')}) c
          GROUP BY GROUPING SETS ((day, status), (day, province_code), (day, identification_status))`,
        [cut],
      );
      await m.query(
        `INSERT INTO stats_daily (subject, dimension, day, key, n)
         SELECT 'case', 'exploitation_type', ${day('c.opened_at')}, t, count(*)
           FROM case_record c CROSS JOIN LATERAL unnest(c.exploitation_types) t WHERE ${before('c.opened_at')} GROUP BY 3, 4`,
        [cut],
      );
      await m.query(
        `INSERT INTO stats_daily (subject, dimension, day, key, n)
         SELECT 'referral', 'status', ${day('created_at')}, status, count(*) FROM referral WHERE ${before('created_at')} GROUP BY 3, 4`,
        [cut],
      );
      await m.query(
        `INSERT INTO stats_daily_state (id, complete_before, refreshed_at) VALUES (1, $1::date, now())
         ON CONFLICT (id) DO UPDATE SET complete_before = EXCLUDED.complete_before, refreshed_at = EXCLUDED.refreshed_at`,
        [cut],
      );
      // the planner must know the table was refilled (else it guesses a few rows: an index scan and a sort on disk)
      await m.query(`ANALYZE stats_daily`);
      const [{ n }] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM stats_daily`);
      return n;
    });
  }
}
