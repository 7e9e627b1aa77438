import { loadConfig } from '../src/platform/config/config';
import { ensureDatabase, migrate } from '../src/platform/database/migrate';
import { seed } from '../src/platform/database/seed';
import { adminUrl, appUrl, dropDatabase, TEMPLATE_DB, withAdmin } from './db';

/** Runs the real migrations once into a template database, seeded with reference data and the demo accounts. */
export default async function globalSetup(): Promise<void> {
  await withAdmin('postgres', async (c) => {
    // old clones from an interrupted run
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'ctms_t_%'`);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  });
  await dropDatabase(TEMPLATE_DB);
  await ensureDatabase(adminUrl(TEMPLATE_DB));
  await migrate(adminUrl(TEMPLATE_DB));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: appUrl(TEMPLATE_DB), DATABASE_ADMIN_URL: adminUrl(TEMPLATE_DB) });
  await seed(config, { demoUsers: true });
}
