/**
 * npm run seed:synthetic -- --cases N [--db NAME] [--seed S] [--fresh] [--workers W] [--chunk C]
 *
 * Creates (or, with --fresh, recreates) a database marked as synthetic, migrates it with the real
 * migrations, seeds the reference data, and fills it with deterministic data drawn from the seed:
 * 2.5 persons, ~2 referrals and ~20 audit events per case. Refuses any database without the mark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import argon2 from 'argon2';
import { Client } from 'pg';
import { ARGON2_OPTIONS } from '../../apps/api/src/platform/auth/password-hasher';
import { loadConfig } from '../../apps/api/src/platform/config/config';
import { migrate } from '../../apps/api/src/platform/database/migrate';
import { seed } from '../../apps/api/src/platform/database/seed';
import {
  adminUrl,
  appUrl,
  backendCpuSeconds,
  BENCH_PASSWORD,
  checkDbName,
  databaseMark,
  DEFAULT_DB,
  intArg,
  loadRefs,
  parseArgs,
  SYNTHETIC_MARK,
  syntheticEnv,
} from './db';
import { LEAD_AGENCIES } from './plan';
import type { ChunkDone, WorkerDone, WorkerInput } from './worker';

const LOADED_TABLES = [
  'person',
  'case_record',
  'screening',
  'consent',
  'referral',
  'handoff',
  'case_note',
  'case_event',
  'audit_event',
];

function log(msg: string): void {
  console.log(`[seed:synthetic ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

async function adminQuery(sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl('postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Creates the marked database, or refuses one that exists without the mark. */
export async function prepareDatabase(db: string, fresh: boolean): Promise<void> {
  checkDbName(db);
  const mark = await databaseMark(db);
  if (mark !== undefined && mark !== SYNTHETIC_MARK) {
    throw new Error(
      `REFUSED: database "${db}" exists and is not marked as synthetic; seed:synthetic never writes to it`,
    );
  }
  if (mark !== undefined && fresh) {
    log(`dropping the synthetic database ${db} (--fresh)`);
    await adminQuery(`DROP DATABASE "${db}" WITH (FORCE)`);
  }
  if (mark === undefined || fresh) {
    await adminQuery(`CREATE DATABASE "${db}"`);
    await adminQuery(`COMMENT ON DATABASE "${db}" IS '${SYNTHETIC_MARK}'`);
    log(`created database ${db}, marked '${SYNTHETIC_MARK}'`);
  }
}

export async function createStaff(client: Client, cases: number): Promise<number> {
  const hash = await argon2.hash(BENCH_PASSWORD, ARGON2_OPTIONS);
  // 10,000 users at 1,000,000 cases; bench accounts for the benchmark and the login burst
  const total = Math.max(40, Math.round(cases / 100));
  const weightSum = LEAD_AGENCIES.reduce((s, [, w]) => s + w, 0);
  const rows: [string, string, string, string[], boolean, string[]][] = [];
  for (const [code, w] of LEAD_AGENCIES) {
    const n = Math.max(5, Math.round((total * w) / weightSum));
    for (let i = 0; i < n; i++) {
      const supervisor = i % 5 === 0;
      rows.push([
        `syn.${code.toLowerCase()}.${String(i).padStart(5, '0')}`,
        `Synthetic ${code} ${i}`,
        code,
        [supervisor ? 'SUPERVISOR' : 'CASEWORKER'],
        true,
        [],
      ]);
    }
  }
  rows.push(['bench.supervisor', 'Bench supervisor', 'MOPS_ATD', ['SUPERVISOR'], true, []]);
  rows.push(['bench.caseworker', 'Bench caseworker', 'MOPS_ATD', ['CASEWORKER'], false, ['13']]);
  rows.push(['bench.analyst', 'Bench analyst', 'IOM', ['ANALYST'], false, []]);
  for (let i = 1; i <= 20; i++)
    rows.push([`bench.login.${String(i).padStart(2, '0')}`, `Bench login ${i}`, 'LWU', ['CASEWORKER'], false, ['01']]);
  await client.query(
    `INSERT INTO app_user (username, display_name, agency_id, roles, all_provinces, provinces, language, password_hash)
     SELECT u.username, u.display_name, a.id, u.roles::text[], u.all_provinces, u.provinces::text[], 'lo', $7
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[]) AS u(username, display_name, code, roles, all_provinces, provinces)
       JOIN agency a ON a.code = u.code
     ON CONFLICT (username) DO NOTHING`,
    [
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
      rows.map((r) => `{${r[3].join(',')}}`),
      rows.map((r) => r[4]),
      rows.map((r) => `{${r[5].join(',')}}`),
      hash,
    ],
  );
  return rows.length;
}

