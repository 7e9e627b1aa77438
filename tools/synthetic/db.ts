import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, type ClientBase } from 'pg';
import type { Refs } from './plan';

export const SYNTHETIC_MARK = 'ctms-synthetic';
export const DEFAULT_DB = 'ctms_synthetic';
/** The password of every synthetic account (synthetic databases only). */
export const BENCH_PASSWORD = 'synthetic-bench-password-2026';
export const PG_HOST = process.env['PGHOST_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

export function adminUrl(db: string): string {
  return `${PG_HOST}/${db}`;
}

export function appUrl(db: string): string {
  return `${PG_HOST.replace('postgres://postgres@', 'postgres://ctms_app@')}/${db}`;
}

function derived(label: string): string {
  return createHash('sha256').update(`CTMS SYNTHETIC DATASET - NOT SECRET - ${label}`).digest('base64');
}

/**
 * The keys a synthetic dataset is encrypted with: fixed, public, and not the development keyring,
 * so that the API can run with NODE_ENV=production against it. Never for real data.
 */
export function syntheticEnv(): Record<string, string> {
  return {
    FIELD_KEYS: `1:${derived('field key 1')}`,
    FIELD_KEY_CURRENT: '1',
    BLIND_INDEX_KEY: derived('blind index key'),
    JWT_SECRET: derived('jwt secret'),
  };
}

export function checkDbName(db: string): void {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(db)) throw new Error('--db must be a lower-case database name ([a-z0-9_])');
  if (db === 'ctms' || db === 'postgres' || db.startsWith('template'))
    throw new Error(`refusing to touch the database "${db}": it is not a synthetic database`);
}

/** The comment on the database, or undefined when it does not exist. */
export async function databaseMark(db: string): Promise<string | null | undefined> {
  const c = new Client({ connectionString: adminUrl('postgres') });
  await c.connect();
  try {
    const r = await c.query<{ mark: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`,
      [db],
    );
    return r.rows.length === 0 ? undefined : (r.rows[0]?.mark ?? null);
  } finally {
    await c.end();
  }
}

/** Throws unless `db` exists and carries the synthetic mark (the comment and the marker table). */
export async function assertSynthetic(db: string): Promise<void> {
  checkDbName(db);
  const mark = await databaseMark(db);
  if (mark === undefined) throw new Error(`database "${db}" does not exist: create it with npm run seed:synthetic`);
  if (mark !== SYNTHETIC_MARK)
    throw new Error(
      `REFUSED: database "${db}" is not marked as synthetic (COMMENT ON DATABASE … IS '${SYNTHETIC_MARK}'); the synthetic tools never write to it`,
    );
}

export async function loadRefs(client: ClientBase): Promise<Refs> {
  const agencies = (await client.query<{ id: string; code: string }>(`SELECT id, code FROM agency ORDER BY code`)).rows;
  const users = (
    await client.query<{ id: string; username: string; roles: string[]; code: string }>(
      `SELECT u.id, u.username, u.roles, a.code FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.username LIKE 'syn.%' ORDER BY u.username`,
    )
  ).rows;
  const staff: Refs['staff'] = {};
  for (const u of users) (staff[u.code] ??= []).push({ id: u.id, username: u.username, roles: u.roles });
  return { agencies, staff };
}

export function parseArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out.set(a.slice(2), 'true');
    else {
      out.set(a.slice(2), next);
      i++;
    }
  }
  return out;
}

export function intArg(args: Map<string, string>, name: string, fallback: number): number {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

/**
 * CPU seconds used so far by the PostgreSQL backend serving `client` (utime + stime from
 * /proc/<pid>/stat; the server runs on this machine). 0 where /proc cannot be read. With the CPU
 * time of the generator itself this gives a measure that other load on a shared machine does not
 * inflate, unlike wall time.
 */
export async function backendCpuSeconds(client: ClientBase): Promise<number> {
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
