import { ValidateBy, ValidationOptions } from 'class-validator';
import { chronologyProblems, isCalendarDate, todayInLaos } from '@ctms/domain';
import { ValidationFailed } from './errors';

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 date-time with a zone whose date and time exist (no 25:00, no 31 April). */
export function isInstant(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = INSTANT_RE.exec(v);
  if (!m) return false;
  if (!isCalendarDate(`${m[1]}-${m[2]}-${m[3]}`)) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59)) return false;
  return !Number.isNaN(Date.parse(v));
}

/** A real calendar date written YYYY-MM-DD: "2026-02-30" is refused, not rolled over. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v: unknown) => isCalendarDate(v),
        defaultMessage: (a) => `${a?.property ?? 'date'} must be a real date written YYYY-MM-DD`,
      },
    },
    options,
  );

/** A calendar date YYYY-MM-DD that exists and is not after today in Laos (a birth, a departure, an event that happened). */
export const IsPastDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPastDate',
      validator: {
        validate: (v: unknown) => isCalendarDate(v) && v <= todayInLaos(),
        defaultMessage: (a) =>
          `${a?.property ?? 'date'} must be a real calendar date (YYYY-MM-DD) that is not in the future`,
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
        defaultMessage: (a) =>
          `${a?.property ?? 'date'} must be a real ISO 8601 date-time with a time zone, not in the future`,
      },
    },
    options,
  );

/** Refuses events recorded out of order (decision 0012): a 400 naming each field whose date comes too early. */
export function requireChronology(events: Parameters<typeof chronologyProblems>[0]): void {
  const problems = chronologyProblems(events);
  if (problems.length) throw new ValidationFailed(problems);
}