interface Deferred {
  kind: 'index' | 'fk';
  name: string;
  tbl: string;
  def: string;
}

/**
 * Drops secondary indexes and foreign keys of the loaded tables, remembering them in the database.
 * The sealer's index on audit_event (xact, seq) stays: new keys go to its right edge, which costs
 * little during the load, and audit_seal() finds its rows through it (without it every seal call
 * would read the whole table). BRIN indexes stay too (next to nothing to maintain).
 */
export async function deferIndexes(client: Client, tables: readonly string[] = LOADED_TABLES): Promise<Deferred[]> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS synthetic_deferred (kind text NOT NULL, name text PRIMARY KEY, tbl text NOT NULL, def text NOT NULL)`,
  );
  await client.query(
    `INSERT INTO synthetic_deferred (kind, name, tbl, def)
     SELECT 'fk', c.conname, t.relname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relname = ANY($1) ON CONFLICT DO NOTHING`,
    [tables],
  );
  await client.query(
    `INSERT INTO synthetic_deferred (kind, name, tbl, def)
     SELECT 'index', i.relname, t.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = ANY($1) AND NOT x.indisprimary AND i.relam <> (SELECT oid FROM pg_am WHERE amname = 'brin') AND i.relname <> 'IDX_audit_event_xact'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid) ON CONFLICT DO NOTHING`,
    [tables],
  );
  const all = (
    await client.query<Deferred>(`SELECT kind, name, tbl, def FROM synthetic_deferred ORDER BY kind DESC, name`)
  ).rows;
  for (const d of all) {
    if (d.kind === 'fk') await client.query(`ALTER TABLE "${d.tbl}" DROP CONSTRAINT IF EXISTS "${d.name}"`);
    else await client.query(`DROP INDEX IF EXISTS "${d.name}"`);
  }
  return all;
}

/** Runs the jobs on the given connections, each connection taking the next job when it is free. */
async function onConnections<T>(
  clients: readonly Client[],
  jobs: readonly T[],
  run: (c: Client, job: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    clients.map(async (c) => {
      for (let j = jobs[next++]; j !== undefined; j = jobs[next++]) await run(c, j);
    }),
  );
}

async function clientsCpu(clients: readonly Client[]): Promise<number> {
  let s = 0;
  for (const c of clients) s += await backendCpuSeconds(c);
  return s;
}

/** Opens `n` admin connections to `db` set up for bulk maintenance (big sort memory, at most one parallel helper each). */
async function maintenanceClients(db: string, n: number): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < n; i++) {
    const c = new Client({ connectionString: adminUrl(db) });
    await c.connect();
    await c.query(`SET maintenance_work_mem = '1GB'`);
    await c.query(`SET max_parallel_maintenance_workers = 1`);
    clients.push(c);
  }
  return clients;
}

/**
 * Rebuilds the deferred indexes on two connections at once, largest tables first (GIN builds are
 * single-threaded, so a second connection keeps the other core busy), then the foreign keys: each
 * added NOT VALID (instant) and validated afterwards, two at a time. VALIDATE takes only a SHARE
 * UPDATE EXCLUSIVE lock, so two validations never deadlock; the end state is an ordinary,
 * validated constraint.
 */
export async function rebuildIndexes(client: Client, db: string): Promise<number> {
  const all = (
    await client.query<Deferred & { bytes: string }>(
      `SELECT d.kind, d.name, d.tbl, d.def, pg_relation_size(quote_ident(d.tbl))::text AS bytes FROM synthetic_deferred d
        ORDER BY (d.def ILIKE '% USING gin %') DESC, pg_relation_size(quote_ident(d.tbl)) DESC, d.name`,
    )
  ).rows;
  const clients = await maintenanceClients(db, 2);
  try {
    await onConnections(
      clients,
      all.filter((d) => d.kind === 'index'),
      async (c, d) => {
        const t0 = performance.now();
        await c.query(d.def);
        await c.query(`DELETE FROM synthetic_deferred WHERE name = $1`, [d.name]);
        log(`  rebuilt index ${d.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      },
    );
    const fks = all.filter((d) => d.kind === 'fk');
    for (const d of fks) await client.query(`ALTER TABLE "${d.tbl}" ADD CONSTRAINT "${d.name}" ${d.def} NOT VALID`);
    await onConnections(clients, fks, async (c, d) => {
      const t0 = performance.now();
      await c.query(`ALTER TABLE "${d.tbl}" VALIDATE CONSTRAINT "${d.name}"`);
      await c.query(`DELETE FROM synthetic_deferred WHERE name = $1`, [d.name]);
      log(`  validated fk ${d.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    });
    return await clientsCpu(clients);
  } finally {
    for (const c of clients) await c.end();
  }
}

/** VACUUM (ANALYZE) of every table on two connections, largest first. */
export async function vacuumAnalyze(client: Client, db: string): Promise<number> {
  const tables = (
    await client.query<{ t: string }>(
      `SELECT relname AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY pg_relation_size(oid) DESC, relname`,
    )
  ).rows.map((r) => r.t);
  const clients = await maintenanceClients(db, 2);
  try {
    await onConnections(clients, tables, async (c, t) => {
      await c.query(`VACUUM (ANALYZE) "${t}"`);
    });
    return await clientsCpu(clients);
  } finally {
    for (const c of clients) await c.end();
  }
}

const SEAL_BLOCK_ROWS = 200_000;

/** Audit rows after the last sealed block. */
async function unsealedRows(client: Client): Promise<number> {
  return Number(
    (
      await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_event WHERE xact >= coalesce((SELECT max(xact_to) FROM audit_seal), 0)`,
      )
    ).rows[0]?.n ?? 0,
  );
}

