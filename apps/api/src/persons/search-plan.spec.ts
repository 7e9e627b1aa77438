import { randomBytes } from 'node:crypto';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { GramStatsCache, gramFrequencies } from './gram-stats';
import {
  gramHash,
  identityKeys,
  keysOfName,
  keyTrigrams,
  latinWordKeys,
  romanisedNames,
  searchColumns,
} from './name-index';
import {
  GRAM_SPACING,
  gramFilters,
  LATIN_KEY_ALPHABET,
  laoSplits,
  oneEditVariants,
  partKeyPairs,
  querySegments,
  segmentFilter,
  wordPlusFuzzy,
  wordPlusOneEdit,
  type GramFrequencies,
} from './search-plan';
import { nicknamePlusName, wordKeysOf } from './word-match';

const cipher = new FieldCipher({ currentVersion: 1, keys: { 1: randomBytes(32) } }, randomBytes(32));
const hash = (t: string): number => gramHash(cipher, t);

/** Frequencies from a small population of names, the way pg_stats would report them. */
function population(names: string[]): GramFrequencies {
  const counts = new Map<number, number>();
  for (const n of names) {
    const grams = new Set<number>();
    for (const k of keysOfName(n)) for (const t of keyTrigrams(k)) grams.add(hash(t));
    for (const g of grams) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return { share: (g) => (counts.get(g) ?? 0) / names.length, rows: names.length };
}

/** Grams of a stored name as the person's name_grams would hold them. */
function stored(name: string): Set<number> {
  return new Set(
    searchColumns(cipher, {
      givenNameLo: '',
      familyNameLo: '',
      latinNames: [name],
      dobPrecision: 'UNKNOWN',
    } as never).nameGrams,
  );
}

const contains = (grams: Set<number>, conj: number[]): boolean => conj.every((g) => grams.has(g));

describe('latin word keys', () => {
  it('keys each word of a Latin name on its own, folded, and adds them to the identity keys', () => {
    expect(latinWordKeys('Souksavanh KEOVONG').map((k) => k.key)).toEqual(['suksavan', 'keovong']);
    expect(latinWordKeys('ສຸກສະຫວັນ')).toEqual([]);
    const keys = identityKeys({
      givenNameLo: 'ສຸກ',
      familyNameLo: 'ແກ້ວ',
      latinNames: ['Souk Keo'],
      dobPrecision: 'UNKNOWN',
    } as never);
    expect(keys).toEqual(
      expect.arrayContaining([
        { script: 'latin', key: 'suk' },
        { script: 'latin', key: 'keo' },
      ]),
    );
  });

  it('adds blind indexes but no trigram hashes', () => {
    const identity = {
      givenNameLo: 'ສຸກ',
      familyNameLo: 'ແກ້ວ',
      latinNames: ['Souksavanh Keovong'],
      dobPrecision: 'UNKNOWN',
    } as never;
    const withWords = searchColumns(cipher, identity);
    const grams = new Set<number>();
    // the word keys of the Latin names and of the romanisations of the Lao name are left out: their grams are those of the whole keys
    const words = new Set(
      ['Souksavanh Keovong', ...romanisedNames(identity)].flatMap((n) => latinWordKeys(n)).map((k) => k.key),
    );
    for (const k of [...identityKeys(identity)].filter(
      (k) => k.script === 'lao' || k.key.includes(' ') || !words.has(k.key),
    )) {
      for (const t of keyTrigrams(k)) grams.add(hash(t));
    }
    expect(withWords.nameGrams).toEqual([...grams].sort((a, b) => a - b));
  });
});

describe('part key pairs', () => {
  it('pairs the words of a Latin query in any order', () => {
    expect(partKeyPairs('Noy Keovong').map((p) => p.map((k) => k.key))).toEqual([['noi', 'keovong']]);
    expect(partKeyPairs('Noy')).toEqual([]);
  });

  it('cuts a Lao query only between clusters', () => {
    const cuts = laoSplits('ແກ້ວສີ');
    // never before the tone mark or vowel sign, never after the leading vowel ແ
    for (const [a, b] of cuts) {
      expect(b).not.toMatch(/^[\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE]/u);
      expect(a).not.toMatch(/[\u0EC0-\u0EC4]$/u);
    }
    expect(cuts).toContainEqual(['ແກ້ວ', 'ສີ']);
  });
});

describe('gram filters (fuzzy first stage)', () => {
  const names = [
    'Souksavanh Keovong',
    'Somphone Phommachanh',
    'Bounmy Sisavath',
    'Khamla Inthavong',
    'Vilay Souliya',
    'Thongdy Chanthavong',
    'Keo Keovong',
    'Souk Sisomphone',
    'Manee Phila',
    'Noy Sengsouk',
    'Phet Vongsa',
    'Dao Chantha',
    'Lat Keomany',
    'Sone Sysavath',
  ];
  const freq = population(names);
  const passes = (grams: Set<number>, filters: number[][][]): boolean =>
    filters.every((f) => f.some((c) => contains(grams, c)));

  it('takes grams at least three positions apart, so that one typo destroys at most one of them', () => {
    const seg = [...keyTrigrams({ script: 'latin', key: 'keovomg' })].map(hash);
    const f = segmentFilter(seg, freq);
    expect(f).toHaveLength(3);
    const positions = [...new Set((f ?? []).flat())].map((g) => seg.indexOf(g)).sort((a, b) => a - b);
    for (let i = 1; i < positions.length; i++)
      expect((positions[i] ?? 0) - (positions[i - 1] ?? 0)).toBeGreaterThanOrEqual(GRAM_SPACING);
    expect(segmentFilter(seg.slice(0, 3), freq)).toBeNull();
  });

  it.each([
    ['Souksavanh Keovomg', 'Souksavanh Keovong'], // a wrong letter
    ['Souksavan Keovong', 'Souksavanh Keovong'], // a dropped letter
    ['Soukksavanh Keovong', 'Souksavanh Keovong'], // a doubled letter
    ['KEOVONG Souksavanh', 'Souksavanh Keovong'], // family name first
    ['Somphone Phommachanx', 'Somphone Phommachanh'],
    ['Bounmi Sisavat', 'Bounmy Sisavath'],
  ])('%s still passes the filters of %s', (query, target) => {
    const filters = gramFilters(querySegments(keysOfName(query), hash), freq, 3, Infinity);
    expect(filters.length).toBeGreaterThan(0);
    expect(passes(stored(target), filters)).toBe(true);
  });

  it('leaves the fuzzy stage out when it would let too many rows through', () => {
    const common: GramFrequencies = { share: () => 0.5, rows: 1_000_000 };
    expect(gramFilters(querySegments(keysOfName('Souksavanh Keovong'), hash), common)).toEqual([]);
  });

  it('segments a long Lao key in two halves', () => {
    expect(querySegments(keysOfName('ສຸກສະຫວັນແກ້ວວົງສາ'), hash)).toHaveLength(2);
  });

  it('asks for a rare word alone and for a frequent one (a nickname) with the other words fuzzy', () => {
    const bidx = (k: { key: string }) => `b:${k.key}`;
    const f: GramFrequencies = { ...freq, rows: 10_000, keyShare: (k) => (k === 'b:noi' ? 0.2 : 0.001) };
    const plan = wordPlusFuzzy('Noy Keovomg', hash, f, bidx);
    expect(plan.find((p) => p.key === 'b:keovomg')?.filter).toBeNull();
    const nick = plan.find((p) => p.key === 'b:noi');
    expect(nick?.filter?.length).toBeGreaterThan(0);
    expect(nick?.filter?.some((c) => contains(stored('Keovong'), c))).toBe(true);
    expect(wordPlusFuzzy('Keovong', hash, f, bidx)).toEqual([]);
  });
});

describe('gram statistics', () => {
  it('reads pg_stats arrays; untracked grams count as half the rarest', () => {
    const f = gramFrequencies({
      elems: '{-5,7,9}',
      freqs: '{0.5,0.1,0.02,0.02,0.5,0}',
      rows: '1000',
      key_elems: '{ab,cd}',
      key_freqs: '{0.3,0.1,0.1,0.3,0}',
    });
    expect(f.share(-5)).toBe(0.5);
    expect(f.keyShare?.('ab')).toBe(0.3);
    expect(f.keyShare?.('zz')).toBe(0.05);
    expect(f.share(9)).toBe(0.02);
    expect(f.share(123)).toBe(0.01);
    expect(f.rows).toBe(1000);
    const empty = gramFrequencies(undefined);
    expect(empty.share(1)).toBe(0);
  });

  it('loads once and answers stale values while reloading', async () => {
    const cache = new GramStatsCache(1000);
    let loads = 0;
    const load = async () => {
      loads++;
      return { elems: '{1}', freqs: `{0.${loads},0.1,0.1,0}`, rows: 10 };
    };
    expect((await cache.get(load, Date.now())).share(1)).toBe(0.1);
    await cache.get(load, Date.now());
    expect(loads).toBe(1);
  });
});

describe('nickname + name', () => {
  const identity = {
    givenNameLo: 'ສຸກສະຫວັນ',
    familyNameLo: 'ແກ້ວວົງ',
    latinNames: ['Souksavanh Keovong'],
    nicknames: ['Noy', 'ໜ້ອຍ'],
    dobPrecision: 'UNKNOWN' as const,
  };
  const keys = wordKeysOf(identity);

  it('meets a nickname followed by the family name, in another romanisation or order', () => {
    expect(nicknamePlusName('Noy Keovong', keys, 0.4)).toBe(1);
    expect(nicknamePlusName('Noi Kaewvong', keys, 0.4)).toBeGreaterThan(0.4);
    expect(nicknamePlusName('KEOVONG Noy', keys, 0.4)).toBe(1);
  });

  it('meets a Lao nickname before the Lao family name', () => {
    expect(nicknamePlusName('ໜ້ອຍ ແກ້ວວົງ', keys, 0.4)).toBe(1);
    expect(nicknamePlusName('ຫນ້ອຍແກ້ວວົງ', keys, 0.4)).toBe(1);
  });

  it('says nothing without the nickname or with another family name', () => {
    expect(nicknamePlusName('Noy Phommachanh', keys, 0.4)).toBe(0);
    expect(nicknamePlusName('Lek Keovong', keys, 0.4)).toBe(0);
    expect(nicknamePlusName('Noy', keys, 0.4)).toBe(0);
    // a one-letter nickname key: "Ae" folds to "e"
    expect(nicknamePlusName('Ae Kaeovong', wordKeysOf({ ...identity, nicknames: ['Ae'] }), 0.4)).toBeGreaterThan(0.4);
  });
});

describe('one word exact, another one edit away', () => {
  it('holds every key one letter dropped, added or changed, and not the word itself', () => {
    const v = new Set(oneEditVariants('vilaipan'));
    expect(v.has('vilaipan')).toBe(false);
    expect(v.has('vilaipn')).toBe(true); // dropped
    expect(v.has('villaipan')).toBe(true); // added
    expect(v.has('vilaipen')).toBe(true); // changed
    expect(v.has('vilaipans')).toBe(true); // added at the end
    expect(v.has('vilapn')).toBe(false); // two edits
    // the folded alphabet: letters the folds remove never appear in a key
    expect(LATIN_KEY_ALPHABET).not.toContain('x');
    expect([...v].every((w) => [...w].every((c) => LATIN_KEY_ALPHABET.includes(c)))).toBe(true);
  });

  it('is symmetric: the stored word is a neighbour of the typed one for each kind of slip', () => {
    for (const [typed, stored] of [
      ['daomalah', 'daomala'],
      ['dosi', 'daosi'],
      ['kamlat', 'kamnat'],
      ['vilaipn', 'vilaipan'],
    ]) {
      expect({ typed, found: oneEditVariants(typed).includes(stored) }).toEqual({ typed, found: true });
    }
  });

  it('pairs each word, exact, with the neighbours of each other word of three letters or more', () => {
    const index = (k: { key: string }) => `b:${k.key}`;
    const arms = wordPlusOneEdit('Xay Vilayphnh', index);
    // "sai" exact with the neighbours of "vilaipn", and "vilaipn" exact with the neighbours of "sai"
    expect(arms.map((a) => a.key)).toEqual(['b:sai', 'b:vilaipn']);
    expect(arms[0]?.neighbours).toContain('b:vilaipan');
    expect(arms[1]?.neighbours).toContain('b:sao');
    // one word: nothing to pair; a word shorter than three letters is only ever asked exact
    expect(wordPlusOneEdit('Vilayphanh', index)).toEqual([]);
    const short = wordPlusOneEdit('Ae Keovong', index);
    expect(short.map((a) => a.key)).toEqual(['b:e', 'b:keovong']);
    expect(short[1]?.neighbours).toEqual(['b:e']);
    expect(wordPlusOneEdit('ສົມ ໃຈດີ', index)).toEqual([]);
  });

  it('asks for the other forms a typed word may stand for (latinWordForms)', () => {
    const arms = wordPlusOneEdit('Mansone Lathhtham', (k) => `b:${k.key}`);
    expect(arms.map((a) => a.key)).toEqual(['b:manson', 'b:lathtam', 'b:latam']);
    expect(arms[0]?.neighbours).toContain('b:latam');
  });
});
