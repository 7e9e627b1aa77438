import { DataSource } from 'typeorm';
import { dbOptions } from '../src/platform/database/db-options';
import { adminUrl, TEMPLATE_DB } from './db';

/** Fails when the entities and the migrations disagree: a migration is missing or hand-edited wrongly. */
describe('migration drift', () => {
  it('the entities need no schema change after all migrations ran', async () => {
    const ds = new DataSource(dbOptions(adminUrl(TEMPLATE_DB)));
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
