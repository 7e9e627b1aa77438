import { attackReleases } from '../testing/statistics-attack';
import { countKey, randomMonth, seededRandom as random, trueCounts as yearCounts } from '../testing/statistics-data';
import {
  CASE_STAT_DIMENSIONS,
  formatStatPeriod,
  REFERRAL_STAT_DIMENSIONS,
  SMALL_CELL_K,
  type StatDimension,
} from './statistics';
import { releaseYear, type MonthCounts, type PeriodRelease } from './statistics-release';

const DIMS: StatDimension[] = [
  { name: 'status', keys: ['A', 'B', 'C'], kind: 'partition' },
  { name: 'type', keys: ['X', 'Y'], kind: 'multi' },
];

/** A month from its cells (the total is the sum of the status cells). */
function month(status: Record<string, number>, type: Record<string, number> = {}): MonthCounts {
  const total = Object.values(status).reduce((a, b) => a + b, 0);
  return { total, cells: { status, type } };
}

const byName = (rs: PeriodRelease[]) => new Map(rs.map((r) => [formatStatPeriod(r.period), r]));
const cells = (r: PeriodRelease | undefined, dim: string) =>
  Object.fromEntries((r?.cells[dim] ?? []).map((c) => [c.key, c.n]));

describe('release rule: small cells and their complements', () => {
  it('withholds counts 1..k−1, lists no key for them, shows k and above; a month total below k is withheld with all its cells', () => {
    const [jan] = releaseYear(2026, [month({ A: 40, B: 3, C: 11 }, { X: 40, Y: 10 })], DIMS);
    expect(jan.period).toEqual({ kind: 'MONTH', year: 2026, index: 1 });
    expect(jan.total).toBe(54);
    expect(cells(jan, 'type')).toEqual({ X: 40 }); // Y (10) withheld: no key
    // B (3) is withheld; C (11) would give it away (54 − 40 − 11 = 3) unless another key could hold it: C is withheld too
    expect(cells(jan, 'status')).toEqual({ A: 40 });
    const [small] = releaseYear(2026, [month({ A: 6, B: 3 }, { X: 9 })], DIMS);
    expect(small.total).toBeNull();
    expect(small.cells).toEqual({ status: [], type: [] });
  });

  it('an empty key covers a withheld one: 3 may be in B or in C, so nothing else is withheld', () => {
    const [jan] = releaseYear(2026, [month({ A: 40, B: 3 })], DIMS);
    expect(jan.total).toBe(43);
    expect(cells(jan, 'status')).toEqual({ A: 40 });
  });

  it('a quarter never gives away a month: Q1 − January − February would be March', () => {
    const months = [month({ A: 30, B: 20 }), month({ A: 30, B: 20 }), month({ A: 30, B: 4, C: 12 })];
    const r = byName(releaseYear(2026, months, DIMS));
    // March B (4) is withheld, and so is March C (12, the cheaper complement in March's row)
    expect(cells(r.get('2026-03'), 'status')).toEqual({ A: 30 });
    // Q1 B = 20 + 20 + 4 would give March B away with January and February shown: Q1 B and Q1 C go
    const q1 = cells(r.get('2026-Q1'), 'status');
    expect(q1['A']).toBe(90);
    expect(q1['B']).toBeUndefined();
    expect(r.get('2026-Q1')?.total).toBe(146);
  });

  it('a small month total is protected with another month of its quarter, not with the quarter or the year', () => {
    const big = month({ A: 20, B: 15 });
    const months = [month({ A: 5 }), big, big, big, big, big, big, big, big, big, big, big];
    const r = byName(releaseYear(2026, months, DIMS));
    expect(r.get('2026-01')?.total).toBeNull();
    // one of February or March is withheld too, so Q1 and the year keep their totals; its partition
    // breakdown keeps all but the cell that carries the pair of totals (A: 20 ↔ 5 in January), its
    // multi breakdown is withheld whole
    const withheld = ['2026-02', '2026-03'].filter((n) => r.get(n)?.total === null);
    expect(withheld).toHaveLength(1);
    expect(r.get(withheld[0])?.cells).toEqual({ status: [{ key: 'B', n: 15 }], type: [] });
    expect(r.get('2026-Q1')?.total).toBe(75);
    expect(r.get('2026')?.total).toBe(390);
    expect(cells(r.get('2026'), 'status')).toEqual({ A: 225, B: 165 });
  });

  it('a period is decided when it ends: March read in April is March read in December', () => {
    const rng = random(7);
    const months = Array.from({ length: 12 }, () => randomMonth(rng, CASE_STAT_DIMENSIONS, 25));
    const full = releaseYear(2026, months, CASE_STAT_DIMENSIONS);
    for (let ended = 1; ended <= 12; ended++) {
      const early = releaseYear(2026, months.slice(0, ended), CASE_STAT_DIMENSIONS);
      expect(early).toEqual(
        full.filter((r) => early.some((e) => formatStatPeriod(e.period) === formatStatPeriod(r.period))),
      );
    }
  });

  it('keys outside a breakdown are never released: in a partition they still count towards the total', () => {
    const [jan] = releaseYear(
      2026,
      [{ total: 60, cells: { status: { A: 30, LEGACY: 30 }, type: { X: 40, OLD: 60, GONE: 60 } } }],
      DIMS,
    );
    expect(jan.total).toBe(60);
    expect(cells(jan, 'status')).toEqual({ A: 30 }); // LEGACY's 30 is withheld, and to anyone reading it could be B or C
    expect(cells(jan, 'type')).toEqual({ X: 40 });
  });

  it('refuses inconsistent counts rather than guess', () => {
    expect(() => releaseYear(2026, [{ total: 5, cells: { status: { A: 9 } } }], DIMS)).toThrow(/more than the total/);
    expect(() => releaseYear(2026, [{ total: 5, cells: { status: { A: 5 }, type: { X: 6 } } }], DIMS)).toThrow(
      /above the total/,
    );
    expect(() => releaseYear(2026, [{ total: -1, cells: {} }], DIMS)).toThrow(/integer/);
    expect(() => releaseYear(2026, [month({ A: 1 })], DIMS, 1)).toThrow(/k must be/);
  });
});

