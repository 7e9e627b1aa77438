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
import { StatsRepository, type MonthRow } from './stats.repository';

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

/** Rows (month, dimension, key, n) → 12 months of counts; the total of a month is the sum of its status cells (every record has one status). */
function toMonths(rows: MonthRow[], months: number): MonthCounts[] {
  const out: { total: number; cells: Record<string, Record<string, number>> }[] = Array.from(
    { length: months },
    () => ({ total: 0, cells: {} }),
  );
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
  constructor(
    private readonly ds: DataSource,
    private readonly repo: StatsRepository = new StatsRepository(),
  ) {}

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
    const state = await this.repo.state(this.ds);
    const range = statPeriodRange({ kind: 'MONTH', year, index: 1 });
    const end = statPeriodRange({ kind: 'MONTH', year, index: months }).to;
    const r = splitRange(range.from, end, state?.complete_before ?? null);
    const parts = { ...r, none: range.from.toISOString() };
    const [cases, referrals] = await Promise.all([
      this.repo.caseMonths(this.ds, parts),
      this.repo.referralMonths(this.ds, parts),
    ]);
    const refreshed = state?.refreshed_at;
    return {
      cases: toMonths(cases, months),
      referrals: toMonths(referrals, months),
      dailyAsOf: refreshed && r.daily ? new Date(refreshed).toISOString() : null,
    };
  }

  /**
   * Recounts every whole Lao day before today into `stats_daily`, in one transaction (a summary
   * reads the old counts or the new ones, never a mix). Returns the number of rows written.
   */
  async refreshDaily(): Promise<number> {
    return this.ds.transaction((m) => this.repo.recount(m));
  }
}