/**
 * Seals the audit rows (decision 0007: audit_seal() hashes finished transactions' rows into
 * chained blocks) with `SELECT audit_seal(200000)` until it returns 0; null when the schema has no
 * audit_seal() (before AddAsyncAuditSeal the per-row trigger has already chained every row).
 *
 * audit_seal() halves its transaction range until the range holds at most max_rows rows; when the
 * rows start far above the last block (a fresh database: the first rows come thousands of
 * transaction ids later) the halving can land on an empty range and it returns 0 with rows left.
 * Then this asks again with twice the block size until a block is sealed (blocks stay valid,
 * only larger), and goes back to 200,000.
 */
async function sealAudit(
  client: Client,
): Promise<{ rows: number; blocks: number; retries: number; unsealed: number } | null> {
  const has = (await client.query<{ f: string | null }>(`SELECT to_regprocedure('audit_seal(integer)')::text AS f`))
    .rows[0]?.f;
  if (!has) return null;
  let rows = 0;
  let blocks = 0;
  let retries = 0;
  let max = SEAL_BLOCK_ROWS;
  for (;;) {
    const n = Number((await client.query<{ n: number }>(`SELECT audit_seal($1) AS n`, [max])).rows[0]?.n ?? 0);
    if (n > 0) {
      rows += n;
      blocks++;
      max = SEAL_BLOCK_ROWS;
      continue;
    }
    const left = await unsealedRows(client);
    if (left === 0 || max >= left) break;
    max = Math.min(2 * max, 2_000_000_000);
    retries++;
  }
  return { rows, blocks, retries, unsealed: await unsealedRows(client) };
}

