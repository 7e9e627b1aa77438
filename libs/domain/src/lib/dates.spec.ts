import {
  chronologyProblems,
  earliestBirthDate,
  futureDateProblems,
  isCalendarDate,
  laoDateOf,
  screeningDateProblems,
  todayInLaos,
} from './dates';

describe('dates that can be true', () => {
  it('knows real calendar days', () => {
    expect(['2024-02-29', '2026-01-31', '1900-01-01'].every(isCalendarDate)).toBe(true);
    expect(
      ['2023-02-29', '2026-13-01', '2026-1-1', '1899-12-31', '2026-01-01T00:00:00Z', '', 20260101, null].some(
        isCalendarDate,
      ),
    ).toBe(false);
  });

  it('takes the date in Laos (UTC+7), not UTC', () => {
    expect(laoDateOf('2026-03-01T18:30:00Z')).toBe('2026-03-02');
    expect(todayInLaos(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('an uncertain birth date counts from the earliest day it allows', () => {
    expect(earliestBirthDate('2010-06-15', 'YEAR')).toBe('2010-01-01');
    expect(earliestBirthDate('2010-06-15', 'MONTH')).toBe('2010-06-01');
    expect(earliestBirthDate('2010-06-15', 'DAY')).toBe('2010-06-15');
    expect(earliestBirthDate('2010-06-15', 'UNKNOWN')).toBeNull();
  });

  it('names both fields of a pair out of order, and a stored step not at all', () => {
    expect(
      chronologyProblems([
        { field: null, name: 'the referral', date: '2026-03-10' },
        { field: 'deliveredOn', name: 'the service', date: '2026-03-09' },
      ]),
    ).toEqual([{ field: 'deliveredOn', problems: ['must not be before the referral (2026-03-10)'] }]);
    expect(
      chronologyProblems([
        { field: 'a', name: 'A', date: '2026-01-01' },
        { field: 'b', name: 'B', date: '2026-01-01' },
        { field: 'c', name: 'C', date: null },
      ]),
    ).toEqual([]);
  });

  it('refuses dates after today in Laos', () => {
    expect(
      futureDateProblems(
        [
          { field: 'x', date: '2026-03-02' },
          { field: 'y', date: '2026-03-01' },
        ],
        '2026-03-01',
      ),
    ).toEqual([{ field: 'x', problems: ['must not be in the future (today in Laos is 2026-03-01)'] }]);
  });

  it('a screening: birth before leaving home, the journey and the exit, all before the interview', () => {
    const ok = {
      dateOfBirth: '2000-05-04',
      dobPrecision: 'DAY',
      interviewAt: '2026-01-15T09:30:00+07:00',
      dateLeftHome: '2025-06-01',
      journeyEventDates: ['2025-06-02'],
      exitDate: '2025-12-01',
    };
    expect(screeningDateProblems(ok)).toEqual([]);
    const born = screeningDateProblems({ ...ok, dateOfBirth: '2026-01-16' }).map((p) => p.field);
    expect(born).toEqual(expect.arrayContaining(['bioData.dateOfBirth', 'metadata.interviewAt']));
    // born in 2026 (year only) is possible for an interview on 15 January 2026
    expect(
      screeningDateProblems({
        ...ok,
        dateOfBirth: '2026-12-31',
        dobPrecision: 'YEAR',
        dateLeftHome: null,
        journeyEventDates: [],
        exitDate: null,
      }),
    ).toEqual([]);
    expect(
      screeningDateProblems({ ...ok, journeyEventDates: ['2025-07-01', '2026-02-01'] }).map((p) => p.field),
    ).toEqual(['transit.events.1.date', 'metadata.interviewAt']);
    expect(screeningDateProblems({ ...ok, exitDate: '2025-01-01' }).map((p) => p.field)).toEqual([
      'recruitment.dateLeftHome',
      'exit.date',
    ]);
    expect(screeningDateProblems({ dateOfBirth: '2000-01-01', dobPrecision: 'DAY' })).toEqual([]);
  });
});
