/**
 * Matching keys for duplicate detection of person names, in Lao script and in Latin romanisation.
 *
 * Names are stored as typed (the display value); these keys are derived from them and compared
 * (exactly, or by trigram similarity in PostgreSQL pg_trgm). A key is a lossy fingerprint: two
 * different people can share a key, so a key match is a reason to LOOK, never proof of identity.
 *
 * Facts used: docs/reference.md "Lao script and romanisation" and "Names, dates and documents",
 * docs/domain.md "Lao text". Pure TypeScript, no framework, no Node built-ins.
 */

// =============================================================================================
// Lao key
// =============================================================================================

const LAO_CANCELLATION = '\u0ECC'; // ໌ THANTHAKHAT: the letter before it is silent
const LAO_SEMIVOWEL_LO = '\u0EBC'; // ຼ subscript lo, as in ຫຼ
const LAO_LO = '\u0EA5'; // ລ

/**
 * One-to-one or one-to-many character folds applied after NFC (docs/reference.md "Lao script and romanisation").
 * - ໜ U+0EDC → ຫນ, ໝ U+0EDD → ຫມ (NFKC would do this; NFC does not).
 * - ຳ U+0EB3 → ໍ U+0ECD + າ U+0EB2 (NFKC would do this). The decomposed form is the canonical one
 *   because the niggahita ໍ can then be ordered with the tone mark like any other above-mark, so
 *   ນ+້+ຳ, ນ+້+ໍ+າ and ນ+ໍ+້+າ all meet.
 * - ຣ U+0EA3 → ລ U+0EA5: ຣ is the etymological (pre-reform) letter that modern spelling writes ລ
 *   (etymological letters; the same name is romanised Borikhamxay and Bolikhamxay).
 * - Lao digits ໐–໙ → 0–9.
 */
const LAO_CHAR_FOLDS: Readonly<Record<string, string>> = {
  '\u0EDC': '\u0EAB\u0E99', // ໜ → ຫນ
  '\u0EDD': '\u0EAB\u0EA1', // ໝ → ຫມ
  '\u0EB3': '\u0ECD\u0EB2', // ຳ → ໍາ
  '\u0EA3': LAO_LO, // ຣ → ລ
  '\u0ED0': '0',
  '\u0ED1': '1',
  '\u0ED2': '2',
  '\u0ED3': '3',
  '\u0ED4': '4',
  '\u0ED5': '5',
  '\u0ED6': '6',
  '\u0ED7': '7',
  '\u0ED8': '8',
  '\u0ED9': '9',
};
const LAO_CHAR_FOLD_RE = /[\u0EDC\u0EDD\u0EB3\u0EA3\u0ED0-\u0ED9]/gu;

/**
 * Canonical position of each Lao combining mark inside a cluster (consonant + marks). The typing
 * order of above-vowels and tone marks is not fixed by NFC (the above vowels have combining class 0),
 * so the key sorts the marks: subscript lo first, then below vowels, above vowels, tone marks,
 * and the cancellation mark last.
 */
const LAO_MARK_RANK: Readonly<Record<string, number>> = {
  '\u0EBC': 0, // ຼ semivowel sign lo
  '\u0EB8': 1, // ຸ
  '\u0EB9': 1, // ູ
  '\u0EBA': 1, // ຺ pali virama
  '\u0EB1': 2, // ັ
  '\u0EB4': 2, // ິ
  '\u0EB5': 2, // ີ
  '\u0EB6': 2, // ຶ
  '\u0EB7': 2, // ື
  '\u0EBB': 2, // ົ
  '\u0ECD': 2, // ໍ niggahita
  '\u0EC8': 3, // ່ mai ek
  '\u0EC9': 3, // ້ mai tho
  '\u0ECA': 3, // ໊ mai ti
  '\u0ECB': 3, // ໋ mai catawa
  '\u0ECC': 4, // ໌ cancellation
  '\u0ECE': 4, // ໎ yamakkan
};
const LAO_MARKS_RUN_RE = /[\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE]{2,}/gu;
const LAO_TONE_MARKS_RE = /[\u0EC8-\u0ECB]/gu;
/** A consonant, its marks and a cancellation mark: the silent letter of an archaic spelling. */
const LAO_CANCELLED_RE = /[\u0E81-\u0EAE\u0EDC-\u0EDF][\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECB\u0ECD\u0ECE]*\u0ECC/gu;
/** Spacing vowels that are never legitimately doubled (a doubled one is a typing slip). */
const LAO_DOUBLED_VOWEL_RE = /([\u0EB0\u0EB2\u0EBD\u0EC0-\u0EC4])\1+/gu;
/** What a Lao key may contain: Lao letters, vowels and marks, ໆ, ASCII digits and lower-case letters. */
const LAO_KEY_DROP_RE = /[^\u0E81-\u0EAE\u0EB0-\u0EBD\u0EC0-\u0EC4\u0EC6-\u0ECE\u0EDC-\u0EDF0-9a-z]/gu;

