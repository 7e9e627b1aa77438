import { HttpErrorResponse } from '@angular/common/http';
import { label, WORKFLOW_REFUSAL_LABELS, type Language } from '@ctms/domain';
import type { TranslationKey } from '../core/i18n/dictionaries';

/** Dates and times are shown in Lao time, whatever the device's zone. */
export const LAO_TIME_ZONE = 'Asia/Vientiane';
const LAO_OFFSET = '+07:00';

/** Lao month names: browsers' ICU data often lacks Lao, so Lao dates are written here. */
const LAO_MONTHS = ['ມັງກອນ', 'ກຸມພາ', 'ມີນາ', 'ເມສາ', 'ພຶດສະພາ', 'ມິຖຸນາ', 'ກໍລະກົດ', 'ສິງຫາ', 'ກັນຍາ', 'ຕຸລາ', 'ພະຈິກ', 'ທັນວາ'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
}

function partsIn(d: Date, timeZone: string): Parts {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (type: string) => f.find((p) => p.type === type)?.value ?? '00';
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), hour: get('hour') === '24' ? '00' : get('hour'), minute: get('minute') };
}

function day(p: Parts, lang: Language, short: boolean): string {
  const month = lang === 'lo' ? LAO_MONTHS[p.month - 1] : short ? EN_MONTHS[p.month - 1].slice(0, 3) : EN_MONTHS[p.month - 1];
  return `${p.day} ${month} ${p.year}`;
}

/** "2026-03-01T10:00:00Z" or "2026-03-01" → a day in the user's language: "1 ມີນາ 2026", "1 March 2026". */
export function formatDate(value: string | null | undefined, lang: Language): string {
  if (!value) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return day(partsIn(d, dateOnly ? 'UTC' : LAO_TIME_ZONE), lang, false);
}

/** An instant, with the time of day (24-hour), in Lao time. */
export function formatDateTime(value: string | null | undefined, lang: Language): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = partsIn(d, LAO_TIME_ZONE);
  return `${day(p, lang, true)}, ${p.hour}:${p.minute}`;
}

/** Today's date in Lao time, YYYY-MM-DD (what a `type=date` input holds). */
export function todayInLaos(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: LAO_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts;
}

/** Now as a `datetime-local` value in Lao time: "2026-03-01T10:05". */
export function nowLocalInLaos(now: Date = new Date()): string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: LAO_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(now);
  const get = (type: string) => f.find((p) => p.type === type)?.value ?? '00';
  const hour = get('hour') === '24' ? '00' : get('hour');
  return `${get('year')}-${get('month')}-${get('day')}T${hour}:${get('minute')}`;
}

/**
 * A `datetime-local` value typed in Lao time → an ISO 8601 instant with its zone, as the API wants.
 * Empty or malformed input → null.
 */
export function laoLocalToIso(local: string | null | undefined): string | null {
  if (!local) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(local.trim());
  if (!m) return null;
  return `${m[1]}T${m[2]}${m[3] ?? ':00'}${LAO_OFFSET}`;
}

/** What went wrong with an API call, for the user: one message, and per-field problems for 400s. */
export interface Problem {
  status: number;
  code: string | null;
  message: string;
  fields: Record<string, string>;
}

type Translate = (key: TranslationKey, params?: Readonly<Record<string, string | number>>) => string;

interface ErrorBody {
  code?: unknown;
  details?: unknown;
}

/** The problem codes a 400 names per field (`details: [{field, problems}]`); empty for any other answer. */
export function fieldProblems(err: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!(err instanceof HttpErrorResponse) || err.status !== 400) return out;
  const details = ((err.error ?? {}) as ErrorBody).details;
  if (!Array.isArray(details)) return out;
  for (const d of details as { field?: unknown; problems?: unknown }[]) {
    if (typeof d?.field !== 'string') continue;
    out[d.field] = Array.isArray(d.problems) ? d.problems.filter((p): p is string => typeof p === 'string') : [];
  }
  return out;
}

/**
 * Turns an HttpErrorResponse into words. `codeLabel` may translate feature-specific 409 codes;
 * the shared workflow refusals are labelled from `@ctms/domain`.
 */
export function describeError(err: unknown, t: Translate, lang: Language, codeLabel?: (code: string) => string | null): Problem {
  if (!(err instanceof HttpErrorResponse)) return { status: -1, code: null, message: t('cases.err.failed'), fields: {} };
  const body = (err.error ?? {}) as ErrorBody;
  const code = typeof body.code === 'string' ? body.code : null;
  const fields: Record<string, string> = {};
  for (const field of Object.keys(fieldProblems(err))) fields[field] = t('cases.err.field');
  let message: string;
  if (err.status === 0) message = t('cases.err.unavailable');
  else if (code === 'STALE_VERSION') message = t('cases.err.stale');
  else if (code && codeLabel?.(code)) message = codeLabel(code) ?? code;
  else if (code && Object.prototype.hasOwnProperty.call(WORKFLOW_REFUSAL_LABELS, code)) message = label(WORKFLOW_REFUSAL_LABELS, code, lang);
  else if (err.status === 400) message = t('cases.err.invalid');
  else if (err.status === 403) message = t('cases.err.forbidden');
  else if (err.status === 404) message = t('cases.err.notFound');
  else if (err.status === 409) message = t('cases.err.conflict', { code: code ?? '' });
  else message = t('cases.err.failed');
  return { status: err.status, code, message, fields };
}

/** Toggles a value in a list (for checkbox groups), keeping the list's order. */
export function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  const without = list.filter((v) => v !== value);
  return on ? [...without, value] : without;
}

/** Blank strings become undefined, so that an empty field is left out of a request. */
export function blankToUndefined(v: string | null | undefined): string | undefined {
  const s = (v ?? '').trim();
  return s ? s : undefined;
}
