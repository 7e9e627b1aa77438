import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { FieldCryptoError } from './crypto-errors';
import { FieldCipher } from './field-cipher';
import { FileCipher, looksLikeEnvelope } from './file-cipher';

/**
 * `npm run keys:rotate` (decision 0013): brings every encrypted value under FIELD_KEY_CURRENT, in
 * batches, while the system runs, and reports what is left.
 *
 * - Every `*_enc` column of every table (found in the catalogue, so a new one is never forgotten)
 *   except `audit_event`: values whose prefix is not `v<current>.` are decrypted (authenticating
 *   their row binding) and encrypted again, then written with a compare-and-swap on the old
 *   ciphertext: a row changed meanwhile is never overwritten (it is counted, and the next run takes
 *   it). Files are covered here too: their data keys live in `attachment.data_key_enc` and
 *   `export_job.data_key_enc`, so rotating the keyring re-wraps 32 bytes per file, not the file.
 * - Legacy plaintext columns (from before encryption) are moved into their encrypted column and
 *   emptied, with the same compare-and-swap.
 * - Attachment files from before encryption are encrypted into a new file (new random name) and
 *   the row switched to it with a compare-and-swap; the plaintext file is then deleted. Export files
 *   from before encryption are not worth a copy (an export lives an hour): they are expired and
 *   deleted.
 * - `audit_event` rows can never be rewritten (append-only, sealed by hash): their reasons are
 *   reported by key version, and those versions must stay in FIELD_KEYS while the rows are kept.
 *
 * Resumable: each run selects only what is not yet current, so an interrupted run is simply run
 * again. Runs as the owner role (DATABASE_ADMIN_URL): the application role may not update the
 * append-only tables, and the owner may only change their `*_enc` columns (migration
 * EncryptFilesAndFreeText).
 */

export interface RotationOptions {
  /** rows per read and per compare-and-swap write */
  batch?: number;
  /** count only: read nothing, write nothing */
  dryRun?: boolean;
  attachmentsDir: string;
  exportsDir: string;
  /** test hook: runs after a batch is read and re-encrypted, before it is written */
  beforeWrite?: (target: string, ids: string[]) => Promise<void>;
}

export interface RotationLine {
  /** `table.column`, or a file kind */
  target: string;
  kind: 'column' | 'plaintext column' | 'attachment files' | 'export files' | 'audit (immutable)';
  /** values brought under the current version in this run */
  done: number;
  /** rows changed by someone else between read and write: left for the next run */
  changedMeanwhile: number;
  /** values that failed authentication or could not be read: named by row id, never by content */
  failed: string[];
  /** after this run: values not under the current version (or plaintext) */
  left: number;
  /** after this run: values per key version, e.g. { v1: 3, v2: 120 } */
  byVersion: Record<string, number>;
}

