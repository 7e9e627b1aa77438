/**
 * The child rule (a legal protection): a person counts as a child when presumed a minor or under
 * ADULT_AGE_YEARS. The one implementation: the API decides a screening's `isChild` and indicator
 * profile with it, the portal shows the same answer while the interview is typed.
 */
import { ADULT_AGE_YEARS } from './indicators';

/**
 * Age in whole years at `at`, from a date of birth (YYYY-MM-DD) with its precision. An uncertain
 * date counts from the LATEST birth date it allows (end of the month or year), so uncertainty errs
 * towards a child (presumption of minority). UNKNOWN precision, no date or a malformed one: null.
 */
export function ageAt(dateOfBirth: unknown, precision: unknown, at: Date): number | null {
  if (typeof dateOfBirth !== 'string' || typeof precision !== 'string' || precision === 'UNKNOWN') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let birth: Date;
  if (precision === 'YEAR') birth = new Date(Date.UTC(y, 11, 31));
  else if (precision === 'MONTH') birth = new Date(Date.UTC(y, mo, 0));
  else birth = new Date(Date.UTC(y, mo - 1, d));
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  if (
    at.getUTCMonth() < birth.getUTCMonth() ||
    (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate())
  )
    age--;
  return Math.max(age, 0);
}

/** What the rule reads of a bio-data section (typed or as the portal's form holds it). */
export interface ChildAgeInput {
  dateOfBirth?: unknown;
  dobPrecision?: unknown;
  ageAtInterview?: unknown;
  presumedMinor?: unknown;
}

export interface ChildFacts {
  ageYears: number | null;
  presumedMinor: boolean;
  isChild: boolean;
}

/**
 * Whether the interviewee counts as a child at the interview (`interviewAt`, or `now` when it is not
 * known yet): presumed a minor (in the bio-data or on the linked person), or under 18 by the birth
 * date, or else by the age given at the interview.
 */
export function childFacts(
  bio: ChildAgeInput | null | undefined,
  interviewAt: Date | null,
  linkedPersonPresumedMinor = false,
  now: Date = new Date(),
): ChildFacts {
  const at = interviewAt && !Number.isNaN(interviewAt.getTime()) ? interviewAt : now;
  const fromDob = ageAt(bio?.dateOfBirth, bio?.dobPrecision, at);
  const ageYears = fromDob ?? (typeof bio?.ageAtInterview === 'number' ? bio.ageAtInterview : null);
  const presumedMinor = bio?.presumedMinor === true || linkedPersonPresumedMinor;
  return { ageYears, presumedMinor, isChild: presumedMinor || (ageYears !== null && ageYears < ADULT_AGE_YEARS) };
}
