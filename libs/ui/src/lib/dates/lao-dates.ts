import type { Language } from '@ctms/domain';

/*
 * The portal's one Lao/English date module. Dates are read and written in Lao time (UTC+07:00 all
 * year, no daylight saving), by hand: browsers' Intl data often lacks Lao (Chromium falls back to
 * English), and every date must read in Lao.
 * Reading: dates typed as day / month / year (GOV.UK's date pattern), in Lao order, whatever the
 * device's language: no browser date control. A birth date may be a year or a month and year only,
 * with its precision. Writing: "1 ມີນາ 2026", "1 March 2026", "2 Mar 2026, 03:05".
 * Pure functions; the component is date-input.ts.
 */
export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';
/** What is wrong with what was typed (each has its words in the dictionaries: `date.err.<code>`). */
export type DateProblem = 'DATE_INCOMPLETE' | 'DATE_INVALID' | 'DATE_FUTURE' | 'TIME_INVALID';

export interface DateParts {
  day: string;
  month: string;
  year: string;
  /** HH:MM, 24 hours (date-times only) */
  time: string;
}

export interface DateRead {
  /** YYYY-MM-DD, or an ISO instant in Lao time for date-times; null when nothing or something wrong was typed */
  value: string | null;
  precision: DatePrecision | null;
  problem: DateProblem | null;
}

const LAO_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today in Laos as YYYY-MM-DD. */
export function laoToday(now = new Date()): string {
  return new Date(now.getTime() + LAO_OFFSET_MS).toISOString().slice(0, 10);
}

/** Now in Laos as an ISO instant with its zone, to the minute: '2026-03-01T10:05:00+07:00'. */
export function laoNowIso(now = new Date()): string {
  return `${new Date(now.getTime() + LAO_OFFSET_MS).toISOString().slice(0, 16)}:00+07:00`;
}

