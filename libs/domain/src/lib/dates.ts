/**
 * Dates that can be true (decision 0012): real calendar days, "today" in Laos, and the order in which
 * the events of a life, a journey, a referral and a prosecution must have happened. The API refuses
 * what these find with a 400 naming each field; the portal can check the same before it sends.
 * Calendar dates are 'YYYY-MM-DD' strings: they compare as text.
 */

export const LAO_TIME_ZONE = 'Asia/Vientiane';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, year 1900–2200 (2023-02-29 and 2024-13-01 are not). */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The calendar date in Laos of an instant (a Date or an ISO 8601 date-time), YYYY-MM-DD. */
export function laoDateOf(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: LAO_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

/** Today's date in Laos, YYYY-MM-DD. */
export function todayInLaos(now: Date = new Date()): string {
  return laoDateOf(now);
}

/**
 * The earliest day a birth date of this precision allows: YEAR → 1 January, MONTH → the 1st, DAY →
 * the day; UNKNOWN or no date → null. A birth is impossible only when even this day is too late.
 */
export function earliestBirthDate(
  dateOfBirth: string | null | undefined,
  precision: string | null | undefined,
): string | null {
  if (!isCalendarDate(dateOfBirth) || !precision || precision === 'UNKNOWN') return null;
  if (precision === 'YEAR') return `${dateOfBirth.slice(0, 4)}-01-01`;
  if (precision === 'MONTH') return `${dateOfBirth.slice(0, 7)}-01`;
  return dateOfBirth;
}

export interface DateFieldProblem {
  field: string;
  problems: string[];
}

/** One event of a chronology: the field that carries it in the request (null: a stored fact), a name, its date. */
export interface DatedStep {
  field: string | null;
  name: string;
  date: string | null | undefined;
}

/**
 * Steps in the order they must have happened (equal dates allowed). For each pair out of order,
 * each of the two that came in the request is named with what it conflicts with; a step without a
 * date is skipped. Reports each field once, with its first conflict.
 */
export function chronologyProblems(steps: readonly DatedStep[]): DateFieldProblem[] {
  const out = new Map<string, string>();
  const dated = steps.filter((s): s is DatedStep & { date: string } => isCalendarDate(s.date));
  for (let i = 0; i < dated.length; i++) {
    for (let j = i + 1; j < dated.length; j++) {
      const early = dated[i];
      const late = dated[j];
      if (late.date >= early.date) continue;
      if (early.field && !out.has(early.field)) out.set(early.field, `must not be after ${late.name} (${late.date})`);
      if (late.field && !out.has(late.field)) out.set(late.field, `must not be before ${early.name} (${early.date})`);
    }
  }
  return [...out].map(([field, problem]) => ({ field, problems: [problem] }));
}

/** A date that has not happened yet (after today in Laos) for a field that records the past. */
export function futureDateProblems(
  fields: readonly { field: string; date: string | null | undefined }[],
  today: string = todayInLaos(),
): DateFieldProblem[] {
  return fields
    .filter((f) => isCalendarDate(f.date) && f.date > today)
    .map((f) => ({ field: f.field, problems: [`must not be in the future (today in Laos is ${today})`] }));
}

/** The dated facts of a screening interview, as the API stores them. */
export interface ScreeningDates {
  dateOfBirth?: string | null;
  dobPrecision?: string | null;
  /** ISO 8601 date-time of the interview */
  interviewAt?: string | null;
  dateLeftHome?: string | null;
  journeyEventDates?: readonly (string | null | undefined)[];
  exitDate?: string | null;
}

/**
 * A life happens in order: born (the earliest day the precision allows) before leaving home, before
 * the journey's events and the exit, all before the interview. A birth after the interview made the
 * age 0 and applied the child profile silently.
 */
export function screeningDateProblems(s: ScreeningDates): DateFieldProblem[] {
  const birth: DatedStep = {
    field: 'bioData.dateOfBirth',
    name: 'the date of birth',
    date: earliestBirthDate(s.dateOfBirth, s.dobPrecision),
  };
  const interview: DatedStep = {
    field: 'metadata.interviewAt',
    name: 'the interview',
    date: s.interviewAt ? laoDateOf(s.interviewAt) : null,
  };
  const leftHome: DatedStep = { field: 'recruitment.dateLeftHome', name: 'leaving home', date: s.dateLeftHome };
  const exit: DatedStep = { field: 'exit.date', name: 'the exit', date: s.exitDate };
  const events: DatedStep[] = (s.journeyEventDates ?? []).map((date, i) => ({
    field: `transit.events.${i}.date`,
    name: 'a journey event',
    date,
  }));
  const merged = new Map<string, string[]>();
  const add = (ps: DateFieldProblem[]) => ps.forEach((p) => merged.has(p.field) || merged.set(p.field, p.problems));
  add(chronologyProblems([birth, leftHome, exit, interview]));
  for (const e of events) add(chronologyProblems([birth, e, interview]));
  return [...merged].map(([field, problems]) => ({ field, problems }));
}
