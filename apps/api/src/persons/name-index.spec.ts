import { randomBytes } from 'node:crypto';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { gramHash, identityKeys, jaccard, keysOfName, pgTrigrams, searchColumns } from './name-index';

const cipher = new FieldCipher({ currentVersion: 1, keys: { 1: randomBytes(32) } }, randomBytes(32));

/** Parses psql's rendering of a text[] ({"  s"," so",anh,...}). */
function pgArray(s: string): string[] {
  const body = s.slice(1, -1);
  return [...body.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2]);
}

describe('pgTrigrams matches pg_trgm show_trgm()', () => {
  // expected values copied from PostgreSQL 15: SELECT show_trgm('...')
  it.each([
    ['souksavanh', '{"  s"," so",anh,ava,ksa,"nh ",ouk,sav,sou,uks,van}'],
    ['suk sawan', '{"  s"," sa"," su","an ",awa,saw,suk,"uk ",wan}'],
    ['pomajan sukavan', '{"  p","  s"," po"," su",aja,"an ",ava,jan,kav,maj,oma,pom,suk,uka,van}'],
    ['A-b', '{"  a","  b"," a "," b "}'],
    ['ab1', '{"  a"," ab",ab1,"b1 "}'],
  ])('%s', (input, expected) => {
    expect([...pgTrigrams(input)].sort()).toEqual(pgArray(expected).sort());
  });

  it('treats a Lao key as one word', () => {
    const t = pgTrigrams('ສົມພອນ', { singleWord: true });
    expect(t.has('  ສ')).toBe(true);
    expect(t.has('ອນ ')).toBe(true);
    expect(t.size).toBe(7);
  });

  it('computes similarity as shared over union', () => {
    expect(jaccard(pgTrigrams('abc'), pgTrigrams('abc'))).toBe(1);
    expect(jaccard(pgTrigrams('abc'), pgTrigrams('xyz'))).toBe(0);
  });
});

describe('search columns', () => {
  it('hashes trigrams to signed 32-bit integers, keeping word-start and one-letter words apart', () => {
    const a = gramHash(cipher, '  s');
    const b = gramHash(cipher, ' s ');
    expect(a).not.toBe(b);
    for (const h of [a, b]) {
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(h).toBeLessThan(2 ** 31);
    }
    expect(gramHash(cipher, '  s')).toBe(a);
  });

  it('gives the same keys for Lao spelling variants and for romanisation variants', () => {
    expect(keysOfName('ຫຼ້າ')).toEqual(keysOfName('ຫລ້າ'));
    expect(keysOfName('ໜູ')).toEqual(keysOfName('ຫນູ'));
    expect(keysOfName('Souksavanh Phommachanh')).toEqual(keysOfName('Suksawan Pommachan'));
  });

  it('derives keys from every name of the identity, and no plaintext in the columns', () => {
    const identity = {
      givenNameLo: 'ສົມພອນ',
      familyNameLo: 'ພົມມະຈັນ',
      latinNames: ['Somphone Phommachanh'],
      nicknames: ['Noy'],
      previousNames: ['ນາງ ຫຼ້າ'],
      dobPrecision: 'YEAR' as const,
      documents: [{ type: 'NATIONAL_ID', number: 'AB 123-456' }],
      phone: '+856 20 5555 1234',
    };
    const keys = identityKeys(identity);
    expect(keys.filter((k) => k.script === 'lao')).toHaveLength(4);
    const cols = searchColumns(cipher, identity);
    expect(cols.nameGrams.length).toBeGreaterThan(10);
    expect(cols.nameBidx).toHaveLength(keys.length);
    expect(cols.documentBidx).toEqual([cipher.blindIndex('AB123456', 'person.document')]);
    expect(cols.phoneBidx).toHaveLength(1);
    const text = JSON.stringify(cols).toLowerCase();
    for (const s of ['ສົມພອນ', 'somphone', 'pomajan', 'noy', 'ab123456']) expect(text).not.toContain(s);
  });
});
