/**
 * Aggregate statistics: what may be released and for which windows (docs/access.md "Aggregate
 * statistics": small cells suppressed, released by whole month, quarter or year; decision 0014).
 * The release rule itself (which cells are withheld so that none can be worked out from the others)
 * is in statistics-release.ts.
 */
import { EXPLOITATION_TYPES } from './case-codes';
import { PROVINCE_CODES } from './reference';
import { CASE_STATUSES, IDENTIFICATION_STATUSES, REFERRAL_STATUSES } from './workflows';

/** A count below k could point at a person (k-anonymity, k = 11, as IOM's CTDC publishes). */
export const SMALL_CELL_K = 11;

/**
 * Statistics count in Lao time: a case opened at 03:00 on 1 April in Vientiane belongs to April.
 * Asia/Vientiane is UTC+07:00 all year (no daylight saving), so the offset is fixed.
 */
export const STATS_TIME_ZONE = 'Asia/Vientiane';
const LAO_OFFSET_MS = 7 * 3_600_000;

// ---------------------------------------------------------------------------------------------
// Periods: whole calendar months, quarters and years, in Lao time
// ---------------------------------------------------------------------------------------------

export type StatPeriodKind = 'YEAR' | 'QUARTER' | 'MONTH';

export interface StatPeriod {
  readonly kind: StatPeriodKind;
  readonly year: number;
  /** 1–4 for a quarter, 1–12 for a month, 0 for a year */
  readonly index: number;
}

/** The first year a period may name (earlier dates are not case data). */
export const STAT_PERIOD_MIN_YEAR = 2000;
export const STAT_PERIOD_MAX_YEAR = 2999;

/** What `period` must look like: `2026` (a year), `2026-Q1` (a quarter), `2026-03` (a month). */
export const STAT_PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export function parseStatPeriod(text: string): StatPeriod | null {
  const m = STAT_PERIOD_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < STAT_PERIOD_MIN_YEAR || year > STAT_PERIOD_MAX_YEAR) return null;
  if (m[2]) return { kind: 'QUARTER', year, index: Number(m[2]) };
  if (m[3]) return { kind: 'MONTH', year, index: Number(m[3]) };
  return { kind: 'YEAR', year, index: 0 };
}

export function formatStatPeriod(p: StatPeriod): string {
  if (p.kind === 'YEAR') return String(p.year);
  if (p.kind === 'QUARTER') return `${p.year}-Q${p.index}`;
  return `${p.year}-${String(p.index).padStart(2, '0')}`;
}

/** The first and last calendar month (1–12) of a period. */
export function statPeriodMonths(p: StatPeriod): { first: number; last: number } {
  if (p.kind === 'YEAR') return { first: 1, last: 12 };
  if (p.kind === 'QUARTER') return { first: p.index * 3 - 2, last: p.index * 3 };
  return { first: p.index, last: p.index };
}

/** Midnight in Laos at the start of a month (month 13 is January of the next year). */
function laoMonthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - LAO_OFFSET_MS);
}

/** The period as instants [from, to): Lao midnight on its first day and after its last. */
export function statPeriodRange(p: StatPeriod): { from: Date; to: Date } {
  const { first, last } = statPeriodMonths(p);
  return { from: laoMonthStart(p.year, first), to: laoMonthStart(p.year, last + 1) };
}

/** A period is released only once it is over in Laos: a running month would let two reads an hour apart isolate the cases opened in between. */
export function statPeriodEnded(p: StatPeriod, now: Date): boolean {
  return statPeriodRange(p).to.getTime() <= now.getTime();
}

/** The number of whole months of `year` that have ended in Laos at `now` (0–12). */
export function endedMonthsOfYear(year: number, now: Date): number {
  let n = 0;
  while (n < 12 && laoMonthStart(year, n + 2).getTime() <= now.getTime()) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// What the summary counts
// ---------------------------------------------------------------------------------------------

/**
 * A breakdown of a count. `partition`: every record has exactly one key, so the cells add up to the
 * total. `multi`: a record has any number of keys (a case may have several forms of exploitation,
 * or none), so each cell is at most the total. `keys` are public (an attacker knows them): a key
 * missing from a release may be empty or withheld.
 */
export interface StatDimension {
  readonly name: string;
  readonly keys: readonly string[];
  readonly kind: 'partition' | 'multi';
}

/** Cases by the month they were opened. */
export const CASE_STAT_DIMENSIONS: readonly StatDimension[] = [
  { name: 'status', keys: CASE_STATUSES, kind: 'partition' },
  { name: 'province', keys: PROVINCE_CODES, kind: 'partition' },
  { name: 'identification', keys: IDENTIFICATION_STATUSES, kind: 'partition' },
  { name: 'exploitation_type', keys: EXPLOITATION_TYPES, kind: 'multi' },
];

/** Referrals by the month they were made. */
export const REFERRAL_STAT_DIMENSIONS: readonly StatDimension[] = [
  { name: 'status', keys: REFERRAL_STATUSES, kind: 'partition' },
];

/** A released count. A withheld or empty cell is not listed at all: its key is not shown. */
export interface StatCell {
  key: string;
  n: number;
}

/** `GET /stats/summary?period=` */
export interface StatsSummaryView {
  /** `2026`, `2026-Q1` or `2026-03` */
  period: string;
  /** the period as instants: Lao midnight to Lao midnight */
  from: string;
  to: string;
  timeZone: string;
  /** cells below k are withheld, and so are the cells that would give them away */
  k: number;
  /**
   * Whole days before the last recount come from daily counts made by the worker at this time (a
   * status that changed since shows at the next recount); null when every count is live.
   */
  dailyCountsAsOf: string | null;
  /** null: withheld */
  cases: number | null;
  referrals: number | null;
  casesByStatus: StatCell[];
  casesByProvince: StatCell[];
  casesByIdentification: StatCell[];
  casesByExploitationType: StatCell[];
  referralsByStatus: StatCell[];
}