function roundAll(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cases = intArg(args, 'cases', 0);
  if (cases < 1)
    throw new Error(
      'usage: npm run seed:synthetic -- --cases N [--db NAME] [--seed S] [--fresh] [--workers W] [--chunk C]',
    );
  const db = args.get('db') ?? DEFAULT_DB;
  const seedValue = intArg(args, 'seed', 1);
  const workers = Math.max(1, intArg(args, 'workers', Math.min(2, cpus().length)));
  const chunk = Math.max(10, intArg(args, 'chunk', 500));
  const started = performance.now();

  await prepareDatabase(db, args.get('fresh') === 'true');
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
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS synthetic_marker (seed integer NOT NULL, cases integer NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz)`,
    );
    const existing = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_record`)).rows[0]?.n ?? 0;
    if (existing > 0) throw new Error(`database "${db}" already holds ${existing} cases: pass --fresh to start again`);
    await client.query(`INSERT INTO synthetic_marker (seed, cases) VALUES ($1, $2)`, [seedValue, cases]);
    const users = await createStaff(client, cases);
    log(`${users} synthetic accounts (password in tools/synthetic/db.ts)`);
    const deferred = await deferIndexes(client);
    log(
      `deferred ${deferred.filter((d) => d.kind === 'index').length} secondary indexes and ${deferred.filter((d) => d.kind === 'fk').length} foreign keys`,
    );
    const refs = await loadRefs(client);

    // ---- load: W worker threads plan, encrypt, key and insert chunks of cases ----
    const loadStart = performance.now();
    const nodeCpu: Record<string, number> = {};
    const pgCpu: Record<string, number> = { load: 0, seal: 0, vacuumAnalyze: 0, indexes: 0 };
    let cpuMark = process.cpuUsage();
    const nodeCpuPhase = (phase: string) => {
      const d = process.cpuUsage(cpuMark);
      nodeCpu[phase] = (d.user + d.system) / 1e6;
      cpuMark = process.cpuUsage();
    };
    const totals: Record<string, number> = {};
    let next = 0;
    let doneCases = 0;
    let genMs = 0;
    let insertMs = 0;
    let auditMs = 0;
    let lastPrint = 0;
    const input: WorkerInput = { db, seed: seedValue, refs };
    await Promise.all(
      Array.from(
        { length: workers },
        () =>
          new Promise<void>((resolveWorker, reject) => {
            const w = new Worker(join(__dirname, 'worker.ts'), { workerData: input, execArgv: process.execArgv });
            const feed = () => {
              if (next >= cases) {
                w.postMessage('stop');
                return;
              }
              const from = next;
              next = Math.min(cases, next + chunk);
              w.postMessage({ from, to: next });
            };
            w.on('message', (m: ChunkDone | WorkerDone | 'ready') => {
              if (m === 'ready') return feed();
              if ('pgCpuSeconds' in m) {
                pgCpu.load += m.pgCpuSeconds;
                return;
              }
              doneCases += m.to - m.from;
              genMs += m.genMs;
              insertMs += m.insertMs;
              auditMs += m.auditMs;
              for (const [t, n] of Object.entries(m.rows)) totals[t] = (totals[t] ?? 0) + n;
              const now = performance.now();
              if (now - lastPrint > 5000 || doneCases === cases) {
                lastPrint = now;
                const s = (now - loadStart) / 1000;
                const rows = Object.values(totals).reduce((a, b) => a + b, 0);
                log(
                  `${doneCases}/${cases} cases, ${rows} rows in ${s.toFixed(0)} s: ${(doneCases / s).toFixed(0)} cases/s, ${(rows / s).toFixed(0)} rows/s (audit ${totals['audit_event'] ?? 0})`,
                );
              }
              feed();
            });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolveWorker() : reject(new Error(`worker exited with ${code}`))));
          }),
      ),
    );
    const loadS = (performance.now() - loadStart) / 1000;
    nodeCpuPhase('load');
    log(
      `loaded in ${loadS.toFixed(1)} s (worker time: plan+encrypt ${(genMs / 1000).toFixed(1)} s, insert ${(insertMs / 1000).toFixed(1)} s, audit ${(auditMs / 1000).toFixed(1)} s)`,
    );

    // ---- seal: the audit rows are sealed into chained blocks once every loading transaction has ended ----
    const sealStart = performance.now();
    const sealCpu0 = await backendCpuSeconds(client);
    const sealed = await sealAudit(client);
    pgCpu.seal = (await backendCpuSeconds(client)) - sealCpu0;
    const sealS = (performance.now() - sealStart) / 1000;
    nodeCpuPhase('seal');
    if (sealed) {
      log(
        `sealed ${sealed.rows} audit rows in ${sealed.blocks} blocks in ${sealS.toFixed(1)} s (${(sealed.rows / Math.max(sealS, 0.001)).toFixed(0)} rows/s; ${sealed.retries} retries with a larger block)`,
      );
      if (sealed.unsealed > 0) log(`WARNING: ${sealed.unsealed} audit rows are still outside any sealed block`);
    }

    // ---- vacuum analyze before the indexes: no index to clean up, and the builds read frozen-hint pages ----
    const anStart = performance.now();
    pgCpu.vacuumAnalyze = await vacuumAnalyze(client, db);
    const analyzeS = (performance.now() - anStart) / 1000;
    nodeCpuPhase('vacuumAnalyze');
    log(`vacuum analyze ${analyzeS.toFixed(1)} s`);

    const idxStart = performance.now();
    pgCpu.indexes = await rebuildIndexes(client, db);
    await client.query(`DROP TABLE IF EXISTS synthetic_deferred`);
    const idxS = (performance.now() - idxStart) / 1000;
    nodeCpuPhase('indexes');
    await client.query(`UPDATE synthetic_marker SET finished_at = now()`);
    const counts: Record<string, number> = {};
    for (const t of [...LOADED_TABLES, 'app_user'])
      counts[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`)).rows[0]?.n ?? 0);
    const totalS = (performance.now() - started) / 1000;
    const rowsTotal = Object.values(counts).reduce((a, b) => a + b, 0);
    const summary = {
      db,
      cases,
      seed: seedValue,
      workers,
      chunk,
      seconds: { total: totalS, load: loadS, seal: sealS, vacuumAnalyze: analyzeS, indexes: idxS },
      audit: sealed,
      workerSeconds: { planEncrypt: genMs / 1000, insert: insertMs / 1000, audit: auditMs / 1000 },
      // CPU seconds (not inflated by other load on a shared machine): the generator's process
      // (all threads) and the PostgreSQL backends it used (parallel maintenance helpers not counted)
      cpuSeconds: { node: nodeCpu, postgres: pgCpu },
      counts,
      rowsPerSecond: rowsTotal / totalS,
      auditRowsPerSecondInWorker: (totals['audit_event'] ?? 0) / (auditMs / 1000),
      cpus: cpus().length,
      finishedAt: new Date().toISOString(),
    };
    const dir = resolve('tmp-artifacts/synthetic');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${db}.json`), JSON.stringify(summary, null, 2));
    log(
      `phases: load ${loadS.toFixed(1)} s, seal ${sealS.toFixed(1)} s, vacuum analyze ${analyzeS.toFixed(1)} s, indexes ${idxS.toFixed(1)} s; total ${totalS.toFixed(1)} s, ${rowsTotal} rows (${summary.rowsPerSecond.toFixed(0)} rows/s)`,
    );
    log(`CPU seconds: node ${JSON.stringify(roundAll(nodeCpu))}, postgres ${JSON.stringify(roundAll(pgCpu))}`);
    log(`counts ${JSON.stringify(counts)}`);
  } finally {
    await client.end();
  }
}

// seed-cases.ts imports the phases above; only `npm run seed:synthetic` runs the whole generator
if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
