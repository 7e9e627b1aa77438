/**
 * npm run bench -- [--db NAME] [--seconds S] [--connections C] [--only a,b] [--cases N] [--cases-db NAME] [--case-connections 1,20]
 *
 * Production build, one API process on a free loopback port against a synthetic database, load
 * from a separate process (loadgen.ts). For every row of the performance table (docs/quality.md "Performance") it
 * also records the exact SQL the endpoint runs (the real services, on a recording DataSource)
 * and times that SQL alone in the same run, at the same concurrency.
 *
 * Then the case search at scale (issue 15; `case-search.ts`, rows `case-search-1m-*`): on its own
 * cases-only database of --cases cases (default 1,000,000, or BENCH_CASES; 0 skips it), seeded by
 * `seed-cases.ts` on the first run (a few minutes) and reused after, the service beside its bare SQL.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { CaseRecordsService } from '../../apps/api/src/cases/case-records.service';
import { CasesService } from '../../apps/api/src/cases/cases.service';
import { CaseRepository } from '../../apps/api/src/cases/case.repository';
import { CaseRequestRepository } from '../../apps/api/src/cases/case-requests.repository';
import { CaseRequestsService } from '../../apps/api/src/cases/case-requests.service';
import { CaseSearchService } from '../../apps/api/src/cases/case-search.service';
import { OutboxService, type OutboxJobData } from '../../apps/api/src/platform/outbox/outbox.service';
import { TransitionRunner } from '../../apps/api/src/platform/workflow/transition-runner';
import type { Queue } from 'bullmq';
import type { ListCasesQueryDto } from '../../apps/api/src/cases/dto/case.dto';
import { PersonSearchService } from '../../apps/api/src/persons/person-search.service';
import { PersonRepository } from '../../apps/api/src/persons/person.repository';
import { AccessService } from '../../apps/api/src/platform/access/access.service';
import { benchConfig, UNLIMITED } from '../synthetic/services';
import { AuditService } from '../../apps/api/src/platform/audit/audit.service';
import { StatsController } from '../../apps/api/src/stats/stats.controller';
import { StatsService } from '../../apps/api/src/stats/stats.service';
import { createFieldCipher } from '../../apps/api/src/platform/crypto/crypto.module';
import { encodeTupleCursor } from '../../apps/api/src/platform/http/pagination';
import type { Actor, RequestContext } from '../../apps/api/src/platform/http/request-context';
import {
  adminUrl,
  appUrl,
  assertSynthetic,
  BENCH_PASSWORD,
  DEFAULT_DB,
  intArg,
  loadRefs,
  parseArgs,
  syntheticEnv,
} from '../synthetic/db';
import { variantOf, type VariantKind } from '../synthetic/names';
import { planCase } from '../synthetic/plan';
import { Rng } from '../synthetic/rng';
import { percentile, type LoadJob, type LoadRequest, type LoadResult } from './loadgen';
import { caseSearchBench, caseSearchMarkdown, caseSearchOptions, type CaseSearchResult } from './case-search';
import { RecordingDataSource, type Statement } from './recorder';

export interface SqlResult {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  statements: number;
}

export interface BenchRow {
  key: string;
  what: string;
  target: string;
  connections: number;
  api: LoadResult | null;
  sql: SqlResult | null;
  ratioP50: number | null;
  ratioP95: number | null;
  note?: string;
}

function log(msg: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function http(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

async function login(port: number, username: string): Promise<string> {
  const r = await http(port, 'POST', '/api/v1/auth/login', { username, password: BENCH_PASSWORD });
  const token = (r.json as { accessToken?: unknown } | null)?.accessToken;
  if (r.status !== 200 || typeof token !== 'string') throw new Error(`login as ${username} failed: ${r.status}`);
  return token;
}

function runLoadProcess(job: LoadJob): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ctms-bench-'));
  const file = join(dir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [...process.execArgv, join(__dirname, 'loadgen.ts'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('exit', (code) =>
      code === 0 ? res(JSON.parse(out) as LoadResult) : rej(new Error(`loadgen exited with ${code}`)),
    );
  });
}

/** Replays recorded service calls (each one's statements in order, in a transaction when the service used one). */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A recorded call replayed again must not insert the same primary key twice: the id an INSERT
 * takes as its first parameter (a note's, generated by the service) is replaced, everywhere it
 * appears in the call (later statements and JSON details), by a fresh one for this replay.
 */
function withFreshIds(statements: readonly Statement[]): Statement[] {
  const fresh = new Map<string, string>();
  for (const s of statements) {
    const first = s.params[0];
    if (/^\s*INSERT\b/i.test(s.sql) && typeof first === 'string' && UUID_RE.test(first)) fresh.set(first, randomUUID());
  }
  if (fresh.size === 0) return [...statements];
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') return fresh.get(v) ?? [...fresh].reduce((x, [from, to]) => x.split(from).join(to), v);
    if (v !== null && typeof v === 'object') return JSON.parse(swap(JSON.stringify(v)) as string) as unknown;
    return v;
  };
  return statements.map((s) => ({ sql: s.sql, params: s.params.map(swap) }));
}

