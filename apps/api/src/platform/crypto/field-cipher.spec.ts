import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  CiphertextBindingError,
  CiphertextFormatError,
  FieldCryptoUsageError,
  UnknownKeyVersionError,
} from './crypto-errors';
import { FieldBinding, FieldCipher, normaliseForBlindIndex } from './field-cipher';
import { Keyring } from './keyring';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const BLIND = randomBytes(32);

function cipherWith(keys: Record<number, Buffer>, currentVersion: number, blind: Buffer = BLIND): FieldCipher {
  const keyring: Keyring = { currentVersion, keys };
  return new FieldCipher(keyring, blind);
}

const v1 = cipherWith({ 1: K1 }, 1);
const at: FieldBinding = { table: 'person', column: 'given_name', rowId: '3f0c1b9e-8a43-4c1e-9f7a-2b6d5e4c3a21' };

function flipByte(ciphertext: string, part: 1 | 2, index: number): string {
  const parts = ciphertext.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[index] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('FieldCipher: encrypt / decrypt', () => {
  it.each([
    ['ASCII', 'Jane Doe, passport P1234567'],
    ['Lao script', 'ນາງ ບົວພັນ ສີສະຫວັດ — ບ້ານ ໂພນສະຫວັນ, ເມືອງ ໄຊເສດຖາ, ນະຄອນຫຼວງວຽງຈັນ ໑໒໓'],
    ['empty string', ''],
    ['emoji and mixed scripts', 'narrative 🙏 ເລື່ອງ 故事 \u0000 end'],
    ['100 kB', 'ກ'.repeat(20_000) + 'x'.repeat(40_000)],
  ])('round-trips %s', (_label, plaintext) => {
    const ct = v1.encrypt(plaintext, at);
    expect(v1.decrypt(ct, at)).toBe(plaintext);
  });

  it('encrypts 100 kB of UTF-8 and leaves no plaintext in the ciphertext', () => {
    const big = 'ກ'.repeat(20_000) + 'x'.repeat(40_000);
    expect(Buffer.byteLength(big, 'utf8')).toBe(100_000);
    const ct = v1.encrypt(big, at);
    expect(ct).not.toContain('xxxxxxxx');
    expect(v1.encrypt('Jane Doe passport P1234567', at)).not.toMatch(/Jane|P1234567/);
  });

  it('uses the documented self-describing format with a 12-byte IV and the key version', () => {
    const ct = v1.encrypt('hello', at);
    const m = /^v(\d+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(ct);
    expect(m).not.toBeNull();
    expect(m?.[1]).toBe('1');
    expect(Buffer.from(m?.[2] ?? '', 'base64url')).toHaveLength(12);
    // 5 bytes of ciphertext + 16 bytes of GCM tag
    expect(Buffer.from(m?.[3] ?? '', 'base64url')).toHaveLength(5 + 16);
    expect(v1.keyVersionOf(ct)).toBe(1);
  });

  it('uses a different IV (and so a different ciphertext) every time', () => {
    const cts = Array.from({ length: 200 }, () => v1.encrypt('same value', at));
    const ivs = new Set(cts.map((c) => c.split('.')[1]));
    expect(ivs.size).toBe(200);
    expect(new Set(cts).size).toBe(200);
    for (const c of cts.slice(0, 5)) expect(v1.decrypt(c, at)).toBe('same value');
  });

  it('maps null and undefined to null', () => {
    expect(v1.encrypt(null, at)).toBeNull();
    expect(v1.encrypt(undefined, at)).toBeNull();
    expect(v1.decrypt(null, at)).toBeNull();
    expect(v1.decrypt(undefined, at)).toBeNull();
    expect(v1.encryptJson(null, at)).toBeNull();
    expect(v1.decryptJson(null, at)).toBeNull();
    expect(v1.reencrypt(null, at)).toBeNull();
  });

  it('round-trips JSON values', () => {
    const value = { names: ['ບົວພັນ', 'Bouaphanh'], dob: '2009-03-01', approx: true, n: 3 };
    const ct = v1.encryptJson(value, at);
    expect(typeof ct).toBe('string');
    expect(v1.decryptJson<typeof value>(ct, at)).toEqual(value);
    expect(v1.decryptJson(v1.encryptJson([1, 'two'], at), at)).toEqual([1, 'two']);
    expect(v1.decryptJson(v1.encryptJson(0, at), at)).toBe(0);
    expect(() => v1.encryptJson(() => 1, at)).toThrow(FieldCryptoUsageError);
  });
});

describe('FieldCipher: integrity and binding', () => {
  const ct = v1.encrypt('sensitive narrative', at);

  it.each([
    ['the first IV byte', 1, 0],
    ['the last IV byte', 1, 11],
    ['the first ciphertext byte', 2, 0],
    ['the last tag byte', 2, 'sensitive narrative'.length + 15],
  ] as const)('rejects a ciphertext with one flipped bit in %s', (_label, part, index) => {
    const tampered = flipByte(ct, part, index);
    expect(tampered).not.toBe(ct);
    expect(() => v1.decrypt(tampered, at)).toThrow(CiphertextBindingError);
  });

  it('rejects a truncated tag or a changed version prefix', () => {
    const parts = ct.split('.');
    const body = Buffer.from(parts[2], 'base64url');
    const truncated = [parts[0], parts[1], body.subarray(0, body.length - 1).toString('base64url')].join('.');
    expect(() => v1.decrypt(truncated, at)).toThrow(CiphertextBindingError);
    // the version is part of the AAD, so relabelling a v1 value as v2 fails even when v2 exists
    const both = cipherWith({ 1: K1, 2: Buffer.from(K1.map((b) => b ^ 0xff)) }, 1);
    expect(() => both.decrypt(ct.replace(/^v1\./, 'v2.'), at)).toThrow(CiphertextBindingError);
  });

  it.each([
    ['another row', { ...at, rowId: '3f0c1b9e-8a43-4c1e-9f7a-2b6d5e4c3a22' }],
    ['another column', { ...at, column: 'family_name' }],
    ['another table', { ...at, table: 'contact' }],
  ])('refuses a ciphertext copied to %s (CiphertextBindingError)', (_label, other) => {
    expect(() => v1.decrypt(ct, other)).toThrow(CiphertextBindingError);
    expect(() => v1.decrypt(ct, other)).toThrow(/person\.given_name|contact\.given_name|person\.family_name/);
  });

  it('does not let binding fields run into each other', () => {
    const a = v1.encrypt('x', { table: 'person', column: 'a', rowId: 'b|c' });
    expect(() => v1.decrypt(a, { table: 'person', column: 'a_b', rowId: 'c' })).toThrow(CiphertextBindingError);
    expect(v1.decrypt(a, { table: 'person', column: 'a', rowId: 'b|c' })).toBe('x');
  });

  it('refuses a ciphertext under a different key with the same version', () => {
    const other = cipherWith({ 1: K2 }, 1);
    expect(() => other.decrypt(ct, at)).toThrow(CiphertextBindingError);
  });

  it('rejects malformed values with CiphertextFormatError', () => {
    for (const bad of [
      '',
      'plain text',
      'v1.abc.def',
      'v0.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
      ct + '=',
      ct.replace('.', ':'),
      `x${ct}`,
    ]) {
      expect(() => v1.decrypt(bad, at)).toThrow(CiphertextFormatError);
    }
  });

  it('rejects invalid bindings as programming errors', () => {
    expect(() => v1.encrypt('x', { ...at, rowId: '' })).toThrow(FieldCryptoUsageError);
    expect(() => v1.encrypt('x', { ...at, table: 'Person' })).toThrow(FieldCryptoUsageError);
    expect(() => v1.encrypt('x', { ...at, column: 'a|b' })).toThrow(FieldCryptoUsageError);
    expect(() => v1.encrypt(null, { ...at, table: '' })).toThrow(FieldCryptoUsageError);
  });
});

describe('FieldCipher: key rotation', () => {
  it('decrypts v1 values after v2 becomes current, and reencrypt moves them to v2', () => {
    const before = cipherWith({ 1: K1 }, 1);
    const old = before.encrypt('ບົວພັນ', at);
    expect(before.keyVersionOf(old)).toBe(1);

    const after = cipherWith({ 1: K1, 2: K2 }, 2);
    expect(after.currentVersion).toBe(2);
    expect(after.decrypt(old, at)).toBe('ບົວພັນ');
    expect(after.keyVersionOf(after.encrypt('new', at))).toBe(2);
    expect(after.needsReencryption(old)).toBe(true);

    const rotated = after.reencrypt(old, at);
    expect(after.keyVersionOf(rotated)).toBe(2);
    expect(after.needsReencryption(rotated)).toBe(false);
    expect(after.decrypt(rotated, at)).toBe('ບົວພັນ');
    // already current: returned unchanged, so a rotation job can skip the write
    expect(after.reencrypt(rotated, at)).toBe(rotated);

    // once v1 is retired, only the rotated value is readable
    const retired = cipherWith({ 2: K2 }, 2);
    expect(retired.decrypt(rotated, at)).toBe('ບົວພັນ');
    expect(() => retired.decrypt(old, at)).toThrow(UnknownKeyVersionError);
  });

  it('reencrypt authenticates the binding before rotating', () => {
    const old = cipherWith({ 1: K1 }, 1).encrypt('x', at);
    const after = cipherWith({ 1: K1, 2: K2 }, 2);
    expect(() => after.reencrypt(old, { ...at, rowId: 'other' })).toThrow(CiphertextBindingError);
  });

  it('reports an unknown key version clearly', () => {
    const v2only = cipherWith({ 2: K2 }, 2);
    const ct = v1.encrypt('x', at);
    expect(() => v2only.decrypt(ct, at)).toThrow(UnknownKeyVersionError);
    expect(() => v2only.decrypt(ct, at)).toThrow(
      'ciphertext uses key version 1, which is not in the configured keyring (FIELD_KEYS)',
    );
  });

  it('validates a keyring handed to the constructor', () => {
    expect(() => cipherWith({ 1: K1 }, 2)).toThrow(/current version 2/);
    expect(() => cipherWith({ 1: randomBytes(16) }, 1)).toThrow(/32 bytes/);
    expect(() => cipherWith({ 1: K1 }, 1, randomBytes(31))).toThrow(/32 bytes/);
  });
});

describe('FieldCipher: blind indexes', () => {
  it('normalises: trim, remove spaces and dashes, upper case (and Lao / full-width digits)', () => {
    expect(normaliseForBlindIndex(' AB 123-456 ')).toBe('AB123456');
    expect(normaliseForBlindIndex('ab123456')).toBe('AB123456');
    expect(normaliseForBlindIndex('ＡＢ１２３\u2013４５６')).toBe('AB123456');
    expect(normaliseForBlindIndex('020 ໕໕ ໑໒ ໓໔໕')).toBe('0205512345');
  });

  it('is equal for "AB 123-456" and "ab123456", and is 64 hex characters', () => {
    const a = v1.blindIndex('AB 123-456', 'person.document_number');
    const b = v1.blindIndex('ab123456', 'person.document_number');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(v1.blindIndex('AB123457', 'person.document_number')).not.toBe(a);
  });

  it('differs per purpose', () => {
    const doc = v1.blindIndex('020 5512 3345', 'person.document_number');
    const phone = v1.blindIndex('020 5512 3345', 'contact.phone');
    expect(doc).not.toBe(phone);
  });

  it('is not a plain hash of the value, and depends on BLIND_INDEX_KEY', () => {
    const idx = v1.blindIndex('AB 123-456', 'person.document_number');
    for (const v of ['AB 123-456', 'AB123456', 'ab123456']) {
      expect(idx).not.toBe(createHash('sha256').update(v).digest('hex'));
    }
    const otherKey = cipherWith({ 1: K1 }, 1, randomBytes(32));
    expect(otherKey.blindIndex('AB 123-456', 'person.document_number')).not.toBe(idx);
    // but stable for the same key (a separate instance gives the same index)
    expect(cipherWith({ 1: K2 }, 1).blindIndex('ab123456', 'person.document_number')).toBe(idx);
  });

  it('gives null for null, undefined or nothing left after normalisation', () => {
    expect(v1.blindIndex(null, 'contact.phone')).toBeNull();
    expect(v1.blindIndex(undefined, 'contact.phone')).toBeNull();
    expect(v1.blindIndex(' - ', 'contact.phone')).toBeNull();
  });

  it('rejects a bad purpose label', () => {
    expect(() => v1.blindIndex('x', '')).toThrow(FieldCryptoUsageError);
    expect(() => v1.blindIndex('x', 'Phone Number')).toThrow(FieldCryptoUsageError);
  });
});

describe('FieldCipher: no key material on display', () => {
  it('does not show keys when inspected or serialised', () => {
    const c = cipherWith({ 1: K1, 2: K2 }, 2);
    const shown = `${inspect(c, { showHidden: true, depth: 10 })} ${JSON.stringify(c)} ${String(c)}`;
    for (const k of [K1, K2, BLIND]) {
      expect(shown).not.toContain(k.toString('base64'));
      expect(shown).not.toContain(k.toString('hex'));
    }
    expect(JSON.parse(JSON.stringify(c))).toEqual({ currentVersion: 2, versions: [1, 2] });
  });
});
