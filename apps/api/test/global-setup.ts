import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';
import { adminUrl, appUrl, dropDatabase, TEMPLATE_DB, withAdmin } from './db';

/** Runs the real migrations once into a template database, seeded with reference data and the demo accounts. */
export default async function globalSetup(): Promise<void> {
  // global setup runs outside Jest's resolver: teach Node the workspace path alias first
  const root = resolve(__dirname, '../../..');
  register({ baseUrl: root, paths: { '@ctms/domain': ['libs/domain/src/index.ts'], '@ctms/migrations': ['migrations/index.ts'] } });
  const { loadConfig } = await import('../src/platform/config/config');
  const { ensureDatabase, migrate } = await import('../src/platform/database/migrate');
  const { seed } = await import('../src/platform/database/seed');

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
