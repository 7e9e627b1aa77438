import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { type AnchorRef } from '../audit/audit-anchor';
import { verifyAuditChain, type VerifyResult } from '../audit/audit-verify';
import type { FieldCipher } from '../crypto/field-cipher';

/**
 * `npm run backup` and `npm run restore` (decision 0028).
 *
 * Backup: one pg_dump in custom format of the database at DATABASE_ADMIN_URL, taken in ONE snapshot
 * that this process exports: in that same snapshot it counts every table's rows and reads the
 * newest audit block, and writes them to a manifest beside the dump. The dump and the manifest are
 * 0600 in a 0700 directory and named by the time only (`ctms-20261207T020000Z.dump`): no personal
 * data in a file name. Personal fields are in the dump as they are in the database: ciphertext.
 * The keys are not in it (they are configuration, decision 0002) and must be backed up apart.
 *
 * Restore: into a NEW database (refused if it exists, or if it is the live one unless `overLive`),
 * in one transaction, then checked: the dump's checksum, every table's count against the manifest
 * (the same snapshot), the audit chain (and the anchor, when given), a sample of every encrypted
 * column decrypted with the configured keys, and whether this cluster's transaction ids are ahead
 * of the backup's (else new audit rows could not be sealed). With `overLive`, the live database is
 * renamed aside (kept) and the restored one takes its name, only once every check passed.
 */

export interface BackupManifest {
  format: 1;
  /** the dump file's name, beside the manifest */
  dump: string;
  createdAt: string;
  /** the database the dump was taken from */
  database: string;
  serverVersion: string;
  /** sha256 of the dump file, hex */
  sha256: string;
  bytes: number;
  /** rows per table in the dump's snapshot */
  tables: Record<string, number>;
  /** the newest sealed audit block in the snapshot (null before the first seal) */
  audit: { block: string; hash: string } | null;
}

export interface BackupResult {
  file: string;
  manifestFile: string;
  manifest: BackupManifest;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export class BackupError extends Error {}

/** The URL of database `name` on the same server, with the same credentials. */
export function urlOfDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/** Runs a PostgreSQL client program; stdout to `out` if given. Rejects with its exit code and the last lines of stderr (no data: pg tools print object names and errors). */
function run(cmd: string, url: string, args: string[], out?: NodeJS.WritableStream): Promise<void> {
  // the password goes in the environment, never on the command line (where `ps` shows it)
  const u = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) || process.env['PGPASSWORD'] || '' };
  u.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args, `--dbname=${u.toString()}`], {
      stdio: ['ignore', out ? 'pipe' : 'ignore', 'pipe'],
      env,
    });
    let err = '';
    child.stderr?.on('data', (b: Buffer) => {
      err = (err + b.toString('utf8')).slice(-2000);
    });
    const piped = out && child.stdout ? pipeline(child.stdout, out) : Promise.resolve();
    child.on('error', (e) =>
      reject(
        new BackupError(
          `${cmd} could not start (${(e as NodeJS.ErrnoException).code ?? e.name}): install the PostgreSQL client of the server's major version`,
        ),
      ),
    );
    child.on('close', (code) => {
      piped.then(
        () =>
          code === 0
            ? resolve()
            : reject(new BackupError(`${cmd} failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' / ')}`)),
        (e: unknown) => reject(e instanceof Error ? e : new BackupError(`${cmd} output could not be written`)),
      );
    });
  });
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(file), h);
  return h.digest('hex');
}

async function countTables(c: Client): Promise<Record<string, number>> {
  const t = await c.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of t.rows) {
    if (!IDENT.test(name)) throw new BackupError(`unexpected table name ${JSON.stringify(name)}`);
    const r = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${name}"`);
    counts[name] = Number(r.rows[0].n);
  }
  return counts;
}

