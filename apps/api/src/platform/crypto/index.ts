export { FieldCipher, type FieldBinding, normaliseForBlindIndex } from './field-cipher';
export {
  FileCipher,
  DataKey,
  EncryptingFileWriter,
  type EnvelopeReader,
  type FileBinding,
  openEnvelope,
  envelopeSize,
  looksLikeEnvelope,
} from './file-cipher';
export { CryptoModule, createFieldCipher } from './crypto.module';
export {
  type Keyring,
  parseKeyring,
  loadKeyring,
  loadBlindIndexKey,
  DEVELOPMENT_FIELD_KEYRING,
  DEVELOPMENT_BLIND_INDEX_KEY,
} from './keyring';
export {
  FieldCryptoError,
  CiphertextFormatError,
  CiphertextBindingError,
  UnknownKeyVersionError,
  FieldCryptoUsageError,
  FileAuthenticationError,
  FileFormatError,
  CryptoConfigError,
} from './crypto-errors';