export interface RotationReport {
  currentVersion: number;
  lines: RotationLine[];
  /** everything is current (audit rows, which cannot change, aside) and nothing failed */
  complete: boolean;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;
const ATTACHMENT_KEY_RE = /^([0-9]{4})\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXPORT_FILE_RE = /^[0-9a-f-]{36}\.(csv|xlsx|pdf)$/;
const AUDIT_CODE_RE = '^[A-Z][A-Z0-9_]{0,63}$';

/** Legacy plaintext columns and the encrypted columns that replace them. */
export const LEGACY_PLAINTEXT: readonly { table: string; plain: string; enc: string }[] = [
  { table: 'consent', plain: 'withdrawal_reason', enc: 'withdrawal_reason_enc' },
  { table: 'referral_service', plain: 'provider', enc: 'provider_enc' },
];

function q(ident: string): string {
  if (!IDENT.test(ident)) throw new Error(`not an identifier: ${ident}`);
  return `"${ident}"`;
}

function line(target: string, kind: RotationLine['kind']): RotationLine {
  return { target, kind, done: 0, changedMeanwhile: 0, failed: [], left: 0, byVersion: {} };
}

/** Authentication, format or unknown-version failures: the row is reported, the run goes on. */
function isCryptoFailure(e: unknown): boolean {
  return e instanceof FieldCryptoError;
}

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export async function rotateKeys(
  pool: Pool,
  cipher: FieldCipher,
  files: FileCipher,
  opts: RotationOptions,
): Promise<RotationReport> {
  const batch = opts.batch ?? 500;
  const current = `v${cipher.currentVersion}.`;
  const lines: RotationLine[] = [];

  // 1. every *_enc column (audit_event aside)
  const cols = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.column_name LIKE '%\\_enc' AND c.table_name <> 'audit_event'
        AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public' AND i.table_name = c.table_name AND i.column_name = 'id' AND i.data_type = 'uuid')
      ORDER BY c.table_name, c.column_name`,
  );
  for (const { table_name: table, column_name: column } of cols.rows) {
    const l = line(`${table}.${column}`, 'column');
    lines.push(l);
    if (!opts.dryRun) await rotateColumn(pool, cipher, table, column, current, batch, l, opts);
    await countVersions(pool, table, column, current, l);
  }

  // 2. legacy plaintext columns
  for (const legacy of LEGACY_PLAINTEXT) {
    const l = line(`${legacy.table}.${legacy.plain}`, 'plaintext column');
    lines.push(l);
    if (!opts.dryRun) await encryptLegacyColumn(pool, cipher, legacy, batch, l, opts);
    const r = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${q(legacy.table)} WHERE ${q(legacy.plain)} IS NOT NULL`,
    );
    l.left = r.rows[0]?.n ?? 0;
  }

  // 3. attachment files from before encryption
  const att = line('attachment files (plaintext on disk)', 'attachment files');
  lines.push(att);
  if (!opts.dryRun) await encryptLegacyAttachments(pool, files, batch, att, opts);
  att.left =
    (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM attachment WHERE data_key_enc IS NULL`)).rows[0]
      ?.n ?? 0;

  // 4. export files from before encryption: expired
  const exp = line('export files (plaintext on disk)', 'export files');
  lines.push(exp);
  if (!opts.dryRun) {
    const expired = await pool.query<{ id: string; file_key: string | null }>(
      `UPDATE export_job SET status = 'EXPIRED' WHERE status = 'READY' AND data_key_enc IS NULL RETURNING id, file_key`,
    );
    for (const r of expired.rows) {
      if (r.file_key && EXPORT_FILE_RE.test(r.file_key))
        await unlink(join(resolve(opts.exportsDir), r.file_key)).catch(() => undefined);
    }
    exp.done = expired.rowCount ?? 0;
  }
  exp.left =
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM export_job WHERE status = 'READY' AND data_key_enc IS NULL`,
      )
    ).rows[0]?.n ?? 0;

  // 5. audit rows: reported, never rewritten
  const audit = line('audit_event.reason_enc', 'audit (immutable)');
  lines.push(audit);
  await countVersions(pool, 'audit_event', 'reason_enc', current, audit);
  const auditPlain = line('audit_event.reason', 'audit (immutable)');
  lines.push(auditPlain);
  auditPlain.left =
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event WHERE reason IS NOT NULL AND reason !~ $1`,
        [AUDIT_CODE_RE],
      )
    ).rows[0]?.n ?? 0;

  const complete = lines.every((l) => l.failed.length === 0 && (l.kind === 'audit (immutable)' || l.left === 0));
  return { currentVersion: cipher.currentVersion, lines, complete };
}

async function countVersions(
  pool: Pool,
  table: string,
  column: string,
  current: string,
  l: RotationLine,
): Promise<void> {
  const r = await pool.query<{ v: string | null; n: number }>(
    `SELECT substring(${q(column)} from '^(v[0-9]+)\\.') AS v, count(*)::int AS n FROM ${q(table)} WHERE ${q(column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  l.byVersion = Object.fromEntries(r.rows.map((x) => [x.v ?? 'unreadable', x.n]));
  l.left = r.rows.filter((x) => `${x.v}.` !== current).reduce((n, x) => n + x.n, 0);
}

async function rotateColumn(
  pool: Pool,
  cipher: FieldCipher,
  table: string,
  column: string,
  current: string,
  batch: number,
  l: RotationLine,
  opts: RotationOptions,
): Promise<void> {
  let after = FIRST_ID;
  for (;;) {
    const rows = await pool.query<{ id: string; value: string }>(
      `SELECT id::text AS id, ${q(column)} AS value FROM ${q(table)}
        WHERE ${q(column)} IS NOT NULL AND left(${q(column)}, $1) <> $2 AND id > $3::uuid
        ORDER BY id LIMIT $4`,
      [current.length, current, after, batch],
    );
    if (!rows.rows.length) return;
    after = rows.rows[rows.rows.length - 1].id;
    const ids: string[] = [];
    const olds: string[] = [];
    const news: string[] = [];
    for (const r of rows.rows) {
      try {
        news.push(cipher.reencrypt(r.value, { table, column, rowId: r.id }));
        ids.push(r.id);
        olds.push(r.value);
      } catch (e) {
        if (!isCryptoFailure(e)) throw e;
        l.failed.push(r.id);
      }
    }
    if (opts.beforeWrite) await opts.beforeWrite(l.target, ids);
    if (ids.length) {
      // compare-and-swap on the ciphertext: a row written since it was read keeps its new value
      const w = await pool.query(
        `UPDATE ${q(table)} t SET ${q(column)} = v.new
           FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, old, new)
          WHERE t.id = v.id::uuid AND t.${q(column)} = v.old`,
        [ids, olds, news],
      );
      l.done += w.rowCount ?? 0;
      l.changedMeanwhile += ids.length - (w.rowCount ?? 0);
    }
    if (rows.rows.length < batch) return;
  }
}

async function encryptLegacyColumn(
  pool: Pool,
  cipher: FieldCipher,
  legacy: (typeof LEGACY_PLAINTEXT)[number],
  batch: number,
  l: RotationLine,
  opts: RotationOptions,
): Promise<void> {
  const { table, plain, enc } = legacy;
  let after = FIRST_ID;
  for (;;) {
    const rows = await pool.query<{ id: string; value: string; has_enc: boolean }>(
      `SELECT id::text AS id, ${q(plain)} AS value, ${q(enc)} IS NOT NULL AS has_enc FROM ${q(table)}
        WHERE ${q(plain)} IS NOT NULL AND id > $1::uuid ORDER BY id LIMIT $2`,
      [after, batch],
    );
    if (!rows.rows.length) return;
    after = rows.rows[rows.rows.length - 1].id;
    const todo = rows.rows.filter((r) => !r.has_enc);
    // a row with both is inconsistent: the encrypted value wins, the plaintext is left for a person to look at
    for (const r of rows.rows.filter((x) => x.has_enc)) l.failed.push(r.id);
    const ids = todo.map((r) => r.id);
    if (opts.beforeWrite) await opts.beforeWrite(l.target, ids);
    if (todo.length) {
      const w = await pool.query(
        `UPDATE ${q(table)} t SET ${q(enc)} = v.new, ${q(plain)} = NULL
           FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, old, new)
          WHERE t.id = v.id::uuid AND t.${q(plain)} = v.old AND t.${q(enc)} IS NULL`,
        [ids, todo.map((r) => r.value), todo.map((r) => cipher.encrypt(r.value, { table, column: enc, rowId: r.id }))],
      );
      l.done += w.rowCount ?? 0;
      l.changedMeanwhile += todo.length - (w.rowCount ?? 0);
    }
    if (rows.rows.length < batch) return;
  }
}

async function encryptLegacyAttachments(
  pool: Pool,
  files: FileCipher,
  batch: number,
  l: RotationLine,
  opts: RotationOptions,
): Promise<void> {
  const root = resolve(opts.attachmentsDir);
  const incoming = join(root, '.incoming');
  await mkdir(incoming, { recursive: true, mode: 0o700 });
  let after = FIRST_ID;
  for (;;) {
    const rows = await pool.query<{ id: string; storage_key: string; sha256: string }>(
      `SELECT id::text AS id, storage_key, sha256 FROM attachment WHERE data_key_enc IS NULL AND id > $1::uuid ORDER BY id LIMIT $2`,
      [after, batch],
    );
    if (!rows.rows.length) return;
    after = rows.rows[rows.rows.length - 1].id;
    for (const r of rows.rows) {
      const m = ATTACHMENT_KEY_RE.exec(r.storage_key);
      if (!m) {
        l.failed.push(r.id);
        continue;
      }
      const source = join(root, r.storage_key);
      const temp = join(incoming, randomUUID());
      const newKey = `${m[1]}/${randomUUID()}`;
      const target = join(root, newKey);
      try {
        const head = Buffer.alloc(16);
        const fh = await open(source, 'r');
        try {
          await fh.read(head, 0, 16, 0);
        } finally {
          await fh.close();
        }
        // a file that is already an envelope while its row has no key is not ours to guess about
        if (looksLikeEnvelope(head)) throw new Error('envelope without a key');
        const binding = { table: 'attachment', rowId: r.id };
        const dataKey = files.newDataKey(binding);
        const writer = files.writer(temp, dataKey.key, binding);
        await pipeline(createReadStream(source), writer);
        if (writer.sha256 !== r.sha256) throw new Error('digest differs from the one recorded at upload');
        await rename(temp, target);
        if (opts.beforeWrite) await opts.beforeWrite(l.target, [r.id]);
        const w = await pool.query(
          `UPDATE attachment SET data_key_enc = $2, storage_key = $3 WHERE id = $1 AND data_key_enc IS NULL AND storage_key = $4`,
          [r.id, dataKey.wrapped, newKey, r.storage_key],
        );
        if (w.rowCount === 1) {
          await unlink(source).catch(() => undefined);
          l.done++;
        } else {
          await unlink(target).catch(() => undefined);
          l.changedMeanwhile++;
        }
      } catch {
        await unlink(temp).catch(() => undefined);
        l.failed.push(r.id);
      }
    }
    if (rows.rows.length < batch) return;
  }
}

/** The report as lines of text for the terminal. */
export function formatRotationReport(r: RotationReport): string[] {
  const out = [`key rotation: current key version v${r.currentVersion}`];
  const w = Math.max(...r.lines.map((l) => l.target.length), 10);
  out.push(
    `${'target'.padEnd(w)}  ${'done'.padStart(7)}  ${'changed'.padStart(7)}  ${'failed'.padStart(6)}  ${'left'.padStart(7)}  by version`,
  );
  for (const l of r.lines) {
    const versions = Object.entries(l.byVersion)
      .map(([v, n]) => `${v}:${n}`)
      .join(' ');
    const note =
      l.kind === 'audit (immutable)'
        ? l.target.endsWith('_enc')
          ? '  (never rewritten: keep these key versions)'
          : '  (plaintext from before encryption: never rewritten)'
        : '';
    out.push(
      `${l.target.padEnd(w)}  ${String(l.done).padStart(7)}  ${String(l.changedMeanwhile).padStart(7)}  ${String(l.failed.length).padStart(6)}  ${String(l.left).padStart(7)}  ${versions}${note}`,
    );
    if (l.failed.length)
      out.push(`  failed rows (ids): ${l.failed.slice(0, 20).join(', ')}${l.failed.length > 20 ? ' …' : ''}`);
  }
  out.push(
    r.complete
      ? 'complete: every value is under the current key version'
      : 'not complete: run again (changed rows are taken next time) and look at failed rows',
  );
  return out;
}
