import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const HEX64 = /^[0-9a-f]{64}$/;
const DIGITS = /^[0-9]{1,20}$/;

/**
 * The audit anchor (decision 0028): the newest sealed block's number and hash, written outside the
 * database (a file, and an e-mail to the system admins). Deleting the newest blocks, or restoring an
 * older backup, leaves a chain that verifies on its own (decision 0007); compared with the anchor,
 * it no longer holds the anchored block, or holds a different one. The anchor holds block numbers,
 * transaction ids, a hash and times: nothing personal.
 */
export interface AuditAnchor {
  format: 1;
  /** the block number, as text (bigint) */
  block: string;
  /** where that block's transaction range ends (the next block starts there) */
  xactTo: string;
  /** the block's hash, 64 hex characters */
  hash: string;
  /** when the block was sealed, ISO 8601 */
  sealedAt: string;
  /** when the anchor was written, ISO 8601 */
  writtenAt: string;
}

export class AnchorFileError extends Error {}

/** What a check needs: the block and its hash (from the file, or typed in from the e-mail). */
export type AnchorRef = Pick<AuditAnchor, 'block' | 'hash'> & Partial<AuditAnchor>;

/** Parses `--anchor-block N --anchor-hash H` (the e-mailed copy). */
export function anchorRef(block: string, hash: string): AnchorRef {
  if (!DIGITS.test(block)) throw new AnchorFileError('--anchor-block must be a block number');
  if (!HEX64.test(hash)) throw new AnchorFileError('--anchor-hash must be 64 hexadecimal characters');
  return { block, hash };
}

/** A query on some connection (a pg Client, or TypeORM's DataSource / EntityManager). */
export type Query = <R>(text: string, params?: unknown[]) => Promise<R[]>;

export const ANCHOR_FILE_NAME = 'audit-anchor.json';

export const anchorFile = (dir: string): string => join(dir, ANCHOR_FILE_NAME);

/** The anchor in `file`, or null if there is none. A file that is not an anchor is an error, never ignored. */
export function readAnchor(file: string): AuditAnchor | null {
  if (!existsSync(file)) return null;
  let v: Partial<AuditAnchor>;
  try {
    v = JSON.parse(readFileSync(file, 'utf8')) as Partial<AuditAnchor>;
  } catch {
    throw new AnchorFileError(`${file} is not an audit anchor (not JSON)`);
  }
  if (
    v.format !== 1 ||
    !DIGITS.test(String(v.block)) ||
    !DIGITS.test(String(v.xactTo)) ||
    !HEX64.test(String(v.hash)) ||
    typeof v.sealedAt !== 'string' ||
    typeof v.writtenAt !== 'string'
  ) {
    throw new AnchorFileError(`${file} is not an audit anchor (fields missing or malformed)`);
  }
  return v as AuditAnchor;
}

/** Writes the anchor atomically (a temporary file renamed over the old one), 0600 in a 0700 directory. */
export async function writeAnchor(file: string, anchor: AuditAnchor): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(`${JSON.stringify(anchor, null, 2)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/** The newest sealed block, or null before the first seal. */
export async function latestBlock(query: Query): Promise<Omit<AuditAnchor, 'writtenAt' | 'format'> | null> {
  const rows = await query<{ block: string; xact_to: string; hash: string; sealed_at: Date }>(
    `SELECT block::text AS block, xact_to::text AS xact_to, encode(hash, 'hex') AS hash, sealed_at FROM audit_seal ORDER BY audit_seal.block DESC LIMIT 1`,
  );
  const b = rows[0];
  return b ? { block: b.block, xactTo: b.xact_to, hash: b.hash, sealedAt: new Date(b.sealed_at).toISOString() } : null;
}

/**
 * What is wrong with this database compared with the anchor: its chain must still hold the
 * anchored block, with the anchored hash and range. Empty when it does. (That the blocks after it
 * follow from it is `verifyAuditChain`'s part.)
 */
export async function checkAnchor(query: Query, anchor: AnchorRef): Promise<string[]> {
  const rows = await query<{ xact_to: string; hash: string }>(
    `SELECT xact_to::text AS xact_to, encode(hash, 'hex') AS hash FROM audit_seal WHERE block = $1`,
    [anchor.block],
  );
  const last = await latestBlock(query);
  const ends = last ? `its chain ends at block ${last.block}` : 'it has no sealed block';
  const b = rows[0];
  const written = anchor.writtenAt ? `the anchor written ${anchor.writtenAt}` : 'the anchor';
  if (!b) {
    return [
      `ROLLED BACK: ${written} names block ${anchor.block}${anchor.sealedAt ? ` (sealed ${anchor.sealedAt})` : ''}, but ${ends}: ` +
        `this database was restored from a backup older than the anchor, or its newest blocks were deleted`,
    ];
  }
  if (b.hash !== anchor.hash || (anchor.xactTo !== undefined && b.xact_to !== anchor.xactTo)) {
    return [
      `REWRITTEN: block ${anchor.block} does not match ${written} (hash ${b.hash.slice(0, 12)}… instead of ${anchor.hash.slice(0, 12)}…): ` +
        `this database was restored from a backup older than the anchor and has sealed other rows since, or its chain was rebuilt`,
    ];
  }
  return [];
}

/** The active system admins with an e-mail address: who receives the anchor. */
export async function anchorRecipients(query: Query): Promise<{ id: string; email: string }[]> {
  return query<{ id: string; email: string }>(
    `SELECT id, email FROM app_user WHERE status = 'ACTIVE' AND 'SYSTEM_ADMIN' = ANY(roles) AND email IS NOT NULL AND email <> '' ORDER BY id`,
  );
}

/** The anchor e-mail: the block number and hash, in Lao and English, and what to do with it. Nothing personal. */
export function anchorMail(block: string, hash: string, sealedAt: string): { subject: string; text: string } {
  return {
    subject: `CTMS: ຫຼັກໝາຍບັນທຶກການກວດສອບ / Audit anchor, block ${block}`,
    text: [
      'ເກັບອີເມວນີ້ໄວ້. ມັນຢືນຢັນວ່າບັນທຶກການກວດສອບມີຢູ່ຮອດບລັອກນີ້ ແລະ ບໍ່ສາມາດຖືກລຶບຖອຍຫຼັງໄດ້ໂດຍບໍ່ມີໃຜຮູ້.',
      'Keep this e-mail. It proves the audit trail reached this block, so that a database rolled back to before it is detected.',
      '',
      `ບລັອກ / Block: ${block}`,
      `ຜະນຶກເມື່ອ / Sealed at: ${sealedAt}`,
      `SHA-256: ${hash}`,
      '',
      `npm run audit:verify -- --anchor-block ${block} --anchor-hash ${hash}`,
      '',
    ].join('\n'),
  };
}
