import { SMALL_CELL_K, suppressSmallCells, suppressTotal } from './statistics';

describe('small-cell suppression', () => {
  it('withholds counts below k and keeps the others, in key order', () => {
    expect(SMALL_CELL_K).toBe(11);
    const cells = suppressSmallCells([{ key: 'VT', n: 40 }, { key: 'BK', n: 3 }, { key: 'SV', n: 12 }, { key: 'CH', n: 2 }]);
    expect(cells).toEqual([
      { key: 'BK', n: null, suppressed: true },
      { key: 'CH', n: null, suppressed: true },
      { key: 'SV', n: 12, suppressed: false },
      { key: 'VT', n: 40, suppressed: false },
    ]);
  });

  it('withholds the next-smallest cell when only one would be withheld (the total would give it away)', () => {
    const cells = suppressSmallCells([{ key: 'A', n: 50 }, { key: 'B', n: 4 }, { key: 'C', n: 20 }]);
    expect(cells).toEqual([
      { key: 'A', n: 50, suppressed: false },
      { key: 'B', n: null, suppressed: true },
      { key: 'C', n: null, suppressed: true },
    ]);
  });

  it('k is the boundary: k itself is shown, k - 1 is not; zero cells are dropped', () => {
    const cells = suppressSmallCells([{ key: 'A', n: 11 }, { key: 'B', n: 10 }, { key: 'C', n: 0 }, { key: 'D', n: 10 }]);
    expect(cells.map((c) => [c.key, c.n])).toEqual([['A', 11], ['B', null], ['D', null]]);
  });

  it('a single small cell alone is withheld with nothing else to withhold', () => {
    expect(suppressSmallCells([{ key: 'A', n: 1 }])).toEqual([{ key: 'A', n: null, suppressed: true }]);
  });

  it('totals below k are withheld, zero is shown', () => {
    expect(suppressTotal(0)).toBe(0);
    expect(suppressTotal(5)).toBeNull();
    expect(suppressTotal(11)).toBe(11);
    expect(suppressTotal(5, 3)).toBe(5);
  });
});
