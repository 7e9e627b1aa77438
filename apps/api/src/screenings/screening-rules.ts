import {
  assessIndicators,
  givenNameOrAlias,
  profileFor,
  screeningDateProblems,
  type BioData,
  type ChildFacts,
  type DateFieldProblem,
  type IndicatorAnswer,
  type StoredAssessment,
  type PersonIdentityInput,
  CHILD_CONSENT_GIVERS,
} from '@ctms/domain';
import type { ScreeningContent } from './screening-content';

/* BioData, StoredAssessment and the child rule (childFacts) live in @ctms/domain (decision 0020). */

const IDENTITY_KEYS: readonly (keyof PersonIdentityInput)[] = [
  'givenNameLo',
  'familyNameLo',
  'latinNames',
  'nicknames',
  'previousNames',
  'sex',
  'dateOfBirth',
  'dobPrecision',
  'presumedMinor',
  'citizenship',
  'ethnicity',
  'languages',
  'education',
  'maritalStatus',
  'homeVillage',
  'homeDistrict',
  'homeProvince',
  'documents',
  'guardian',
  'phone',
  'safeContactMethod',
];

/**
 * The identity to create a person from, or null when the bio-data names nobody. The given name is
 * the Lao given name or else the first alias (submission needs one of them); a birth date recorded
 * without its precision, or none, counts as UNKNOWN.
 */
export function identityOf(bio: BioData | null | undefined): PersonIdentityInput | null {
  const givenName = givenNameOrAlias(bio);
  if (!bio || givenName === null) return null;
  const out: Record<string, unknown> = {};
  for (const k of IDENTITY_KEYS) {
    const v = bio[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  out['givenNameLo'] = givenName;
  if (bio.dobPrecision === undefined) out['dobPrecision'] = 'UNKNOWN';
  return out as unknown as PersonIdentityInput;
}

/** May this giver consent to a child's interview? */
export function childConsentGiverOk(givenBy: string | undefined | null): boolean {
  return typeof givenBy === 'string' && (CHILD_CONSENT_GIVERS as readonly string[]).includes(givenBy);
}

export function computeAssessment(
  answers: readonly IndicatorAnswer[] | null | undefined,
  facts: ChildFacts,
): StoredAssessment | null {
  if (!answers || answers.length === 0) return null;
  const codesOnly = answers.map((a) => ({ code: a.code, answer: a.answer }));
  const result = assessIndicators(
    codesOnly,
    profileFor({ ageYears: facts.ageYears, presumedMinor: facts.presumedMinor }),
  );
  const counts = { PRESENT: 0, ABSENT: 0, UNKNOWN: 0, answered: answers.length };
  for (const a of answers) counts[a.answer]++;
  return { ...result, counts };
}

/** JSON with object keys sorted, to tell whether a section really changed. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : val,
  );
}

/** A DTO instance as plain JSON data (undefined properties dropped). */
export function plain<T>(v: T): T {
  return v === null || v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Dates of the screening as it would be saved that cannot all be true (born after the interview,
 * left home before birth, a journey event after the interview …), each naming its field.
 */
export function screeningDateProblemsOf(content: ScreeningContent, interviewAt: string | null): DateFieldProblem[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const events = content.transit?.['events'];
  return screeningDateProblems({
    dateOfBirth: content.bioData?.dateOfBirth ?? null,
    dobPrecision: content.bioData?.dobPrecision ?? null,
    interviewAt,
    dateLeftHome: str(content.recruitment?.['dateLeftHome']),
    journeyEventDates: Array.isArray(events)
      ? events.map((e: unknown) => (e && typeof e === 'object' ? str((e as Record<string, unknown>)['date']) : null))
      : [],
    exitDate: str(content.exit?.['date']),
  });
}
