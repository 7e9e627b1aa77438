/**
 * npm run seed:cases -- [--cases 1000000] [--db ctms_syn_cases_1m] [--seed 1] [--fresh] [--chunk 10000] [--workers 2]
 *
 * A synthetic database for the case search benchmark (issue 15, `tools/bench/case-search.ts`): the
 * cases and their persons only, fast enough to make 1,000,000 cases in minutes (the full generator,
 * `seed:synthetic`, takes 30 min on an idle machine for its 35 M rows). Each case is the full
 * generator's case of the same (seed, index) (`planCase`: province, lead agency, assignee, status,
 * flags, case number, dates) with its main person (names with their spelling variants and
 * romanisations, birth date, documents, phone), so a benchmark asks names that exist. Not loaded:
 * the other persons of an intake, screenings, consents, referrals, handoffs, notes, events, audit.
 * Every 40th case is RESTRICTED, its assignee (or supervisor) named on it; bench.caseworker (MOPS_ATD,
 * province 13) is named on every other RESTRICTED ATD case of province 13.
 *
 * How it is fast: worker threads (2 by default) plan, key and encrypt chunks of cases
 * (`cases-worker.ts`; identity_enc is bound to its row id, so each person is encrypted once, with
 * `fast-cipher.ts`; the name keys `name_grams` and `name_bidx` come from the API's `identityKeys()`
 * with the generator's memo, `encode.ts` `cachedSearchColumns`), and each chunk goes in by `COPY`
 * on the worker's own connection while the worker plans the next one. Secondary indexes and
 * foreign keys of person and case_record are dropped during the load and rebuilt after
 * `VACUUM ANALYZE` (the phases of `seed-synthetic.ts`).
 *
 * The database is marked like the full generator's (comment `ctms-synthetic`, `synthetic_marker`)
 * and `synthetic_marker.kind` says `cases-only`: the benchmark reuses it when kind and size match,
 * and `bench.ts` refuses nothing else on it (its other rows need the full generator's data).
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { loadConfig } from '../../apps/api/src/platform/config/config';
import { migrate } from '../../apps/api/src/platform/database/migrate';
import { seed } from '../../apps/api/src/platform/database/seed';
import { CASE_COLUMNS, MEMBER_COLUMNS, PERSON_COLUMNS, type CasesChunk, type CasesWorkerInput } from './cases-worker';
import { copyFrom } from './copy';
import { adminUrl, appUrl, databaseMark, intArg, parseArgs, loadRefs, SYNTHETIC_MARK, syntheticEnv } from './db';
import { createStaff, deferIndexes, prepareDatabase, rebuildIndexes, vacuumAnalyze } from './seed-synthetic';

export const CASES_ONLY = 'cases-only';
export const DEFAULT_CASES_DB = 'ctms_syn_cases_1m';

function log(msg: string): void {
  console.log(`[seed:cases ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

/** The size of a finished cases-only database, or null (missing, not marked, other kind, unfinished). */
export async function casesOnlySize(db: string): Promise<number | null> {
  if ((await databaseMark(db)) !== SYNTHETIC_MARK) return null;
  const c = new Client({ connectionString: adminUrl(db) });
  await c.connect();
  try {
    const r = await c.query<{ cases: number }>(
      `SELECT m.cases FROM synthetic_marker m
        WHERE to_regclass('synthetic_marker') IS NOT NULL AND m.finished_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'synthetic_marker' AND column_name = 'kind')
          AND (to_jsonb(m) ->> 'kind') = $1`,
      [CASES_ONLY],
    );
    return r.rows[0]?.cases ?? null;
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

/** Seeds (or, with `fresh`, re-seeds) a cases-only database of `cases` cases; returns the seconds it took. */
export async function seedCases(
  db: string,
  cases: number,
  opts: { seed?: number; fresh?: boolean; chunk?: number; workers?: number } = {},
): Promise<number> {
  const seedValue = opts.seed ?? 1;
  const chunk = opts.chunk ?? 10_000;
  const workers = Math.max(1, opts.workers ?? Math.min(2, cpus().length));
  const started = performance.now();
  await prepareDatabase(db, opts.fresh ?? false);
  const applied = await migrate(adminUrl(db));
  log(`migrated (${applied.length} migrations applied)`);
  const env = {
    ...process.env,
    ...syntheticEnv(),
    NODE_ENV: 'production',
    DATABASE_ADMIN_URL: adminUrl(db),
    DATABASE_URL: appUrl(db),
    ATTACHMENTS_DIR: '/tmp',
  };
  await seed(loadConfig(env), { demoUsers: false });
  const client = new Client({ connectionString: adminUrl(db) });
  await client.connect();
  const copiers: Client[] = [];
  try {
    const existing = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_record`)).rows[0]?.n ?? 0;
    if (existing > 0) throw new Error(`database "${db}" already holds ${existing} cases: pass --fresh to start again`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS synthetic_marker (seed integer NOT NULL, cases integer NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, kind text)`,
    );
    await client.query(`INSERT INTO synthetic_marker (seed, cases, kind) VALUES ($1, $2, $3)`, [
      seedValue,
      cases,
      CASES_ONLY,
    ]);
    const users = await createStaff(client, cases);
    log(`${users} synthetic accounts`);
    const deferred = await deferIndexes(client, ['person', 'case_record']);
    log(`deferred ${deferred.length} secondary indexes and foreign keys of person and case_record`);
    const input: CasesWorkerInput = {
      seed: seedValue,
      refs: await loadRefs(client),
      benchCaseworker:
        (await client.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'bench.caseworker'`)).rows[0]
          ?.id ?? null,
    };

    // ---- load: W worker threads plan, key and encrypt; each chunk is copied in on the worker's own connection ----
    const loadStart = performance.now();
    let next = 0;
    let done = 0;
    let restricted = 0;
    let lastPrint = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        const copier = new Client({ connectionString: adminUrl(db) });
        await copier.connect();
        copiers.push(copier);
        let copying: Promise<void> = Promise.resolve();
        const copy = async (m: CasesChunk) => {
          await copier.query('BEGIN');
          await copyFrom(copier, 'person', PERSON_COLUMNS, m.person);
          await copyFrom(copier, 'case_record', CASE_COLUMNS, m.case_record);
          if (m.case_restriction_member)
            await copyFrom(copier, 'case_restriction_member', MEMBER_COLUMNS, m.case_restriction_member);
          await copier.query('COMMIT');
          done += m.to - m.from;
          restricted += m.restricted;
          const now = performance.now();
          if (now - lastPrint > 10_000 || done === cases) {
            lastPrint = now;
            const sec = (now - loadStart) / 1000;
            log(
              `${done}/${cases} cases with their persons in ${sec.toFixed(0)} s (${(done / sec).toFixed(0)} cases/s)`,
            );
          }
        };
        await new Promise<void>((resolveWorker, reject) => {
          const w = new Worker(join(__dirname, 'cases-worker.ts'), {
            workerData: { casesWorker: true, input },
            execArgv: process.execArgv,
          });
          const feed = () => {
            if (next >= cases) {
              // the last chunk is copied before the worker is told to stop
              void copying.then(() => w.postMessage('stop'), reject);
              return;
            }
            const from = next;
            next = Math.min(cases, next + chunk);
            w.postMessage({ from, to: next });
          };
          w.on('message', (m: CasesChunk | 'ready') => {
            if (m === 'ready') return feed();
            // PostgreSQL copies this chunk while the worker plans the next one
            copying = copying.then(() => copy(m));
            copying.catch(reject);
            feed();
          });
          w.on('error', reject);
          w.on('exit', (code) => (code === 0 ? resolveWorker() : reject(new Error(`worker exited with ${code}`))));
        });
        await copying;
      }),
    );
    const loadS = (performance.now() - loadStart) / 1000;
    log(
      `loaded ${cases} cases and persons (${restricted} RESTRICTED) in ${loadS.toFixed(1)} s with ${workers} workers`,
    );
    const an0 = performance.now();
    await vacuumAnalyze(client, db);
    const analyzeS = (performance.now() - an0) / 1000;
    log(`vacuum analyze ${analyzeS.toFixed(1)} s`);
    const idx0 = performance.now();
    await rebuildIndexes(client, db);
    await client.query(`DROP TABLE IF EXISTS synthetic_deferred`);
    const idxS = (performance.now() - idx0) / 1000;
    await client.query(`UPDATE synthetic_marker SET finished_at = now()`);
    const total = (performance.now() - started) / 1000;
    log(
      `seeded ${cases} cases in ${total.toFixed(1)} s (load ${loadS.toFixed(1)} s, vacuum analyze ${analyzeS.toFixed(1)} s, indexes ${idxS.toFixed(1)} s)`,
    );
    return total;
  } finally {
    for (const c of copiers) await c.end();
    await client.end();
  }
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  seedCases(args.get('db') ?? DEFAULT_CASES_DB, intArg(args, 'cases', 1_000_000), {
    seed: intArg(args, 'seed', 1),
    fresh: args.get('fresh') === 'true',
    chunk: Math.max(100, intArg(args, 'chunk', 10_000)),
    workers: intArg(args, 'workers', Math.min(2, cpus().length)),
  }).catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
