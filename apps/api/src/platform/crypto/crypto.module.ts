import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FieldCipher } from './field-cipher';
import { FileCipher } from './file-cipher';
import { CryptoEnv, NodeEnv, isDevelopmentKeyring, loadBlindIndexKey, loadKeyring } from './keyring';

/**
 * Builds the FieldCipher from FIELD_KEYS, FIELD_KEY_CURRENT and BLIND_INDEX_KEY. Throws a
 * CryptoConfigError (a ConfigError) when the keys are missing in production or invalid anywhere,
 * so a misconfigured API does not boot.
 */
export function createFieldCipher(env: CryptoEnv, nodeEnv: NodeEnv): FieldCipher {
  const keyring = loadKeyring(env, nodeEnv);
  const blindIndexKey = loadBlindIndexKey(env, nodeEnv, keyring);
  if (nodeEnv === 'development' && isDevelopmentKeyring(keyring)) {
    new Logger('CryptoModule').warn('Using the public DEVELOPMENT field keyring: never store real case data with it');
  }
  return new FieldCipher(keyring, blindIndexKey);
}

/**
 * Provides FieldCipher and FileCipher (files at rest, decision 0013). Needs APP_CONFIG (the global ConfigModule) for NODE_ENV. The key variables
 * are read here rather than through AppConfig so that key material never sits in the general
 * configuration object (which is easier to log by accident).
 */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): FieldCipher => createFieldCipher(process.env, config.env),
    },
    {
      provide: FileCipher,
      inject: [FieldCipher],
      useFactory: (fields: FieldCipher): FileCipher => new FileCipher(fields),
    },
  ],
  exports: [FieldCipher, FileCipher],
})
export class CryptoModule {}
