import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';
import { adminUrl, appUrl, dropDatabase, withAdmin } from './db';

/** Runs the real migrations once into a template database, seeded with reference data and the demo accounts. */
export default async function globalSetup(): Promise<void> {
  // global setup runs outside Jest's resolver: teach Node the workspace path alias first
  const root = resolve(__dirname, '../../..');
  register({
    baseUrl: root,
    paths: { '@ctms/domain': ['libs/domain/src/index.ts'], '@ctms/migrations': ['migrations/index.ts'] },
  });
  const { loadConfig } = await import('../src/platform/config/config');
  const { ensureDatabase, migrate } = await import('../src/platform/database/migrate');
  const { seed } = await import('../src/platform/database/seed');
  const { createFieldCipher } = await import('../src/platform/crypto/crypto.module');

  const runId = String(process.pid);
  const TEMPLATE_DB = `ctms_tpl_${runId}`;
  // test workers start after this and inherit these
  process.env['TEST_RUN_ID'] = runId;
  process.env['TEST_TEMPLATE_DB'] = TEMPLATE_DB;
  await withAdmin('postgres', async (c) => {
    // databases left behind by runs that died (their process is gone); never another live run's
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^ctms_(tpl|t)_[0-9]+'`,
    );
    for (const r of rows) {
      const pid = Number(/^ctms_(?:tpl|t)_([0-9]+)/.exec(r.datname)?.[1]);
      if (pid && !isAlive(pid)) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    }
  });
  await dropDatabase(TEMPLATE_DB);
  await ensureDatabase(adminUrl(TEMPLATE_DB));
  // test has no demo password of its own (decision 0011): the fixtures bring the one they sign in with
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_PASSWORD: 'demo-password-2026',
    DATABASE_URL: appUrl(TEMPLATE_DB),
    DATABASE_ADMIN_URL: adminUrl(TEMPLATE_DB),
  });
  await migrate(adminUrl(TEMPLATE_DB), { cipher: createFieldCipher(process.env, config.env) });
  await seed(config, { demoUsers: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
