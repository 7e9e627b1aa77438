import { Rng } from './rng';

/**
 * Lao personal names built from real name parts. Every part has its Lao spellings that a clerk may
 * type for the same name (the folds of docs/domain.md "Lao text": ຫຼ/ຫລ, ໜ/ຫນ, ໝ/ຫມ, ຳ/ໍາ, the order
 * of a tone mark and ໍ, the silent letter with ໌, ເເ for ແ, ຣ/ລ) and its Latin romanisations as they
 * occur in passports and lists (Souksavanh/Suksawan, Phommachanh/Pommachan …).
 */
export interface NamePart {
  /** equivalent Lao spellings; [0] is the usual one */
  lo: readonly string[];
  /** romanisations, lower case; [0] is the usual one */
  la: readonly string[];
}

const p = (lo: string | string[], la: string[]): NamePart => ({ lo: Array.isArray(lo) ? lo : [lo], la });

/** the first syllable of a given name */
export const GIVEN_HEADS: readonly NamePart[] = [
  p('ສຸກ', ['souk', 'suk', 'sook']),
  p(['ຄຳ', 'ຄໍາ'], ['kham', 'kam']),
  p('ພອນ', ['phone', 'phon', 'pon']),
  p('ບຸນ', ['boun', 'bun', 'boon']),
  p('ສີ', ['si', 'see', 'sy']),
  p('ທອງ', ['thong', 'tong']),
  p(['ແສງ', 'ເເສງ'], ['saeng', 'seng', 'sang']),
  p('ວິ', ['vi', 'wi']),
  p('ມະນີ', ['many', 'mani', 'manee']),
  p('ບົວ', ['boua', 'bua']),
  p('ຈັນ', ['chanh', 'chan', 'jan']),
  p('ດາວ', ['dao', 'dow']),
  p('ສົມ', ['som', 'sombe']),
  p(['ໜູ', 'ຫນູ'], ['nou', 'noo', 'nu']),
  p(['ແກ້ວ', 'ເເກ້ວ'], ['keo', 'kaew', 'kaeo']),
  p(['ຫຼ້າ', 'ຫລ້າ'], ['la', 'lah']),
  p('ພູ', ['phou', 'phu', 'pu']),
  p(['ນ້ຳ', 'ນ້ໍາ', 'ນໍ້າ'], ['nam', 'namh']),
  p('ວັນ', ['van', 'wan']),
  p('ລັດ', ['lat', 'latt']),
  p('ໄຊ', ['xay', 'sai', 'xai']),
  p('ທິບ', ['thip', 'tip']),
  p('ເພັດ', ['phet', 'pet']),
  p('ຄູນ', ['khoun', 'kun']),
  p(['ໝັ້ນ', 'ຫມັ້ນ'], ['man', 'mun']),
  p('ອິນ', ['in', 'inh']),
  p('ສິດ', ['sit', 'sith']),
  p('ອຸ່ນ', ['oun', 'un']),
  p('ນິດ', ['nit', 'nith']),
  p('ອາ', ['a', 'ah']),
  p('ຕຸ່ຍ', ['touy', 'tuy']),
  p('ເກດ', ['ket', 'keth']),
  p('ປານ', ['pan', 'parn']),
  p('ຈອມ', ['chom', 'jom']),
  p('ຂັນ', ['khanh', 'khan', 'kan']),
  p('ຫົງ', ['hong', 'hông']),
  p('ລີ', ['ly', 'li', 'lee']),
  p('ເຂັມ', ['khem', 'kem']),
  p(['ຣັດ', 'ລັດ'], ['rath', 'lat']),
];

