import { laoNowIso, laoToday, partsFrom, readParts, yearsSince } from './lao-dates';

const TODAY = '2026-12-07';
const parts = (day: string, month: string, year: string, time = '') => ({ day, month, year, time });

describe('readParts', () => {
  it.each([
    ['a full date', parts('7', '12', '2026'), {}, { value: '2026-12-07', precision: 'DAY', problem: null }],
    ['nothing', parts('', '', ''), {}, { value: null, precision: null, problem: null }],
    [
      'a year alone, when partial dates are allowed',
      parts('', '', '1999'),
      { partial: true },
      { value: '1999-01-01', precision: 'YEAR', problem: null },
    ],
    [
      'a month and a year',
      parts('', '3', '1999'),
      { partial: true },
      { value: '1999-03-01', precision: 'MONTH', problem: null },
    ],
    [
      'a year alone where a day is needed',
      parts('', '', '1999'),
      {},
      { value: null, precision: null, problem: 'DATE_INCOMPLETE' },
    ],
    ['31 February', parts('31', '2', '1999'), {}, { value: null, precision: null, problem: 'DATE_INVALID' }],
    ['month 13', parts('1', '13', '1999'), {}, { value: null, precision: null, problem: 'DATE_INVALID' }],
    ['a two-digit year', parts('1', '1', '99'), {}, { value: null, precision: null, problem: 'DATE_INVALID' }],
    ['tomorrow', parts('8', '12', '2026'), {}, { value: null, precision: null, problem: 'DATE_FUTURE' }],
  ])('%s', (_n, p, opts, expected) => {
    expect(readParts(p, { ...opts, today: TODAY })).toEqual(expected);
  });

  it('reads a date and a 24-hour time as Lao time', () => {
    expect(readParts(parts('1', '3', '2026', '14:05'), { withTime: true, today: TODAY })).toEqual({
      value: '2026-03-01T14:05:00+07:00',
      precision: 'DAY',
      problem: null,
    });
    expect(readParts(parts('1', '3', '2026', '25:00'), { withTime: true, today: TODAY }).problem).toBe('TIME_INVALID');
    expect(readParts(parts('1', '3', '2026', ''), { withTime: true, today: TODAY }).problem).toBe('DATE_INCOMPLETE');
  });
});

describe('partsFrom, yearsSince and now in Laos', () => {
  it('shows a stored value by its precision, and an instant in Lao time', () => {
    expect(partsFrom('1999-03-01', 'MONTH')).toEqual(parts('', '3', '1999'));
    expect(partsFrom('1999-01-01', 'YEAR')).toEqual(parts('', '', '1999'));
    expect(partsFrom('2026-03-01T00:30:00Z')).toEqual(parts('1', '3', '2026', '07:30'));
    expect(partsFrom(undefined)).toEqual(parts('', '', ''));
  });

  it('counts age from the latest birth the precision allows', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(yearsSince('2008-01-01', 'YEAR', at)).toBe(17);
    expect(yearsSince('2008-05-20', 'DAY', at)).toBe(18);
    expect(yearsSince('2008-05-20', 'UNKNOWN', at)).toBeNull();
  });

  it('knows the day and the minute in Laos', () => {
    const now = new Date('2026-12-06T20:30:45Z');
    expect(laoToday(now)).toBe('2026-12-07');
    expect(laoNowIso(now)).toBe('2026-12-07T03:30:00+07:00');
  });
});
