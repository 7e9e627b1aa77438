import { Client } from 'pg';

export const PG_HOST = process.env['TEST_PG_HOST'] ?? '127.0.0.1:5432';
/** Set by the global setup (one template per test run, so parallel runs never disturb each other). */
export const TEMPLATE_DB = process.env['TEST_TEMPLATE_DB'] ?? 'ctms_tpl_manual';
/** Clones are named after the run that owns them, so a later run can drop what a dead run left behind. */
export const RUN_ID = process.env['TEST_RUN_ID'] ?? String(process.pid);
export const adminUrl = (db: string) => `postgres://postgres@${PG_HOST}/${db}`;
export const appUrl = (db: string) => `postgres://ctms_app@${PG_HOST}/${db}`;

export async function withAdmin<T>(db: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl(db) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin('postgres', async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

/** A fresh database for one suite: a copy of the migrated, seeded template. */
export async function cloneTemplate(name: string): Promise<void> {
  await withAdmin('postgres', async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  });
}