export interface LaoKeyOptions {
  /**
   * Also remove the four tone marks. Off by default: the research behind the key lists their typing
   * ORDER as a variant, not their presence, and a tone mark changes the word (ແກ້ວ "Keo" ≠ ແກວ). Use
   * the tone-less key only as a looser, secondary "similar" key.
   */
  dropToneMarks?: boolean;
}

function sortMarks(run: string): string {
  const marks = [...run];
  // stable sort by rank, then drop exact repeats (doubled vowel signs are typos)
  const sorted = marks
    .map((m, i) => ({ m, i, r: LAO_MARK_RANK[m] ?? 9 }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.m);
  return sorted.filter((m, i) => m !== sorted[i - 1]).join('');
}

/**
 * The matching key of a Lao-script name (or name part: pass given and family name separately, or the
 * whole name, at the caller's choice; the key never splits on spaces because Lao has no word spaces).
 *
 * Steps: NFC; lower-case Latin; fold ໜ/ໝ/ຳ/ຣ and Lao digits (see LAO_CHAR_FOLDS); drop everything
 * that is not a Lao letter/mark or ASCII alphanumeric (spaces, punctuation, zero-width spaces and
 * joiners, soft hyphens…); ເເ → ແ; doubled spacing vowels → one; canonical order of the marks in each
 * cluster (repeated marks dropped); remove an archaic silent letter with its cancellation mark ໌
 * (ວົງສ໌ → ວົງ); subscript ຼ → ລ (ຫຼ ≡ ຫລ); optionally drop tone marks.
 *
 * The result is a stable string (idempotent: laoKey(laoKey(s)) === laoKey(s)); '' for blank input.
 */
export function laoKey(s: string | null | undefined, options: LaoKeyOptions = {}): string {
  if (s === null || s === undefined) return '';
  let k = s.normalize('NFC').toLowerCase();
  k = k.replace(LAO_CHAR_FOLD_RE, (c) => LAO_CHAR_FOLDS[c] ?? c);
  k = k.replace(LAO_KEY_DROP_RE, '');
  k = k.replace(/\u0EC0\u0EC0/gu, '\u0EC1'); // ເ+ເ typed for ແ
  k = k.replace(LAO_DOUBLED_VOWEL_RE, '$1');
  k = k.replace(LAO_MARKS_RUN_RE, sortMarks);
  k = k.replace(LAO_CANCELLED_RE, '');
  k = k.split(LAO_CANCELLATION).join(''); // a stray ໌ with no letter before it
  k = k.split(LAO_SEMIVOWEL_LO).join(LAO_LO);
  if (options.dropToneMarks === true) k = k.replace(LAO_TONE_MARKS_RE, '');
  return k;
}

/** Lao letters (consonants, vowels, ໆ), excluding marks, digits and the ellipsis ຯ. */
const LAO_LETTER_RE = /[\u0E81-\u0EAE\u0EB0\u0EB2\u0EB3\u0EBD\u0EC0-\u0EC4\u0EC6\u0EDC-\u0EDF]/u;
const ANY_LETTER_RE = /\p{L}/gu;
const LAO_BLOCK_RE = /^[\u0E80-\u0EFF]$/u;

/**
 * True when `s` is written in Lao script: it contains at least one Lao letter and every letter in it
 * is in the Lao block U+0E80–U+0EFF. Digits, spaces, punctuation and marks are ignored, so
 * "ສົມໃຈ 2" is Lao and "Somchai ສົມໃຈ" (mixed) or "" is not.
 */
export function isLaoScript(s: string | null | undefined): boolean {
  if (s === null || s === undefined) return false;
  const n = s.normalize('NFC');
  if (!LAO_LETTER_RE.test(n)) return false;
  return (n.match(ANY_LETTER_RE) ?? []).every((c) => LAO_BLOCK_RE.test(c));
}

// =============================================================================================
// Latin keys
// =============================================================================================

/**
 * Ordered rewrite rules for one word (already lower-case ASCII). Sources: docs/reference.md "Lao
 * script and romanisation" ("ຊ → X/S, ວ → V/W, ພ → Ph/P, ອູ → Ou/U, ຈ → Ch/J, final ນ → n/nh/ne, ຍ → Y/Gn/Ny",
 * French-era -ane/-ouane/ou next to English spellings, ຈັນ as Chanh/Jan/Tiane) and the spelling
 * variants of the provinces (docs/reference.md "Provinces": Borikhamxay/Bolikhamxay, Saravane/Salavan, Luang Phrabang/
 * Louangphabang, Xieng/Xiang, Attapeu/Attapu, Bokèo/Bokeo…).
 */
const LATIN_RULES: readonly (readonly [RegExp, string])[] = [
  [/tiane$/, 'jan'], // French "tiane" for ຈັນ (Vientiane; "Chanh/Jan/Tiane")
  [/t?ch/g, 'j'], // ຈ: Ch / J (and French Tch)
  [/ph/g, 'p'], // ພ / ປ: Ph / P
  [/th/g, 't'], // ທ / ຕ: Th / T
  [/kh/g, 'k'], // ຄ ຂ / ກ: Kh / K
  [/x/g, 's'], // ຊ ສ: X / S
  [/[cq]/g, 'k'], // Champasack / Champasak
  [/(^|[^n])gn/g, '$1y'], // ຍ: Gn → Y (Xaignabouli) but not the "ng"+"n" of Louangnamtha
  [/ny(?=[aeiou])/g, 'y'], // ຍ: Ny → Y (Sainyabuli)
  [/nh(?![aeiou])/g, 'n'], // final ນ: nh → n (Souksavanh)
  [/([bdfgjklmnpstvwz])r/g, '$1'], // lost r of consonant clusters: Phrabang / Prabang → Pabang
  [/r/g, 'l'], // ລ/ຣ: R → L (Borikhamxay / Bolikhamxay, Saravane / Salavan)
  [/oo|ou/g, 'u'], // ອູ: Ou / U / Oo
  [/eu|ue/g, 'u'], // ື: Eu (French) / U (ISO Attapu) / Ue (Mueang)
  [/ae/g, 'e'], // ແ: Ae / E (Kaew / Keo)
  [/ie/g, 'ia'], // ຽ: Ie / Ia (Xieng / Xiang)
  [/ee/g, 'i'], // ີ: Ee / I (Boonmee / Bounmy)
  [/y(?![aeiou])/g, 'i'], // final Y / I (Xay / Xai, Phongsaly / Phongsali)
  [/iy(?=[aeiou])/g, 'y'], // Xaiya / Xaya (then Xaignabouli = Xayabouly)
  [/w(?![aeiou])/g, 'o'], // final W / O (Kaew / Keo)
  [/w/g, 'v'], // ວ: V / W
  [/u(?=[aeiou])/g, 'v'], // ວ as French "ou" before a vowel: Louang / Luang / Lwang, Houaphan / Hua Phan
  [/(?<=[aeiou])ne$/, 'n'], // final ນ: French -ne (Khammouane, Saravane, Khamphone)
  [/([a-z])\1+/g, '$1'], // doubled letters (Phommachanh / Phomachan, Attapeu / Atapeu)
];

/**
 * The phonetic key of ONE Latin word: lower case, diacritics stripped (ô ê é è ư …), non-letters
 * removed, then the LATIN_RULES folds. Result: lower-case ASCII [a-z0-9], '' for no letters.
 */
export function latinWordKey(word: string): string {
  let k = word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
  for (const [re, to] of LATIN_RULES) k = k.replace(re, to);
  return k;
}

export interface LatinKeys {
  /** Folded key of each word, in input order (words split on anything that is not a letter or digit). */
  words: string[];
  /**
   * The whole-name key: the distinct word keys sorted and joined with one space, so that given/family
   * order does not matter ("Phommachanh Souksavanh" = "Souksavanh Phommachanh").
   */
  sorted: string;
  /**
   * The word keys in input order with no separator, so that a name written joined or split meets
   * ("Louangphabang" = "Louang Phabang" = "Luang Prabang").
   */
  compact: string;
}

/**
 * Latin (romanised) matching keys of a name or name part. All keys are lower-case ASCII (a–z, 0–9,
 * and single spaces in `sorted`), stable, and suitable for pg_trgm.
 *
 * Folds (docs/reference.md "Lao script and romanisation"): X/S, V/W, Ph/P, Th/T, Kh/K, Ch/J/Tch, Ou/U/Oo, Eu/Ue/U, Ae/E,
 * Ie/Ia, Ee/I, final Y/I, final W/O, final n/nh/ne, Y/Gn/Ny, R/L (and cluster R dropped), C/Q/K,
 * doubled letters collapsed. F is NOT folded with Ph (ຟ/ຝ is a different letter from ພ; the research
 * lists no F/Ph variation), and final ng is kept apart from n (ວັງ ≠ ວັນ).
 */
export function latinKeys(s: string | null | undefined): LatinKeys {
  const words = latinTypedWords(s)
    .map(latinWordKey)
    .filter((w) => w.length > 0);
  return { words, sorted: [...new Set(words)].sort().join(' '), compact: words.join('') };
}

/** The words of a Latin name as typed: diacritics stripped, split on anything that is not a letter or digit. */
export function latinTypedWords(s: string | null | undefined): string[] {
  return (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * The keys a typed Latin word may stand for, for a search to ask: its own latinWordKey, and the key
 * of the word with its doubled letters collapsed before the folds ("Lathhtham": the doubled h hides
 * the th fold, → latam) and with a silent h dropped, one that follows a vowel or a consonant other
 * than p, t, k, c, s and n, whose h makes a digraph ("Lahda" → lada, "Namhmy" → nami, "Sohmson" →
 * somson). Stored keys keep latinWordKey alone: these are only more keys to look for.
 */
export function latinWordForms(word: string): string[] {
  const w = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const collapsed = w.replace(/([a-z])\1+/g, '$1');
  const silentH = (x: string): string => x.replace(/(?<=[abdefgijlmoqruvwyz])h/g, '');
  return [...new Set([w, collapsed, silentH(w), silentH(collapsed)].map(latinWordKey))].filter((k) => k !== '');
}

/** Final syllables a family name is written with or without (ວົງ / ວົງສາ, ພັນ / ພັນໄຊ), as folded keys. */
export const LATIN_OPTIONAL_FINAL_SYLLABLES: readonly string[] = ['sa', 'sai'];

/**
 * Keys a typed word may stand for with a final syllable added or dropped: "Inthavong" for
 * Inthavongsa, "Phommaxay" for Phomma (the folded keys of the word's latinWordForms with -sa / -sai
 * appended, or removed when the rest keeps three letters). More keys to look for, never stored.
 */
export function latinSyllableForms(word: string): string[] {
  const out = new Set<string>();
  for (const f of latinWordForms(word)) {
    for (const syl of LATIN_OPTIONAL_FINAL_SYLLABLES) {
      if (f.endsWith(syl) && f.length - syl.length >= 3) out.add(f.slice(0, -syl.length));
      else if (f.length >= 3) out.add(latinWordKey(f + syl));
    }
  }
  for (const f of latinWordForms(word)) out.delete(f);
  return [...out];
}

// =============================================================================================
// Similarity (optional helper; mirrors what the database does with pg_trgm)
// =============================================================================================

function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const word of s.split(/\s+/u).filter((w) => w.length > 0)) {
    const cps = ['\u0000', '\u0000', ...word, '\u0001'];
    for (let i = 0; i + 3 <= cps.length; i++) out.add(cps.slice(i, i + 3).join(''));
  }
  return out;
}

/**
 * Trigram similarity in [0, 1], computed like pg_trgm's `similarity()` (words padded with two blanks
 * before and one after; shared / union). Characters are Unicode code points. Note: pg_trgm decides
 * which characters are "word" characters from the database locale, so for Lao keys its numbers may
 * differ from this function's.
 */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Threshold above which two keys are "similar" (pg_trgm's default similarity threshold is 0.3). */
export const NAME_SIMILARITY_THRESHOLD = 0.5;

export const NAME_MATCH_REASONS = [
  'LAO_KEY_EXACT',
  'LAO_KEY_SIMILAR',
  'LATIN_KEY_EXACT',
  'LATIN_KEY_SIMILAR',
  'NICKNAME',
  'BIRTH_YEAR',
] as const;
export type NameMatchReason = (typeof NAME_MATCH_REASONS)[number];

/** The keys of one person (or one search query). Build with {@link buildNameKeys}. */
export interface NameKeys {
  /** laoKey of given + family name in Lao script ('' when there is none). */
  laoFull: string;
  laoGiven: string;
  laoFamily: string;
  /** latinKeys(...).sorted of every Latin spelling of the full name (distinct, non-empty). */
  latin: string[];
  /** Keys of nicknames and other aliases: laoKey for Lao script, latinKeys().compact otherwise. */
  nicknames: string[];
  birthYear?: number;
}

export interface NameKeysInput {
  givenLo?: string | null;
  familyLo?: string | null;
  /** Full names in Latin script ("given family", in any order). */
  latin?: readonly string[];
  nicknames?: readonly string[];
  birthYear?: number | null;
}

/** Key of an alias in either script. */
export function aliasKey(s: string): string {
  return isLaoScript(s) ? laoKey(s) : latinKeys(s).compact;
}

export function buildNameKeys(input: NameKeysInput): NameKeys {
  const laoGiven = laoKey(input.givenLo);
  const laoFamily = laoKey(input.familyLo);
  const keys: NameKeys = {
    laoFull: laoGiven + laoFamily,
    laoGiven,
    laoFamily,
    latin: [...new Set((input.latin ?? []).map((n) => latinKeys(n).sorted).filter((k) => k.length > 0))],
    nicknames: [...new Set((input.nicknames ?? []).map(aliasKey).filter((k) => k.length > 0))],
  };
  if (input.birthYear !== undefined && input.birthYear !== null) keys.birthYear = input.birthYear;
  return keys;
}

export interface SimilarityOptions {
  /** Minimum trigram similarity for the *_SIMILAR reasons (default NAME_SIMILARITY_THRESHOLD). */
  threshold?: number;
  /** Birth years this far apart still give BIRTH_YEAR (default 1: estimated ages are common). */
  birthYearTolerance?: number;
}

/**
 * Why a candidate may be the same person as the query, as reason codes (empty: no reason). Exact
 * reasons exclude the corresponding similar ones. BIRTH_YEAR alone is not a name match: callers should
 * show candidates that have at least one name reason.
 */
export function nameSimilarityReasons(
  query: NameKeys,
  candidate: NameKeys,
  options: SimilarityOptions = {},
): NameMatchReason[] {
  const threshold = options.threshold ?? NAME_SIMILARITY_THRESHOLD;
  const tolerance = options.birthYearTolerance ?? 1;
  const reasons: NameMatchReason[] = [];

  if (query.laoFull !== '' && candidate.laoFull !== '') {
    if (query.laoFull === candidate.laoFull) reasons.push('LAO_KEY_EXACT');
    else if (trigramSimilarity(query.laoFull, candidate.laoFull) >= threshold) reasons.push('LAO_KEY_SIMILAR');
  }

  const latinExact = query.latin.some((q) => candidate.latin.includes(q));
  if (latinExact) reasons.push('LATIN_KEY_EXACT');
  else if (query.latin.some((q) => candidate.latin.some((c) => trigramSimilarity(q, c) >= threshold))) {
    reasons.push('LATIN_KEY_SIMILAR');
  }

  // a nickname of one side equals a nickname or the given name of the other
  const givenKeys = (k: NameKeys): string[] => [
    ...(k.laoGiven === '' ? [] : [k.laoGiven]),
    ...k.latin.flatMap((l) => l.split(' ')),
  ];
  const nick =
    query.nicknames.some((n) => candidate.nicknames.includes(n) || givenKeys(candidate).includes(n)) ||
    candidate.nicknames.some((n) => givenKeys(query).includes(n));
  if (nick) reasons.push('NICKNAME');

  if (
    query.birthYear !== undefined &&
    candidate.birthYear !== undefined &&
    Math.abs(query.birthYear - candidate.birthYear) <= tolerance
  ) {
    reasons.push('BIRTH_YEAR');
  }
  return reasons;
}
