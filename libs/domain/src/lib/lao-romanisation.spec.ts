import { laoRomanisations, laoSyllables } from './lao-romanisation';
import { latinSyllableForms, latinWordKey } from './names';

/** Lao name parts and the romanisations found for them in passports and lists (the synthetic generator's name parts). */
const PARTS: readonly [string[], string[]][] = [
  [['ສຸກ'], ['souk', 'suk', 'sook']],
  [
    ['ຄຳ', 'ຄໍາ'],
    ['kham', 'kam'],
  ],
  [['ພອນ'], ['phone', 'phon', 'pon']],
  [['ບຸນ'], ['boun', 'bun', 'boon']],
  [['ສີ'], ['si', 'see', 'sy']],
  [['ທອງ'], ['thong', 'tong']],
  [
    ['ແສງ', 'ເເສງ'],
    ['saeng', 'seng', 'sang'],
  ],
  [['ມະນີ'], ['many', 'mani', 'manee']],
  [['ບົວ'], ['boua', 'bua']],
  [['ຈັນ'], ['chanh', 'chan', 'jan']],
  [
    ['ໜູ', 'ຫນູ'],
    ['nou', 'noo', 'nu'],
  ],
  [
    ['ແກ້ວ', 'ເເກ້ວ'],
    ['keo', 'kaew', 'kaeo'],
  ],
  [['ຫຼ້າ', 'ຫລ້າ'], ['la']],
  [['ນ້ຳ', 'ນ້ໍາ', 'ນໍ້າ'], ['nam']],
  [['ໄຊ'], ['xay', 'sai', 'xai']],
  [['ເພັດ'], ['phet', 'pet']],
  [['ໝັ້ນ', 'ຫມັ້ນ'], ['man']],
  [['ອຸ່ນ'], ['oun', 'un']],
  [['ຕຸ່ຍ'], ['touy', 'tuy']],
  [['ປານ'], ['pan']],
  [['ຫົງ'], ['hong']],
  [['ສະຫວັນ'], ['savanh', 'sawan', 'savan']],
  [['ວອນ'], ['vone', 'won', 'von']],
  [['ເດືອນ'], ['deuane', 'duan']],
  [
    ['ສະໄໝ', 'ສະໄຫມ'],
    ['samai', 'samay'],
  ],
  [['ໄຊຍະ'], ['xaya', 'saiya', 'xaiya']],
  [['ອິນທະ'], ['intha', 'inta']],
  [['ສຸດທິ'], ['soutthi', 'sutti']],
  [
    ['ທຳມະ', 'ທໍາມະ'],
    ['thamma', 'tamma'],
  ],
  [
    ['ຫຼວງ', 'ຫລວງ'],
    ['luang', 'louang'],
  ],
  [['ວິໄລ'], ['vilay', 'wilai']],
  [['ດວງ'], ['douang', 'duang']],
  [['ອຸດົມ'], ['oudom', 'udom']],
  [
    ['ໜໍ່', 'ຫນໍ່'],
    ['nor', 'no'],
  ],
  [['ມະຈັນ'], ['machanh', 'machan', 'majan']],
  [
    ['ວົງສ໌', 'ວົງ'],
    ['vong', 'wong'],
  ],
  [['ວົງສາ'], ['vongsa', 'wongsa']],
  [['ສະຫວັດ'], ['savath', 'sawat', 'savat']],
  [['ສັກ'], ['sack', 'sak']],
  [
    ['ລາດ', 'ຣາດ'],
    ['lath', 'lat', 'rath'],
  ],
  [['ທິລາດ'], ['thilath', 'tilat']],
  [['ສົມບັດ'], ['sombath', 'sombat']],
  [['ລາວົງ'], ['lavong', 'lawong']],
  [['ໄພ'], ['phai', 'pai']],
];

describe('laoRomanisations: the transliteration table on the project’s name variants', () => {
  it.each(PARTS)('%j is romanised as every listed spelling (after the Latin folds)', (los, las) => {
    for (const lo of los) {
      const keys = laoRomanisations(lo).map(latinWordKey);
      for (const la of las) expect(keys).toContain(latinWordKey(la));
    }
  });

  it('puts the usual spelling first and keeps at most four', () => {
    expect(laoRomanisations('ພົມມະຈັນ')[0]).toBe('phommachan');
    expect(laoRomanisations('ສຸກສະຫວັນ')[0]).toBe('souksavan');
    expect(laoRomanisations('ແກ້ວວົງສາ').length).toBeLessThanOrEqual(4);
  });

  it('whole names: given and family names as written in Latin letters', () => {
    const key = (lo: string): string[] => laoRomanisations(lo).map(latinWordKey);
    expect(key('ສຸກສະຫວັນ')).toContain(latinWordKey('Souksavanh'));
    expect(key('ພົມມະຈັນ')).toContain(latinWordKey('Phommachanh'));
    expect(key('ໄຊຍະວົງ')).toContain(latinWordKey('Xayavong'));
    expect(key('ອິນທະວົງສາ')).toContain(latinWordKey('Inthavongsa'));
    expect(key('ຈັນທະລາດ')).toContain(latinWordKey('Chanthalath'));
  });

  it('cuts syllables at vowel signs, ອ/ວ used as vowels and finals', () => {
    const initials = (lo: string): string =>
      laoSyllables(lo)
        .map((s) => s.initial + s.final)
        .join('|');
    expect(initials('ສົມບັດ')).toBe('ສມ|ບດ');
    expect(initials('ສຸວັນ')).toBe('ສ|ວນ');
    expect(initials('ສີດວງ')).toBe('ສ|ດງ');
    expect(initials('ສົມພອນ')).toBe('ສມ|ພນ');
  });

  it('gives nothing for blank or non-Lao input', () => {
    expect(laoRomanisations('')).toEqual([]);
    expect(laoRomanisations(null)).toEqual([]);
    expect(laoRomanisations('Somchai')).toEqual([]);
  });
});

describe('latinSyllableForms: a final -sa / -xay syllable added or dropped', () => {
  it('adds the syllable to a family name without it and drops it from one with it', () => {
    expect(latinSyllableForms('Inthavong')).toEqual(
      expect.arrayContaining([latinWordKey('Inthavongsa'), latinWordKey('Inthavongxay')]),
    );
    expect(latinSyllableForms('Inthavongsa')).toContain(latinWordKey('Inthavong'));
    expect(latinSyllableForms('Phommaxay')).toContain(latinWordKey('Phomma'));
  });

  it('never repeats the word’s own forms', () => {
    expect(latinSyllableForms('Keovong')).not.toContain(latinWordKey('Keovong'));
  });
});
