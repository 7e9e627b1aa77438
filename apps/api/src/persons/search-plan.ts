import { isLaoScript, laoKey } from '@ctms/domain';
import { keyTrigrams, latinWordKeys, type MatchKey } from './name-index';

/**
 * The selective first stage of person search (issue 7, docs/performance-search.md). Pure functions:
 * which exact keys and which small conjunctions of keyed trigram hashes the query asks the GIN
 * indexes for, so that PostgreSQL reads a few hundred candidate rows instead of every person that
 * shares one common trigram with the query.
 *
 * Fuzzy stage ("prefix filtering" on pairs): the query is cut into segments (the words of a Latin
 * key, the halves of a long word or of a Lao key). From each segment the rarest grams are taken;
 * a candidate must contain a PAIR of them (`name_grams @> ARRAY[a, b]`), the two grams of a pair
 * coming from different segments whenever there are several. One typo changes at most three grams
 * of one segment, so with four grams per segment (three when there are three or more segments,
 * since the pairs between the untouched segments then survive) the person typed with one typo still
 * contains at least one pair. The typo's own grams are the rarest of all (they exist nowhere), which
 * is exactly why four and not fewer are taken.
 */

/** A segment: the hashes of its trigrams in the order they occur. */
export type Segment = readonly number[];

/** How frequent each gram hash is (share of persons, 0–1) and how many persons there are. */
export interface GramFrequencies {
  /** share of persons whose name_grams contain `gram`; grams too rare to be tracked: `rareShare` */
  share(gram: number): number;
  rows: number;
}

export interface GramPlanOptions {
  /** a pair whose estimated match count (share × share × rows) exceeds this is not asked for alone */
  maxPairRows?: number;
  /** at most this many conjunctions (GIN scans) per query */
  maxConjunctions?: number;
}

export const DEFAULT_MAX_PAIR_ROWS = 2000;
export const DEFAULT_MAX_CONJUNCTIONS = 32;
/** A segment with at least this many grams is cut in two. */
export const SPLIT_SEGMENT_AT = 9;

/** The grams of one word (or Lao key) in order, cut in two halves when long. */
export function segmentsOfWord(grams: readonly number[]): number[][] {
  if (grams.length < SPLIT_SEGMENT_AT) return [[...grams]];
  const half = Math.ceil(grams.length / 2);
  return [grams.slice(0, half), grams.slice(half)];
}

/**
 * The segments of the query keys: each word of a Latin key and each Lao key, halved when long.
 * `hash` maps a trigram to its keyed hash. Latin `compact` keys are skipped (their grams are the
 * words' grams plus the junctions), duplicates removed.
 */
export function querySegments(keys: readonly MatchKey[], hash: (trigram: string) => number): number[][] {
  const out: number[][] = [];
  const seen = new Set<string>();
  // keysOfName puts the word-order-free `sorted` key first; its words are the segments
  const latin = keys.find((k) => k.script === 'latin');
  const words: MatchKey[] = [
    ...keys.filter((k) => k.script === 'lao'),
    ...(latin ? latin.key.split(' ').filter((w) => w !== '').map((w) => ({ script: 'latin' as const, key: w })) : []),
  ];
  for (const w of words) {
    const grams = [...keyTrigrams(w)].map(hash);
    for (const seg of segmentsOfWord(grams)) {
      const id = seg.join(',');
      if (seg.length === 0 || seen.has(id)) continue;
      seen.add(id);
      out.push(seg);
    }
  }
  return out;
}

/** The `k` rarest distinct grams of a segment (ties: earlier first). */
export function rarest(segment: Segment, k: number, freq: GramFrequencies): number[] {
  return [...new Set(segment)]
    .map((g, i) => ({ g, i, s: freq.share(g) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .slice(0, k)
    .map((x) => x.g);
}

/**
 * The gram conjunctions (pairs) a candidate must contain one of. Pairs estimated to match more than
 * `maxPairRows` persons are left out (they would make the stage unselective) unless nothing else is
 * left, in which case the most selective ones are kept. Sorted by estimated rows, at most
 * `maxConjunctions`.
 */
export function gramConjunctions(segments: readonly Segment[], freq: GramFrequencies, options: GramPlanOptions = {}): number[][] {
  const maxRows = options.maxPairRows ?? DEFAULT_MAX_PAIR_ROWS;
  const maxConj = options.maxConjunctions ?? DEFAULT_MAX_CONJUNCTIONS;
  const segs = segments.filter((s) => s.length > 0);
  const pairs = new Map<string, { grams: number[]; est: number }>();
  const add = (a: number, b: number): void => {
    if (a === b) return;
    const grams = a < b ? [a, b] : [b, a];
    const id = grams.join(',');
    if (!pairs.has(id)) pairs.set(id, { grams, est: freq.share(a) * freq.share(b) * freq.rows });
  };
  if (segs.length === 1) {
    const only = segs[0] ?? [];
    const picked = rarest(only, 6, freq);
    // a one-gram key cannot make a pair: the gram alone
    if (picked.length === 1) return [picked];
    picked.forEach((a, i) => picked.slice(i + 1).forEach((b) => add(a, b)));
  } else {
    const k = segs.length === 2 ? 4 : 3;
    const picked = segs.map((s) => rarest(s, k, freq));
    picked.forEach((left, i) => picked.slice(i + 1).forEach((right) => left.forEach((a) => right.forEach((b) => add(a, b)))));
  }
  const all = [...pairs.values()].sort((x, y) => x.est - y.est || (x.grams.join(',') < y.grams.join(',') ? -1 : 1));
  const selective = all.filter((p) => p.est <= maxRows);
  const chosen = selective.length > 0 ? selective : all.slice(0, 4);
  return chosen.slice(0, maxConj).map((p) => p.grams);
}

const LAO_MARK_RE = /^[\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE]/u;
const LAO_LEADING_VOWEL_RE = /[\u0EC0-\u0EC4]$/u;
/** The shortest Lao part (in code points) a split may produce. */
export const MIN_LAO_PART = 2;

/**
 * Every way to cut a Lao key into two names (given + family, nickname + family, family + given),
 * never inside a cluster: not before a combining mark and not after a leading vowel.
 */
export function laoSplits(key: string): [string, string][] {
  const cps = [...key];
  const out: [string, string][] = [];
  for (let i = MIN_LAO_PART; i <= cps.length - MIN_LAO_PART; i++) {
    const a = cps.slice(0, i).join('');
    const b = cps.slice(i).join('');
    if (LAO_MARK_RE.test(b) || LAO_LEADING_VOWEL_RE.test(a)) continue;
    out.push([a, b]);
  }
  return out;
}

/**
 * Pairs of part keys that a person stores as separate blind indexes and the query may combine:
 * two words of a Latin query (nickname + family name, given + family in any order, with extra
 * words), or the two halves of every cut of a Lao query. A person holding both keys of a pair is a
 * candidate whatever the rest of the name says.
 */
export function partKeyPairs(name: string): [MatchKey, MatchKey][] {
  if (isLaoScript(name)) {
    const k = laoKey(name);
    return laoSplits(k).map(([a, b]) => [
      { script: 'lao', key: a },
      { script: 'lao', key: b },
    ]);
  }
  const words = latinWordKeys(name).slice(0, 5);
  const out: [MatchKey, MatchKey][] = [];
  words.forEach((a, i) => words.slice(i + 1).forEach((b) => out.push([a, b])));
  return out;
}
