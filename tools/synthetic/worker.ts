import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { createFieldCipher } from '../../apps/api/src/platform/crypto/crypto.module';
import { adminUrl, backendCpuSeconds, syntheticEnv } from './db';
import { cachedSearchColumns, emptyRows, encodeCase, insertRows, TABLES, type TableName } from './encode';
import { SyntheticEncryptor } from './fast-cipher';
import { personSearchColumns } from './person-search-rows';
import { planCase, type PlannedCase, type Refs } from './plan';

export interface WorkerInput {
  db: string;
  seed: number;
  refs: Refs;
}
export interface ChunkJob {
  from: number;
  to: number;
}
/** Sent once before the worker exits: CPU seconds of its PostgreSQL backend. */
export interface WorkerDone {
  pgCpuSeconds: number;
}
export interface ChunkDone {
  from: number;
  to: number;
  rows: Record<string, number>;
  genMs: number;
  insertMs: number;
  auditMs: number;
}

/**
 * ~20 audit events per case, written through the real chain trigger (one advisory lock per row,
 * the same path as the application): reads and writes of the case, reads of its person, its
 * referrals and consents, and a list.
 */
export const AUDIT_SQL = `INSERT INTO audit_event (at, actor_user_id, actor_username, actor_agency_id, actor_roles, action, object_type, object_id, outcome, request_id, source_ip, details)
  SELECT x.opened_at + make_interval(hours => g * 7), u.id, u.username, x.agency_id, coalesce(u.roles, '{}'),
         CASE WHEN g <= 10 THEN 'CASE_READ' WHEN g <= 12 THEN 'CASE_UPDATED' WHEN g = 13 THEN 'CASE_NOTES_READ' WHEN g = 14 THEN 'CASE_TIMELINE_READ'
              WHEN g <= 16 THEN 'PERSON_READ' WHEN g <= 18 THEN 'REFERRAL_READ' WHEN g = 19 THEN 'CONSENT_GRANTED' ELSE 'CASE_LISTED' END,
         CASE WHEN g <= 14 THEN 'case' WHEN g <= 16 THEN 'person' WHEN g <= 18 THEN 'referral' WHEN g = 19 THEN 'consent' ELSE 'case' END,
         CASE WHEN g <= 14 THEN x.case_id WHEN g <= 16 THEN x.person_id WHEN g <= 18 THEN coalesce(x.referral_id, x.case_id) WHEN g = 19 THEN x.consent_id ELSE NULL END,
         'ALLOWED', 'syn-' || left(x.case_id, 8) || '-' || g, '10.20.0.' || (g % 7 + 1), NULL
    FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::text[], $7::text[])
         WITH ORDINALITY AS x(case_id, person_id, agency_id, user_id, opened_at, referral_id, consent_id, n)
    LEFT JOIN app_user u ON u.id = x.user_id CROSS JOIN generate_series(1, 20) g
   ORDER BY x.n, g`;

/** The parameters of AUDIT_SQL for some planned cases. */
export function auditParams(cases: readonly PlannedCase[]): unknown[] {
  return [
    cases.map((c) => c.id),
    cases.map((c) => c.person.id),
    cases.map((c) => c.leadAgencyId),
    cases.map((c) => c.assignedTo?.id ?? null),
    cases.map((c) => c.openedAt.toISOString()),
    cases.map((c) => c.referrals[0]?.id ?? null),
    cases.map((c) => c.consents[0]?.id ?? null),
  ];
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('worker.ts runs as a worker thread');
  const input = workerData as WorkerInput;
  // FieldCipher for the blind indexes and keyed trigrams; the encryptor writes FieldCipher's format
  const cipher = createFieldCipher(syntheticEnv(), 'production');
  const sx = new SyntheticEncryptor(syntheticEnv());
  const client = new Client({ connectionString: adminUrl(input.db) });
  await client.connect();
  await client.query(`SET synchronous_commit = off`);
  port.on('message', (msg: ChunkJob | 'stop') => {
    if (msg === 'stop') {
      void backendCpuSeconds(client)
        .then((pgCpuSeconds) => port.postMessage({ pgCpuSeconds } satisfies WorkerDone))
        .then(() => client.end())
        .then(() => process.exit(0));
      return;
    }
    void (async () => {
      const t0 = performance.now();
      const rows = emptyRows();
      const plans: PlannedCase[] = [];
      for (let i = msg.from; i < msg.to; i++) {
        const plan = planCase(input.seed, i, input.refs);
        encodeCase(cipher, sx, plan, rows);
        plans.push(plan);
      }
      // the memoised search columns must equal the persons module's own (person-search-rows.ts)
      const probe = plans[0]?.person.identity;
      if (
        probe &&
        JSON.stringify(cachedSearchColumns(cipher, probe)) !== JSON.stringify(personSearchColumns(cipher, probe))
      ) {
        throw new Error(
          `case ${msg.from}: memoised person search columns differ from personSearchColumns(): fix encode.ts cachedSearchColumns`,
        );
      }
      const t1 = performance.now();
      // one transaction per chunk: COPY per table, then the audit rows through the real trigger
      await client.query('BEGIN');
      const counts: Record<string, number> = {};
      for (const t of Object.keys(TABLES) as TableName[]) counts[t] = await insertRows(client, TABLES[t], rows[t]);
      const t2 = performance.now();
      const a = await client.query(AUDIT_SQL, auditParams(plans));
      await client.query('COMMIT');
      counts['audit_event'] = a.rowCount ?? 0;
      const done: ChunkDone = {
        from: msg.from,
        to: msg.to,
        rows: counts,
        genMs: t1 - t0,
        insertMs: t2 - t1,
        auditMs: performance.now() - t2,
      };
      port.postMessage(done);
    })().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  });
  port.postMessage('ready');
}

void main();
