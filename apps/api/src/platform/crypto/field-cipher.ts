import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  CiphertextBindingError,
  CiphertextFormatError,
  FieldCryptoUsageError,
  UnknownKeyVersionError,
} from './crypto-errors';
import { KEY_BYTES, Keyring, MAX_KEY_VERSION } from './keyring';

/**
 * Field-level encryption for protected (P3) columns: AES-256-GCM, `node:crypto` only.
 * See docs/decisions/0002-field-encryption.md.
 *
 * Ciphertext format (an ASCII string, stored in a `text` column):
 *
 *     v<keyVersion>.<iv, base64url>.<ciphertext || 16-byte GCM tag, base64url>
 *
 * e.g. `v2.q1w2e3r4t5y6u7i8.Zm9v...`. The IV is 12 random bytes, fresh for every encryption;
 * base64url has no padding. The additional authenticated data (AAD) is the UTF-8 string
 *
 *     v<keyVersion>|<table>|<column>|<rowId>
 *
 * so a ciphertext only decrypts in the row and column it was written for, and the version
 * prefix cannot be altered. `table` and `column` must be SQL identifiers (no `|`), and `rowId`
 * comes last, so the AAD is unambiguous whatever the row ID contains.
 */

/** Where a ciphertext lives. The row ID must be known before the INSERT (generate UUIDs in the app). */
export interface FieldBinding {
  table: string;
  column: string;
  rowId: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
const IDENTIFIER_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const MAX_ROW_ID_LENGTH = 200;
const CIPHERTEXT_RE = /^v([1-9][0-9]{0,5})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;
const PURPOSE_RE = /^[a-z][a-z0-9_.:-]{0,63}$/;
const BLIND_INDEX_SALT = Buffer.from('ctms/blind-index/v1', 'utf8');

interface ParsedCiphertext {
  version: number;
  iv: Buffer;
  body: Buffer;
}

function base64urlStrict(s: string): Buffer | null {
  const b = Buffer.from(s, 'base64url');
  return b.toString('base64url') === s ? b : null;
}

function parseCiphertext(ciphertext: string): ParsedCiphertext {
  if (typeof ciphertext !== 'string') throw new CiphertextFormatError('ciphertext must be a string');
  const m = CIPHERTEXT_RE.exec(ciphertext);
  if (!m) throw new CiphertextFormatError('value is not a field ciphertext (expected v<version>.<iv>.<data>)');
  const iv = base64urlStrict(m[2]);
  const body = base64urlStrict(m[3]);
  if (!iv || iv.length !== IV_BYTES || !body || body.length < TAG_BYTES) {
    throw new CiphertextFormatError('field ciphertext is malformed');
  }
  return { version: Number(m[1]), iv, body };
}

function checkBinding(binding: FieldBinding): void {
  if (typeof binding !== 'object' || binding === null)
    throw new FieldCryptoUsageError('a binding {table, column, rowId} is required');
  const { table, column, rowId } = binding;
  if (typeof table !== 'string' || !IDENTIFIER_RE.test(table))
    throw new FieldCryptoUsageError('binding.table must be a lower-case SQL identifier');
  if (typeof column !== 'string' || !IDENTIFIER_RE.test(column))
    throw new FieldCryptoUsageError('binding.column must be a lower-case SQL identifier');
  if (typeof rowId !== 'string' || rowId === '' || rowId.length > MAX_ROW_ID_LENGTH) {
    throw new FieldCryptoUsageError(
      `binding.rowId must be a non-empty string of at most ${MAX_ROW_ID_LENGTH} characters`,
    );
  }
}

function aad(version: number, b: FieldBinding): Buffer {
  return Buffer.from(`v${version}|${b.table}|${b.column}|${b.rowId}`, 'utf8');
}

const LAO_DIGIT_ZERO = 0x0ed0;

/**
 * Normalisation applied before a blind index: Unicode NFKC (full-width forms become ASCII),
 * Lao digits ໐–໙ become 0–9, all whitespace and dash characters are removed, then upper case.
 * "AB 123-456", " ab123456 " and "ＡＢ１２３４５６" all normalise to "AB123456".
 */
export function normaliseForBlindIndex(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\u0ED0-\u0ED9]/g, (d) => String.fromCharCode(0x30 + d.charCodeAt(0) - LAO_DIGIT_ZERO))
    .replace(/[\s\p{Pd}\u2212]+/gu, '')
    .toUpperCase();
}

