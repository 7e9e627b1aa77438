/**
 * Romanisation of Lao-script names: the Latin spellings a clerk, a passport office or a list would
 * write for a name recorded in Lao (docs/reference.md "Lao script and romanisation"), so that a Latin
 * query meets a person recorded only in Lao (issue 19). The output is folded with `latinWordKey`
 * by the caller: most romanisation variants (Ph/P, Th/T, Kh/K, X/S, Ch/J, Ou/U, V/W, Ee/I, final
 * Y/I, nh/n/ne, doubled letters) already meet there, so the table below writes ONE usual spelling per
 * sound and lists alternatives only where the folds do not join them (final ດ as t or d, final ບ as
 * p or b, ແ as ae or a, ອ/ໍ as o or or, final ວ after າ as o or w).
 *
 * Pure TypeScript, no framework. Input: the Lao key (`laoKey`), which has already folded ໜ/ໝ/ຳ/ຣ/ຼ,
 * ordered the marks and removed the silent letters with ໌.
 */
import { laoKey } from './names';

/** Initial consonants: the usual romanisation (tone classes do not matter for spelling). */
export const LAO_INITIALS: Readonly<Record<string, string>> = {
  ກ: 'k',
  ຂ: 'kh',
  ຄ: 'kh',
  ງ: 'ng',
  ຈ: 'ch',
  ສ: 's',
  ຊ: 'x',
  ຍ: 'ny',
  ດ: 'd',
  ຕ: 't',
  ຖ: 'th',
  ທ: 'th',
  ນ: 'n',
  ບ: 'b',
  ປ: 'p',
  ຜ: 'ph',
  ຝ: 'f',
  ພ: 'ph',
  ຟ: 'f',
  ມ: 'm',
  ຢ: 'y',
  ລ: 'l',
  ຣ: 'r',
  ວ: 'v',
  ຫ: 'h',
  ອ: '',
  ຮ: 'h',
};

/** Final consonants: the usual romanisation first, then spellings the Latin folds do not join. */
export const LAO_FINALS: Readonly<Record<string, readonly string[]>> = {
  ກ: ['k'],
  ງ: ['ng'],
  ດ: ['t', 'd'],
  ຕ: ['t'],
  ທ: ['t'],
  ສ: ['s'],
  ຊ: ['s'],
  ນ: ['n'],
  ລ: ['n'],
  ບ: ['p', 'b'],
  ປ: ['p'],
  ພ: ['p'],
  ມ: ['m'],
  ຍ: ['y'],
  ວ: ['o', 'w'],
};

/** ຫ before these is silent and only sets the tone (ຫນ, ຫມ, ຫລ, ຫວ, ຫງ, ຫຍ). */
const HO_SONORANTS = new Set(['ນ', 'ມ', 'ລ', 'ວ', 'ງ', 'ຍ']);
const LEADING = new Set(['ເ', 'ແ', 'ໂ', 'ໄ', 'ໃ']);
const MARK_RE = /[\u0EB1\u0EB4-\u0EBB\u0ECD]/u;
const TONE_RE = /[\u0EC8-\u0ECB\u0EC6]/gu;
const CONSONANT_RE = /[\u0E81-\u0EAE]/u;
/** Spacing vowels that follow the initial (ະ າ ຽ) and ອ / ວ / ຍ used as vowel letters. */
const FOLLOWING = new Set(['ະ', 'າ', 'ຽ']);

/** How many spellings of one name part are kept (the usual one first). */
export const MAX_ROMANISATIONS = 4;

interface Syllable {
  initial: string;
  lead: string;
  marks: string;
  trail: string;
  final: string;
}

function isConsonant(c: string | undefined): c is string {
  return c !== undefined && CONSONANT_RE.test(c);
}

/** A vowel sign after this position: the consonant before it starts a syllable. */
function signAt(cs: readonly string[], j: number): boolean {
  const c = cs[j];
  return c !== undefined && (MARK_RE.test(c) || FOLLOWING.has(c));
}

/** ອ at j is a vowel letter (ພອນ, ເດືອນ), not the initial of a syllable (ອິນ, ອາ). */
function oVowelAt(cs: readonly string[], j: number): boolean {
  return cs[j] === 'ອ' && !signAt(cs, j + 1);
}

/** ວ at j is the vowel ua (ດວງ, ຫລວງ) or the ວ of ົວ, not the initial of a syllable (ສຸວັນ). */
function uaVowelAt(cs: readonly string[], j: number, afterO: boolean): boolean {
  if (cs[j] !== 'ວ' || signAt(cs, j + 1)) return false;
  if (afterO) return true;
  return isConsonant(cs[j + 1]) && !signAt(cs, j + 2) && !oVowelAt(cs, j + 2);
}

/** The consonant at j starts the next syllable rather than closing this one. */
function startsNext(cs: readonly string[], j: number): boolean {
  return signAt(cs, j + 1) || oVowelAt(cs, j + 1) || uaVowelAt(cs, j + 1, false);
}

/**
 * Cuts a Lao key into syllables: [leading vowel] initial (ຫ + sonorant is one) [marks] [spacing
 * vowels ະ າ ຽ] [ອ, ວ, ຍ as vowel letters] [final consonant]. A consonant closes the syllable when
 * no vowel sign (nor ອ/ວ used as a vowel) follows it; ະ closes a syllable, ໄ/ໃ take no final.
 */
