import { createHash } from 'node:crypto';
import { CryptoConfigError } from './crypto-errors';

/**
 * Key configuration for field-level encryption. Keys come from the environment (in production,
 * from the secret store that fills it), never from the database. Error messages name the variable
 * and the key version but never contain key material.
 *
 *   FIELD_KEYS="1:<base64 32 bytes>,2:<base64 32 bytes>"   all versions still needed to decrypt
 *   FIELD_KEY_CURRENT=2                                    the version new values are written with
 *   BLIND_INDEX_KEY=<base64 32 bytes>                      root key for blind indexes (HKDF per purpose)
 */
export interface Keyring {
  currentVersion: number;
  keys: Record<number, Buffer>;
}

export type CryptoEnv = Readonly<Record<string, string | undefined>>;
export type NodeEnv = 'development' | 'test' | 'production';

export const KEY_BYTES = 32;
export const MAX_KEY_VERSION = 999_999;

function devKey(label: string): Buffer {
  return createHash('sha256').update(`CTMS DEVELOPMENT ONLY - NOT SECRET - ${label}`).digest();
}

/**
 * Fixed, public, development-and-test-only keys. They are derived from labels in this file, so
 * anyone can compute them: never use them for real data. `loadKeyring` refuses them in production.
 */
export const DEVELOPMENT_FIELD_KEYRING: Readonly<Keyring> = Object.freeze({
  currentVersion: 1,
  keys: Object.freeze({ 1: devKey('field key v1') }),
});
export const DEVELOPMENT_BLIND_INDEX_KEY: Buffer = devKey('blind index key');

const VERSION_RE = /^[1-9][0-9]*$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL_RE = /^[A-Za-z0-9_-]+$/;

function parseVersion(raw: string, variable: string, what: string): number {
  const v = raw.trim();
  if (!VERSION_RE.test(v) || Number(v) > MAX_KEY_VERSION) {
    throw new CryptoConfigError(`${variable}: ${what} must be an integer between 1 and ${MAX_KEY_VERSION}`);
  }
  return Number(v);
}

/** Decodes a 32-byte key given in base64 (standard or URL-safe, padding optional). */
function decodeKey(raw: string, variable: string, what: string): Buffer {
  const s = raw.trim();
  if (s === '') throw new CryptoConfigError(`${variable}: ${what} is empty`);
  const padded = s.length % 4 === 0 ? s : s + '='.repeat(4 - (s.length % 4));
  let key: Buffer;
  if (BASE64_RE.test(padded)) key = Buffer.from(padded, 'base64');
  else if (BASE64URL_RE.test(s)) key = Buffer.from(s, 'base64url');
  else throw new CryptoConfigError(`${variable}: ${what} is not valid base64`);
  if (key.length !== KEY_BYTES) {
    throw new CryptoConfigError(
      `${variable}: ${what} decodes to ${key.length} bytes; it must be exactly ${KEY_BYTES} bytes`,
    );
  }
  return key;
}

/**
 * Parses FIELD_KEYS and FIELD_KEY_CURRENT. Both must be set. Every key must be exactly 32 bytes,
 * versions unique, no key repeated under two versions, and the current version present.
 */
