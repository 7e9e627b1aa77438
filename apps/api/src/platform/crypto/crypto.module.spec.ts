import { Test } from '@nestjs/testing';
import { ConfigModule } from '../config/config.module';
import { CryptoModule } from './crypto.module';
import { FieldCipher } from './field-cipher';

describe('CryptoModule', () => {
  it('provides a FieldCipher from configuration (development keyring under NODE_ENV=test)', async () => {
    const saved = { ...process.env };
    process.env['NODE_ENV'] = 'test';
    delete process.env['FIELD_KEYS'];
    delete process.env['FIELD_KEY_CURRENT'];
    delete process.env['BLIND_INDEX_KEY'];
    try {
      const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, CryptoModule] }).compile();
      const cipher = moduleRef.get(FieldCipher);
      expect(cipher).toBeInstanceOf(FieldCipher);
      const at = { table: 'case_file', column: 'narrative', rowId: 'c-1' };
      expect(cipher.decrypt(cipher.encrypt('ເລື່ອງ', at), at)).toBe('ເລື່ອງ');
      await moduleRef.close();
    } finally {
      process.env = saved;
    }
  });
});
