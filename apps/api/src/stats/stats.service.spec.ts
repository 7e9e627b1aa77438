import { splitRange } from './stats.service';

const lao = (day: string) => new Date(`${day}T00:00:00+07:00`);

describe('splitRange: whole Lao days from the daily counts, the rest live', () => {
  it('never recounted: everything live', () => {
    expect(splitRange(lao('2026-01-01'), lao('2026-04-01'), null)).toEqual({
      daily: null,
      live: { from: '2025-12-31T17:00:00.000Z', to: '2026-03-31T17:00:00.000Z' },
    });
  });

  it('recounted after the range: everything from the daily counts', () => {
    expect(splitRange(lao('2026-01-01'), lao('2026-04-01'), '2026-11-29')).toEqual({
      daily: { fromDay: '2026-01-01', toDay: '2026-04-01' },
      live: null,
    });
  });

  it('recounted up to a day inside the range: the days before it daily, the rest live', () => {
    expect(splitRange(lao('2026-01-01'), lao('2026-04-01'), '2026-03-30')).toEqual({
      daily: { fromDay: '2026-01-01', toDay: '2026-03-30' },
      live: { from: '2026-03-29T17:00:00.000Z', to: '2026-03-31T17:00:00.000Z' },
    });
  });

  it('recounted only before the range: everything live', () => {
    expect(splitRange(lao('2026-01-01'), lao('2026-04-01'), '2025-06-01')).toEqual({
      daily: null,
      live: { from: '2025-12-31T17:00:00.000Z', to: '2026-03-31T17:00:00.000Z' },
    });
  });

  it('the recount boundary is Lao midnight, 17:00 UTC the day before', () => {
    expect(splitRange(lao('2026-01-01'), lao('2026-01-03'), '2026-01-02')).toEqual({
      daily: { fromDay: '2026-01-01', toDay: '2026-01-02' },
      live: { from: '2026-01-01T17:00:00.000Z', to: '2026-01-02T17:00:00.000Z' },
    });
  });
});
