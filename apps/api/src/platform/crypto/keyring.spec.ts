import { randomBytes } from 'node:crypto';
import { ConfigError } from '../config/config';
import { CryptoConfigError } from './crypto-errors';
import { createFieldCipher } from './crypto.module';
import {
  DEVELOPMENT_BLIND_INDEX_KEY,
  DEVELOPMENT_FIELD_KEYRING,
  isDevelopmentKeyring,
  loadBlindIndexKey,
  loadKeyring,
  parseKeyring,
} from './keyring';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const B = randomBytes(32);
const b64 = (k: Buffer): string => k.toString('base64');
const FIELD_KEYS = `1:${b64(K1)},2:${b64(K2)}`;

/** Runs fn, expects a CryptoConfigError matching `message`, and checks no key material leaked. */
function expectConfigError(fn: () => unknown, message: RegExp, secrets: string[] = [b64(K1), b64(K2), b64(B)]): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CryptoConfigError);
  expect(error).toBeInstanceOf(ConfigError);
  const text = String((error as Error).message);
  expect(text).toMatch(message);
  for (const s of secrets) {
    expect(text).not.toContain(s);
    expect(text).not.toContain(s.slice(0, 12));
  }
}

describe('parseKeyring', () => {
  it('parses versions and 32-byte keys (base64 or base64url, padding optional, spaces tolerated)', () => {
    const k = parseKeyring({ FIELD_KEYS: ` 1:${b64(K1)} , 2:${K2.toString('base64url')}`, FIELD_KEY_CURRENT: '2' });
    expect(k.currentVersion).toBe(2);
    expect(Object.keys(k.keys)).toEqual(['1', '2']);
    expect(k.keys[1].equals(K1)).toBe(true);
    expect(k.keys[2].equals(K2)).toBe(true);
  });

  it('names the missing variable', () => {
    expectConfigError(() => parseKeyring({ FIELD_KEY_CURRENT: '1' }), /^FIELD_KEYS is not set$/);
    expectConfigError(() => parseKeyring({ FIELD_KEYS: FIELD_KEYS }), /^FIELD_KEY_CURRENT is not set$/);
    expectConfigError(() => parseKeyring({ FIELD_KEYS: '  ', FIELD_KEY_CURRENT: '1' }), /FIELD_KEYS is not set/);
  });

  it('requires every key to be exactly 32 bytes, without printing the key', () => {
    const short = randomBytes(16);
    const long = randomBytes(33);
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: `1:${b64(K1)},2:${b64(short)}`, FIELD_KEY_CURRENT: '1' }),
      /^FIELD_KEYS: the key for version 2 decodes to 16 bytes; it must be exactly 32 bytes$/,
      [b64(K1), b64(short)],
    );
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: `1:${b64(long)}`, FIELD_KEY_CURRENT: '1' }),
      /33 bytes.*exactly 32/,
      [b64(long)],
    );
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: '1:', FIELD_KEY_CURRENT: '1' }),
      /FIELD_KEYS: the key for version 1 is empty/,
    );
  });

  it('rejects text that is not base64', () => {
    const bad = `${b64(K1).slice(0, 20)}!*${b64(K1).slice(22)}`;
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: `1:${bad}`, FIELD_KEY_CURRENT: '1' }),
      /FIELD_KEYS: the key for version 1 is not valid base64/,
      [bad, b64(K1)],
    );
  });

  it('rejects bad versions, duplicate versions and a key reused under two versions', () => {
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: b64(K1), FIELD_KEY_CURRENT: '1' }),
      /FIELD_KEYS: entry 1 must look like <version>:<base64 key>/,
    );
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: `0:${b64(K1)}`, FIELD_KEY_CURRENT: '1' }),
      /FIELD_KEYS: the version of entry 1 must be an integer/,
    );
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: `v1:${b64(K1)}`, FIELD_KEY_CURRENT: '1' }),
      /FIELD_KEYS: the version of entry 1/,
    );
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: `1:${b64(K1)},1:${b64(K2)}`, FIELD_KEY_CURRENT: '1' }),
      /version 1 appears more than once/,
    );
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS: `1:${b64(K1)},2:${b64(K1)}`, FIELD_KEY_CURRENT: '2' }),
      /versions 1 and 2 have the same key/,
    );
  });

  it('requires the current version to be present and well-formed', () => {
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS, FIELD_KEY_CURRENT: '3' }),
      /^FIELD_KEY_CURRENT is 3, but FIELD_KEYS has no key with that version$/,
    );
    expectConfigError(
      () => parseKeyring({ FIELD_KEYS, FIELD_KEY_CURRENT: 'two' }),
      /^FIELD_KEY_CURRENT: the value must be an integer/,
    );
  });
});

