import { splitRange } from './stats.service';

const z = (t: string): string => `${t}.000Z`;

describe('splitRange: whole days from the daily counts, the rest live', () => {
  // [why, from, to, completeBefore, expected from / dailyFrom / dailyTo / to]
  it.each([
    ['never recounted: everything live', null, null, null, ['-infinity', '-infinity', '-infinity', 'infinity']],
    ['never recounted, from a time', '2026-03-01T05:00:00Z', null, null, [z('2026-03-01T05:00:00'), z('2026-03-01T05:00:00'), z('2026-03-01T05:00:00'), 'infinity']],
    ['open range: every recounted day, today live', null, null, '2026-11-29', ['-infinity', '-infinity', z('2026-11-29T00:00:00'), 'infinity']],
    [
      'partial days at the edges are live',
      '2026-03-01T05:00:00Z',
      '2026-03-10T18:30:00Z',
      '2026-11-29',
      [z('2026-03-01T05:00:00'), z('2026-03-02T00:00:00'), z('2026-03-10T00:00:00'), z('2026-03-10T18:30:00')],
    ],
    [
      'edges at midnight: nothing live but empty ranges',
      '2026-03-01T00:00:00Z',
      '2026-03-10T00:00:00Z',
      '2026-11-29',
      [z('2026-03-01T00:00:00'), z('2026-03-01T00:00:00'), z('2026-03-10T00:00:00'), z('2026-03-10T00:00:00')],
    ],
    [
      'the daily part stops at the first day not recounted',
      '2026-11-20T10:00:00Z',
      '2026-12-05T00:00:00Z',
      '2026-11-29',
      [z('2026-11-20T10:00:00'), z('2026-11-21T00:00:00'), z('2026-11-29T00:00:00'), z('2026-12-05T00:00:00')],
    ],
    [
      'a range inside one day is wholly live',
      '2026-03-01T05:00:00Z',
      '2026-03-01T20:00:00Z',
      '2026-11-29',
      [z('2026-03-01T05:00:00'), z('2026-03-01T05:00:00'), z('2026-03-01T05:00:00'), z('2026-03-01T20:00:00')],
    ],
    ['a range after the recount is wholly live', '2026-11-30T00:00:00Z', null, '2026-11-29', [z('2026-11-30T00:00:00'), z('2026-11-30T00:00:00'), z('2026-11-30T00:00:00'), 'infinity']],
    [
      'offsets are read: 07:00 in Vientiane is midnight UTC',
      '2026-03-01T07:00:00+07:00',
      '2026-03-03T07:00:00+07:00',
      '2026-11-29',
      [z('2026-03-01T00:00:00'), z('2026-03-01T00:00:00'), z('2026-03-03T00:00:00'), z('2026-03-03T00:00:00')],
    ],
  ] as const)('%s', (_why, from, to, completeBefore, [eFrom, eDailyFrom, eDailyTo, eTo]) => {
    expect(splitRange(from, to, completeBefore)).toEqual({ from: eFrom, dailyFrom: eDailyFrom, dailyTo: eDailyTo, to: eTo });
  });
});
