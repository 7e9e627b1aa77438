/**
 * Prints the SQL that would bring a migrated database in line with the entities: the starting
 * point for a new, hand-reviewed migration. Usage (migrate a database first, e.g. with `npm run db:migrate`):
 *   TS_NODE_PROJECT=apps/api/tsconfig.spec.json TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register apps/api/test/print-schema-diff.ts <database>
 */
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';

register({
  baseUrl: resolve(__dirname, '../../..'),
  paths: { '@ctms/domain': ['libs/domain/src/index.ts'], '@ctms/migrations': ['migrations/index.ts'] },
});

async function main(): Promise<void> {
  const { DataSource } = await import('typeorm');
  const { dbOptions } = await import('../src/platform/database/db-options');
  const db = process.argv[2] ?? 'ctms';
  const ds = new DataSource(dbOptions(`postgres://postgres@127.0.0.1:5432/${db}`));
  await ds.initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    for (const q of sql.upQueries) console.log(`${q.query};`);
  } finally {
    await ds.destroy();
  }
}

void main();