/** The parts to show for a stored value (a date, or an instant shown in Lao time). */
export function partsFrom(value: unknown, precision?: unknown): DateParts {
  const empty: DateParts = { day: '', month: '', year: '', time: '' };
  if (typeof value !== 'string') return empty;
  let date = value;
  let time = '';
  if (value.length > 10) {
    const t = Date.parse(value);
    if (Number.isNaN(t)) return empty;
    const local = new Date(t + LAO_OFFSET_MS).toISOString();
    date = local.slice(0, 10);
    time = local.slice(11, 16);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return empty;
  const [y, mo, d] = [m[1], String(Number(m[2])), String(Number(m[3]))];
  if (precision === 'YEAR') return { ...empty, year: y };
  if (precision === 'MONTH') return { ...empty, month: mo, year: y };
  return { day: d, month: mo, year: y, time };
}

function num(s: string): number | null {
  const t = s.trim();
  return /^\d{1,4}$/.test(t) ? Number(t) : null;
}

/**
 * Reads typed parts. `partial`: a year alone or a month and year are a date of that precision.
 * `withTime`: a date-time in Lao time (the time is required). Not after `today` (+1 day for instants).
 */
export function readParts(
  p: DateParts,
  opts: { partial?: boolean; withTime?: boolean; today?: string } = {},
): DateRead {
  const none: DateRead = { value: null, precision: null, problem: null };
  const blank = [p.day, p.month, p.year, opts.withTime ? p.time : ''].every((s) => s.trim() === '');
  if (blank) return none;
  const [d, m, y] = [num(p.day), num(p.month), num(p.year)];
  const bad = (problem: DateProblem): DateRead => ({ value: null, precision: null, problem });
  if (y === null || p.year.trim().length !== 4) return bad(p.year.trim() === '' ? 'DATE_INCOMPLETE' : 'DATE_INVALID');
  if (y < 1900) return bad('DATE_INVALID');
  let precision: DatePrecision;
  if (p.day.trim() === '' && p.month.trim() === '' && opts.partial) precision = 'YEAR';
  else if (p.day.trim() === '' && opts.partial) precision = 'MONTH';
  else if (p.day.trim() === '' || p.month.trim() === '') return bad('DATE_INCOMPLETE');
  else precision = 'DAY';
  const month = precision === 'YEAR' ? 1 : m;
  const day = precision === 'DAY' ? d : 1;
  if (month === null || month < 1 || month > 12 || day === null || day < 1) return bad('DATE_INVALID');
  const check = new Date(Date.UTC(y, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return bad('DATE_INVALID');
  const date = `${pad(y, 4)}-${pad(month)}-${pad(day)}`;
  const today = opts.today ?? laoToday();
  if (!opts.withTime) return date > today ? bad('DATE_FUTURE') : { value: date, precision, problem: null };
  const t = /^(\d{1,2})[:.](\d{2})$/.exec(p.time.trim());
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59)
    return bad(p.time.trim() === '' ? 'DATE_INCOMPLETE' : 'TIME_INVALID');
  const iso = `${date}T${pad(Number(t[1]))}:${t[2]}:00+07:00`;
  if (Date.parse(iso) > Date.now() + 86_400_000) return bad('DATE_FUTURE');
  return { value: iso, precision: 'DAY', problem: null };
}

/** Whole years between a birth date of some precision and a day, counting from the LATEST birth the precision allows (errs towards a child). */
export function yearsSince(value: unknown, precision: unknown, at: Date): number | null {
  if (typeof value !== 'string' || typeof precision !== 'string' || precision === 'UNKNOWN') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const birth =
    precision === 'YEAR'
      ? new Date(Date.UTC(y, 11, 31))
      : precision === 'MONTH'
        ? new Date(Date.UTC(y, mo, 0))
        : new Date(Date.UTC(y, mo - 1, d));
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  if (
    at.getUTCMonth() < birth.getUTCMonth() ||
    (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate())
  )
    age--;
  return Math.max(age, 0);
}

/** Lao and English month names. */
const MONTHS: Record<Language, readonly string[]> = {
  lo: ['ມັງກອນ', 'ກຸມພາ', 'ມີນາ', 'ເມສາ', 'ພຶດສະພາ', 'ມິຖຸນາ', 'ກໍລະກົດ', 'ສິງຫາ', 'ກັນຍາ', 'ຕຸລາ', 'ພະຈິກ', 'ທັນວາ'],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** An instant's wall clock in Laos (read with the UTC getters). */
function inLaos(iso: string): Date | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + LAO_OFFSET_MS);
}

function day(d: Date, lang: Language, short: boolean): string {
  const month = MONTHS[lang][d.getUTCMonth()] ?? '';
  return `${d.getUTCDate()} ${lang === 'en' && short ? month.slice(0, 3) : month} ${d.getUTCFullYear()}`;
}

/** "2026-03-01" (a calendar day, no zone shift) or an instant (its day in Laos) → "1 ມີນາ 2026", "1 March 2026". */
export function formatDate(value: unknown, lang: Language): string {
  if (typeof value !== 'string' || !value) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = dateOnly ? new Date(`${value}T00:00:00Z`) : inLaos(value);
  return d && !Number.isNaN(d.getTime()) ? day(d, lang, false) : value;
}

/** An instant with its time of day (24-hour) in Laos: "2 ມີນາ 2026, 03:05", "2 Mar 2026, 03:05". */
export function formatDateTime(value: unknown, lang: Language): string {
  if (typeof value !== 'string' || !value) return '';
  const d = inLaos(value);
  if (!d) return value;
  return `${day(d, lang, true)}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Now as a `datetime-local` value in Lao time: "2026-03-01T10:05". */
export function nowLocalInLaos(now: Date = new Date()): string {
  return laoNowIso(now).slice(0, 16);
}

/**
 * A `datetime-local` value typed in Lao time → an ISO 8601 instant with its zone, as the API wants.
 * Empty or malformed input → null.
 */
export function laoLocalToIso(local: string | null | undefined): string | null {
  if (!local) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(local.trim());
  if (!m) return null;
  return `${m[1]}T${m[2]}${m[3] ?? ':00'}+07:00`;
}
