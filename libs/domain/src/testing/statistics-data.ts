/** Random counts for testing the statistics release rule: deterministic per seed. */
import type { MonthCounts, StatDimension } from '../index';
import { formatStatPeriod } from '../index';

/** mulberry32: the same numbers for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A month of `n` records with skewed keys: a few common, most rare (the larger `skew`, the more
 * keys in use). A multi breakdown gets 0–2 keys per record.
 */
export function randomMonth(rng: () => number, dims: readonly StatDimension[], n: number, skew = 1.6): MonthCounts {
  const cells: Record<string, Record<string, number>> = {};
  for (const d of dims) cells[d.name] = {};
  const pick = (keys: readonly string[]) => keys[Math.min(keys.length - 1, Math.floor(-Math.log(1 - rng()) * skew))];
  for (let i = 0; i < n; i++) {
    for (const d of dims) {
      if (d.kind === 'partition') {
        const k = pick(d.keys);
        cells[d.name][k] = (cells[d.name][k] ?? 0) + 1;
      } else {
        for (const k of new Set([pick(d.keys), ...(rng() < 0.3 ? [pick(d.keys)] : [])].slice(0, rng() < 0.1 ? 0 : 2)))
          cells[d.name][k] = (cells[d.name][k] ?? 0) + 1;
      }
    }
  }
  return { total: n, cells };
}

/** Every count of every period of `year` given its months, by `period|dimension|key` (`period||` for the total). */
export function trueCounts(
  year: number,
  months: readonly MonthCounts[],
  dims: readonly StatDimension[],
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string, n: number) => out.set(k, (out.get(k) ?? 0) + n);
  months.forEach((m, i) => {
    const names = [
      formatStatPeriod({ kind: 'MONTH', year, index: i + 1 }),
      `${year}-Q${Math.floor(i / 3) + 1}`,
      String(year),
    ];
    for (const name of names) {
      add(`${name}||`, m.total);
      for (const d of dims)
        for (const [key, n] of Object.entries(m.cells[d.name] ?? {})) add(`${name}|${d.name}|${key}`, n);
    }
  });
  return out;
}

/** The key of an attacker's unknown in `trueCounts`. */
export function countKey(u: { period: string; dimension: string | null; key: string | null }): string {
  return `${u.period}|${u.dimension ?? ''}|${u.key ?? ''}`;
}