/** the second syllable of a given name */
export const GIVEN_TAILS: readonly NamePart[] = [
  p('ສະຫວັນ', ['savanh', 'sawan', 'savan']),
  p('ພອນ', ['phone', 'phon', 'pone']),
  p('ໄຊ', ['xay', 'sai', 'xai']),
  p('ດາ', ['da', 'dah']),
  p('ມີ', ['mee', 'mi', 'my']),
  p('ສອນ', ['sone', 'son', 'sorn']),
  p('ວອນ', ['vone', 'won', 'von']),
  p('ໄລ', ['lai', 'lay']),
  p('ທອງ', ['thong', 'tong']),
  p('ສຸກ', ['souk', 'suk']),
  p('ພັນ', ['phanh', 'phan', 'pan']),
  p(['ຄຳ', 'ຄໍາ'], ['kham', 'kam']),
  p('ວົງ', ['vong', 'wong']),
  p('ນາ', ['na', 'nah']),
  p('ສີ', ['si', 'sy']),
  p('ມາລາ', ['mala', 'malah']),
  p('ຈິດ', ['chit', 'jit']),
  p('ໃຈ', ['chai', 'jai']),
  p('ທິບ', ['thip', 'tip']),
  p('ເດືອນ', ['deuane', 'duan', 'dueang']),
  p(['ຫຼ້າ', 'ຫລ້າ'], ['la', 'lah']),
  p(['ແກ້ວ', 'ເເກ້ວ'], ['keo', 'kaew']),
  p('ພູ', ['phou', 'phu']),
  p('ນີ', ['ni', 'nee']),
  p(['ສະໄໝ', 'ສະໄຫມ'], ['samai', 'samay']),
  p('ຄູນ', ['khoun', 'kun']),
  p('ວັນ', ['vanh', 'wan']),
  p('ຕາ', ['ta', 'tah']),
  p('ພາ', ['pha', 'pa']),
  p('ລີ', ['ly', 'lee']),
];

/** the first part of a family name */
export const FAMILY_HEADS: readonly NamePart[] = [
  p('ພົມ', ['phom', 'pom']),
  p(['ແກ້ວ', 'ເເກ້ວ'], ['keo', 'kaew']),
  p('ສີ', ['si', 'see']),
  p('ວົງ', ['vong', 'wong']),
  p('ໄຊຍະ', ['xaya', 'saiya', 'xaiya']),
  p('ອິນທະ', ['intha', 'inta']),
  p('ຈັນທະ', ['chantha', 'jantha', 'chanta']),
  p('ພິລາ', ['phila', 'pila']),
  p('ສຸລິ', ['souli', 'suli']),
  p('ມະນີ', ['many', 'mani']),
  p('ສຸດທິ', ['soutthi', 'sutti']),
  p(['ແສງ', 'ເເສງ'], ['saeng', 'seng']),
  p(['ທຳມະ', 'ທໍາມະ'], ['thamma', 'tamma']),
  p(['ຫຼວງ', 'ຫລວງ'], ['luang', 'louang']),
  p('ບຸນ', ['boun', 'bun']),
  p(['ຄຳ', 'ຄໍາ'], ['kham', 'kam']),
  p('ພູ', ['phou', 'phu']),
  p('ວິໄລ', ['vilay', 'wilai']),
  p('ດວງ', ['douang', 'duang']),
  p('ສຸວັນ', ['souvanh', 'suwan']),
  p('ລາດ', ['lath', 'lat']),
  p('ສົມ', ['som', 'sohm']),
  p('ເພັດ', ['phet', 'pet']),
  p('ອຸດົມ', ['oudom', 'udom']),
  p('ນາ', ['na', 'nah']),
  p('ທອງ', ['thong', 'tong']),
  p(['ໜໍ່', 'ຫນໍ່'], ['nor', 'no']),
  p('ສັງ', ['sang', 'xang']),
];

/** the second part of a family name */
export const FAMILY_TAILS: readonly NamePart[] = [
  p('ມະຈັນ', ['machanh', 'machan', 'majan']),
  p(['ວົງສ໌', 'ວົງ'], ['vong', 'wong']),
  p('ວົງສາ', ['vongsa', 'wongsa']),
  p('ສະຫວັດ', ['savath', 'sawat', 'savat']),
  p('ສັກ', ['sack', 'sak']),
  p('ມະນີ', ['many', 'mani']),
  p('ລາດ', ['lath', 'lat']),
  p('ວັນ', ['vanh', 'wan']),
  p('ສອນ', ['sone', 'son']),
  p('ຈັກ', ['chack', 'chak', 'jak']),
  p('ພັນ', ['phanh', 'phan']),
  p('ໄຊ', ['xay', 'sai']),
  p('ສຸກ', ['souk', 'suk']),
  p('ດີ', ['dy', 'di', 'dee']),
  p(['ຄຳ', 'ຄໍາ'], ['kham', 'kam']),
  p('ທິລາດ', ['thilath', 'tilat']),
  p('ສົມບັດ', ['sombath', 'sombat']),
  p('ລາວົງ', ['lavong', 'lawong']),
  p('ທຳ', ['tham', 'tam']),
  p('ໄພ', ['phai', 'pai']),
  p(['ຣາດ', 'ລາດ'], ['rath', 'lat']),
];

