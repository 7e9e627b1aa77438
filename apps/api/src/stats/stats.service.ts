import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What a count belongs to, in `stats_daily` and in a summary. */
export type StatsDimension = 'status' | 'province' | 'identification' | 'exploitation_type';

export interface RawCount {
  dimension: StatsDimension;
  key: string;
  n: number;
}

/** Raw counts over [from, to) (no suppression yet), and how fresh the daily part is. */
export interface RawSummary {
  cases: RawCount[];
  referrals: RawCount[];
  /** when the days before the live part were last counted; null when every count is live */
  dailyAsOf: string | null;
}

const DAY_MS = 86_400_000;
const INFINITY = 'infinity';
const MINUS_INFINITY = '-infinity';

/** UTC midnight at or after `t` (ms). */
function ceilDay(t: number): number {
  return Math.ceil(t / DAY_MS) * DAY_MS;
}

/** UTC midnight at or before `t` (ms). */
function floorDay(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/**
 * How a range [from, to) is counted: whole UTC days in [dailyFrom, dailyTo) from `stats_daily`,
 * the rest ([from, dailyFrom) and [dailyTo, to)) live from the tables. `completeBefore` is the
 * first day the last refresh did not count (null: never refreshed, everything is live).
 * Timestamps as ISO strings or ±infinity, as PostgreSQL reads them.
 */
export function splitRange(
  from: string | null,
  to: string | null,
  completeBefore: string | null,
): { from: string; dailyFrom: string; dailyTo: string; to: string } {
  const lo = from === null ? -Infinity : Date.parse(from);
  const hi = to === null ? Infinity : Date.parse(to);
  const iso = (t: number): string => (t === -Infinity ? MINUS_INFINITY : t === Infinity ? INFINITY : new Date(t).toISOString());
  if (completeBefore === null) return { from: iso(lo), dailyFrom: iso(lo), dailyTo: iso(lo), to: iso(hi) };
  const a = lo === -Infinity ? -Infinity : ceilDay(lo);
  const b = Math.min(hi === Infinity ? Infinity : floorDay(hi), Date.parse(`${completeBefore}T00:00:00Z`));
  // nothing whole to take from the daily counts: count the whole range live
  if (!(a < b)) return { from: iso(lo), dailyFrom: iso(lo), dailyTo: iso(lo), to: iso(hi) };
  return { from: iso(lo), dailyFrom: iso(a), dailyTo: iso(b), to: iso(hi) };
}

// the three case dimensions in one scan; grouping() bits left to right: status, province, identification
const CASE_DIMENSIONS = `
  CASE grouping(status, province_code, identification_status) WHEN 3 THEN 'status' WHEN 5 THEN 'province' ELSE 'identification' END AS dimension,
  coalesce(CASE grouping(status, province_code, identification_status) WHEN 3 THEN status WHEN 5 THEN province_code ELSE identification_status END, '') AS key`;

/**
 * Counts for the statistics summary. The worker recounts whole UTC days into `stats_daily`
 * (`refreshDaily`, every STATS_REFRESH_EVERY_SECONDS); a summary takes the whole days of its
 * range from there and counts live only what lies outside them: partial days at the edges and
 * everything from the day of the last refresh on. A case opened before that day whose status
 * changed since is counted under its old status until the next refresh.
 */
@Injectable()
export class StatsService {
  constructor(private readonly ds: DataSource) {}

  async counts(from: string | null, to: string | null): Promise<RawSummary> {
    const state = (await this.ds.query(`SELECT to_char(complete_before, 'YYYY-MM-DD') AS complete_before, refreshed_at FROM stats_daily_state WHERE id = 1`)) as {
      complete_before: string;
      refreshed_at: Date;
    }[];
    const r = splitRange(from, to, state[0]?.complete_before ?? null);
    // live: [from, dailyFrom) and [dailyTo, to), two index ranges on opened_at / created_at
    const live = (col: string): string => `((${col} >= $1::timestamptz AND ${col} < $2::timestamptz) OR (${col} >= $3::timestamptz AND ${col} < $4::timestamptz))`;
    const daily = `s.day >= ($2::timestamptz AT TIME ZONE 'UTC')::date AND s.day < ($3::timestamptz AT TIME ZONE 'UTC')::date`;
    const params = [r.from, r.dailyFrom, r.dailyTo, r.to];
    const [cases, referrals] = await Promise.all([
      this.ds.query(
        `SELECT dimension, key, sum(n)::int AS n FROM (
           SELECT s.dimension, s.key, s.n FROM stats_daily s WHERE s.subject = 'case' AND ${daily}
           UNION ALL
           SELECT ${CASE_DIMENSIONS}, count(*) FROM case_record WHERE ${live('opened_at')}
            GROUP BY GROUPING SETS ((status), (province_code), (identification_status))
           UNION ALL
           SELECT 'exploitation_type', t, count(*) FROM case_record c CROSS JOIN LATERAL unnest(c.exploitation_types) t WHERE ${live('c.opened_at')} GROUP BY t
         ) x GROUP BY dimension, key`,
        params,
      ) as Promise<RawCount[]>,
      this.ds.query(
        `SELECT 'status' AS dimension, key, sum(n)::int AS n FROM (
           SELECT s.key, s.n FROM stats_daily s WHERE s.subject = 'referral' AND s.dimension = 'status' AND ${daily}
           UNION ALL
           SELECT status, count(*) FROM referral WHERE ${live('created_at')} GROUP BY status
         ) x GROUP BY key`,
        params,
      ) as Promise<RawCount[]>,
    ]);
    const refreshed = state[0]?.refreshed_at;
    return { cases, referrals, dailyAsOf: refreshed && r.dailyFrom !== r.dailyTo ? new Date(refreshed).toISOString() : null };
  }

  /**
   * Recounts every whole UTC day before today into `stats_daily`, in one transaction (a summary
   * reads the old counts or the new ones, never a mix). Returns the number of rows written.
   */
  async refreshDaily(): Promise<number> {
    return this.ds.transaction(async (m) => {
      // one refresh at a time (several workers): the second waits, then recounts
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('stats_daily'))`);
      const [{ cut }] = (await m.query(`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS cut`)) as { cut: string }[];
      await m.query(`DELETE FROM stats_daily`);
      const day = (col: string): string => `(${col} AT TIME ZONE 'UTC')::date`;
      const before = (col: string): string => `${col} < (($1::date)::timestamp AT TIME ZONE 'UTC')`;
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
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM stats_daily`)) as { n: number }[];
      return n;
    });
  }
}
