import { isLaoScript, laoKey, latinSyllableForms, latinTypedWords, latinWordForms, latinWordKey } from '@ctms/domain';
import { keyTrigrams, latinWordKeys, pgTrigrams, type MatchKey } from './name-index';

/**
 * The selective first stage of person search (issue 7, docs/performance-search.md). Pure functions:
 * which exact keys and which small conjunctions of keyed trigram hashes the query asks the GIN
 * indexes for, so that PostgreSQL reads a few hundred candidate rows instead of every person that
 * shares one common trigram with the query.
 *
 * Fuzzy stage: the query is cut into segments (the words of a Latin key, the halves of a long word
 * or of a Lao key). One typo (a letter dropped, doubled or wrong) changes at most three CONSECUTIVE
 * trigrams of one segment, so of grams taken at least three positions apart it can destroy only one.
 * Each segment therefore asks for its rarest such grams: three of them, of which any two must be
 * present (`name_grams @> ARRAY[a, b]` OR …), or, in a short word, two of which one must be present.
 * A candidate must satisfy every segment (a BitmapAnd of BitmapOrs on the GIN index of
 * `name_grams`). The person typed with one typo per word still satisfies every segment.
 */

/** A segment: the hashes of its trigrams in the order they occur. */
export type Segment = readonly number[];

/** How frequent each gram hash is (share of persons, 0–1) and how many persons there are. */
export interface GramFrequencies {
  /** share of persons whose name_grams contain `gram`; grams too rare to be tracked: `rareShare` */
  share(gram: number): number;
  /** share of persons whose name_bidx holds this blind index (0 when unknown) */
  keyShare?(blindIndex: string): number;
  rows: number;
}

/** A segment with fewer grams than this (a word of one or two letters) asks for nothing. */
export const MIN_SEGMENT_GRAMS = 4;
/** Grams of one segment chosen at least this many positions apart: one typo destroys at most one. */
export const GRAM_SPACING = 3;
/** A candidate row fetched from the heap costs about this many GIN posting entries read. */
export const ROW_COST = 30;
/**
 * The stage budgets, relative to the table (issue 19): shares of `rows` (the persons PostgreSQL
 * counts in pg_class.reltuples, read with the gram statistics), calibrated at 250,000 persons where
 * the issue-7 values (300 / 40,000 / 3,000 / 200 rows) were measured, and never below them so that a
 * small table behaves as before. They grow with the square root of the table (posting lists and
 * namesakes grow linearly, the time a search may spend does not): at 2.5 M persons a gram filter
 * may read 126,000 entries instead of 40,000 and let 9,500 rows through instead of 3,000.
 */
export interface SearchBudgets {
  /** add another segment's filter only while the estimate is above this many rows … */
  targetRows: number;
  /** … and only if its posting lists hold fewer entries than this */
  maxFilterRead: number;
  /** the fuzzy stage is left out when it would still let more than this many rows through */
  maxFuzzyRows: number;
  /** an exact word key held by at most this many persons is asked for alone */
  rareKeyRows: number;
}

/** The table size the absolute budgets were measured at (100,000 cases). */
export const CALIBRATION_ROWS = 250_000;

export function searchBudgets(rows: number): SearchBudgets {
  const scale = Math.max(1, rows / CALIBRATION_ROWS);
  return {
    targetRows: Math.round(300 * Math.sqrt(scale)),
    maxFilterRead: Math.round(40_000 * Math.sqrt(scale)),
    maxFuzzyRows: Math.round(3000 * Math.sqrt(scale)),
    rareKeyRows: Math.round(200 * Math.sqrt(scale)),
  };
}

/** The budgets at the calibration size (kept as names for the tests and the docs). */
export const TARGET_ROWS = searchBudgets(0).targetRows;
export const MAX_FILTER_READ = searchBudgets(0).maxFilterRead;
export const MAX_FUZZY_ROWS = searchBudgets(0).maxFuzzyRows;
export const RARE_KEY_ROWS = searchBudgets(0).rareKeyRows;

/** A segment with at least this many grams is cut in two. */
export const SPLIT_SEGMENT_AT = 14;

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
    ...(latin
      ? latin.key
          .split(' ')
          .filter((w) => w !== '')
          .map((w) => ({ script: 'latin' as const, key: w }))
      : []),
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

