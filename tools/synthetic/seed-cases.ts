/**
 * npm run seed:cases -- [--cases 1000000] [--db ctms_syn_cases_1m] [--seed 1] [--fresh] [--chunk 10000] [--workers 2] [--planned N]
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
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { loadConfig } from '../../apps/api/src/platform/config/config';
import { migrate } from '../../apps/api/src/platform/database/migrate';
import { seed } from '../../apps/api/src/platform/database/seed';
import { CASE_COLUMNS, MEMBER_COLUMNS, PERSON_COLUMNS, type CasesChunk, type CasesWorkerInput } from './cases-worker';
import { copyFrom, copyText } from './copy';
import { SyntheticEncryptor } from './fast-cipher';
import { createFieldCipher } from '../../apps/api/src/platform/crypto/crypto.module';
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
  opts: { seed?: number; fresh?: boolean; chunk?: number; workers?: number; planned?: number } = {},
): Promise<number> {
  const seedValue = opts.seed ?? 1;
  // cases [planned, cases) are copies of planned ones (`copyCases`); all are planned by default
  const planned = Math.min(cases, opts.planned ?? cases);
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
    await client.query(
      `CREATE TABLE IF NOT EXISTS synthetic_marker (seed integer NOT NULL, cases integer NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, kind text, planned integer)`,
    );
    const existing = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_record`)).rows[0]?.n ?? 0;
    // an interrupted load of the same size, seed and chunk resumes: each chunk went in in one transaction
    const done = new Set<number>();
    if (existing > 0) {
      const m = (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM synthetic_marker WHERE kind = $1 AND cases = $2 AND seed = $3 AND finished_at IS NULL`,
          [CASES_ONLY, cases, seedValue],
        )
      ).rows[0]?.n;
      if (m !== 1) throw new Error(`database "${db}" already holds ${existing} cases: pass --fresh to start again`);
      const chunks = await client.query<{ k: number }>(
        `SELECT DISTINCT (substring(case_number from 'S([0-9]+)$')::int / $1) AS k FROM case_record`,
        [chunk],
      );
      for (const r of chunks.rows) done.add(r.k);
      if ([...done].some((k) => k * chunk >= planned))
        throw new Error(`--planned ${planned} is below the cases already planned (${existing}): give at least that`);
      await client.query(`UPDATE synthetic_marker SET planned = $1`, [planned]);
      log(`resuming: ${existing} cases already in (${done.size} chunks of ${chunk})`);
    } else {
      await client.query(`INSERT INTO synthetic_marker (seed, cases, kind, planned) VALUES ($1, $2, $3, $4)`, [
        seedValue,
        cases,
        CASES_ONLY,
        planned,
      ]);
    }
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
    let loaded = existing;
    let restricted = 0;
    let lastPrint = 0;
    await Promise.all(
      // no worker when every chunk to plan is in already (a resumed load that only copies)
      Array.from({ length: done.size * chunk >= planned ? 0 : workers }, async () => {
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
          loaded += m.to - m.from;
          restricted += m.restricted;
          const now = performance.now();
          if (now - lastPrint > 10_000 || loaded === planned) {
            lastPrint = now;
            const sec = (now - loadStart) / 1000;
            log(
              `${loaded}/${cases} cases with their persons in ${sec.toFixed(0)} s (${((loaded - existing) / sec).toFixed(0)} cases/s)`,
            );
          }
        };
        await new Promise<void>((resolveWorker, reject) => {
          const w = new Worker(join(__dirname, 'cases-worker.ts'), {
            workerData: { casesWorker: true, input },
            execArgv: process.execArgv,
          });
          const feed = () => {
            while (next < planned && done.has(next / chunk)) next += chunk;
            if (next >= planned) {
              // the last chunk is copied before the worker is told to stop
              void copying.then(() => w.postMessage('stop'), reject);
              return;
            }
            const from = next;
            next = Math.min(planned, next + chunk);
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
    if (planned < cases) await copyCases(client, planned, cases);
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

/**
 * Cases [planned, cases) as copies: case i copies case i mod planned (its attributes, a case number
 * ending in S<i>, the users named on it if RESTRICTED) with a person of its own that copies that
 * case's person (same identity and name keys, its own id, encrypted again under its own id: the
 * ciphertext is bound to the row). Namesakes with the same birth data, as when a person is
 * registered twice; node only decrypts and encrypts, PostgreSQL copies the rest in three
 * INSERT … SELECT. For a machine too busy to plan every case (`--planned`).
 */
