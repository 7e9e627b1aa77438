import { ValidateBy, ValidationOptions } from 'class-validator';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2023-02-29 and 2024-13-01 are not). */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** True for an ISO 8601 date-time with a zone whose date and time exist (no 25:00, no 31 April). */
export function isInstant(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = INSTANT_RE.exec(v);
  if (!m) return false;
  if (!isCalendarDate(`${m[1]}-${m[2]}-${m[3]}`)) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59)) return false;
  return !Number.isNaN(Date.parse(v));
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A calendar date YYYY-MM-DD that exists and is not in the future (a birth, a departure, an exit). */
export const IsPastDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPastDate',
      validator: {
        validate: (v: unknown) => isCalendarDate(v) && v <= today(),
        defaultMessage: (a) => `${a?.property ?? 'date'} must be a real calendar date (YYYY-MM-DD) that is not in the future`,
      },
    },
    options,
  );

/** An ISO 8601 date-time with a zone, that exists, at most one day ahead of now. */
export const IsPastInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPastInstant',
      validator: {
        validate: (v: unknown) => isInstant(v) && Date.parse(v) <= Date.now() + 86_400_000,
        defaultMessage: (a) => `${a?.property ?? 'date'} must be a real ISO 8601 date-time with a time zone, not in the future`,
      },
    },
    options,
  );