/** Positions of `count` grams at least GRAM_SPACING apart minimising `cost`, or null if none fit. */
function spacedPick(n: number, count: number, cost: (positions: number[]) => number): number[] | null {
  let best: number[] | null = null;
  let bestCost = Infinity;
  const walk = (from: number, picked: number[]): void => {
    if (picked.length === count) {
      const c = cost(picked);
      if (c < bestCost) {
        bestCost = c;
        best = [...picked];
      }
      return;
    }
    for (let i = from; i < n; i++) walk(i + GRAM_SPACING, [...picked, i]);
  };
  walk(0, []);
  return best;
}

/**
 * The filter of one segment: conjunctions of grams, one of which a person typed with at most one
 * typo in this segment contains. Three spaced grams → their three pairs (two survive a typo); two
 * spaced grams → each alone; a segment shorter than MIN_SEGMENT_GRAMS → null (asks nothing).
 */
export function segmentFilter(segment: Segment, freq: GramFrequencies): number[][] | null {
  if (segment.length < MIN_SEGMENT_GRAMS) return null;
  const share = (i: number): number => freq.share(segment[i] ?? 0);
  // cost: rows let through (each fetched from the heap) plus the posting entries read (each gram twice)
  // grams of one word are correlated (they come from the same name parts): a pair is estimated as
  // frequent as its rarer gram, not as the product
  const three = spacedPick(
    segment.length,
    3,
    ([a = 0, b = 0, c = 0]) =>
      ROW_COST * (Math.min(share(a), share(b)) + Math.min(share(a), share(c)) + Math.min(share(b), share(c))) +
      2 * (share(a) + share(b) + share(c)),
  );
  if (three) {
    const [a = 0, b = 0, c = 0] = three.map((i) => segment[i] ?? 0);
    return [
      [a, b],
      [a, c],
      [b, c],
    ].map((x) => [...new Set(x)].sort((m, n) => m - n));
  }
  const two = spacedPick(segment.length, 2, ([a = 0, b = 0]) => (ROW_COST + 1) * (share(a) + share(b)));
  return two ? two.map((i) => [segment[i] ?? 0]) : null;
}

/** Estimated share of persons a segment filter lets through (a conjunction: as frequent as its rarest gram). */
export function filterShare(filter: readonly (readonly number[])[], freq: GramFrequencies): number {
  return Math.min(
    1,
    filter.reduce((sum, conj) => sum + Math.min(...conj.map((g) => freq.share(g))), 0),
  );
}

/** Posting entries a filter reads: each conjunction reads the posting list of each of its grams. */
export function filterRead(filter: readonly (readonly number[])[], freq: GramFrequencies): number {
  return filter.reduce((sum, conj) => sum + conj.reduce((r, g) => r + freq.share(g) * freq.rows, 0), 0);
}

/**
 * The fuzzy stage of a query: filters of segments (see segmentFilter), all of which a candidate
 * must satisfy. The most selective filter first; another one is added (ANDed) only while the
 * estimate is above TARGET_ROWS and its posting lists are short enough to be worth reading, at
 * most `maxFilters`. Fewer filters only let more candidates through (ranked later), never fewer.
 * Empty: the query has no segment long enough (exact keys only).
 */
