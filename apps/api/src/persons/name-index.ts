import { isLaoScript, laoKey, laoRomanisations, latinKeys, latinWordKey, type PersonIdentityInput } from '@ctms/domain';
import type { FieldCipher } from '../platform/crypto/field-cipher';

/**
 * The search columns of a person, derived server-side from the identity (docs/decisions/0003).
 * None of them holds a name or a plain matching key: trigrams are mapped to keyed 32-bit hashes,
 * whole keys, documents and phones to blind indexes (HMAC-SHA-256 under keys derived from
 * BLIND_INDEX_KEY, which never reaches the database).
 */
export interface PersonSearchColumns {
  nameGrams: number[];
  nameBidx: string[];
  documentBidx: string[];
  phoneBidx: string[];
}

/**
 * The derivation of the name keys (identityKeys below) the stored search columns come from: 1 adds
 * the romanisations of the Lao name (issue 19). Raise it when identityKeys changes, with a migration
 * moving the default of `person.name_keys_version`; `persons:rekey` then rewrites the older rows.
 */
export const PERSON_NAME_KEYS_VERSION = 1;

export const NAME_GRAM_PURPOSE = 'person.name_gram';
export const NAME_KEY_PURPOSE = 'person.name';
export const DOCUMENT_PURPOSE = 'person.document';
export const PHONE_PURPOSE = 'person.phone';

/** One matching key, tagged with its script so that equal strings of different kinds never meet. */
export interface MatchKey {
  script: 'lao' | 'latin';
  key: string;
}

const PG_WORD_SPLIT_RE = /[^\p{L}\p{N}]+/u;

/**
 * The trigrams of `s` the way pg_trgm's `show_trgm()` computes them: lower case, split into words
 * on anything that is not a letter or digit, each word padded with two spaces before and one after,
 * every run of three characters, duplicates removed. With `singleWord` the whole string is one word
 * (for Lao keys: Lao has no word spaces, and pg_trgm's notion of a Lao "letter" depends on the
 * database locale, which the keys must not).
 */
export function pgTrigrams(s: string, options: { singleWord?: boolean } = {}): Set<string> {
  const out = new Set<string>();
  const lower = s.toLowerCase();
  const words = options.singleWord === true ? [lower] : lower.split(PG_WORD_SPLIT_RE);
  for (const word of words) {
    if (word.length === 0) continue;
    const cps = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 3 <= cps.length; i++) out.add(cps.slice(i, i + 3).join(''));
  }
  return out;
}

/** pg_trgm's similarity over two trigram sets: shared / union. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * A bounded memo for the pure key functions below: search scores up to a hundred candidates per
 * query, and names repeat (a few thousand name parts), so the same keys and trigram sets recur.
 * The values are shared: callers must treat them as read-only.
 */
function memo<T>(fn: (s: string) => T, max = 20_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

const laoTrigrams = memo((key) => pgTrigrams(key, { singleWord: true }));
const latinTrigrams = memo((key) => pgTrigrams(key));

/** The trigrams of one matching key (memoised: read-only). */
export function keyTrigrams(k: MatchKey): ReadonlySet<string> {
  return k.script === 'lao' ? laoTrigrams(k.key) : latinTrigrams(k.key);
}

/**
 * The matching keys of one name as typed: the Lao key for Lao script, else the Latin keys (word
 * order-free `sorted` and joined/split-free `compact`).
 */
export function keysOfName(name: string | null | undefined): MatchKey[] {
  if (name === null || name === undefined || name.trim() === '') return [];
  return [...memoKeysOfName(name)];
}

const memoKeysOfName = memo((name: string): readonly MatchKey[] => computeKeysOfName(name));

function computeKeysOfName(name: string): MatchKey[] {
  if (isLaoScript(name)) {
    const k = laoKey(name);
    return k === '' ? [] : [{ script: 'lao', key: k }];
  }
  const l = latinKeys(name);
  const out: MatchKey[] = [];
  if (l.sorted !== '') out.push({ script: 'latin', key: l.sorted });
  if (l.compact !== '' && l.compact !== l.sorted) out.push({ script: 'latin', key: l.compact });
  return out;
}

/** Shortest Latin word key that gets a blind index of its own (one-letter words say nothing). */
export const MIN_WORD_KEY_LENGTH = 2;

/**
 * The folded key of each word of a Latin name on its own ("Souksavanh Keovong" → suksavan, keovong),
 * so that "nickname + family name" or a family name alone meets a stored full name exactly. Lao names
 * are never split (no word spaces): their given and family keys are already separate keys.
 */
const memoLatinWords = memo((name: string): readonly string[] => (isLaoScript(name) ? [] : latinKeys(name).words));

export function latinWordKeys(name: string | null | undefined, minLength = MIN_WORD_KEY_LENGTH): MatchKey[] {
  if (name === null || name === undefined) return [];
  const words = memoLatinWords(name).filter((w) => w.length >= minLength);
  return [...new Set(words)].map((key) => ({ script: 'latin' as const, key }));
}

/** How many romanised whole names a Lao-script name contributes (given × family spellings, usual first). */
export const MAX_ROMANISED_NAMES = 4;

/**
 * The Latin spellings of a person's Lao-script name (issue 19): "given family" built from the
 * common romanisations of each part (libs/domain laoRomanisations), the usual spelling of both
 * first, then the others, at most MAX_ROMANISED_NAMES distinct after folding. A Latin query thus
 * meets a person recorded only in Lao, or under another romanisation than the one typed. Memoised
 * by the Lao parts (the same names recur).
 */
export function romanisedNames(identity: Pick<PersonIdentityInput, 'givenNameLo' | 'familyNameLo'>): readonly string[] {
  return memoRomanised(`${identity.givenNameLo ?? ''}\u0000${identity.familyNameLo ?? ''}`);
}

const memoRomanised = memo((parts: string): readonly string[] => {
  const [given = '', family = ''] = parts.split('\u0000');
  const g = isLaoScript(given) ? laoRomanisations(given) : [];
  const f = isLaoScript(family) ? laoRomanisations(family) : [];
  if (g.length === 0 && f.length === 0) return [];
  const pairs: string[] = [];
  const gs = g.length > 0 ? g : [''];
  const fs = f.length > 0 ? f : [''];
  // usual × usual, then one part changed, then both
  for (let d = 0; d < gs.length + fs.length; d++)
    for (let i = 0; i <= d; i++)
      if (gs[i] !== undefined && fs[d - i] !== undefined) pairs.push(`${gs[i]} ${fs[d - i]}`.trim());
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of pairs) {
    const folded = n.split(' ').map(latinWordKey).join(' ');
    if (seen.has(folded)) continue;
    seen.add(folded);
    out.push(n);
    if (out.length >= MAX_ROMANISED_NAMES) break;
  }
  return out;
});

