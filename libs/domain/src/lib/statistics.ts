/**
 * Small-cell suppression for aggregate statistics (spec/product.md "Statistics": k-anonymity,
 * default k = 11). A count below k could point at a person in a small district, so it is withheld;
 * when a dimension would then have exactly one withheld cell, the total would give it away, so the
 * next-smallest cell is withheld too (complementary suppression).
 */
export const SMALL_CELL_K = 11;

export interface StatCell {
  key: string;
  /** null when withheld */
  n: number | null;
  suppressed: boolean;
}

export function suppressSmallCells(counts: readonly { key: string; n: number }[], k = SMALL_CELL_K): StatCell[] {
  const cells: StatCell[] = counts
    .filter((c) => c.n > 0)
    .map((c) => ({ key: c.key, n: c.n, suppressed: c.n < k }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const withheld = cells.filter((c) => c.suppressed).length;
  if (withheld === 1) {
    const shown = cells.filter((c) => !c.suppressed).sort((a, b) => (a.n as number) - (b.n as number));
    if (shown.length > 0) shown[0].suppressed = true;
  }
  for (const c of cells) if (c.suppressed) c.n = null;
  return cells;
}

/** A total is shown only when it is itself at least k. */
export function suppressTotal(n: number, k = SMALL_CELL_K): number | null {
  return n >= k ? n : n === 0 ? 0 : null;
}
