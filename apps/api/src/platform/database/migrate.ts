import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { moveLegacyScreeningPlaces } from '../../screenings/legacy-places';
import type { FieldCipher } from '../crypto/field-cipher';
import { dbOptions } from './db-options';

const MIGRATION_LOCK = 727000;

/** Creates the database named in `adminUrl` when it does not exist yet. */
export async function ensureDatabase(adminUrl: string): Promise<boolean> {
  const target = new URL(adminUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error('database name may hold only letters, digits and _');
  const maintenance = new URL(adminUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Runs pending migrations as the owner, under a session advisory lock so that several processes
 * starting at once migrate exactly once. Returns the names of the migrations applied. With the
 * field cipher it then does the data steps a SQL migration cannot, because they encrypt
 * (moveLegacyScreeningPlaces, decision 0017).
 */
export async function migrate(adminUrl: string, opts: { cipher?: FieldCipher } = {}): Promise<string[]> {
  const ds = new DataSource(dbOptions(adminUrl, { extra: { max: 1 } }));
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      if (opts.cipher) await moveLegacyScreeningPlaces(ds, opts.cipher);
      return applied.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await ds.destroy();
  }
}