async function copyCases(client: Client, planned: number, cases: number): Promise<void> {
  const t0 = performance.now();
  const cipher = createFieldCipher(syntheticEnv(), 'production');
  const sx = new SyntheticEncryptor(syntheticEnv());
  await client.query(`DROP TABLE IF EXISTS synthetic_template, synthetic_copy`);
  await client.query(
    `CREATE UNLOGGED TABLE synthetic_template AS SELECT substring(case_number from 'S([0-9]+)$')::int AS j, id AS case_id, person_id FROM case_record`,
  );
  await client.query(`DELETE FROM synthetic_template WHERE j >= $1`, [planned]);
  await client.query(`ALTER TABLE synthetic_template ADD PRIMARY KEY (j)`);
  await client.query(
    `CREATE UNLOGGED TABLE synthetic_copy (i int, j int, case_id uuid, person_id uuid, identity_enc text, contact_enc text)`,
  );
  const BATCH = 20_000;
  for (let a = 0; a < planned; a += BATCH) {
    const b = Math.min(planned, a + BATCH);
    const rows = (
      await client.query<{ j: number; person_id: string; identity_enc: string; contact_enc: string | null }>(
        `SELECT t.j, p.id AS person_id, p.identity_enc, p.contact_enc FROM synthetic_template t JOIN person p ON p.id = t.person_id
          WHERE t.j >= $1 AND t.j < $2`,
        [a, b],
      )
    ).rows;
    let data = '';
    for (const r of rows) {
      const identity = cipher.decrypt(r.identity_enc, { table: 'person', column: 'identity_enc', rowId: r.person_id });
      const contact = cipher.decrypt(r.contact_enc, { table: 'person', column: 'contact_enc', rowId: r.person_id });
      for (let i = planned + r.j; i < cases; i += planned) {
        const personId = randomUUID();
        data += `${i}\t${r.j}\t${randomUUID()}\t${personId}\t${copyText(sx.encrypt(identity, 'person', 'identity_enc', personId))}\t${
          contact === null ? '\\N' : copyText(sx.encrypt(contact, 'person', 'contact_enc', personId))
        }\n`;
      }
    }
    if (data)
      await copyFrom(client, 'synthetic_copy', ['i', 'j', 'case_id', 'person_id', 'identity_enc', 'contact_enc'], data);
    log(`copies of cases ${a}–${b - 1} encrypted (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await client.query(
    `INSERT INTO person (id, identity_enc, contact_enc, sex, citizenship, presumed_minor, name_grams, name_bidx, document_bidx, phone_bidx, created_by_agency_id, created_at, updated_at)
     SELECT s.person_id, s.identity_enc, s.contact_enc, p.sex, p.citizenship, p.presumed_minor, p.name_grams, p.name_bidx, p.document_bidx, p.phone_bidx, p.created_by_agency_id, p.created_at, p.updated_at
       FROM synthetic_copy s JOIN synthetic_template t ON t.j = s.j JOIN person p ON p.id = t.person_id`,
  );
  await client.query(
    `INSERT INTO case_record (${CASE_COLUMNS.join(', ')})
     SELECT s.case_id, regexp_replace(c.case_number, 'S[0-9]+$', 'S' || lpad(s.i::text, 7, '0')), s.person_id, c.lead_agency_id, c.province_code, c.assigned_to_id,
            c.status, c.identification_status, c.exploitation_types, c.destination_countries, c.risk_level, c.flags, c.opened_at, c.closed_at, c.closure_reason, c.created_at, c.updated_at
       FROM synthetic_copy s JOIN synthetic_template t ON t.j = s.j JOIN case_record c ON c.id = t.case_id`,
  );
  await client.query(
    `INSERT INTO case_restriction_member (case_id, user_id, added_by_id)
     SELECT s.case_id, m.user_id, m.added_by_id FROM synthetic_copy s JOIN synthetic_template t ON t.j = s.j JOIN case_restriction_member m ON m.case_id = t.case_id`,
  );
  await client.query(`DROP TABLE synthetic_template, synthetic_copy`);
  log(`copied ${cases - planned} cases with their persons in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  seedCases(args.get('db') ?? DEFAULT_CASES_DB, intArg(args, 'cases', 1_000_000), {
    seed: intArg(args, 'seed', 1),
    fresh: args.get('fresh') === 'true',
    chunk: Math.max(100, intArg(args, 'chunk', 10_000)),
    workers: intArg(args, 'workers', Math.min(2, cpus().length)),
    ...(args.has('planned') ? { planned: intArg(args, 'planned', 0) } : {}),
  }).catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
