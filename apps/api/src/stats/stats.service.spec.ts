import { splitRange } from './stats.service';

describe('splitRange: whole days from the daily counts, the rest live', () => {
  it('counts everything live when the days were never recounted', () => {
    expect(splitRange(null, null, null)).toEqual({ from: '-infinity', dailyFrom: '-infinity', dailyTo: '-infinity', to: 'infinity' });
    expect(splitRange('2026-03-01T05:00:00.000Z', null, null)).toEqual({
      from: '2026-03-01T05:00:00.000Z',
      dailyFrom: '2026-03-01T05:00:00.000Z',
      dailyTo: '2026-03-01T05:00:00.000Z',
      to: 'infinity',
    });
  });

  it('takes every recounted day of an open range, and today live', () => {
    expect(splitRange(null, null, '2026-11-29')).toEqual({ from: '-infinity', dailyFrom: '-infinity', dailyTo: '2026-11-29T00:00:00.000Z', to: 'infinity' });
  });

  it('leaves partial days at the edges to the live count', () => {
    expect(splitRange('2026-03-01T05:00:00Z', '2026-03-10T18:30:00Z', '2026-11-29')).toEqual({
      from: '2026-03-01T05:00:00.000Z',
      dailyFrom: '2026-03-02T00:00:00.000Z',
      dailyTo: '2026-03-10T00:00:00.000Z',
      to: '2026-03-10T18:30:00.000Z',
    });
    // edges at midnight: nothing live but the empty ranges
    expect(splitRange('2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z', '2026-11-29')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      dailyFrom: '2026-03-01T00:00:00.000Z',
      dailyTo: '2026-03-10T00:00:00.000Z',
      to: '2026-03-10T00:00:00.000Z',
    });
  });

  it('stops the daily part at the first day not recounted', () => {
    expect(splitRange('2026-11-20T10:00:00Z', '2026-12-05T00:00:00Z', '2026-11-29').dailyTo).toBe('2026-11-29T00:00:00.000Z');
  });

  it('counts a range inside one day, or after the recount, wholly live', () => {
    expect(splitRange('2026-03-01T05:00:00Z', '2026-03-01T20:00:00Z', '2026-11-29')).toEqual({
      from: '2026-03-01T05:00:00.000Z',
      dailyFrom: '2026-03-01T05:00:00.000Z',
      dailyTo: '2026-03-01T05:00:00.000Z',
      to: '2026-03-01T20:00:00.000Z',
    });
    const after = splitRange('2026-11-30T00:00:00Z', null, '2026-11-29');
    expect(after.dailyFrom).toBe(after.dailyTo);
  });

  it('reads offsets: 07:00 in Vientiane is midnight UTC', () => {
    expect(splitRange('2026-03-01T07:00:00+07:00', '2026-03-03T07:00:00+07:00', '2026-11-29')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      dailyFrom: '2026-03-01T00:00:00.000Z',
      dailyTo: '2026-03-03T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
    });
  });
});
