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
import { adminUrl, appUrl, BENCH_PASSWORD, checkDbName, databaseMark, DEFAULT_DB, intArg, loadRefs, parseArgs, SYNTHETIC_MARK, syntheticEnv } from './db';
import { LEAD_AGENCIES } from './plan';
import type { ChunkDone, WorkerInput } from './worker';

const LOADED_TABLES = ['person', 'case_record', 'screening', 'consent', 'referral', 'handoff', 'case_note', 'case_event', 'audit_event'];

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
async function prepareDatabase(db: string, fresh: boolean): Promise<void> {
  checkDbName(db);
  const mark = await databaseMark(db);
  if (mark !== undefined && mark !== SYNTHETIC_MARK) {
    throw new Error(`REFUSED: database "${db}" exists and is not marked as synthetic; seed:synthetic never writes to it`);
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

async function createStaff(client: Client, cases: number): Promise<number> {
  const hash = await argon2.hash(BENCH_PASSWORD, ARGON2_OPTIONS);
  // 10,000 users at 1,000,000 cases; bench accounts for the benchmark and the login burst
  const total = Math.max(40, Math.round(cases / 100));
  const weightSum = LEAD_AGENCIES.reduce((s, [, w]) => s + w, 0);
  const rows: [string, string, string, string[], boolean, string[]][] = [];
  for (const [code, w] of LEAD_AGENCIES) {
    const n = Math.max(5, Math.round((total * w) / weightSum));
    for (let i = 0; i < n; i++) {
      const supervisor = i % 5 === 0;
      rows.push([`syn.${code.toLowerCase()}.${String(i).padStart(5, '0')}`, `Synthetic ${code} ${i}`, code, [supervisor ? 'SUPERVISOR' : 'CASEWORKER'], true, []]);
    }
  }
  rows.push(['bench.supervisor', 'Bench supervisor', 'MOPS_ATD', ['SUPERVISOR'], true, []]);
  rows.push(['bench.caseworker', 'Bench caseworker', 'MOPS_ATD', ['CASEWORKER'], false, ['13']]);
  for (let i = 1; i <= 20; i++) rows.push([`bench.login.${String(i).padStart(2, '0')}`, `Bench login ${i}`, 'LWU', ['CASEWORKER'], false, ['01']]);
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

/** Drops secondary indexes and foreign keys of the loaded tables, remembering them in the database. */
async function deferIndexes(client: Client): Promise<Deferred[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS synthetic_deferred (kind text NOT NULL, name text PRIMARY KEY, tbl text NOT NULL, def text NOT NULL)`);
  await client.query(
    `INSERT INTO synthetic_deferred (kind, name, tbl, def)
     SELECT 'fk', c.conname, t.relname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relname = ANY($1) ON CONFLICT DO NOTHING`,
    [LOADED_TABLES],
  );
  await client.query(
    `INSERT INTO synthetic_deferred (kind, name, tbl, def)
     SELECT 'index', i.relname, t.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = ANY($1) AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid) ON CONFLICT DO NOTHING`,
    [LOADED_TABLES],
  );
  const all = (await client.query<Deferred>(`SELECT kind, name, tbl, def FROM synthetic_deferred ORDER BY kind DESC, name`)).rows;
  for (const d of all) {
    if (d.kind === 'fk') await client.query(`ALTER TABLE "${d.tbl}" DROP CONSTRAINT IF EXISTS "${d.name}"`);
    else await client.query(`DROP INDEX IF EXISTS "${d.name}"`);
  }
  return all;
}

async function rebuildIndexes(client: Client): Promise<void> {
  const all = (await client.query<Deferred>(`SELECT kind, name, tbl, def FROM synthetic_deferred ORDER BY kind DESC, name`)).rows;
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET max_parallel_maintenance_workers = 2`);
  for (const d of all) {
    const t0 = performance.now();
    if (d.kind === 'index') await client.query(d.def);
    else await client.query(`ALTER TABLE "${d.tbl}" ADD CONSTRAINT "${d.name}" ${d.def}`);
    await client.query(`DELETE FROM synthetic_deferred WHERE name = $1`, [d.name]);
    log(`  rebuilt ${d.kind} ${d.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cases = intArg(args, 'cases', 0);
  if (cases < 1) throw new Error('usage: npm run seed:synthetic -- --cases N [--db NAME] [--seed S] [--fresh] [--workers W] [--chunk C]');
  const db = args.get('db') ?? DEFAULT_DB;
  const seedValue = intArg(args, 'seed', 1);
  const workers = Math.max(1, intArg(args, 'workers', Math.min(2, cpus().length)));
  const chunk = Math.max(10, intArg(args, 'chunk', 500));
  const started = performance.now();

  await prepareDatabase(db, args.get('fresh') === 'true');
  const applied = await migrate(adminUrl(db));
  log(`migrated (${applied.length} migrations applied)`);
  const env = { ...process.env, ...syntheticEnv(), NODE_ENV: 'production', DATABASE_ADMIN_URL: adminUrl(db), DATABASE_URL: appUrl(db), ATTACHMENTS_DIR: '/tmp' };
  await seed(loadConfig(env), { demoUsers: false });

  const client = new Client({ connectionString: adminUrl(db) });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS synthetic_marker (seed integer NOT NULL, cases integer NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz)`);
    const existing = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_record`)).rows[0]?.n ?? 0;
    if (existing > 0) throw new Error(`database "${db}" already holds ${existing} cases: pass --fresh to start again`);
    await client.query(`INSERT INTO synthetic_marker (seed, cases) VALUES ($1, $2)`, [seedValue, cases]);
    const users = await createStaff(client, cases);
    log(`${users} synthetic accounts (password in tools/synthetic/db.ts)`);
    const deferred = await deferIndexes(client);
    log(`deferred ${deferred.filter((d) => d.kind === 'index').length} secondary indexes and ${deferred.filter((d) => d.kind === 'fk').length} foreign keys`);
    const refs = await loadRefs(client);

    // ---- load: W worker threads plan, encrypt, key and insert chunks of cases ----
    const loadStart = performance.now();
    const totals: Record<string, number> = {};
    let next = 0;
    let doneCases = 0;
    let genMs = 0;
    let insertMs = 0;
    let auditMs = 0;
    let lastPrint = 0;
    const input: WorkerInput = { db, seed: seedValue, refs };
    await Promise.all(
      Array.from({ length: workers }, () =>
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
          w.on('message', (m: ChunkDone | 'ready') => {
            if (m === 'ready') return feed();
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
              log(`${doneCases}/${cases} cases, ${rows} rows in ${s.toFixed(0)} s: ${(doneCases / s).toFixed(0)} cases/s, ${(rows / s).toFixed(0)} rows/s (audit ${totals['audit_event'] ?? 0})`);
            }
            feed();
          });
          w.on('error', reject);
          w.on('exit', (code) => (code === 0 ? resolveWorker() : reject(new Error(`worker exited with ${code}`))));
        }),
      ),
    );
    const loadS = (performance.now() - loadStart) / 1000;
    log(`loaded in ${loadS.toFixed(1)} s (worker time: plan+encrypt ${(genMs / 1000).toFixed(1)} s, insert ${(insertMs / 1000).toFixed(1)} s, audit ${(auditMs / 1000).toFixed(1)} s)`);

    const idxStart = performance.now();
    await rebuildIndexes(client);
    await client.query(`DROP TABLE IF EXISTS synthetic_deferred`);
    const idxS = (performance.now() - idxStart) / 1000;
    const anStart = performance.now();
    await client.query('VACUUM (ANALYZE)');
    const analyzeS = (performance.now() - anStart) / 1000;
    await client.query(`UPDATE synthetic_marker SET finished_at = now()`);
    const counts: Record<string, number> = {};
    for (const t of [...LOADED_TABLES, 'app_user']) counts[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`)).rows[0]?.n ?? 0);
    const totalS = (performance.now() - started) / 1000;
    const rowsTotal = Object.values(counts).reduce((a, b) => a + b, 0);
    const summary = {
      db,
      cases,
      seed: seedValue,
      workers,
      chunk,
      seconds: { total: totalS, load: loadS, indexes: idxS, vacuumAnalyze: analyzeS },
      workerSeconds: { planEncrypt: genMs / 1000, insert: insertMs / 1000, audit: auditMs / 1000 },
      counts,
      rowsPerSecond: rowsTotal / totalS,
      auditRowsPerSecondInWorker: (totals['audit_event'] ?? 0) / (auditMs / 1000),
      cpus: cpus().length,
      finishedAt: new Date().toISOString(),
    };
    const dir = resolve('tmp-artifacts/synthetic');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${db}.json`), JSON.stringify(summary, null, 2));
    log(`indexes ${idxS.toFixed(1)} s, vacuum analyze ${analyzeS.toFixed(1)} s; total ${totalS.toFixed(1)} s, ${rowsTotal} rows (${summary.rowsPerSecond.toFixed(0)} rows/s)`);
    log(`counts ${JSON.stringify(counts)}`);
  } finally {
    await client.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