async function writePrivate(file: string, text: string): Promise<void> {
  const fh = await open(file, 'wx', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Takes a backup of the database at `adminUrl` into `dir`. The snapshot is exported by a
 * REPEATABLE READ transaction held open until pg_dump has finished; pg_dump reads through it
 * (`--snapshot`), so the dump and the manifest's counts are the same instant, whatever writes run
 * meanwhile. Writers are never blocked (pg_dump takes ACCESS SHARE locks only).
 */
export async function backupDatabase(
  adminUrl: string,
  dir: string,
  opts: { now?: Date; pgDump?: string } = {},
): Promise<BackupResult> {
  const now = opts.now ?? new Date();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const name = `ctms-${stamp(now)}`;
  const file = join(dir, `${name}.dump`);
  const manifestFile = join(dir, `${name}.manifest.json`);
  if (existsSync(file) || existsSync(manifestFile))
    throw new BackupError(`${basename(file)} exists already: one backup per second`);
  const partial = `${file}.partial`;
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snap = await c.query<{ id: string; v: string }>(
      `SELECT pg_export_snapshot() AS id, current_setting('server_version') AS v`,
    );
    const tables = await countTables(c);
    const audit = await c.query<{ block: string; hash: string }>(
      `SELECT block::text AS block, encode(hash, 'hex') AS hash FROM audit_seal ORDER BY audit_seal.block DESC LIMIT 1`,
    );
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    try {
      await run(
        opts.pgDump ?? 'pg_dump',
        adminUrl,
        ['--format=custom', '--compress=6', `--snapshot=${snap.rows[0].id}`],
        out,
      );
    } catch (e) {
      await unlink(partial).catch(() => undefined);
      throw e;
    }
    await c.query('COMMIT');
    await chmod(partial, 0o600);
    const manifest: BackupManifest = {
      format: 1,
      dump: basename(file),
      createdAt: now.toISOString(),
      database: databaseOf(adminUrl),
      serverVersion: snap.rows[0].v,
      sha256: await sha256(partial),
      bytes: (await stat(partial)).size,
      tables,
      audit: audit.rows[0] ?? null,
    };
    await rename(partial, file);
    await writePrivate(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    return { file, manifestFile, manifest };
  } finally {
    await c.end();
  }
}

export interface RestoreOptions {
  /** the dump file; its manifest is the file beside it named `<name>.manifest.json` */
  file: string;
  /** the new database's name */
  target: string;
  /** the live database's name (from DATABASE_ADMIN_URL): never restored over without `overLive` */
  live: string;
  /** restore into a new database, then swap it in for the live one (which is kept, renamed) */
  overLive?: boolean;
  /** the configured keys: a sample of every encrypted column must decrypt with them */
  cipher: FieldCipher;
  /** checked against the restored chain: a backup older than the anchor fails here, by design */
  anchor?: AnchorRef | null;
  /** encrypted values sampled per column */
  sample?: number;
  pgRestore?: string;
  now?: Date;
}

export interface RestoreReport {
  /** the database that now holds the backup */
  database: string;
  /** the live database's new name when `overLive` swapped it aside */
  previousLive: string | null;
  manifest: BackupManifest;
  /** tables whose count differs from the manifest, as `table: restored ≠ manifest` */
  countMismatches: string[];
  audit: VerifyResult;
  /** encrypted values decrypted with the configured keys, and those that failed (`table.column`, never a value) */
  decrypted: number;
  undecryptable: string[];
  /** problems found; empty means the restore is good */
  problems: string[];
}

export function manifestFileOf(dumpFile: string): string {
  return join(dirname(dumpFile), `${basename(dumpFile).replace(/\.dump$/, '')}.manifest.json`);
}

export function readManifest(dumpFile: string): BackupManifest {
  const f = manifestFileOf(dumpFile);
  if (!existsSync(f))
    throw new BackupError(`no manifest beside the dump (${basename(f)}): it is written by npm run backup`);
  const m = JSON.parse(readFileSync(f, 'utf8')) as BackupManifest;
  if (m.format !== 1 || typeof m.sha256 !== 'string' || typeof m.tables !== 'object')
    throw new BackupError(`${basename(f)} is not a backup manifest`);
  return m;
}

async function sampleDecrypt(
  c: Client,
  cipher: FieldCipher,
  perColumn: number,
): Promise<{ decrypted: number; failed: string[] }> {
  const cols = await c.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.column_name LIKE '%\\_enc' AND c.table_name <> 'audit_event'
        AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public' AND i.table_name = c.table_name AND i.column_name = 'id' AND i.data_type = 'uuid')
      ORDER BY c.table_name, c.column_name`,
  );
  let decrypted = 0;
  const failed: string[] = [];
  for (const { table_name: table, column_name: column } of cols.rows) {
    if (!IDENT.test(table) || !IDENT.test(column)) continue;
    const rows = await c.query<{ id: string; v: string }>(
      `SELECT id::text AS id, "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL ORDER BY random() LIMIT $1`,
      [perColumn],
    );
    let bad = 0;
    for (const r of rows.rows) {
      try {
        cipher.decrypt(r.v, { table, column, rowId: r.id });
        decrypted++;
      } catch {
        bad++;
      }
    }
    if (bad) failed.push(`${table}.${column}: ${bad} of ${rows.rows.length}`);
  }
  return { decrypted, failed };
}