/** Common Lao nicknames (ຊື່ຫຼິ້ນ), Latin as people write them. */
export const NICKNAMES: readonly string[] = [
  'Noy',
  'Nong',
  'Tui',
  'Lek',
  'Bee',
  'Ple',
  'Toun',
  'Mon',
  'Kai',
  'Nok',
  'Kung',
  'Toy',
  'Mai',
  'Joy',
  'Pui',
  'Ning',
  'Ton',
  'Ae',
];

export interface SyntheticName {
  /** part indexes: given head, given tail (-1: none), family head, family tail */
  parts: readonly [number, number, number, number];
  givenNameLo: string;
  familyNameLo: string;
  latinNames: string[];
  nicknames: string[];
}

const ZWSP = '\u200B';

function cap(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

function latinOf(rng: Rng, parts: readonly NamePart[], usual: boolean): string {
  return cap(parts.map((x) => (usual ? (x.la[0] ?? '') : rng.pick(x.la))).join(''));
}

function laoOf(rng: Rng, parts: readonly NamePart[], usual: boolean): string {
  return parts.map((x) => (usual ? (x.lo[0] ?? '') : rng.pick(x.lo))).join('');
}

function partsOf(idx: readonly [number, number, number, number]): { given: NamePart[]; family: NamePart[] } {
  const [gh, gt, fh, ft] = idx;
  const given = [GIVEN_HEADS[gh], gt >= 0 ? GIVEN_TAILS[gt] : undefined].filter((x): x is NamePart => x !== undefined);
  const family = [FAMILY_HEADS[fh], FAMILY_TAILS[ft]].filter((x): x is NamePart => x !== undefined);
  return { given, family };
}

/** A person's name as first recorded: a Lao spelling (sometimes a variant), one or two romanisations, maybe a nickname. */
export function drawName(rng: Rng): SyntheticName {
  const idx: [number, number, number, number] = [
    rng.int(GIVEN_HEADS.length),
    rng.chance(0.85) ? rng.int(GIVEN_TAILS.length) : -1,
    rng.int(FAMILY_HEADS.length),
    rng.int(FAMILY_TAILS.length),
  ];
  const { given, family } = partsOf(idx);
  const latinNames = [`${latinOf(rng, given, rng.chance(0.6))} ${latinOf(rng, family, rng.chance(0.6))}`];
  if (rng.chance(0.35)) latinNames.push(`${latinOf(rng, given, false)} ${latinOf(rng, family, false)}`);
  const name = {
    parts: idx,
    givenNameLo: laoOf(rng, given, rng.chance(0.7)),
    familyNameLo: laoOf(rng, family, rng.chance(0.7)),
    latinNames: [...new Set(latinNames)],
    nicknames: rng.chance(0.3) ? [rng.pick(NICKNAMES)] : [],
  };
  // some victims are recorded in Lao only (no passport, a village list): a Latin query must still find them
  if (rng.chance(LAO_ONLY_SHARE)) name.latinNames = [];
  return name;
}

/** Share of persons recorded with their Lao name only. */
export const LAO_ONLY_SHARE = 0.12;

export type VariantKind =
  | 'LAO_VARIANT'
  | 'ROMANISATION'
  | 'LATIN_TYPO'
  | 'LAO_TYPING'
  | 'NICKNAME_AND_FAMILY'
  /** a silent vowel or h inserted or dropped in one part (Sohmrath / Somrath, Smthilath / Somthilath) */
  | 'SILENT_VOWEL'
  /** the family name with its final -sa / -xay syllable added or dropped (Inthavong / Inthavongsa) */
  | 'FINAL_SYLLABLE'
  /** a person recorded in Lao only, asked by a Latin romanisation */
  | 'LAO_ONLY_LATIN';

/** The kinds whose query is written in Latin letters for a name recorded otherwise (the "spelling and romanisation" kinds). */
export const SPELLING_KINDS: readonly VariantKind[] = [
  'LAO_VARIANT',
  'LAO_TYPING',
  'ROMANISATION',
  'LATIN_TYPO',
  'SILENT_VOWEL',
  'FINAL_SYLLABLE',
  'LAO_ONLY_LATIN',
];

/** A query for the same person written differently: what a second clerk would type. */
export function variantOf(rng: Rng, name: SyntheticName, kind: VariantKind): string {
  const { given, family } = partsOf(name.parts);
  switch (kind) {
    case 'LAO_VARIANT': {
      // every part spelt with its alternative when it has one
      const alt = (ps: NamePart[]) => ps.map((x) => x.lo[x.lo.length - 1] ?? '').join('');
      return `${alt(given)} ${alt(family)}`;
    }
    case 'LAO_TYPING': {
      // zero-width spaces and a space between given and family name, as pasted from chat apps
      return `${laoOf(rng, given, false)}${ZWSP} ${laoOf(rng, family, false)
        .split('')
        .join(rng.chance(0.5) ? ZWSP : '')}`;
    }
    case 'ROMANISATION': {
      // another romanisation of each part, and sometimes family name first
      const g = latinOf(rng, given, false);
      const f = latinOf(rng, family, false);
      return rng.chance(0.3) ? `${f.toUpperCase()} ${g}` : `${g} ${f}`;
    }
    case 'LATIN_TYPO': {
      const base = `${latinOf(rng, given, true)} ${latinOf(rng, family, true)}`;
      const chars = [...base];
      const letters = chars.map((c, i) => (/[a-z]/i.test(c) ? i : -1)).filter((i) => i > 0);
      const at = rng.pick(letters);
      const op = rng.int(3);
      if (op === 0)
        chars.splice(at, 1); // a dropped letter
      else if (op === 1)
        chars.splice(at, 0, chars[at] ?? ''); // a doubled letter
      else chars[at] = rng.pick(['a', 'e', 'o', 'i', 'n']); // a wrong letter
      return chars.join('');
    }
    case 'NICKNAME_AND_FAMILY': {
      return `${name.nicknames[0] ?? latinOf(rng, given, true)} ${latinOf(rng, family, false)}`;
    }
    case 'SILENT_VOWEL': {
      // one part of the usual romanisation: a vowel dropped, or an h / a vowel inserted after a vowel
      const parts = [latinOf(rng, given, true), latinOf(rng, family, true)];
      const k = rng.int(2);
      const w = parts[k] ?? '';
      const vowels = [...w]
        .map((c, i) => (i > 0 && i < w.length - 1 && /[aeiou]/.test(c) ? i : -1))
        .filter((i) => i > 0);
      const at = vowels.length > 0 ? rng.pick(vowels) : Math.max(1, w.length - 1);
      parts[k] = rng.chance(0.5)
        ? w.slice(0, at) + w.slice(at + 1)
        : w.slice(0, at + 1) + rng.pick(['h', 'a', 'o']) + w.slice(at + 1);
      return parts.join(' ');
    }
    case 'FINAL_SYLLABLE': {
      const f = latinOf(rng, family, true);
      const cut = /(sa|xay|xai|say|sai)$/i.exec(f);
      const fam = cut && f.length - cut[0].length >= 3 ? f.slice(0, -cut[0].length) : f + rng.pick(['sa', 'xay']);
      return `${latinOf(rng, given, rng.chance(0.5))} ${cap(fam)}`;
    }
    case 'LAO_ONLY_LATIN': {
      // the way a second clerk would romanise the Lao name (any common spelling of each part)
      const g = latinOf(rng, given, rng.chance(0.5));
      const f = latinOf(rng, family, rng.chance(0.5));
      return rng.chance(0.3) ? `${f.toUpperCase()} ${g}` : `${g} ${f}`;
    }
  }
}
