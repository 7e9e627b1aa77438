import { Client } from 'pg';
import { type AnchorRef, checkAnchor, type Query } from './audit-anchor';

export interface VerifyResult {
  ok: boolean;
  /** rows inside sealed blocks, all recomputed */
  rows: number;
  blocks: number;
  /** rows written after the last block (their transactions were still running): not yet verifiable */
  unsealed: number;
  problems: string[];
  /** whether the chain was checked against an anchor kept outside the database (decision 0028) */
  anchored: boolean;
}

const ZERO = '0'.repeat(64);

/** Seals every finished row (the same function the worker calls every few seconds). */
export async function sealAudit(client: Client, maxRows = 200_000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await client.query<{ n: number }>('SELECT audit_seal($1) AS n', [maxRows]);
    const n = Number(r.rows[0].n);
    if (!n) return total;
    total += n;
  }
}

/**
 * Recomputes every seal block of the audit trail (decision 0007): the blocks must follow one
 * another without a gap (block numbers and transaction ranges), each must name the previous one's
 * hash, and the rows inside each range must still hash to the stored value. An edited, deleted or
 * added row changes its block's count or hash; a deleted or altered block breaks the chain of
 * blocks. Gaps in seq alone are not evidence: a rolled-back transaction consumes a number.
 * With `seal`, first seals what has finished, so the check covers everything written so far.
 * With `anchor` (the newest block's hash kept outside the database, decision 0028), the chain must
 * still hold that block unchanged: a database rolled back to before it fails here.
 */
export async function verifyAuditChain(
  url: string,
  opts: { seal?: boolean; limitProblems?: number; anchor?: AnchorRef | null } = {},
): Promise<VerifyResult> {
  const limit = opts.limitProblems ?? 20;
  const client = new Client({ connectionString: url });
  await client.connect();
  const problems: string[] = [];
  let rows = 0;
  let blocks = 0;
  let unsealed = 0;
  try {
    if (opts.seal) await sealAudit(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // ordered by the column, not by the text alias (which put block 10 before block 2)
    const seals = await client.query<{ block: string; lo: string; hi: string; n: number; prev: string; hash: string }>(
      `SELECT block::text AS block, xact_from::text AS lo, xact_to::text AS hi, row_count AS n,
              encode(prev_hash, 'hex') AS prev, encode(hash, 'hex') AS hash
       FROM audit_seal ORDER BY audit_seal.block`,
    );
    let expectedPrev = ZERO;
    let expectedLo = '0';
    let expectedBlock = 1n;
    for (const b of seals.rows) {
      blocks++;
      const name = `block ${b.block} (transactions ${b.lo}–${b.hi})`;
      if (BigInt(b.block) !== expectedBlock) problems.push(`${name}: block ${expectedBlock} is missing`);
      if (b.lo !== expectedLo) problems.push(`${name}: does not start where the previous block ended (${expectedLo})`);
      if (b.prev !== expectedPrev)
        problems.push(`${name}: does not name the previous block's hash (a block was deleted or altered)`);
      const d = await client.query<{ n: number; hash: string }>(
        `SELECT row_count AS n, encode(hash, 'hex') AS hash FROM audit_block_digest($1, $2, $3, decode($4, 'hex'))`,
        [b.block, b.lo, b.hi, b.prev],
      );
      rows += d.rows[0].n;
      if (d.rows[0].n !== b.n)
        problems.push(`${name}: holds ${d.rows[0].n} rows, sealed with ${b.n} (rows deleted or added)`);
      else if (d.rows[0].hash !== b.hash) problems.push(`${name}: its rows do not match the seal (a row was edited)`);
      expectedPrev = b.hash;
      expectedLo = b.hi;
      expectedBlock = BigInt(b.block) + 1n;
      if (problems.length >= limit) break;
    }
    const rest = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE xact >= $1`, [
      expectedLo,
    ]);
    unsealed = rest.rows[0].n;
    if (opts.anchor) {
      const query: Query = async <R>(text: string, params?: unknown[]) =>
        (await client.query(text, params)).rows as R[];
      problems.unshift(...(await checkAnchor(query, opts.anchor)));
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return { ok: problems.length === 0, rows, blocks, unsealed, problems, anchored: !!opts.anchor };
}
