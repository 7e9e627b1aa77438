import { isCalendarDate } from '@ctms/domain';
import { isInstant } from '../platform/http/dates';
import { childConsentGiverOk, computeAssessment, identityOf } from './screening-rules';

describe('screening rules', () => {
  it("accepts only a parent, legal guardian or social worker for a child's consent", () => {
    expect(['PARENT', 'LEGAL_GUARDIAN', 'SOCIAL_WORKER'].every(childConsentGiverOk)).toBe(true);
    expect(['SELF', 'OTHER', undefined, null].some(childConsentGiverOk)).toBe(false);
  });

  it('needs the Lao given name or an alias to create a person; a missing precision is UNKNOWN', () => {
    expect(identityOf({ givenNameLo: 'ແກ້ວ' })).toEqual({ givenNameLo: 'ແກ້ວ', dobPrecision: 'UNKNOWN' });
    expect(identityOf({ nicknames: ['ນ້ອຍ'], dobPrecision: 'YEAR', dateOfBirth: '2000-01-01' })).toEqual({
      givenNameLo: 'ນ້ອຍ',
      nicknames: ['ນ້ອຍ'],
      dobPrecision: 'YEAR',
      dateOfBirth: '2000-01-01',
    });
    expect(identityOf({ dobPrecision: 'UNKNOWN' })).toBeNull();
    expect(identityOf({ givenNameLo: 'ແກ້ວ', dobPrecision: 'UNKNOWN', personId: 'x', ageAtInterview: 3 })).toEqual({
      givenNameLo: 'ແກ້ວ',
      dobPrecision: 'UNKNOWN',
    });
  });

  it('stores codes and counts without evidence, labelled indicative', () => {
    const a = computeAssessment(
      [
        { code: 'DR01', answer: 'PRESENT', evidence: 'secret' },
        { code: 'DR02', answer: 'UNKNOWN' },
      ],
      { ageYears: 30, presumedMinor: false, isChild: false },
    );
    expect(a).toMatchObject({
      label: 'INDICATIVE',
      profile: 'ADULT_LABOUR',
      counts: { PRESENT: 1, ABSENT: 0, UNKNOWN: 1, answered: 2 },
    });
    expect(JSON.stringify(a)).not.toContain('secret');
    expect(computeAssessment([], { ageYears: null, presumedMinor: false, isChild: false })).toBeNull();
  });

  it('refuses impossible dates and times', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-13-01')).toBe(false);
    expect(isCalendarDate('2023-1-01')).toBe(false);
    expect(isInstant('2026-01-15T09:30:00+07:00')).toBe(true);
    expect(isInstant('2026-01-15T09:30Z')).toBe(true);
    expect(isInstant('2026-04-31T09:30:00Z')).toBe(false);
    expect(isInstant('2026-01-15T24:00:00Z')).toBe(false);
    expect(isInstant('2026-01-15T09:30:00')).toBe(false);
  });
});
