import {
  endedMonthsOfYear,
  formatStatPeriod,
  parseStatPeriod,
  SMALL_CELL_K,
  STATS_TIME_ZONE,
  statPeriodEnded,
  statPeriodRange,
} from './statistics';

describe('statistics periods: whole months, quarters and years in Lao time', () => {
  it('k is 11 and the time zone is Vientiane', () => {
    expect(SMALL_CELL_K).toBe(11);
    expect(STATS_TIME_ZONE).toBe('Asia/Vientiane');
  });

  it.each([
    ['2026', { kind: 'YEAR', year: 2026, index: 0 }],
    ['2026-Q1', { kind: 'QUARTER', year: 2026, index: 1 }],
    ['2026-Q4', { kind: 'QUARTER', year: 2026, index: 4 }],
    ['2026-01', { kind: 'MONTH', year: 2026, index: 1 }],
    ['2026-12', { kind: 'MONTH', year: 2026, index: 12 }],
  ] as const)('reads %s', (text, period) => {
    expect(parseStatPeriod(text)).toEqual(period);
    expect(formatStatPeriod(period)).toBe(text);
  });

  it.each([
    '',
    '2026-13',
    '2026-00',
    '2026-3',
    '2026-Q0',
    '2026-Q5',
    '2026-q1',
    '2026-03-01',
    '2026-03-01T00:00:00Z',
    '2026-W10',
    '2026-H1',
    '26',
    ' 2026',
    '2026 ',
    '1999',
    '3000-01',
    '２０２６',
  ])('refuses %j', (text) => {
    expect(parseStatPeriod(text)).toBeNull();
  });

  it('a period runs from Lao midnight to Lao midnight (17:00 UTC the day before)', () => {
    const iso = (t: string) => {
      const p = parseStatPeriod(t);
      if (!p) throw new Error(t);
      const r = statPeriodRange(p);
      return [r.from.toISOString(), r.to.toISOString()];
    };
    expect(iso('2026-03')).toEqual(['2026-02-28T17:00:00.000Z', '2026-03-31T17:00:00.000Z']);
    expect(iso('2024-02')).toEqual(['2024-01-31T17:00:00.000Z', '2024-02-29T17:00:00.000Z']); // leap year
    expect(iso('2026-Q4')).toEqual(['2026-09-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z']);
    expect(iso('2026')).toEqual(['2025-12-31T17:00:00.000Z', '2026-12-31T17:00:00.000Z']);
  });

  it('a period has ended at Lao midnight after its last day, not before', () => {
    const march = { kind: 'MONTH', year: 2026, index: 3 } as const;
    expect(statPeriodEnded(march, new Date('2026-03-31T16:59:59.999Z'))).toBe(false); // 23:59:59 on 31 March in Vientiane
    expect(statPeriodEnded(march, new Date('2026-03-31T17:00:00.000Z'))).toBe(true);
    expect(statPeriodEnded({ kind: 'QUARTER', year: 2026, index: 1 }, new Date('2026-03-31T17:00:00.000Z'))).toBe(true);
    expect(statPeriodEnded({ kind: 'YEAR', year: 2026, index: 0 }, new Date('2026-12-31T16:00:00.000Z'))).toBe(false);
  });

  it('counts the ended months of a year', () => {
    expect(endedMonthsOfYear(2026, new Date('2025-06-01T00:00:00Z'))).toBe(0);
    expect(endedMonthsOfYear(2026, new Date('2026-01-31T16:59:59Z'))).toBe(0);
    expect(endedMonthsOfYear(2026, new Date('2026-01-31T17:00:00Z'))).toBe(1);
    expect(endedMonthsOfYear(2026, new Date('2026-11-15T00:00:00Z'))).toBe(10);
    expect(endedMonthsOfYear(2026, new Date('2027-05-01T00:00:00Z'))).toBe(12);
  });
});