/** The romanisations of the Lao-script nicknames (Latin nicknames are kept as typed). */
export function romanisedNicknames(nicknames: readonly string[] | undefined): string[] {
  return (nicknames ?? []).filter(isLaoScript).flatMap((n) => laoRomanisations(n, 2));
}

/**
 * Every matching key of a person: Lao given+family and each part, Latin names and each of their
 * words, nicknames, previous names (and the words of Latin previous names), and the Latin keys of the
 * common romanisations of the Lao name (romanisedNames). A word key has the same trigrams as the word
 * inside the whole-name key, so it adds blind indexes but no grams.
 */
export function identityKeys(identity: PersonIdentityInput): MatchKey[] {
  const lao: MatchKey[] = [];
  const given = laoKey(identity.givenNameLo);
  const family = laoKey(identity.familyNameLo);
  for (const k of [given + family, given, family]) if (k !== '') lao.push({ script: 'lao', key: k });
  const romanised = romanisedNames(identity);
  const latinNames = [...(identity.latinNames ?? []), ...romanised];
  const names = [
    ...latinNames,
    ...(identity.nicknames ?? []),
    ...romanisedNicknames(identity.nicknames),
    ...(identity.previousNames ?? []),
  ];
  const words = [...latinNames, ...(identity.previousNames ?? [])].flatMap((n) => latinWordKeys(n));
  return dedupe([...lao, ...names.flatMap(keysOfName), ...words]);
}

function dedupe(keys: MatchKey[]): MatchKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.script}:${k.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * A trigram as a keyed, signed 32-bit integer: the first 8 hex digits of its blind index. Spaces
 * become `_` first, because the blind index normalisation removes whitespace and would otherwise
 * merge "  s" (a word starting with s) with " s " (the one-letter word s). Keys never contain `_`.
 */
export function gramHash(cipher: FieldCipher, trigram: string): number {
  const h = cipher.blindIndex(`gram:${trigram.replace(/ /g, '_')}`, NAME_GRAM_PURPOSE);
  if (h === null) throw new Error('a trigram always has a blind index');
  return parseInt(h.slice(0, 8), 16) | 0;
}

/** The keyed hashes of every trigram of `keys`, distinct and sorted. */
export function gramsOf(cipher: FieldCipher, keys: readonly MatchKey[]): number[] {
  const grams = new Set<number>();
  for (const k of keys) for (const t of keyTrigrams(k)) grams.add(gramHash(cipher, t));
  return [...grams].sort((a, b) => a - b);
}

/** Blind index of a whole key (exact match), tagged with its script. */
export function keyBlindIndex(cipher: FieldCipher, k: MatchKey): string | null {
  return cipher.blindIndex(`${k.script}:${k.key}`, NAME_KEY_PURPOSE);
}

/**
 * keyBlindIndex, remembered (bounded, see memo): a Latin search asks for the ≈ 300 one-edit
 * neighbours of each word, an HMAC each (≈ 15 µs), and names repeat. The process holds the key
 * anyway, so keeping its outputs in memory reveals nothing more.
 */
export function memoKeyBlindIndex(cipher: FieldCipher, max: number): (k: MatchKey) => string | null {
  const byKey = memo((id) => cipher.blindIndex(id, NAME_KEY_PURPOSE), max);
  return (k) => byKey(`${k.script}:${k.key}`);
}

export function documentBlindIndex(cipher: FieldCipher, documentNumber: string): string | null {
  return cipher.blindIndex(documentNumber, DOCUMENT_PURPOSE);
}

export function phoneBlindIndex(cipher: FieldCipher, phone: string): string | null {
  // a phone number compares on its digits only: "+856 20 5555-1234" = "856205551234"
  const digits = phone.normalize('NFKC').replace(/[^0-9\u0ED0-\u0ED9]/g, '');
  return cipher.blindIndex(digits, PHONE_PURPOSE);
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}

/** All search columns of a person. */
export function searchColumns(cipher: FieldCipher, identity: PersonIdentityInput): PersonSearchColumns {
  const keys = identityKeys(identity);
  return {
    nameGrams: gramsOf(cipher, keys),
    nameBidx: distinct(keys.map((k) => keyBlindIndex(cipher, k))),
    documentBidx: distinct((identity.documents ?? []).map((d) => documentBlindIndex(cipher, d.number))),
    phoneBidx: distinct(identity.phone ? [phoneBlindIndex(cipher, identity.phone)] : []),
  };
}