export function gramFilters(
  segments: readonly Segment[],
  freq: GramFrequencies,
  maxFilters = 3,
  maxRows = searchBudgets(freq.rows).maxFuzzyRows,
): number[][][] {
  const budget = searchBudgets(freq.rows);
  const all = segments
    .map((s) => segmentFilter(s, freq))
    .filter((f): f is number[][] => f !== null)
    .map((f) => ({ f, share: filterShare(f, freq), read: filterRead(f, freq) }))
    .sort(
      (a, b) =>
        a.share +
        a.read / (ROW_COST * Math.max(freq.rows, 1)) -
        (b.share + b.read / (ROW_COST * Math.max(freq.rows, 1))),
    );
  const out: number[][][] = [];
  let rows = freq.rows;
  for (const x of all) {
    if (out.length >= maxFilters) break;
    if (x.read > budget.maxFilterRead || (out.length > 0 && rows <= budget.targetRows)) continue;
    out.push(x.f);
    rows *= x.share;
  }
  // an unselective fuzzy stage costs more than it finds: the exact keys answer such a query
  return rows > maxRows ? [] : out;
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

/**
 * One word exact, the others fuzzy: for a Latin query of two to four words, each word (a nickname,
 * a given or family name, even of one letter: "Ae" folds to "e") paired with the most selective
 * gram filter of the other words. "Ae Somsone" meets Bun Sohmson, nickname Ae, through the exact
 * key of "e" and the typo-tolerant filter of "somson" against "sohmson".
 */
export function wordPlusFuzzy(
  name: string,
  hash: (trigram: string) => number,
  freq: GramFrequencies,
  blindIndex: (k: MatchKey) => string | null,
): { key: string; filter: number[][] | null }[] {
  const words = latinWordKeys(name, 1).slice(0, 4);
  if (words.length < 2) return [];
  const budget = searchBudgets(freq.rows);
  const out: { key: string; filter: number[][] | null }[] = [];
  for (const w of words) {
    const key = blindIndex(w);
    if (key === null) continue;
    // a rare word (most given and family names) is asked for alone: a few hundred rows at most
    if ((freq.keyShare?.(key) ?? 0) * freq.rows <= budget.rareKeyRows) {
      out.push({ key, filter: null });
      continue;
    }
    // a frequent word (a nickname, a common family name) with a fuzzy filter of the other words
    const segments = words.filter((o) => o !== w).flatMap((o) => segmentsOfWord([...pgTrigrams(o.key)].map(hash)));
    const [filter] = gramFilters(segments, freq, 1, Infinity);
    if (filter) out.push({ key, filter });
    else if ((freq.keyShare?.(key) ?? 0) * freq.rows <= budget.maxFuzzyRows) out.push({ key, filter: null });
  }
  return out;
}

/** Letters a folded Latin word key can hold (the folds remove x, w, q, c, r … inside words). */
export const LATIN_KEY_ALPHABET: readonly string[] = [...'abcdefghijklmnopqrstuvwxyz'].filter((c) =>
  latinWordKey(`a${c}a`).includes(c),
);

/** Shortest query word whose one-edit neighbours are asked for (shorter words have too many). */
export const MIN_EDIT_WORD = 3;

/**
 * Every key one edit away from a folded Latin word: a letter dropped, added or changed (≈ 400 for
 * an 8-letter word). Asked for as exact word keys (`name_bidx && …`) they find the stored word that
 * a typo or a romanisation not covered by the folds turned into the query word ("vilaipn" →
 * vilaipan, "daomalah" → daomala, "dosi" → daosi) with no gram read at all: the GIN index looks up a
 * few hundred keys, most of which nobody holds.
 */
export function oneEditVariants(word: string, alphabet: readonly string[] = LATIN_KEY_ALPHABET): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (i < word.length) out.add(head + tail.slice(1));
    for (const c of alphabet) {
      out.add(head + c + tail);
      if (i < word.length && c !== word[i]) out.add(head + c + tail.slice(1));
    }
  }
  out.delete(word);
  // a one-letter key is no name part anyone is found by
  return [...out].filter((w) => w.length >= 2);
}

/**
 * One word exact, another one edit away: for a Latin query of two to four words, each ordered pair
 * of words (exact, near). The person must hold a key of the exact word (one of its latinWordForms) and
 * a key near the other word: one of its forms, or a string one edit from a form of at least
 * MIN_EDIT_WORD letters. A family name spelt right and a given name with one letter wrong, or the
 * reverse. Selective at any table size: exact keys, intersected in the GIN index. (A slip in both
 * words, asked as two neighbourhoods, let ten times more rows through and found no more of the
 * labelled pairs at 1 M cases.)
 */
export function wordPlusOneEdit(
  name: string,
  blindIndex: (k: MatchKey) => string | null,
): { key: string; neighbours: string[] }[] {
  if (isLaoScript(name)) return [];
  const typed = [
    ...new Map(
      latinTypedWords(name)
        .filter((w) => latinWordKey(w) !== '')
        .map((w) => [latinWordKey(w), w]),
    ).values(),
  ].slice(0, 4);
  const words = typed.map(latinWordForms);
  if (words.length < 2) return [];
  const index = (k: string): string | null => blindIndex({ script: 'latin', key: k });
  // near: the word's forms, one edit from them, and with a final -sa / -sai syllable added or dropped
  const near = words.map((forms, i) =>
    [
      ...new Set([
        ...forms.flatMap((f) => [f, ...(f.length >= MIN_EDIT_WORD ? oneEditVariants(f) : [])]),
        ...latinSyllableForms(typed[i] ?? ''),
      ]),
    ]
      .map(index)
      .filter((b): b is string => b !== null),
  );
  const out: { key: string; neighbours: string[] }[] = [];
  words.forEach((forms, i) => {
    for (const f of forms) {
      const key = index(f);
      if (key === null) continue;
      near.forEach((n, j) => {
        if (j !== i && n.length > 0) out.push({ key, neighbours: n });
      });
    }
  });
  return out;
}