/**
 * The attack: for years of random data, from sparse to dense, every period's release is handed to an
 * exact solver that knows every relation between the numbers; no count that was withheld (and is
 * not zero) may come out with a single possible value.
 */
describe('release rule under attack: no withheld count can be worked out', () => {
  const scenarios: [string, number, number, readonly StatDimension[]][] = [
    ['sparse cases (about 8 a month)', 1, 8, CASE_STAT_DIMENSIONS],
    ['a few cases (about 20 a month)', 2, 20, CASE_STAT_DIMENSIONS],
    ['moderate cases (about 45 a month)', 3, 45, CASE_STAT_DIMENSIONS],
    ['many cases (about 150 a month)', 4, 150, CASE_STAT_DIMENSIONS],
    ['uneven months (some nearly empty)', 5, -1, CASE_STAT_DIMENSIONS],
    ['referrals (about 15 a month)', 6, 15, REFERRAL_STAT_DIMENSIONS],
  ];

  it.each(scenarios)(
    '%s',
    async (_name, seed, perMonth, dims) => {
      const rng = random(seed);
      const months = Array.from({ length: 12 }, (_, m) =>
        randomMonth(rng, dims, perMonth < 0 ? [3, 40, 0, 25, 9, 60, 14, 1, 33, 12, 7, 80][m] : perMonth),
      );
      const releases = releaseYear(2026, months, dims);
      const truth = yearCounts(2026, months, dims);
      let withheld = 0;
      for (const r of releases) {
        const name = formatStatPeriod(r.period);
        if (r.total !== null) expect(r.total === 0 || r.total >= SMALL_CELL_K).toBe(true);
        for (const d of dims)
          for (const c of r.cells[d.name])
            expect({
              name,
              d: d.name,
              c,
              ok: c.n >= SMALL_CELL_K && c.n === truth.get(`${name}|${d.name}|${c.key}`),
            }).toMatchObject({ ok: true });
      }
      const hidden = await attackReleases(releases, dims, (u) => (truth.get(countKey(u)) ?? 0) > 0);
      const derived = hidden.filter((u) => u.min === u.max);
      for (const u of hidden) {
        const n = truth.get(countKey(u)) ?? 0;
        expect(u.min <= n && n <= u.max).toBe(true); // the truth is one of the solutions
        if (n < SMALL_CELL_K) withheld++;
      }
      expect(derived).toEqual([]);
      // the scenario did exercise the rule
      expect(withheld).toBeGreaterThan(0);
    },
    120_000,
  );

  it('the attacker has teeth: against suppression period by period (the rule before decision 0014) it works out withheld counts', async () => {
    const rng = random(2);
    const months = Array.from({ length: 12 }, () => randomMonth(rng, CASE_STAT_DIMENSIONS, 20));
    const truth = yearCounts(2026, months, CASE_STAT_DIMENSIONS);
    // each period on its own: withhold 1..k−1, and the next-smallest cell when a partition row would have one withheld
    const naive: PeriodRelease[] = releaseYear(2026, months, CASE_STAT_DIMENSIONS).map((r) => {
      const name = formatStatPeriod(r.period);
      const n = (d: string | null, key: string | null) => truth.get(`${name}|${d ?? ''}|${key ?? ''}`) ?? 0;
      const total = n(null, null);
      const cells: Record<string, { key: string; n: number }[]> = {};
      for (const d of CASE_STAT_DIMENSIONS) {
        const present = d.keys.map((key) => ({ key, n: n(d.name, key) })).filter((c) => c.n > 0);
        const shown = present.filter((c) => c.n >= SMALL_CELL_K).sort((a, b) => a.n - b.n);
        if (d.kind === 'partition' && present.length - shown.length === 1) shown.shift();
        cells[d.name] = shown;
      }
      return { period: r.period, total: total >= SMALL_CELL_K || total === 0 ? total : null, cells };
    });
    const hidden = await attackReleases(naive, CASE_STAT_DIMENSIONS, (u) => (truth.get(countKey(u)) ?? 0) > 0);
    const derived = hidden.filter((u) => u.min === u.max);
    expect(derived.length).toBeGreaterThan(0);
    for (const u of derived) expect(u.min).toBe(truth.get(countKey(u)));
  }, 120_000);
});