export class FieldCipher {
  readonly #currentVersion: number;
  readonly #keys: ReadonlyMap<number, Buffer>;
  readonly #blindIndexRoot: Buffer;
  readonly #purposeKeys = new Map<string, Buffer>();

  constructor(keyring: Keyring, blindIndexKey: Buffer) {
    const keys = new Map<number, Buffer>();
    for (const [v, key] of Object.entries(keyring.keys)) {
      const version = Number(v);
      if (!Number.isInteger(version) || version < 1 || version > MAX_KEY_VERSION) {
        throw new FieldCryptoUsageError(`keyring: invalid key version ${v}`);
      }
      if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
        throw new FieldCryptoUsageError(`keyring: key version ${version} must be exactly ${KEY_BYTES} bytes`);
      }
      keys.set(version, Buffer.from(key));
    }
    if (!keys.has(keyring.currentVersion)) {
      throw new FieldCryptoUsageError(`keyring: current version ${keyring.currentVersion} has no key`);
    }
    if (!Buffer.isBuffer(blindIndexKey) || blindIndexKey.length !== KEY_BYTES) {
      throw new FieldCryptoUsageError(`blind index key must be exactly ${KEY_BYTES} bytes`);
    }
    this.#currentVersion = keyring.currentVersion;
    this.#keys = keys;
    this.#blindIndexRoot = Buffer.from(blindIndexKey);
  }

  /** The key version new ciphertexts are written with. */
  get currentVersion(): number {
    return this.#currentVersion;
  }

  /** Encrypts with the current key, bound to `binding`. Null or undefined in, null out. */
  encrypt(plaintext: string, binding: FieldBinding): string;
  encrypt(plaintext: null | undefined, binding: FieldBinding): null;
  encrypt(plaintext: string | null | undefined, binding: FieldBinding): string | null;
  encrypt(plaintext: string | null | undefined, binding: FieldBinding): string | null {
    checkBinding(binding);
    if (plaintext === null || plaintext === undefined) return null;
    if (typeof plaintext !== 'string')
      throw new FieldCryptoUsageError('plaintext must be a string (use encryptJson for other values)');
    const version = this.#currentVersion;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key(version), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(version, binding));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v${version}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  /**
   * Decrypts a value written by `encrypt` for the same binding. Null or undefined in, null out.
   * Throws CiphertextFormatError, UnknownKeyVersionError, or CiphertextBindingError when the
   * binding differs or the value was altered.
   */
  decrypt(ciphertext: string, binding: FieldBinding): string;
  decrypt(ciphertext: null | undefined, binding: FieldBinding): null;
  decrypt(ciphertext: string | null | undefined, binding: FieldBinding): string | null;
  decrypt(ciphertext: string | null | undefined, binding: FieldBinding): string | null {
    checkBinding(binding);
    if (ciphertext === null || ciphertext === undefined) return null;
    const { version, iv, body } = parseCiphertext(ciphertext);
    const key = this.#key(version);
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(version, binding));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
      return plain.toString('utf8');
    } catch {
      throw new CiphertextBindingError(
        `ciphertext for ${binding.table}.${binding.column} failed authentication: it belongs to another row, column or table, or it was altered`,
      );
    }
  }

  /** `JSON.stringify` then `encrypt`. Null or undefined in, null out. */
  encryptJson(value: unknown, binding: FieldBinding): string | null {
    if (value === null || value === undefined) {
      checkBinding(binding);
      return null;
    }
    const json = JSON.stringify(value);
    if (json === undefined) throw new FieldCryptoUsageError('value cannot be represented as JSON');
    return this.encrypt(json, binding);
  }

  /**
   * `decrypt` then `JSON.parse`. The result is NOT validated: the type parameter is the caller's
   * claim, so validate the shape where it matters. Null or undefined in, null out.
   */
  decryptJson<T = unknown>(ciphertext: string | null | undefined, binding: FieldBinding): T | null {
    const json = this.decrypt(ciphertext, binding);
    if (json === null) return null;
    return JSON.parse(json) as T;
  }

  /** The key version a ciphertext was written with (no decryption, no authentication). */
  keyVersionOf(ciphertext: string): number {
    return parseCiphertext(ciphertext).version;
  }

  /** True when the ciphertext is not under the current key version (a rotation job's filter). */
  needsReencryption(ciphertext: string): boolean {
    return this.keyVersionOf(ciphertext) !== this.#currentVersion;
  }

  /**
   * Rotation: decrypts (authenticating the binding) and, if the value is under an older key
   * version, encrypts it again under the current one. A value already under the current version
   * is returned unchanged (same string), so a rotation job can skip the write. Null in, null out.
   */
  reencrypt(ciphertext: string, binding: FieldBinding): string;
  reencrypt(ciphertext: null | undefined, binding: FieldBinding): null;
  reencrypt(ciphertext: string | null | undefined, binding: FieldBinding): string | null;
  reencrypt(ciphertext: string | null | undefined, binding: FieldBinding): string | null {
    const plaintext = this.decrypt(ciphertext, binding);
    if (plaintext === null || ciphertext === null || ciphertext === undefined) return null;
    if (!this.needsReencryption(ciphertext)) return ciphertext;
    return this.encrypt(plaintext, binding);
  }

  /**
   * Blind index for exact-match search without plaintext (document numbers, phone numbers):
   * HMAC-SHA-256 of `normaliseForBlindIndex(value)` under a key derived for `purpose` with
   * HKDF-SHA-256 from BLIND_INDEX_KEY. Returns 64 lower-case hex characters. Equal inputs give
   * equal indexes only within one purpose. Null, undefined, or a value that normalises to the
   * empty string gives null (there is nothing to match on).
   */
  blindIndex(value: string | null | undefined, purpose: string): string | null {
    const key = this.#purposeKey(purpose);
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') throw new FieldCryptoUsageError('blind index value must be a string');
    const normalised = normaliseForBlindIndex(value);
    if (normalised === '') return null;
    return createHmac('sha256', key).update(normalised, 'utf8').digest('hex');
  }

  /** Never show key material when logged or serialised. */
  [inspect.custom](): string {
    return `FieldCipher { currentVersion: ${this.#currentVersion}, versions: [${[...this.#keys.keys()].join(', ')}] }`;
  }

  toJSON(): { currentVersion: number; versions: number[] } {
    return { currentVersion: this.#currentVersion, versions: [...this.#keys.keys()] };
  }

  #key(version: number): Buffer {
    const key = this.#keys.get(version);
    if (!key) throw new UnknownKeyVersionError(version);
    return key;
  }

  #purposeKey(purpose: string): Buffer {
    if (typeof purpose !== 'string' || !PURPOSE_RE.test(purpose)) {
      throw new FieldCryptoUsageError(
        'blind index purpose must be a short lower-case label such as "person.document_number"',
      );
    }
    let key = this.#purposeKeys.get(purpose);
    if (!key) {
      key = Buffer.from(
        hkdfSync('sha256', this.#blindIndexRoot, BLIND_INDEX_SALT, `blind-index:${purpose}`, KEY_BYTES),
      );
      this.#purposeKeys.set(purpose, key);
    }
    return key;
  }
}