async function runSql(
  pool: Pool,
  calls: readonly { statements: Statement[]; transaction: boolean }[],
  connections: number,
  seconds: number,
): Promise<SqlResult> {
  const lat: number[] = [];
  let errors = 0;
  let rotate = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < end) {
          const call = calls[rotate++ % calls.length];
          if (!call) return;
          const statements = withFreshIds(call.statements);
          const t0 = performance.now();
          try {
            if (call.transaction) await client.query('BEGIN');
            for (const s of statements) await client.query(s.sql, s.params);
            if (call.transaction) await client.query('COMMIT');
            lat.push(performance.now() - t0);
          } catch {
            errors++;
            if (call.transaction) await client.query('ROLLBACK');
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return {
    count: lat.length,
    errors,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    rps: lat.length / ((performance.now() - start) / 1000),
    statements: calls[0]?.statements.length ?? 0,
  };
}

function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const f = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d);

export function markdown(meta: Record<string, unknown>, rows: readonly BenchRow[]): string {
  const lines = [
    `# Benchmark ${String(meta['db'])} (${String(meta['cases'])} cases)`,
    '',
    `${String(meta['startedAt'])}; ${String(meta['cpus'])} CPUs, ${String(meta['memGiB'])} GiB; ${String(meta['seconds'])} s per row; API peak RSS ${f(meta['peakRssMb'] as number | null, 0)} MB. Shared machine: other work was running.`,
    '',
    '| row | target | conns | API p50 / p95 / p99 ms | API req/s | errors | SQL p50 / p95 / p99 ms | SQL op/s | API/SQL p50 | API/SQL p95 | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.what} | ${r.target} | ${r.connections} | ${r.api ? `${f(r.api.p50)} / ${f(r.api.p95)} / ${f(r.api.p99)}` : '–'} | ${f(r.api?.rps, 0)} | ${r.api ? r.api.errors : '–'} | ${
        r.sql ? `${f(r.sql.p50)} / ${f(r.sql.p95)} / ${f(r.sql.p99)}` : '–'
      } | ${f(r.sql?.rps, 0)} | ${f(r.ratioP50)} | ${f(r.ratioP95)} | ${r.note ?? ''} |`,
    );
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const db = args.get('db') ?? DEFAULT_DB;
  const seconds = intArg(args, 'seconds', 10);
  const conns = intArg(args, 'connections', 50);
  const only = args.get('only')?.split(',');
  const outDir = resolve(args.get('out') ?? 'tmp-artifacts/bench');
  await assertSynthetic(db);
  const main = resolve('dist/apps/api/main.js');
  if (!existsSync(main))
    throw new Error(
      'dist/apps/api/main.js is missing: run `npx nx build api --configuration=production` (npm run bench does)',
    );

  const pool = new Pool({ connectionString: adminUrl(db), max: Math.max(conns, 20) + 5 });
  const marker = (await pool.query<{ seed: number; cases: number }>(`SELECT seed, cases FROM synthetic_marker LIMIT 1`))
    .rows[0];
  if (!marker) throw new Error('synthetic_marker is empty');
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'ctms-bench-api-'));
  const api: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      ...syntheticEnv(),
      NODE_ENV: 'production',
      // the synthetic accounts sign in with a password alone: the login row measures argon2 (a TOTP check adds one HMAC)
      MFA_REQUIRED: 'false',
      // the login burst comes from one address: the per-address route limit would answer it (decision 0011)
      AUTH_RATE_LIMIT: '100000',
      ARGON2_MAX_QUEUE: '64',
      // one bench user runs every search: the per-user limit would measure itself
      PERSON_SEARCH_PER_MINUTE: '10000',
      PORT: String(port),
      DATABASE_URL: appUrl(db),
      DATABASE_ADMIN_URL: adminUrl(db),
      ATTACHMENTS_DIR: join(work, 'attachments'),
      EXPORTS_DIR: join(work, 'exports'),
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: `bench-${process.pid}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rows: BenchRow[] = [];
  const startedAt = new Date().toISOString();
  try {
    for (let i = 0; ; i++) {
      if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
      try {
        if ((await http(port, 'GET', '/api/health')).status === 200) break;
      } catch {
        /* not up yet */
      }
      if (i > 120) throw new Error('the API did not answer /api/health within 60 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    log(`API (production build, NODE_ENV=production) on 127.0.0.1:${port}, pid ${api.pid}`);

    // ---- samples ----
    const u = (
      await pool.query<{ id: string; username: string; agency_id: string }>(
        `SELECT id, username, agency_id FROM app_user WHERE username = 'bench.supervisor'`,
      )
    ).rows[0];
    if (!u) throw new Error('bench.supervisor is missing: was the database made by seed:synthetic?');
    const actor: Actor = {
      userId: u.id,
      username: u.username,
      agencyId: u.agency_id,
      agencyCode: 'MOPS_ATD',
      capabilities: ['SCREEN', 'FORMAL_IDENTIFICATION', 'INVESTIGATE'],
      roles: ['SUPERVISOR'],
      allProvinces: true,
      provinces: [],
    };
    const ctx: RequestContext = { actor, requestId: 'bench', sourceIp: '127.0.0.1' };
    const caseIds = (
      await pool.query<{ id: string }>(
        `SELECT id FROM case_record WHERE lead_agency_id = $1 ORDER BY md5(id::text) LIMIT 500`,
        [u.agency_id],
      )
    ).rows.map((r) => r.id);
    const editable = (
      await pool.query<{ id: string; version: number }>(
        `SELECT id, version FROM case_record WHERE lead_agency_id = $1 AND status <> 'CLOSED' ORDER BY md5(id::text) DESC LIMIT 200`,
        [u.agency_id],
      )
    ).rows;
    const busiest = (
      await pool.query<{ assigned_to_id: string; n: number }>(
        `SELECT assigned_to_id, count(*)::int AS n FROM case_record WHERE lead_agency_id = $1 AND status = 'ACTIVE' AND province_code = '13' AND assigned_to_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
        [u.agency_id],
      )
    ).rows[0];
    const filter2 =
      (
        await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM case_record WHERE lead_agency_id = $1 AND status = 'ACTIVE' AND province_code = '13'`,
          [u.agency_id],
        )
      ).rows[0]?.n ?? 0;
    const deepOffset = Math.max(0, Math.min(999 * 25, filter2 - 26));
    const deepRow = (
      await pool.query<{ k: string; id: string }>(
        `SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS k, id FROM case_record WHERE lead_agency_id = $1 AND status = 'ACTIVE' AND province_code = '13'
          ORDER BY updated_at DESC, id DESC OFFSET $2 LIMIT 1`,
        [u.agency_id, Math.max(0, deepOffset - 1)],
      )
    ).rows[0];
    const deepCursor = deepRow ? encodeTupleCursor([deepRow.k, deepRow.id]) : undefined;
    const deepPage = Math.floor(deepOffset / 25) + 1;
    const refsClient = await pool.connect();
    const refs = await loadRefs(refsClient).finally(() => refsClient.release());
    const rng = new Rng(marker.seed, 424242);
    const searchNames = (kinds: VariantKind[]) =>
      Array.from({ length: 100 }, () => {
        const plan = planCase(marker.seed, rng.int(marker.cases), refs);
        return variantOf(rng, plan.person.name, rng.pick(kinds));
      });
    const laoNames = searchNames(['LAO_VARIANT', 'LAO_TYPING']);
    const latinNames = searchNames(['ROMANISATION', 'LATIN_TYPO']);

    // ---- the services on a recording DataSource: the exact SQL of each endpoint ----
    const rec = new RecordingDataSource(pool);
    const cipher = createFieldCipher(syntheticEnv(), 'production');
    const audit = new AuditService(rec.asDataSource(), cipher);
    // the recorded endpoints' outbox rows are written in SQL like any other; the queue is not measured
    const queue = { add: async () => undefined } as unknown as Queue<OutboxJobData>;
    const runner = new TransitionRunner(
      rec.asDataSource(),
      audit,
      new OutboxService(rec.asDataSource(), queue, benchConfig()),
    );
    const caseRepo = new CaseRepository(cipher);
    const requestRepo = new CaseRequestRepository(cipher);
    const caseRequests = new CaseRequestsService(
      rec.asDataSource(),
      audit,
      new AccessService(),
      caseRepo,
      requestRepo,
      runner,
    );
    const cases = new CasesService(
      rec.asDataSource(),
      audit,
      cipher,
      new AccessService(),
      caseRepo,
      runner,
      caseRequests,
      requestRepo,
    );
    const records = new CaseRecordsService(rec.asDataSource(), audit, cipher, cases, caseRepo, runner);
    const persons = new PersonSearchService(
      rec.asDataSource(),
      new PersonRepository(cipher),
      cipher,
      audit,
      UNLIMITED,
      benchConfig(),
    );
    const finder = new CaseSearchService(
      rec.asDataSource(),
      audit,
      cipher,
      caseRepo,
      persons,
      UNLIMITED,
      benchConfig(),
    );
    const recordCalls = async (fns: (() => Promise<unknown>)[]) => {
      rec.calls = [];
      for (const fn of fns) await rec.record(fn).catch(() => undefined);
      return rec.calls;
    };

    const token = await login(port, 'bench.supervisor');
    const measure = async (
      row: Omit<BenchRow, 'api' | 'sql' | 'ratioP50' | 'ratioP95'>,
      requests: LoadRequest[],
      sqlCalls: (() => Promise<unknown>)[],
      pinned = false,
      as = token,
    ) => {
      if (only && !only.includes(row.key)) return;
      log(`${row.what}: ${row.connections} connections, ${seconds} s`);
      const apiResult = await runLoadProcess({
        port,
        token: as,
        connections: row.connections,
        seconds,
        requests,
        pinned,
      });
      const calls = sqlCalls.length > 0 ? await recordCalls(sqlCalls) : [];
      const sql = calls.length > 0 ? await runSql(pool, calls, row.connections, seconds) : null;
      const r: BenchRow = {
        ...row,
        api: apiResult,
        sql,
        ratioP50: sql ? apiResult.p50 / sql.p50 : null,
        ratioP95: sql ? apiResult.p95 / sql.p95 : null,
      };
      rows.push(r);
      log(
        `  API p50 ${f(apiResult.p50)} p95 ${f(apiResult.p95)} p99 ${f(apiResult.p99)} ms, ${f(apiResult.rps, 0)} req/s, errors ${apiResult.errors} ${JSON.stringify(apiResult.statuses)}; SQL p50 ${f(sql?.p50)} p95 ${f(sql?.p95)} ms (${sql?.statements ?? 0} statements); ratio p95 ${f(r.ratioP95)}`,
      );
    };

    const sample = <T>(xs: readonly T[], n: number) => xs.slice(0, n);
    await measure(
      { key: 'case-read', what: 'GET /cases/:id', target: 'p95 < 50 ms at 50', connections: conns },
      caseIds.map((id) => ({ method: 'GET', path: `/api/v1/cases/${id}` })),
      sample(caseIds, 50).map((id) => () => cases.get(ctx, id)),
    );
    const listQ = {
      status: 'ACTIVE',
      province: '13',
      ...(busiest ? { assignedTo: busiest.assigned_to_id } : {}),
      limit: 25,
    };
    const qs = new URLSearchParams(Object.entries(listQ).map(([k, v]) => [k, String(v)])).toString();
    await measure(
      {
        key: 'list-page1',
        what: 'case list, 3 filters, page 1',
        target: 'p95 < 100 ms',
        connections: conns,
        note: `status+province+assignedTo: ${busiest?.n ?? 0} matching cases`,
      },
      [{ method: 'GET', path: `/api/v1/cases?${qs}` }],
      [() => finder.list(ctx, listQ as ListCasesQueryDto)],
    );
    if (deepCursor) {
      const deepQ = { status: 'ACTIVE', province: '13', limit: 25, cursor: deepCursor };
      await measure(
        {
          key: 'list-deep',
          what: `case list, keyset page ${deepPage}`,
          target: 'page 1,000 costs what page 1 costs',
          connections: conns,
          note: `status+province (${filter2} matching): page ${deepPage} is the deepest there is`,
        },
        [
          {
            method: 'GET',
            path: `/api/v1/cases?${new URLSearchParams(Object.entries(deepQ).map(([k, v]) => [k, String(v)])).toString()}`,
          },
        ],
        [() => finder.list(ctx, deepQ as ListCasesQueryDto)],
      );
      const page1Q = { status: 'ACTIVE', province: '13', limit: 25 };
      await measure(
        {
          key: 'list-page1-2f',
          what: 'case list, same 2 filters, page 1',
          target: '(reference for the deep page)',
          connections: conns,
        },
        [
          {
            method: 'GET',
            path: `/api/v1/cases?${new URLSearchParams(Object.entries(page1Q).map(([k, v]) => [k, String(v)])).toString()}`,
          },
        ],
        [() => finder.list(ctx, page1Q as ListCasesQueryDto)],
      );
    }
    const searchConns = Math.min(conns, 20);
    await measure(
      { key: 'search-lao', what: 'POST /persons/search (Lao)', target: 'p95 < 150 ms at 20', connections: searchConns },
      laoNames.map((name) => ({ method: 'POST', path: '/api/v1/persons/search', body: { name } })),
      sample(laoNames, 30).map((name) => () => persons.search(ctx, { name })),
    );
    await measure(
      {
        key: 'search-latin',
        what: 'POST /persons/search (Latin)',
        target: 'p95 < 150 ms at 20',
        connections: searchConns,
      },
      latinNames.map((name) => ({ method: 'POST', path: '/api/v1/persons/search', body: { name } })),
      sample(latinNames, 30).map((name) => () => persons.search(ctx, { name })),
    );
    // issue 15 item 4: the case search (decision 0030), by number (the cases the agency leads) and by
    // name (the Lao variants above: the ranking, then the cases of the visible persons)
    const numbers = (
      await pool.query<{ case_number: string }>(
        `SELECT case_number FROM case_record WHERE id = ANY($1::uuid[]) ORDER BY case_number`,
        [caseIds],
      )
    ).rows.map((r) => r.case_number);
    await measure(
      {
        key: 'case-search-number',
        what: 'POST /cases/search (number)',
        target: 'p95 < 100 ms (the case list)',
        connections: conns,
      },
      numbers.map((number) => ({ method: 'POST', path: '/api/v1/cases/search', body: { number, limit: 25 } })),
      sample(numbers, 50).map((number) => () => finder.search(ctx, { number, limit: 25 })),
    );
    await measure(
      {
        key: 'case-search-name',
        what: 'POST /cases/search (Lao name)',
        target: 'p95 < 150 ms at 20 (the person search)',
        connections: searchConns,
      },
      laoNames.map((name) => ({ method: 'POST', path: '/api/v1/cases/search', body: { name, limit: 25 } })),
      sample(laoNames, 30).map((name) => () => finder.search(ctx, { name, limit: 25 })),
    );
    if (!only || only.includes('health-under-search')) {
      // issue 12: 30 long-word searches at once must not take the event loop from the rest of the API
      // (/api/health < 100 ms). The longest names the search accepts, in Lao and Latin letters.
      const long: LoadRequest[] = latinNames.slice(0, 50).map((n, i) => ({
        method: 'POST',
        path: '/api/v1/persons/search',
        body: { name: `${n} ${laoNames[i % laoNames.length]} ${n.split(' ').reverse().join(' ')}`.slice(0, 120) },
      }));
      log(`GET /api/health alone, then beside 30 long searches: ${seconds} s each`);
      const alone = await runLoadProcess({
        port,
        token,
        connections: 1,
        seconds,
        requests: [{ method: 'GET', path: '/api/health' }],
        pinned: false,
      });
      const searches = runLoadProcess({
        port,
        token,
        connections: 30,
        seconds: seconds + 2,
        requests: long,
        pinned: false,
      });
      await new Promise((r) => setTimeout(r, 1000));
      const beside = await runLoadProcess({
        port,
        token,
        connections: 1,
        seconds,
        requests: [{ method: 'GET', path: '/api/health' }],
        pinned: false,
      });
      const load = await searches;
      rows.push({
        key: 'health-under-search',
        what: 'GET /api/health beside 30 long searches',
        target: 'p95 < 100 ms',
        connections: 1,
        api: beside,
        sql: null,
        ratioP50: beside.p50 / alone.p50,
        ratioP95: beside.p95 / alone.p95,
        note: `alone p50 ${f(alone.p50)} p95 ${f(alone.p95)} ms; the searches: p50 ${f(load.p50)} p95 ${f(load.p95)} ms, ${JSON.stringify(load.statuses)}`,
      });
      log(
        `  health alone p50 ${f(alone.p50)} p95 ${f(alone.p95)} ms; beside the searches p50 ${f(beside.p50)} p95 ${f(beside.p95)} ms (×${f(beside.p95 / alone.p95, 2)}); searches ${JSON.stringify(load.statuses)}`,
      );
    }
    const writers = Math.min(conns, 20);
    const writeTargets = editable.slice(writers, writers + 30);
    await measure(
      {
        key: 'update',
        what: 'PATCH /cases/:id (version check, event, audit)',
        target: 'p95 < 100 ms at 20 writers',
        connections: writers,
        note: 'one case per writer',
      },
      editable.slice(0, writers).map((c) => ({
        method: 'PATCH',
        path: `/api/v1/cases/${c.id}`,
        body: { version: c.version, riskLevel: 'HIGH' },
        versioned: true,
      })),
      writeTargets.map((c) => () => cases.update(ctx, c.id, { version: c.version, riskLevel: 'MEDIUM' })),
      true,
    );
    // a create: a note on a case (row lock on the case, encrypted note, timeline event, audit row)
    const noteTargets = editable.slice(writers + 30, writers + 60);
    await measure(
      {
        key: 'create',
        what: 'POST /cases/:id/notes (case lock, encrypted note, event, audit)',
        target: 'p95 < 100 ms at 20 writers',
        connections: writers,
        note: 'one case per writer',
      },
      editable.slice(0, writers).map((c) => ({
        method: 'POST',
        path: `/api/v1/cases/${c.id}/notes`,
        body: { body: 'Benchmark note: follow-up call planned.' },
      })),
      noteTargets.map((c) => () => records.addNote(ctx, c.id, { body: 'Benchmark note: follow-up call planned.' })),
      true,
    );
    await measure(
      { key: 'access-log', what: 'GET /cases/:id/access-log', target: 'p95 < 200 ms', connections: conns },
      caseIds.map((id) => ({ method: 'GET', path: `/api/v1/cases/${id}/access-log` })),
      sample(caseIds, 50).map((id) => () => records.accessLog(ctx, id, { limit: 25 })),
    );

    // ---- login burst and its effect on another endpoint's p95 ----
    if (!only || only.includes('login')) {
      const readReqs: LoadRequest[] = caseIds.map((id) => ({ method: 'GET', path: `/api/v1/cases/${id}` }));
      log(`case read at 10 connections, alone, then during a login burst of 10 (${seconds} s each)`);
      const alone = await runLoadProcess({ port, token, connections: 10, seconds, requests: readReqs });
      const logins: LoadRequest[] = Array.from({ length: 20 }, (_, i) => ({
        method: 'POST',
        path: '/api/v1/auth/login',
        body: { username: `bench.login.${String(i + 1).padStart(2, '0')}`, password: BENCH_PASSWORD },
      }));
      const [burst, during] = await Promise.all([
        runLoadProcess({ port, token: null, connections: 10, seconds, requests: logins }),
        runLoadProcess({ port, token, connections: 10, seconds, requests: readReqs }),
      ]);
      const rise = (during.p95 / alone.p95 - 1) * 100;
      rows.push({
        key: 'login',
        what: 'POST /auth/login (argon2id m=19 MiB t=2)',
        target: 'p95 < 500 ms at 10',
        connections: 10,
        api: burst,
        sql: null,
        ratioP50: null,
        ratioP95: null,
        note: 'argon2 dominates; no SQL baseline',
      });
      rows.push({
        key: 'login-effect',
        what: 'GET /cases/:id during the login burst',
        target: "other endpoints' p95 rises < 20 %",
        connections: 10,
        api: during,
        sql: null,
        ratioP50: null,
        ratioP95: null,
        note: `alone: p95 ${f(alone.p95)} ms; during burst: ${f(during.p95)} ms (${rise >= 0 ? '+' : ''}${rise.toFixed(0)} %)`,
      });
      log(
        `  login p95 ${f(burst.p95)} ms (${f(burst.rps, 1)}/s, errors ${burst.errors}); case read p95 alone ${f(alone.p95)} → during burst ${f(during.p95)} ms (${rise.toFixed(0)} %)`,
      );
    }

    // ---- dashboard: the national counts (GET /stats/summary), as the analyst ----
    if (!only || only.includes('dashboard')) {
      const analyst = (
        await pool.query<{ id: string; agency_id: string }>(
          `SELECT id, agency_id FROM app_user WHERE username = 'bench.analyst'`,
        )
      ).rows[0];
      if (!analyst) throw new Error('bench.analyst is missing: regenerate the database with seed:synthetic');
      const analystCtx: RequestContext = {
        ...ctx,
        actor: {
          userId: analyst.id,
          username: 'bench.analyst',
          agencyId: analyst.agency_id,
          agencyCode: 'IOM',
          capabilities: [],
          roles: ['ANALYST'],
          allProvinces: false,
          provinces: [],
        },
      };
      // what the worker does every STATS_REFRESH_EVERY_SECONDS: recount the whole past days
      const statsService = new StatsService(rec.asDataSource());
      const t0 = performance.now();
      const dailyRows = await statsService.refreshDaily();
      log(
        `  daily statistics recounted (the worker's stats.daily job): ${dailyRows} rows in ${f(performance.now() - t0)} ms`,
      );
      const stats = new StatsController(statsService, audit);
      // the latest whole year with cases (decision 0014: whole ended periods only): the heaviest window, all 12 months decided
      const lastYear = (
        await pool.query<{ y: number }>(
          `SELECT extract(year FROM max(opened_at) AT TIME ZONE 'Asia/Vientiane')::int AS y FROM case_record
            WHERE opened_at < date_trunc('year', now() AT TIME ZONE 'Asia/Vientiane') AT TIME ZONE 'Asia/Vientiane'`,
        )
      ).rows[0]?.y;
      if (!lastYear) throw new Error('no case before this year: the dashboard row needs a whole year of cases');
      const period = String(lastYear);
      await measure(
        {
          key: 'dashboard',
          what: `GET /stats/summary?period=${period} (national counts of a year, release rule applied)`,
          target: '< 1 s',
          connections: 1,
        },
        [{ method: 'GET', path: `/api/v1/stats/summary?period=${period}` }],
        [() => stats.summary(analystCtx, { period })],
        false,
        await login(port, 'bench.analyst'),
      );
    }

    // ---- issue 15: the case search at 1,000,000 cases, on its own database, beside the bare SQL ----
    const caseOpts = caseSearchOptions(args, outDir);
    let caseSearch: CaseSearchResult | null = null;
    if (caseOpts.cases > 0 && (!only || only.some((k) => k.startsWith('case-search-1m')))) {
      caseSearch = await caseSearchBench(caseOpts);
    }

    const meta = {
      db,
      cases: marker.cases,
      seed: marker.seed,
      seconds,
      connections: conns,
      startedAt,
      cpus: cpus().length,
      memGiB: Math.round(totalmem() / 2 ** 30),
      peakRssMb: peakRssMb(api.pid),
    };
    mkdirSync(outDir, { recursive: true });
    const md = markdown(meta, rows) + (caseSearch ? '\n' + caseSearchMarkdown(caseSearch) : '');
    writeFileSync(join(outDir, 'results.json'), JSON.stringify({ meta, rows, caseSearch }, null, 2));
    writeFileSync(join(outDir, 'results.md'), md);
    console.log('\n' + md);
    log(`wrote ${join(outDir, 'results.json')} and results.md`);
  } finally {
    api.kill('SIGTERM');
    await pool.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
