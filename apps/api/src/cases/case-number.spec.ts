import { isCalendarDate } from '@ctms/domain';
import { todayInLaos } from '@ctms/domain';
import { formatCaseNumber, yearInLaos } from './case-number';

describe('case numbers', () => {
  it('uses the ISO 3166-2 suffix of the province, the year and a 5-digit sequence', () => {
    expect(formatCaseNumber('01', 2026, 42)).toBe('VT-2026-00042');
    expect(formatCaseNumber('05', 2026, 1)).toBe('BK-2026-00001');
    expect(formatCaseNumber('01', 2027, 123456)).toBe('VT-2027-123456');
  });

  it('refuses an unknown province', () => {
    expect(() => formatCaseNumber('99', 2026, 1)).toThrow(/unknown province/);
  });

  it('counts the year and the day in Lao time (UTC+7)', () => {
    const newYearInVientiane = new Date('2026-12-31T17:30:00Z');
    expect(yearInLaos(newYearInVientiane)).toBe(2027);
    expect(todayInLaos(newYearInVientiane)).toBe('2027-01-01');
  });
});

describe('calendar dates', () => {
  it.each(['2026-01-31', '2024-02-29', '1999-12-31'])('accepts %s', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-1', '2026-01-01T00:00:00Z', '', 20260101])(
    'refuses %s',
    (d) => expect(isCalendarDate(d)).toBe(false),
  );
});
