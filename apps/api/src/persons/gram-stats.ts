import type { GramFrequencies } from './search-plan';

/** What the statistics query answers (arrays as PostgreSQL text). */
export interface GramStatsRow {
  elems: string | null;
  freqs: string | null;
  rows: number | string | null;
  /** the same for `name_bidx` (frequent whole and part keys: nicknames, common family names) */
  key_elems?: string | null;
  key_freqs?: string | null;
}

/**
 * How often each keyed trigram hash occurs, from PostgreSQL's own statistics of `person.name_grams`
 * (`pg_stats.most_common_elems`, kept for up to 10,000 hashes by migration SpeedUpPersonSearch).
 * A hash not tracked there is rarer than every tracked one: it counts as half the least frequent.
 */
export const GRAM_STATS_SQL = `SELECT s.most_common_elems::text AS elems, s.most_common_elem_freqs::text AS freqs,
       k.most_common_elems::text AS key_elems, k.most_common_elem_freqs::text AS key_freqs,
       GREATEST(c.reltuples, 0)::float8 AS rows
  FROM pg_class c
  LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'person' AND s.attname = 'name_grams'
  LEFT JOIN pg_stats k ON k.schemaname = current_schema() AND k.tablename = 'person' AND k.attname = 'name_bidx'
 WHERE c.oid = 'person'::regclass`;

function parseStrings(text: string | null): string[] {
  if (text === null || text.length < 2) return [];
  const body = text.slice(1, -1).trim();
  return body === '' ? [] : body.split(',').map((x) => x.replace(/^"|"$/g, ''));
}

function parseNumbers(text: string | null): number[] {
  if (text === null || text.length < 2) return [];
  const body = text.slice(1, -1).trim();
  return body === '' ? [] : body.split(',').map(Number);
}

function shares<T>(elems: T[], freqsText: string | null | undefined): Map<T, number> {
  // most_common_elem_freqs: one per element, then the minimum, the maximum and the null frequency
  const freqs = parseNumbers(freqsText ?? null);
  const out = new Map<T, number>();
  elems.forEach((e, i) => {
    const f = freqs[i];
    if (f !== undefined && Number.isFinite(f)) out.set(e, f);
  });
  return out;
}

export function gramFrequencies(row: GramStatsRow | undefined): GramFrequencies {
  const keys = shares(parseStrings(row?.key_elems ?? null), row?.key_freqs);
  let keyMin = Infinity;
  for (const f of keys.values()) if (f < keyMin) keyMin = f;
  const keyRare = keys.size === 0 ? 0 : keyMin / 2;
  const elems = parseNumbers(row?.elems ?? null);
  // most_common_elem_freqs: one per element, then the minimum, the maximum and the null frequency
  const freqs = parseNumbers(row?.freqs ?? null);
  const share = new Map<number, number>();
  elems.forEach((g, i) => {
    const f = freqs[i];
    if (f !== undefined && Number.isFinite(f)) share.set(g, f);
  });
  let min = Infinity;
  for (const f of share.values()) if (f < min) min = f;
  const rare = share.size === 0 ? 0 : min / 2;
  const rows = Number(row?.rows ?? 0);
  return {
    share: (g) => share.get(g) ?? rare,
    keyShare: (k) => keys.get(k) ?? keyRare,
    rows: Number.isFinite(rows) ? rows : 0,
  };
}

/** Frequencies cached per process; reloaded in the background once they are older than `ttlMs`. */
export class GramStatsCache {
  private value: GramFrequencies | null = null;
  private loadedAt = 0;
  private loading: Promise<GramFrequencies> | null = null;

  constructor(private readonly ttlMs = 10 * 60_000) {}

  async get(load: () => Promise<GramStatsRow | undefined>, now = Date.now()): Promise<GramFrequencies> {
    if (this.value && now - this.loadedAt < this.ttlMs) return this.value;
    this.loading ??= load()
      .then((row) => {
        this.value = gramFrequencies(row);
        this.loadedAt = Date.now();
        return this.value;
      })
      .finally(() => {
        this.loading = null;
      });
    // stale statistics are still good enough to choose grams: answer with them while reloading
    return this.value ?? this.loading;
  }
}