describe('loadKeyring / loadBlindIndexKey', () => {
  it('uses the labelled development keyring in development and test when nothing is set', () => {
    for (const nodeEnv of ['development', 'test'] as const) {
      const k = loadKeyring({}, nodeEnv);
      expect(k.currentVersion).toBe(DEVELOPMENT_FIELD_KEYRING.currentVersion);
      expect(k.keys[1].equals(DEVELOPMENT_FIELD_KEYRING.keys[1])).toBe(true);
      expect(isDevelopmentKeyring(k)).toBe(true);
      expect(loadBlindIndexKey({}, nodeEnv).equals(DEVELOPMENT_BLIND_INDEX_KEY)).toBe(true);
    }
  });

  it('throws at boot in production when keys are missing', () => {
    expectConfigError(
      () => loadKeyring({}, 'production'),
      /FIELD_KEYS and FIELD_KEY_CURRENT must be set in production/,
    );
    expectConfigError(() => loadKeyring({ FIELD_KEYS }, 'production'), /FIELD_KEY_CURRENT is not set/);
    expectConfigError(() => loadBlindIndexKey({}, 'production'), /BLIND_INDEX_KEY must be set in production/);
    expectConfigError(() => createFieldCipher({}, 'production'), /must be set in production/);
    expectConfigError(
      () => createFieldCipher({ FIELD_KEYS, FIELD_KEY_CURRENT: '2' }, 'production'),
      /BLIND_INDEX_KEY must be set in production/,
    );
  });

  it('refuses half a configuration in any environment', () => {
    expectConfigError(() => loadKeyring({ FIELD_KEY_CURRENT: '1' }, 'development'), /FIELD_KEYS is not set/);
  });

  it('refuses the public development keys in production', () => {
    const devKeys = `1:${b64(DEVELOPMENT_FIELD_KEYRING.keys[1])},2:${b64(K2)}`;
    expectConfigError(
      () => loadKeyring({ FIELD_KEYS: devKeys, FIELD_KEY_CURRENT: '2' }, 'production'),
      /version 1 is the public development key/,
    );
    expectConfigError(
      () => loadBlindIndexKey({ BLIND_INDEX_KEY: b64(DEVELOPMENT_BLIND_INDEX_KEY) }, 'production'),
      /BLIND_INDEX_KEY is the public development key/,
    );
  });

  it('validates BLIND_INDEX_KEY and keeps it apart from the field keys', () => {
    expectConfigError(
      () => loadBlindIndexKey({ BLIND_INDEX_KEY: b64(randomBytes(24)) }, 'test'),
      /BLIND_INDEX_KEY: the key decodes to 24 bytes/,
    );
    const keyring = parseKeyring({ FIELD_KEYS, FIELD_KEY_CURRENT: '2' });
    expectConfigError(
      () => loadBlindIndexKey({ BLIND_INDEX_KEY: b64(K2) }, 'production', keyring),
      /must be different from every key in FIELD_KEYS/,
    );
    expect(loadBlindIndexKey({ BLIND_INDEX_KEY: b64(B) }, 'production', keyring).equals(B)).toBe(true);
  });

  it('builds a working cipher from a production environment', () => {
    const env = { FIELD_KEYS, FIELD_KEY_CURRENT: '2', BLIND_INDEX_KEY: b64(B) };
    const cipher = createFieldCipher(env, 'production');
    expect(cipher.currentVersion).toBe(2);
    const at = { table: 'person', column: 'family_name', rowId: 'r1' };
    expect(cipher.decrypt(cipher.encrypt('ສີສະຫວັດ', at), at)).toBe('ສີສະຫວັດ');
    expect(isDevelopmentKeyring(parseKeyring(env))).toBe(false);
  });
});