export function laoSyllables(key: string): Syllable[] {
  const cs = [...key.replace(TONE_RE, '')];
  const out: Syllable[] = [];
  let i = 0;
  while (i < cs.length) {
    const s: Syllable = { initial: '', lead: '', marks: '', trail: '', final: '' };
    if (LEADING.has(cs[i] ?? '')) s.lead = cs[i++] ?? '';
    if (!isConsonant(cs[i])) {
      // a stray vowel: skipped (a name key holds nothing else)
      if (s.lead !== '') out.push(s);
      else i++;
      continue;
    }
    s.initial = cs[i++] ?? '';
    if (s.initial === 'ຫ' && HO_SONORANTS.has(cs[i] ?? '') && !(cs[i] === 'ວ' && uaVowelAt(cs, i, false)))
      s.initial = cs[i++] ?? '';
    while (MARK_RE.test(cs[i] ?? '')) s.marks += cs[i++];
    while (FOLLOWING.has(cs[i] ?? '')) s.trail += cs[i++];
    if (s.trail === '' && oVowelAt(cs, i) && (s.marks === '' || (s.lead === 'ເ' && /[ຶື]/u.test(s.marks))))
      s.trail += cs[i++];
    else if (
      s.trail === '' &&
      s.lead === '' &&
      (s.marks === '' || s.marks === 'ົ') &&
      uaVowelAt(cs, i, s.marks === 'ົ')
    )
      s.trail += cs[i++];
    else if (s.lead === 'ເ' && cs[i] === 'ຍ' && !signAt(cs, i + 1)) s.trail += cs[i++];
    const f = cs[i];
    if (isConsonant(f) && !s.trail.endsWith('ະ') && s.lead !== 'ໄ' && s.lead !== 'ໃ' && !startsNext(cs, i)) {
      s.final = f;
      i++;
    }
    out.push(s);
  }
  return out;
}

/** The vowel of a syllable: the usual spelling first, then spellings the folds do not join. */
function vowelOf(s: Syllable): readonly string[] {
  const { lead, marks: m, trail } = s;
  if (m.includes('ໍ') && trail.startsWith('າ')) return ['am'];
  switch (lead) {
    case 'ເ':
      if (/[ຶື]/u.test(m)) return trail.includes('ອ') ? ['eua', 'ua'] : ['eu'];
      if (trail === 'າະ') return ['o'];
      if (trail.startsWith('າ') || m.includes('ົ')) return ['ao'];
      if (trail.includes('ຍ')) return ['ia'];
      if (/[ິີ]/u.test(m)) return ['oe'];
      return ['e'];
    case 'ແ':
      return ['ae', 'a'];
    case 'ໂ':
      return ['o'];
    case 'ໄ':
    case 'ໃ':
      return ['ai'];
  }
  if (trail.includes('ຽ')) return ['ia'];
  if (m.includes('ັ')) return trail === 'ວ' ? ['ua'] : ['a'];
  if (trail.startsWith('ະ') || trail.startsWith('າ')) return ['a'];
  if (/[ິີ]/u.test(m)) return ['i'];
  if (/[ຶື]/u.test(m)) return ['eu'];
  if (/[ຸູ]/u.test(m)) return ['ou'];
  if (m.includes('ົ')) return trail === 'ວ' ? ['oua'] : ['o'];
  if (m.includes('ໍ') || trail === 'ອ') return ['o', 'or'];
  if (trail === 'ວ') return ['oua', 'ua'];
  return ['o'];
}

/** The final of a syllable after its vowel (ວ after i is u: ິວ → iu; ຍ after ai is silent). */
function finalOf(s: Syllable, vowel: string): readonly string[] {
  if (s.final === '') return [''];
  if (s.final === 'ວ' && vowel.endsWith('i')) return ['u', 'w'];
  if (s.final === 'ວ' && (vowel.endsWith('o') || vowel.endsWith('u'))) return [''];
  if (s.final === 'ຍ' && vowel.endsWith('i')) return [''];
  return LAO_FINALS[s.final] ?? [LAO_INITIALS[s.final] ?? ''];
}

/** Every spelling of one syllable (cartesian product of its alternatives, usual one first). */
function syllableSpellings(s: Syllable): string[] {
  const initial = LAO_INITIALS[s.initial] ?? '';
  const out: string[] = [];
  for (const v of vowelOf(s)) for (const f of finalOf(s, v)) out.push(initial + v + f);
  return out;
}

/**
 * The common Latin spellings of one Lao name part (a given name, a family name, a nickname), the
 * usual one first, at most `max`: "ພົມມະຈັນ" → phommachan; "ແສງ" → saeng, sang; "ລາດ" → lat, lad.
 * Lower case ASCII; the caller folds them with latinWordKey. '' input gives [].
 */
export function laoRomanisations(name: string | null | undefined, max = MAX_ROMANISATIONS): string[] {
  const key = laoKey(name).replace(/[^\u0E80-\u0EFF]/gu, '');
  if (key === '') return [];
  // breadth first over the syllables: the usual spelling of every syllable comes first, and the
  // alternatives of the early syllables before those of the later ones
  let acc = [''];
  for (const s of laoSyllables(key)) {
    const spellings = syllableSpellings(s);
    acc = spellings
      .flatMap((sp, k) => acc.map((a) => ({ a: a + sp, k })))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.a)
      .slice(0, max * 4);
  }
  return [...new Set(acc)].filter((x) => x !== '').slice(0, max);
}
