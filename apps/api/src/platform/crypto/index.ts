export { FieldCipher, type FieldBinding, normaliseForBlindIndex } from './field-cipher';
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
  CryptoConfigError,
} from './crypto-errors';
