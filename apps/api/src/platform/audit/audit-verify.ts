import { Client } from 'pg';

export interface VerifyResult {
  ok: boolean;
  rows: number;
  problems: string[];
}

/**
 * Walks the whole audit chain in order and recomputes every hash. Finds an edited row (hash does
 * not match its content), a deleted row and reordered rows (a prev_hash that is not the previous
 * row's hash). Gaps in seq alone are not evidence: a rolled-back transaction consumes a number.
 */
export async function verifyAuditChain(url: string, limitProblems = 20): Promise<VerifyResult> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const problems: string[] = [];
  let rows = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`DECLARE chain NO SCROLL CURSOR FOR
      SELECT seq::text AS seq, encode(prev_hash, 'hex') AS prev, encode(hash, 'hex') AS hash,
             encode(sha256(convert_to(audit_event_canonical(e), 'UTF8')), 'hex') AS recomputed
      FROM audit_event e ORDER BY e.seq`);
    let expectedPrev = '0'.repeat(64);
    for (;;) {
      const batch = await client.query<{ seq: string; prev: string; hash: string; recomputed: string }>('FETCH 5000 FROM chain');
      if (!batch.rowCount) break;
      for (const r of batch.rows) {
        rows++;
        const seq = r.seq;
        if (r.prev !== expectedPrev) problems.push(`seq ${seq}: prev_hash does not match the previous row (deleted or reordered rows)`);
        if (r.recomputed !== r.hash) problems.push(`seq ${seq}: content does not match its hash (edited row)`);
        expectedPrev = r.hash;
        if (problems.length >= limitProblems) break;
      }
      if (problems.length >= limitProblems) break;
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return { ok: problems.length === 0, rows, problems };
}
