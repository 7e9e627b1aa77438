import {
  aliasKey,
  buildNameKeys,
  isLaoScript,
  laoKey,
  latinKeys,
  latinTypedWords,
  latinWordForms,
  latinWordKey,
  NAME_SIMILARITY_THRESHOLD,
  nameSimilarityReasons,
  trigramSimilarity,
} from './names';
import provincesJson from '../reference/lao-provinces.json';

const provinces = provincesJson.provinces;

/** Code points, for readable failure messages on invisible differences. */
const cps = (s: string) => [...s].map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')).join(' ');

describe('laoKey: variant spellings that must produce the same key', () => {
  // Each pair: [why, spelling A, spelling B]. Escapes are used where the difference is invisible.
  const pairs: [string, string, string][] = [
    // ຫຼ (ຫ + U+0EBC) ↔ ຫລ (ຫ + U+0EA5)
    ['ຫຼ/ຫລ: Vientiane Capital (JSON variant)', 'ນະຄອນຫຼວງວຽງຈັນ', 'ນະຄອນຫລວງວຽງຈັນ'],
    ['ຫຼ/ຫລ: Luang Namtha', 'ຫຼວງນ້ຳທາ', 'ຫລວງນ້ຳທາ'],
    ['ຫຼ/ຫລ: Luang Prabang', 'ຫຼວງພະບາງ', 'ຫລວງພະບາງ'],
    ['ຫຼ/ຫລ with vowel and tone: ຫຼິ້ນ (seu lin)', 'ຫ\u0EBC\u0EB4\u0EC9ນ', 'ຫ\u0EA5\u0EB4\u0EC9ນ'],
    ['ຫຼ/ຫລ with the marks typed in another order', 'ຫ\u0EB4\u0EBC\u0EC9ນ', 'ຫ\u0EA5\u0EB4\u0EC9ນ'],
    ['ຫລ with tone typed before vowel', 'ຫ\u0EA5\u0EC9\u0EB4ນ', 'ຫ\u0EBC\u0EB4\u0EC9ນ'],
    // ໜ ↔ ຫນ, ໝ ↔ ຫມ
    ['ໜ/ຫນ: nickname Nou', '\u0EDCູ', 'ຫນູ'],
    ['ໜ/ຫນ inside a name: ຄຳໜູ', 'ຄຳ\u0EDCູ', 'ຄຳຫນູ'],
    ['ໝ/ຫມ: Sommay', 'ສົມ\u0EDDາຍ', 'ສົມຫມາຍ'],
    ['ໝ/ຫມ: ໝັ້ນ', '\u0EDD\u0EB1\u0EC9ນ', 'ຫມ\u0EB1\u0EC9ນ'],
    // ຳ ↔ ໍ + າ, and its tone-mark order
    ['ຳ/ໍາ: Khammouane', 'ຄ\u0EB3ມ່ວນ', 'ຄ\u0ECD\u0EB2ມ່ວນ'],
    ['ຳ/ໍາ: Champasak', 'ຈ\u0EB3ປາສັກ', 'ຈ\u0ECD\u0EB2ປາສັກ'],
    ['ຳ/ໍາ: Bolikhamxay', 'ບໍລິຄ\u0EB3ໄຊ', 'ບໍລິຄ\u0ECD\u0EB2ໄຊ'],
    ['ຳ/ໍາ with tone before: Luang Namtha', 'ຫຼວງນ\u0EC9\u0EB3ທາ', 'ຫຼວງນ\u0EC9\u0ECD\u0EB2ທາ'],
    ['ໍ + tone + າ vs tone + ຳ', 'ຫຼວງນ\u0ECD\u0EC9\u0EB2ທາ', 'ຫຼວງນ\u0EC9\u0EB3ທາ'],
    // tone mark / above vowel order (not unified by NFC)
    ['tone/vowel order: Phongsaly ຜົ້', 'ຜ\u0EBB\u0EC9ງສາລີ', 'ຜ\u0EC9\u0EBBງສາລີ'],
    ['tone/vowel order: ສີ່ (four)', 'ສ\u0EB5\u0EC8', 'ສ\u0EC8\u0EB5'],
    ['tone/vowel order: Bokeo ບໍ່', 'ບ\u0ECD\u0EC8ແກ້ວ', 'ບ\u0EC8\u0ECDແກ້ວ'],
    ['tone/below vowel order: Ounheuan ອຸ່ນ', 'ອ\u0EB8\u0EC8ນເຮືອນ', 'ອ\u0EC8\u0EB8ນເຮືອນ'],
    ['tone/vowel order: Souliyavong ລິ', 'ສຸລ\u0EB4ຍະວົງ', 'ສ\u0EB8ລ\u0EB4ຍະວ\u0EBBງ'],
    // cancellation mark ໌ with its silent letter (archaic spelling)
    ['໌: ວົງສ໌ / ວົງ (research example)', 'ວົງສ\u0ECC', 'ວົງ'],
    ['໌: Souliyavong', 'ສຸລິຍະວົງສ\u0ECC', 'ສຸລິຍະວົງ'],
    ['໌: Phommavong', 'ພົມມະວົງສ\u0ECC', 'ພົມມະວົງ'],
    ['໌ on a letter with a vowel sign', 'ຈັນທ\u0EB4\u0ECC', 'ຈັນ'],
    // etymological ຣ / modern ລ
    ['ຣ/ລ: Bolikhamxay', 'ບໍຣິຄຳໄຊ', 'ບໍລິຄຳໄຊ'],
    ['ຣ/ລ: Saravane / Salavan', 'ສາຣະວັນ', 'ສາລະວັນ'],
    // Lao digits
    ['Lao digits: year', '໒໐໒໖', '2026'],
    ['Lao digits: all ten', '໐໑໒໓໔໕໖໗໘໙', '0123456789'],
    ['Lao digits in a name part', 'ບ້ານ ໑໒', 'ບ້ານ12'],
    // spaces, punctuation, zero-width characters (Lao has no word spaces: they carry nothing)
    ['space between given and family name', 'ສົມໃຈ ພົມມະຈັນ', 'ສົມໃຈພົມມະຈັນ'],
    ['zero-width space (word-break hint)', 'ສົມໃຈ\u200Bພົມມະຈັນ', 'ສົມໃຈພົມມະຈັນ'],
    ['zero-width joiner / non-joiner / BOM / soft hyphen', '\uFEFFສົມ\u200Cໃຈ\u200Dພົມ\u00ADມະຈັນ', 'ສົມໃຈພົມມະຈັນ'],
    ['punctuation and no-break space', 'ສົມໃຈ-ພົມມະຈັນ.\u00A0(ນາງ)', 'ສົມໃຈພົມມະຈັນນາງ'],
    ['Lao ellipsis ຯ', 'ນະຄອນຫຼວງຯ', 'ນະຄອນຫຼວງ'],
    ['leading/trailing whitespace and tabs', '  \tແກ້ວ\n', 'ແກ້ວ'],
    // typing slips
    ['ເ+ເ typed for ແ: Keo', '\u0EC0\u0EC0ກ້ວ', '\u0EC1ກ້ວ'],
    ['doubled vowel sign (S19 district typo)', 'ພ\u0EBB\u0EBBມມະຈັນ', 'ພົມມະຈັນ'],
    ['doubled spacing vowel', 'ສ\u0EB2\u0EB2ລະວັນ', 'ສາລະວັນ'],
    ['doubled tone mark', 'ແກ\u0EC9\u0EC9ວ', 'ແກ້ວ'],
    // several at once
    ['all together', ' ນະຄອນ\u200Bຫ\u0EBCວງ ວຽງຈັນ ໑ ', 'ນະຄອນຫລວງວຽງຈັນ1'],
    ['NFD input equals NFC input', 'ຫຼວງນ້ຳທາ'.normalize('NFD'), 'ຫຼວງນ້ຳທາ'.normalize('NFC')],
  ];

  it.each(pairs)('%s', (_why, a, b) => {
    const ka = laoKey(a);
    expect(ka.length).toBeGreaterThan(0);
    expect(cps(ka)).toBe(cps(laoKey(b)));
  });

  it('every Lao province name equals its listed variants (lao-provinces.json)', () => {
    let checked = 0;
    for (const p of provinces) {
      for (const v of p.name_lo_variants) {
        expect([p.code, laoKey(v)]).toEqual([p.code, laoKey(p.name_lo)]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('is idempotent on every input above', () => {
    for (const [, a, b] of pairs) {
      expect(laoKey(laoKey(a))).toBe(laoKey(a));
      expect(laoKey(laoKey(b))).toBe(laoKey(b));
    }
  });

  it('does not split on spaces (the key of a whole name is the concatenation of its parts)', () => {
    expect(laoKey('ສົມໃຈ ພົມມະຈັນ')).toBe(laoKey('ສົມໃຈ') + laoKey('ພົມມະຈັນ'));
  });
});

describe('laoKey: different names must stay different', () => {
  it.each([
    ['tone mark matters by default: ແກ້ວ / ແກວ', 'ແກ້ວ', 'ແກວ'],
    ['ສີ / ສີ່', 'ສີ', 'ສີ່'],
    ['Bounmy / Bounma', 'ບຸນມີ', 'ບຸນມາ'],
    ['Somchai / Somsak', 'ສົມໃຈ', 'ສົມສັກ'],
    ['ຫລວງ / ຫວງ', 'ຫລວງ', 'ຫວງ'],
    ['ນ້ຳ / ນາ', 'ນ້ຳ', 'ນາ'],
    ['ໜູ / ນູ (ຫ is kept)', 'ໜູ', 'ນູ'],
    ['ໝ / ມ', 'ສົມໝາຍ', 'ສົມມາຍ'],
    ['different vowel order of letters: ເກ / ກເ', 'ເກ', 'ກເ'],
    ['family names: Phommachanh / Phommavong', 'ພົມມະຈັນ', 'ພົມມະວົງ'],
    ['ວົງສາ (no cancellation) keeps its ສ', 'ວົງສາ', 'ວົງ'],
  ])('%s', (_why, a, b) => {
    expect(laoKey(a)).not.toBe(laoKey(b));
  });

  it('the 18 province names give 18 different keys', () => {
    const keys = new Set(provinces.map((p) => laoKey(p.name_lo)));
    expect(keys.size).toBe(18);
  });

  it('dropToneMarks: optional looser key without tone marks', () => {
    expect(laoKey('ແກ້ວ', { dropToneMarks: true })).toBe(laoKey('ແກວ', { dropToneMarks: true }));
    expect(laoKey('ຜົ້ງສາລີ', { dropToneMarks: true })).toBe(laoKey('ຜົງສາລີ'));
    expect(laoKey('ບຸນມີ', { dropToneMarks: true })).not.toBe(laoKey('ບຸນມາ', { dropToneMarks: true }));
  });

  it('handles empty input', () => {
    expect(laoKey('')).toBe('');
    expect(laoKey('   \u200B ')).toBe('');
    expect(laoKey(null)).toBe('');
    expect(laoKey(undefined)).toBe('');
  });

  it('keeps ASCII letters and digits (lower-cased) and drops other scripts’ punctuation', () => {
    expect(laoKey('ສົມໃຈ B. 12')).toBe(laoKey('ສົມໃຈ') + 'b12');
  });
});

describe('isLaoScript', () => {
  it.each([
    ['ສົມໃຈ ພົມມະຈັນ', true],
    ['ນະຄອນຫຼວງວຽງຈັນ', true],
    ['ສົມໃຈ 2', true],
    ['໒໐໒໖', false], // digits only: no Lao letter
    ['Somchai', false],
    ['Somchai ສົມໃຈ', false], // mixed scripts
    ['สมชาย', false], // Thai, not Lao
    ['', false],
    ['   ', false],
  ] as const)('%j → %s', (s, expected) => {
    expect(isLaoScript(s)).toBe(expected);
  });

  it('is false for null/undefined', () => {
    expect(isLaoScript(null)).toBe(false);
    expect(isLaoScript(undefined)).toBe(false);
  });
});

describe('latinKeys: romanisation variants that must produce the same key', () => {
  // [fold, spelling A, spelling B] compared on `sorted` (the whole-name key)
  const pairs: [string, string, string][] = [
    ['brief example', 'Souksavanh Phommachanh', 'Suksawan Pommachan'],
    ['given/family order', 'Phommachanh Souksavanh', 'Souksavanh Phommachanh'],
    ['X/S', 'Xaysomboun', 'Saysomboun'],
    ['X/S: Sinxay', 'Sinxay', 'Sinsai'],
    ['V/W', 'Vongsa', 'Wongsa'],
    ['V/W: Vilay / Wilai', 'Vilay', 'Wilai'],
    ['Ph/P', 'Sengphet', 'Sengpet'],
    ['Ph/P: Phetsamone / Petsamon', 'Phetsamone', 'Petsamon'],
    ['Th/T', 'Thongsavanh', 'Tongsavan'],
    ['Th/T: Inthavong', 'Inthavong', 'Intavong'],
    ['Kh/K', 'Khamphone', 'Kamphon'],
    ['Ch/J', 'Chanthavong', 'Jantavong'],
    ['Ch/J/Tiane (research: ຈັນ)', 'Chanh', 'Jan'],
    ['Tiane/Chanh', 'Tiane', 'Chanh'],
    ['Tch/Ch', 'Tchanh', 'Chanh'],
    ['Ou/U', 'Souliyavong', 'Suliyawong'],
    ['Ou/U/Oo, Y/Ee/I', 'Boonmee', 'Bounmy'],
    ['Ou/U, final Y/I', 'Bounmy', 'Bunmi'],
    ['final nh/n', 'Manivanh', 'Manivan'],
    ['final ne/n', 'Khamphone', 'Khamphon'],
    ['Ou before a vowel = W', 'Douangchanh', 'Duangjan'],
    ['Oua/Ua', 'Bouasone', 'Buason'],
    ['Y/Gn/Ny', 'Gnot', 'Nyot'],
    ['Ny/Y', 'Nyot', 'Yot'],
    ['ai/ay, final Y/I', 'Noy', 'Noi'],
    ['iy/y before a vowel', 'Xaiyasone', 'Saiyason'],
    ['Ae/E, final W/O', 'Kaew', 'Keo'],
    ['diacritic è', 'Kèo', 'Keo'],
    ['Ae/E + W/O inside a name', 'Kaewmany', 'Keomany'],
    ['Eu/Ue/U', 'Meuang', 'Mueang'],
    ['Ou/U before a vowel', 'Muang', 'Mueang'],
    ['C/K', 'Somsack', 'Somsak'],
    ['doubled letters', 'Phommachanh', 'Phomachanh'],
    ['Y/I: Sysouk', 'Sysouk', 'Sisouk'],
    ['Vietnamese-style diacritics (ư, đ, ô)', 'Đương Bôun', 'Duong Boun'],
    ['upper case and punctuation', 'SOUKSAVANH, Phommachanh-', 'souksavanh phommachanh'],
  ];

  it.each(pairs)('%s: %s = %s', (_fold, a, b) => {
    const ka = latinKeys(a);
    expect(ka.sorted.length).toBeGreaterThan(0);
    expect(ka.sorted).toBe(latinKeys(b).sorted);
  });

  // Province spellings of lao-provinces.json (name_en, iso_romanisation, other_spellings) that fold together.
  const provinceGroups: [string, string[]][] = [
    ['02', ['Phongsaly', 'Phôngsali', 'Phongsali']],
    ['03', ['Luang Namtha', 'Louang Namtha', 'Louangnamtha', 'Luangnamtha']],
    ['04', ['Oudomxay', 'Oudômxai', 'Oudomxai', 'Udomxay', 'Oudomsay']],
    ['05', ['Bokeo', 'Bokèo']],
    ['06', ['Luang Prabang', 'Louangphabang', 'Louang Phabang', 'Luang Phrabang']],
    ['07', ['Houaphanh', 'Houaphan', 'Hua Phan', 'Huaphanh']],
    ['08', ['Xayabouly', 'Xaignabouli', 'Sainyabuli', 'Xayaboury', 'Sayaboury', 'Xayabury']],
    ['09', ['Xiengkhouang', 'Xiangkhouang', 'Xieng Khouang', 'Xiengkhuang']],
    ['11', ['Bolikhamxay', 'Bolikhamxai', 'Borikhamxay', 'Bolikhamsai', 'Borikhamxai']],
    ['12', ['Khammouane', 'Khammouan', 'Khammuan']],
    ['13', ['Savannakhet', 'Savannakhét']],
    ['14', ['Salavan', 'Saravane', 'Saravan', 'Salavanh']],
    ['15', ['Sekong', 'Xékong', 'Xekong']],
    ['16', ['Champasak', 'Champassak', 'Champasack']],
    ['17', ['Attapeu', 'Attapu']],
    ['18', ['Xaisomboun', 'Xaisômboun', 'Xaysomboun', 'Saysomboun']],
  ];

  it.each(provinceGroups)('province %s: all spellings give one compact key', (code, spellings) => {
    const p = provinces.find((x) => x.code === code);
    expect(p).toBeDefined();
    // the group only uses spellings that are really in the JSON
    const inJson = [p?.name_en, p?.iso_romanisation, ...(p?.other_spellings ?? [])];
    for (const s of spellings) expect(inJson).toContain(s);
    const keys = new Set(spellings.map((s) => latinKeys(s).compact));
    expect([...keys]).toHaveLength(1);
  });

  it('split and joined spellings share the compact key but not necessarily the sorted key', () => {
    expect(latinKeys('Louang Phabang').compact).toBe(latinKeys('Louangphabang').compact);
    expect(latinKeys('Xieng Khouang').words).toEqual(['siang', 'kvang']);
  });

  it('Attopeu and Vientiane/Viangchan do not fold exactly but stay trigram-similar', () => {
    expect(latinKeys('Attopeu').compact).not.toBe(latinKeys('Attapeu').compact);
    expect(trigramSimilarity(latinKeys('Attopeu').sorted, latinKeys('Attapeu').sorted)).toBeGreaterThanOrEqual(0.3);
    expect(trigramSimilarity(latinKeys('Vientiane').sorted, latinKeys('Viangchan').sorted)).toBeGreaterThanOrEqual(
      NAME_SIMILARITY_THRESHOLD,
    );
  });
});

describe('latinKeys: different names must stay different', () => {
  it.each([
    ['Somchai', 'Somsak'],
    ['Bounmy', 'Bounma'],
    ['Vong', 'Vang'],
    ['Khamla', 'Khampha'],
    ['Noy', 'Nou'],
    ['Keo', 'Kham'],
    ['Latsamy', 'Latsamay'],
    ['Souksavanh Phommachanh', 'Souksavanh Phommavong'],
    ['Bounmy Keo', 'Bounmy Kham'],
    ['Phonsavanh', 'Fonsavan'], // F is not folded with Ph
    ['Vang', 'Van'], // final ng kept apart from n
    ['Salavan', 'Savannakhet'],
    ['Sengphet', 'Sengphai'],
    ['Vilay', 'Vila'],
  ])('%s ≠ %s', (a, b) => {
    expect(latinKeys(a).sorted).not.toBe(latinKeys(b).sorted);
  });

  it('the English names of the 18 provinces give 18 different keys', () => {
    expect(new Set(provinces.map((p) => latinKeys(p.name_en).sorted)).size).toBe(18);
  });
});

describe('latinKeys: shape', () => {
  const samples = [
    'Souksavanh Phommachanh',
    'Đương Bôun',
    'Nakhon Luang Vientiane',
    "O'Neill-Phommachanh 2nd",
    ...provinces.flatMap((p) => [p.name_en, p.iso_romanisation, ...p.other_spellings]),
  ];

  it('keys are lower-case ASCII suitable for pg_trgm', () => {
    for (const s of samples) {
      const k = latinKeys(s);
      expect(k.sorted).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/);
      expect(k.compact).toMatch(/^[a-z0-9]+$/);
      for (const w of k.words) expect(w).toMatch(/^[a-z0-9]+$/);
    }
  });

  it('word keys are stable when folded again', () => {
    for (const s of samples) for (const w of latinKeys(s).words) expect(latinWordKey(w)).toBe(w);
  });

  it('sorted is the distinct word keys, sorted', () => {
    expect(latinKeys('Keo Kaew Bounmy')).toEqual({
      words: ['keo', 'keo', 'bunmi'],
      sorted: 'bunmi keo',
      compact: 'keokeobunmi',
    });
  });

  it('empty and non-Latin input give empty keys', () => {
    expect(latinKeys('')).toEqual({ words: [], sorted: '', compact: '' });
    expect(latinKeys(null)).toEqual({ words: [], sorted: '', compact: '' });
    expect(latinKeys(' - , ')).toEqual({ words: [], sorted: '', compact: '' });
    expect(latinKeys('ສົມໃຈ')).toEqual({ words: [], sorted: '', compact: '' });
  });
});

describe('trigramSimilarity', () => {
  it('is 1 for equal keys, 0 for disjoint or empty ones, symmetric', () => {
    expect(trigramSimilarity('pomajan', 'pomajan')).toBe(1);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
    expect(trigramSimilarity('', 'abc')).toBe(0);
    expect(trigramSimilarity('suksavan pomajan', 'pomajan')).toBe(trigramSimilarity('pomajan', 'suksavan pomajan'));
  });

  it('matches pg_trgm for a known case (similarity("word","two words") = 4/11)', () => {
    // pg_trgm: word → {"  w"," wo","wor","ord","rd "}; "two words" → {"  t"," tw","two","wo ","  w"," wo","wor",
    // "ord","rds","ds "} (10); 4 shared → 4 / (5 + 10 - 4)
    expect(trigramSimilarity('word', 'two words')).toBeCloseTo(4 / 11, 5);
  });
});

describe('nameSimilarityReasons', () => {
  const person = buildNameKeys({
    givenLo: 'ສຸກສະຫວັນ',
    familyLo: 'ພົມມະຈັນ',
    latin: ['Souksavanh Phommachanh'],
    nicknames: ['ໜູ', 'Nou'],
    birthYear: 1998,
  });

  it('exact Lao and Latin keys despite spelling variants', () => {
    const q = buildNameKeys({ givenLo: 'ສຸກສະຫວັນ', familyLo: 'ພົມມະ ຈັນ', latin: ['Pommachan Suksawan'] });
    expect(nameSimilarityReasons(q, person)).toEqual(['LAO_KEY_EXACT', 'LATIN_KEY_EXACT']);
  });

  it('similar keys, nickname and birth year', () => {
    const q = buildNameKeys({
      givenLo: 'ສຸກສະຫວັນ',
      familyLo: 'ພົມມະວົງ',
      latin: ['Souksavanh Phommavong'],
      nicknames: ['ຫນູ'],
      birthYear: 1999,
    });
    expect(nameSimilarityReasons(q, person)).toEqual([
      'LAO_KEY_SIMILAR',
      'LATIN_KEY_SIMILAR',
      'NICKNAME',
      'BIRTH_YEAR',
    ]);
  });

  it('a nickname that is the other person’s given name counts', () => {
    const q = buildNameKeys({ latin: ['Nou Keo'] });
    expect(nameSimilarityReasons(q, person)).toEqual(['NICKNAME']);
    expect(nameSimilarityReasons(buildNameKeys({ nicknames: ['Suksawan'] }), person)).toEqual(['NICKNAME']);
  });

  it('nothing for a different person; birth year beyond tolerance does not count', () => {
    const q = buildNameKeys({ givenLo: 'ບຸນມີ', familyLo: 'ແກ້ວ', latin: ['Bounmy Keo'], birthYear: 1990 });
    expect(nameSimilarityReasons(q, person)).toEqual([]);
    expect(nameSimilarityReasons(q, person, { birthYearTolerance: 10 })).toEqual(['BIRTH_YEAR']);
  });

  it('empty keys never match each other', () => {
    expect(nameSimilarityReasons(buildNameKeys({}), buildNameKeys({}))).toEqual([]);
  });

  it('aliasKey uses the Lao key for Lao script and the compact Latin key otherwise', () => {
    expect(aliasKey('ໜູ')).toBe(laoKey('ຫນູ'));
    expect(aliasKey('Nou')).toBe('nu');
  });
});

describe('latinWordForms: the other keys a typed word may stand for', () => {
  it('collapses doubled letters before the folds and drops a silent h', () => {
    expect(latinWordForms('Lathhtham')).toEqual(['lathtam', 'latam']);
    expect(latinWordForms('Namhmy')).toEqual(['namhmi', 'nami']);
    expect(latinWordForms('Lahda')).toEqual(['lahda', 'lada']);
  });

  it('keeps an h that makes a digraph (ph, th, kh, ch, nh) or starts the word', () => {
    expect(latinWordForms('Phommachanh')).toEqual(['pomajan']);
    expect(latinWordForms('Hongthong')).toEqual(['hongtong']);
  });

  it('starts with the key the word is stored under', () => {
    for (const w of ['Souksavanh', 'Keovong', 'Sohmson']) expect(latinWordForms(w)[0]).toBe(latinWordKey(w));
  });
});

describe('latinTypedWords', () => {
  it('splits on anything that is not a letter or digit, diacritics stripped', () => {
    expect(latinTypedWords('  KEOLATH,  Lahda-Hông ')).toEqual(['KEOLATH', 'Lahda', 'Hong']);
    expect(latinTypedWords(null)).toEqual([]);
  });
});