/** Restores a backup into a new database and checks it (see the file's comment). Throws before touching anything when the target is wrong. */
export async function restoreDatabase(adminUrl: string, opts: RestoreOptions): Promise<RestoreReport> {
  const { file, live } = opts;
  if (!IDENT.test(opts.target))
    throw new BackupError('the target database name must be a lower-case identifier (letters, digits, _)');
  if (opts.target === live && !opts.overLive)
    throw new BackupError(
      `${live} is the live database: restore into a new database, or add --over-live to swap the restored copy in for it`,
    );
  if (!existsSync(file)) throw new BackupError(`no dump at ${file}`);
  const manifest = readManifest(file);
  if ((await sha256(file)) !== manifest.sha256)
    throw new BackupError(`${basename(file)} does not match its manifest's checksum: the dump is damaged`);
  const now = opts.now ?? new Date();
  const database = opts.target === live ? `${live}_restore_${stamp(now).toLowerCase()}` : opts.target;
  const server = new Client({ connectionString: urlOfDatabase(adminUrl, 'postgres') });
  await server.connect();
  try {
    const exists = await server.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
    if (exists.rowCount) throw new BackupError(`database ${database} exists already: restore into a new one`);
    await server.query(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await server.end();
  }
  const url = urlOfDatabase(adminUrl, database);
  try {
    await run(opts.pgRestore ?? 'pg_restore', url, ['--exit-on-error', '--single-transaction', '--no-password', file]);
  } catch (e) {
    // one transaction: nothing was restored; the empty database goes too
    const s = new Client({ connectionString: urlOfDatabase(adminUrl, 'postgres') });
    await s.connect();
    await s.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).finally(() => s.end());
    throw e;
  }

  const problems: string[] = [];
  const c = new Client({ connectionString: url });
  await c.connect();
  let countMismatches: string[];
  let decrypted: number;
  let undecryptable: string[];
  try {
    const counts = await countTables(c);
    const names = [...new Set([...Object.keys(counts), ...Object.keys(manifest.tables)])].sort();
    countMismatches = names
      .filter((t) => counts[t] !== manifest.tables[t])
      .map((t) => `${t}: ${counts[t] ?? 'missing'} ≠ ${manifest.tables[t] ?? 'missing'}`);
    if (countMismatches.length)
      problems.push(`row counts differ from the backup's snapshot: ${countMismatches.join('; ')}`);
    ({ decrypted, failed: undecryptable } = await sampleDecrypt(c, opts.cipher, opts.sample ?? 20));
    if (undecryptable.length)
      problems.push(
        `encrypted values that do not decrypt with the configured keys (restore FIELD_KEYS from the key backup): ${undecryptable.join('; ')}`,
      );
    // audit rows carry the id of the transaction that wrote them; the sealer needs this cluster's ids to be ahead
    const x = await c.query<{ now: string; max: string | null }>(
      `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS now, greatest((SELECT max(xact) FROM audit_event), (SELECT max(xact_to) FROM audit_seal))::text AS max`,
    );
    if (x.rows[0].max !== null && BigInt(x.rows[0].now) <= BigInt(x.rows[0].max)) {
      problems.push(
        `this cluster's transaction ids (${x.rows[0].now}) are behind the backup's (${x.rows[0].max}): new audit rows could not be sealed; ` +
          `advance the cluster's transaction id epoch (pg_resetwal --epoch) before using it (docs/operations.md)`,
      );
    }
  } finally {
    await c.end();
  }
  const audit = await verifyAuditChain(url, { seal: true, anchor: opts.anchor ?? null });
  if (!audit.ok) problems.push(...audit.problems.map((p) => `audit: ${p}`));

  let previousLive: string | null = null;
  if (opts.overLive && opts.target === live && !problems.length) {
    previousLive = `${live}_before_restore_${stamp(now).toLowerCase()}`;
    const s = new Client({ connectionString: urlOfDatabase(adminUrl, 'postgres') });
    await s.connect();
    try {
      await s.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [live],
      );
      await s.query(`ALTER DATABASE "${live}" RENAME TO "${previousLive}"`);
      await s.query(`ALTER DATABASE "${database}" RENAME TO "${live}"`);
    } finally {
      await s.end();
    }
  }
  return {
    database: previousLive ? live : database,
    previousLive,
    manifest,
    countMismatches,
    audit,
    decrypted,
    undecryptable,
    problems,
  };
}
