import { ConfigError } from '../config/config';

/**
 * Errors raised by field encryption. Messages never contain key material, plaintext or
 * ciphertext; at most a table/column name, a key version or an environment variable name.
 */
export class FieldCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The value is not in the `v<version>.<iv>.<ciphertext+tag>` format. */
export class CiphertextFormatError extends FieldCryptoError {}

/** The ciphertext names a key version that the configured keyring does not hold. */
export class UnknownKeyVersionError extends FieldCryptoError {
  constructor(readonly version: number) {
    super(`ciphertext uses key version ${version}, which is not in the configured keyring (FIELD_KEYS)`);
  }
}

/**
 * Authentication failed: the ciphertext was read with a binding (table, column, row) other than
 * the one it was written with, e.g. it was copied to another row — or it was altered. AES-GCM
 * cannot tell the two apart, so both raise this error.
 */
export class CiphertextBindingError extends FieldCryptoError {}

/**
 * A stored file failed authentication: a byte was changed, segments were cut, added or reordered,
 * or it is another record's file. No plaintext of the failing segment was handed out.
 */
export class FileAuthenticationError extends FieldCryptoError {
  constructor() {
    super('stored file failed authentication: it was altered, truncated, or belongs to another record');
  }
}

/** A stored file is not an encrypted envelope (e.g. a plaintext file from before encryption). */
export class FileFormatError extends FieldCryptoError {
  constructor() {
    super('stored file is not an encrypted envelope');
  }
}

/** A bad binding or blind-index purpose passed by the caller (a programming error). */
export class FieldCryptoUsageError extends FieldCryptoError {}

/** Bad or missing key configuration; thrown at boot. Extends the app's ConfigError. */
export class CryptoConfigError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = 'CryptoConfigError';
  }
}