export function parseKeyring(env: CryptoEnv): Keyring {
  const rawKeys = env['FIELD_KEYS'];
  const rawCurrent = env['FIELD_KEY_CURRENT'];
  if (rawKeys === undefined || rawKeys.trim() === '') throw new CryptoConfigError('FIELD_KEYS is not set');
  if (rawCurrent === undefined || rawCurrent.trim() === '') throw new CryptoConfigError('FIELD_KEY_CURRENT is not set');

  const keys: Record<number, Buffer> = {};
  const seen = new Map<string, number>();
  rawKeys.split(',').forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new CryptoConfigError(`FIELD_KEYS: ${where} must look like <version>:<base64 key>`);
    const version = parseVersion(entry.slice(0, colon), 'FIELD_KEYS', `the version of ${where}`);
    if (keys[version] !== undefined)
      throw new CryptoConfigError(`FIELD_KEYS: version ${version} appears more than once`);
    const key = decodeKey(entry.slice(colon + 1), 'FIELD_KEYS', `the key for version ${version}`);
    const fingerprint = key.toString('hex');
    const other = seen.get(fingerprint);
    if (other !== undefined) {
      throw new CryptoConfigError(
        `FIELD_KEYS: versions ${other} and ${version} have the same key; a new version needs a new key`,
      );
    }
    seen.set(fingerprint, version);
    keys[version] = key;
  });

  const currentVersion = parseVersion(rawCurrent, 'FIELD_KEY_CURRENT', 'the value');
  if (keys[currentVersion] === undefined) {
    throw new CryptoConfigError(`FIELD_KEY_CURRENT is ${currentVersion}, but FIELD_KEYS has no key with that version`);
  }
  return { currentVersion, keys };
}

function isSet(env: CryptoEnv, name: string): boolean {
  const v = env[name];
  return v !== undefined && v.trim() !== '';
}

/**
 * The keyring for this process. In development and test, when neither variable is set, the fixed
 * DEVELOPMENT_FIELD_KEYRING is used. In production both must be set (otherwise this throws at
 * boot) and the development keys are refused.
 */
export function loadKeyring(env: CryptoEnv, nodeEnv: NodeEnv): Keyring {
  if (!isSet(env, 'FIELD_KEYS') && !isSet(env, 'FIELD_KEY_CURRENT')) {
    if (nodeEnv === 'production') {
      throw new CryptoConfigError('FIELD_KEYS and FIELD_KEY_CURRENT must be set in production');
    }
    return { currentVersion: DEVELOPMENT_FIELD_KEYRING.currentVersion, keys: { ...DEVELOPMENT_FIELD_KEYRING.keys } };
  }
  const keyring = parseKeyring(env);
  if (nodeEnv === 'production') {
    const devKeys = Object.values(DEVELOPMENT_FIELD_KEYRING.keys);
    for (const [version, key] of Object.entries(keyring.keys)) {
      if (devKeys.some((d) => d.equals(key))) {
        throw new CryptoConfigError(
          `FIELD_KEYS: version ${version} is the public development key; it cannot be used in production`,
        );
      }
    }
  }
  return keyring;
}

/**
 * The root blind-index key (BLIND_INDEX_KEY, base64, 32 bytes). Development/test fall back to the
 * fixed DEVELOPMENT_BLIND_INDEX_KEY; production requires it, and it must differ from the
 * development key and from every field key.
 */
export function loadBlindIndexKey(env: CryptoEnv, nodeEnv: NodeEnv, keyring?: Keyring): Buffer {
  const raw = env['BLIND_INDEX_KEY'];
  if (raw === undefined || raw.trim() === '') {
    if (nodeEnv === 'production') throw new CryptoConfigError('BLIND_INDEX_KEY must be set in production');
    return Buffer.from(DEVELOPMENT_BLIND_INDEX_KEY);
  }
  const key = decodeKey(raw, 'BLIND_INDEX_KEY', 'the key');
  if (nodeEnv === 'production' && key.equals(DEVELOPMENT_BLIND_INDEX_KEY)) {
    throw new CryptoConfigError('BLIND_INDEX_KEY is the public development key; it cannot be used in production');
  }
  if (keyring && Object.values(keyring.keys).some((k) => k.equals(key))) {
    throw new CryptoConfigError('BLIND_INDEX_KEY must be different from every key in FIELD_KEYS');
  }
  return key;
}

/** True when the keyring is the public development keyring (callers may warn about it). */
export function isDevelopmentKeyring(keyring: Keyring): boolean {
  const devKeys = Object.values(DEVELOPMENT_FIELD_KEYRING.keys);
  return Object.values(keyring.keys).some((k) => devKeys.some((d) => d.equals(k)));
}
