import { ageAt, childFacts } from './child-age';

describe('the child rule', () => {
  const at = new Date('2026-06-15T10:00:00Z');

  it('counts an uncertain birth date from the latest day it allows', () => {
    expect(ageAt('2008-06-15', 'DAY', at)).toBe(18);
    expect(ageAt('2008-06-16', 'DAY', at)).toBe(17);
    expect(ageAt('2008-06-01', 'MONTH', at)).toBe(17); // born up to 30 June 2008
    expect(ageAt('2008-01-01', 'YEAR', at)).toBe(17); // born up to 31 December 2008
    expect(ageAt('2008-01-01', 'ESTIMATED', at)).toBe(18);
  });

  it('knows no age without a date, with UNKNOWN precision or a malformed date', () => {
    expect(ageAt('2008-01-01', 'UNKNOWN', at)).toBeNull();
    expect(ageAt(undefined, 'DAY', at)).toBeNull();
    expect(ageAt('2008', 'YEAR', at)).toBeNull();
    expect(ageAt('2008-06-15T00:00:00Z', 'DAY', at)).toBeNull();
  });

  it('makes a child of a presumed minor, a person under 18, or one who gave an age under 18', () => {
    expect(childFacts({ presumedMinor: true }, at, false).isChild).toBe(true);
    expect(childFacts({}, at, true)).toEqual({ ageYears: null, presumedMinor: true, isChild: true });
    expect(childFacts({ dateOfBirth: '2008-06-16', dobPrecision: 'DAY' }, at, false)).toEqual({
      ageYears: 17,
      presumedMinor: false,
      isChild: true,
    });
    expect(childFacts({ dateOfBirth: '2008-06-15', dobPrecision: 'DAY' }, at, false).isChild).toBe(false);
    expect(childFacts({ ageAtInterview: 16 }, at, false).isChild).toBe(true);
    expect(childFacts(null, at, false)).toEqual({ ageYears: null, presumedMinor: false, isChild: false });
  });

  it('prefers the birth date to the age given, and counts at `now` when the interview time is unknown or invalid', () => {
    expect(childFacts({ dateOfBirth: '2000-01-01', dobPrecision: 'DAY', ageAtInterview: 12 }, at).isChild).toBe(false);
    const now = new Date('2020-01-01T00:00:00Z');
    expect(childFacts({ dateOfBirth: '2005-01-01', dobPrecision: 'DAY' }, null, false, now).ageYears).toBe(15);
    expect(
      childFacts({ dateOfBirth: '2005-01-01', dobPrecision: 'DAY' }, new Date('nonsense'), false, now).ageYears,
    ).toBe(15);
  });
});
