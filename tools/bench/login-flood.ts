/**
 * npm run bench:login -- [--build LABEL=path/to/main.js ...] [--samples N] [--flood C] [--burst B] [--sustained 1] [--max-seconds S]
 *
 * Issue 12 (item 2 of "What was seen"): how long does a real user's login take while an anonymous
 * flood runs? For each build (default: `after=dist/apps/api/main.js`; give main's build as
 * `--build before=…` to compare) and each spread of the flood, on a fresh database (demo
 * accounts, NODE_ENV development, its own Redis prefix) and a fresh API process:
 *
 *   1. warm-up: the owner (atd.caseworker) signs in once from their client (127.0.0.4), which makes
 *      it a known client (its address and the device cookie the answer sets, where the build sets one);
 *   2. alone: N sequential logins of the owner from that client, nothing else running;
 *   3. attacked: N logins of the owner, each sent 200 ms after an attack was fired:
 *        - C (300) logins with random usernames at once, all from one address (127.0.0.2, "one
 *          address") or each from its own (127.0.1.1 …, "300 addresses"), and
 *        - B (50) wrong passwords for the owner's account at once from another address (127.0.0.3);
 *      the next sample waits until every attacking request has been answered. With `--sustained 1`
 *      the attack is instead kept up for the whole phase: C and B requests always in flight, each
 *      answered one replaced at once (an attacker without pause: the request rate is then as high
 *      as the server answers).
 *
 * Every address is a real loopback source address (the socket's, no forwarded header), so the
 * server sees them as different clients. The attackers run in child processes of their own (their
 * work is not in the event loop that times the owner) but on the same machine. Printed: the
 * owner's median and p95 alone and attacked, the ratios, how many of the owner's logins succeeded
 * and what the attackers got; with two builds, the ratio of the second to the first. Timings are
 * measured here, never asserted in tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { percentile } from './loadgen';

const OWNER = 'atd.caseworker';
const DEMO_PASSWORD = 'demo-password-2026';
const OWNER_ADDRESS = '127.0.0.4';
const FLOOD_ADDRESS = '127.0.0.2';
const BURST_ADDRESS = '127.0.0.3';
const PG = process.env['PGHOST_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

type Scenario = 'one address' | '300 addresses';

interface Sample {
  ms: number;
  status: number;
}

interface PhaseResult {
  samples: Sample[];
  p50: number;
  p95: number;
  ok: number;
}

interface AttackResult {
  sent: number;
  statuses: Record<string, number>;
}

interface ScenarioResult {
  build: string;
  scenario: Scenario;
  alone: PhaseResult;
  attacked: PhaseResult;
  flood: AttackResult;
  burst: AttackResult;
}

function log(msg: string): void {
  console.log(`[bench:login ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

interface Options {
  builds: [string, string][];
  samples: number;
  flood: number;
  burst: number;
  sustained: boolean;
  maxSeconds: number;
}

function parse(argv: string[]): Options {
  const builds: [string, string][] = [];
  const nums: Record<string, number> = { samples: 20, flood: 300, burst: 50, sustained: 0, 'max-seconds': 600 };
  for (let i = 0; i < argv.length; i += 2) {
    const a = argv[i] ?? '';
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--build') {
      const eq = v.indexOf('=');
      if (eq < 1) throw new Error('--build LABEL=path/to/main.js');
      builds.push([v.slice(0, eq), resolve(v.slice(eq + 1))]);
    } else if (a.startsWith('--') && a.slice(2) in nums && Number.isInteger(Number(v))) nums[a.slice(2)] = Number(v);
    else throw new Error(`unknown argument ${a} ${v}`);
  }
  if (builds.length === 0) builds.push(['after', resolve('dist/apps/api/main.js')]);
  const samples = nums['samples'] ?? 20;
  const flood = nums['flood'] ?? 300;
  const burst = nums['burst'] ?? 50;
  const maxSeconds = nums['max-seconds'] ?? 600;
  const sustained = nums['sustained'] === 1;
  // 1 + 2N logins of the owner from one address stay under the per-address route limit of 60 a minute
  if (samples < 5 || samples > 25) throw new Error('--samples between 5 and 25');
  if (flood < 1 || flood > 1000 || burst < 0 || burst > 500) throw new Error('--flood 1..1000, --burst 0..500');
  for (const [label, path] of builds)
    if (!existsSync(path)) throw new Error(`${label}: ${path} is missing (nx build api)`);
  return { builds, samples, flood, burst, sustained, maxSeconds };
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

interface Answer {
  status: number;
  setCookie: string[];
}

/** One POST from a given source address; status 0 when the connection failed or timed out. */
function post(
  port: number,
  agent: http.Agent,
  localAddress: string,
  path: string,
  body: unknown,
  cookie: string | null,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((res) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent,
        localAddress,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(cookie ? { cookie } : {}),
        },
      },
      (r) => {
        r.resume();
        r.on('end', () => res({ status: r.statusCode ?? 0, setCookie: r.headers['set-cookie'] ?? [] }));
        r.on('error', () => res({ status: 0, setCookie: [] }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => res({ status: 0, setCookie: [] }));
    req.end(payload);
  });
}

interface Stack {
  port: number;
  stop(): Promise<void>;
}

async function dropDb(db: string): Promise<void> {
  const c = new Client({ connectionString: `${PG}/postgres` });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

async function dropRedisPrefix(prefix: string): Promise<void> {
  const r = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await r.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** A fresh database (migrated, demo accounts) and one API process of this build. */
async function startStack(main: string): Promise<Stack> {
  const id = randomBytes(4).toString('hex');
  const db = `ctms_benchlogin_${id}`;
  const prefix = `benchlogin-${id}`;
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), `${db}-`));
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: `${PG.replace('postgres://postgres@', 'postgres://ctms_app@')}/${db}`,
    DATABASE_ADMIN_URL: `${PG}/${db}`,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
  };
  const cleanup = async () => {
    await dropDb(db);
    await dropRedisPrefix(prefix);
    rmSync(work, { recursive: true, force: true });
  };
  // its own working directory: the development defaults (var/mail, var/attachments …) land there
  const m = spawnSync(process.execPath, [main, 'migrate', '--seed'], { cwd: work, env, encoding: 'utf8' });
  if (m.status !== 0) {
    await cleanup();
    throw new Error(`migrate failed: ${m.stderr || m.stdout}`);
  }
  const child: ChildProcess = spawn(process.execPath, [main, 'serve'], {
    cwd: work,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      await cleanup();
      throw new Error(`the API exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 240) {
      child.kill('SIGKILL');
      await cleanup();
      throw new Error('the API did not answer /api/health within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await cleanup();
    },
  };
}

interface AttackJob {
  port: number;
  lanes: number;
  /** the lanes spread over this many source addresses (1: all from `address`) */
  addresses: number;
  address: string;
  /** null: random usernames (the flood); else this account with wrong passwords (the burst) */
  username: string | null;
  sustained: boolean;
}

/** The lane's source address: one fixed address, or 127.0.1.1 … 127.0.1.250, 127.0.2.1 … */
function laneAddress(job: AttackJob, lane: number): string {
  if (job.addresses <= 1) return job.address;
  const i = lane % job.addresses;
  return `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
}

type ParentMessage = 'fire' | 'start' | 'stop';

/**
 * The attacker, in a child process of its own so that its work does not sit in the event loop
 * that times the owner. `fire`: every lane sends one login at once; it answers `sent`, then the
 * statuses once all are answered. `start` … `stop`: every lane sends the next login as soon as the
 * previous one is answered; at `stop` it answers the statuses.
 */
async function attackerProcess(job: AttackJob): Promise<void> {
  // keep-alive only for a sustained attack: between fired attacks the server closes idle sockets,
  // and a request on a socket it just closed fails (status 0)
  const agents = Array.from({ length: job.lanes }, () => new http.Agent({ keepAlive: job.sustained }));
  let stopped = false;
  let loops: Promise<void>[] = [];
  let statuses: Record<string, number> = {};
  const one = async (lane: number) => {
    const body =
      job.username === null
        ? { username: `x${randomBytes(6).toString('hex')}`, password: randomBytes(9).toString('base64') }
        : { username: job.username, password: `wrong-${randomBytes(6).toString('hex')}` };
    const a = await post(job.port, agents[lane], laneAddress(job, lane), '/api/v1/auth/login', body, null, 120_000);
    if (!stopped) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  };
  process.on('message', (m: ParentMessage) => {
    if (m === 'fire') {
      statuses = {};
      const all = Array.from({ length: job.lanes }, (_, lane) => one(lane));
      process.send?.('sent');
      void Promise.all(all).then(() => process.send?.({ sent: job.lanes, statuses }));
    } else if (m === 'start') {
      statuses = {};
      loops = Array.from({ length: job.lanes }, async (_, lane) => {
        while (!stopped) await one(lane);
      });
      process.send?.('sent');
    } else if (m === 'stop') {
      stopped = true;
      const result = { sent: Object.values(statuses).reduce((n, x) => n + x, 0), statuses: { ...statuses } };
      for (const a of agents) a.destroy();
      void Promise.all(loops).then(() => process.send?.(result, () => process.exit(0)));
    }
  });
  process.send?.('ready');
}

interface Attacker {
  /** sends a message and resolves with the next answer */
  ask(m: ParentMessage): Promise<unknown>;
  /** the answer after the next (a fired attack's statuses) */
  next(): Promise<unknown>;
  kill(): void;
}

async function spawnAttacker(job: AttackJob): Promise<Attacker> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--attack', JSON.stringify(job)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
  const inbox: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  child.on('message', (m) => {
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  const next = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise<unknown>((r) => waiting.push(r)));
  await next(); // ready
  return {
    ask(m) {
      child.send(m);
      return next();
    },
    next,
    kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function merge(into: AttackResult, r: unknown): void {
  const x = r as AttackResult;
  into.sent += x.sent;
  for (const [k, v] of Object.entries(x.statuses)) into.statuses[k] = (into.statuses[k] ?? 0) + v;
}

async function ownerLogin(port: number, agent: http.Agent, cookie: string | null): Promise<Sample> {
  const t0 = performance.now();
  const a = await post(
    port,
    agent,
    OWNER_ADDRESS,
    '/api/v1/auth/login',
    { username: OWNER, password: DEMO_PASSWORD },
    cookie,
    60_000,
  );
  return { ms: performance.now() - t0, status: a.status };
}

function summary(samples: Sample[]): PhaseResult {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    samples,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    ok: samples.filter((s) => s.status === 200).length,
  };
}

async function runScenario(build: string, main: string, scenario: Scenario, opts: Options): Promise<ScenarioResult> {
  const stack = await startStack(main);
  // a new connection for every login, as a browser after a pause (an idle keep-alive socket may be closed under it)
  const owner = new http.Agent({ keepAlive: false });
  const attackers: Attacker[] = [];
  try {
    // warm-up: the owner's client becomes known (address; device cookie where the build sets one)
    const first = await post(
      stack.port,
      owner,
      OWNER_ADDRESS,
      '/api/v1/auth/login',
      { username: OWNER, password: DEMO_PASSWORD },
      null,
      60_000,
    );
    if (first.status !== 200) throw new Error(`${build}: the owner's first login answered ${first.status}`);
    const cookie = first.setCookie.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('ctms_device=')) ?? null;
    const until = performance.now() + opts.maxSeconds * 1000;

    const aloneSamples: Sample[] = [];
    while (aloneSamples.length < opts.samples) aloneSamples.push(await ownerLogin(stack.port, owner, cookie));
    const alone = summary(aloneSamples);
    log(
      `${build} / ${scenario}: alone p50 ${alone.p50.toFixed(1)} ms, p95 ${alone.p95.toFixed(1)} ms (${alone.ok}/${alone.samples.length} ok)`,
    );

    const flood = await spawnAttacker({
      port: stack.port,
      lanes: opts.flood,
      addresses: scenario === 'one address' ? 1 : opts.flood,
      address: FLOOD_ADDRESS,
      username: null,
      sustained: opts.sustained,
    });
    attackers.push(flood);
    const burst =
      opts.burst > 0
        ? await spawnAttacker({
            port: stack.port,
            lanes: opts.burst,
            addresses: 1,
            address: BURST_ADDRESS,
            username: OWNER,
            sustained: opts.sustained,
          })
        : null;
    if (burst) attackers.push(burst);
    const floodResult: AttackResult = { sent: 0, statuses: {} };
    const burstResult: AttackResult = { sent: 0, statuses: {} };
    const attackedSamples: Sample[] = [];
    if (opts.sustained) {
      await Promise.all(attackers.map((a) => a.ask('start')));
      // let the attack fill the server's queues before the owner tries
      await new Promise((r) => setTimeout(r, 1000));
      while (attackedSamples.length < opts.samples && performance.now() < until)
        attackedSamples.push(await ownerLogin(stack.port, owner, cookie));
      merge(floodResult, await flood.ask('stop'));
      if (burst) merge(burstResult, await burst.ask('stop'));
    } else {
      while (attackedSamples.length < opts.samples && performance.now() < until) {
        await Promise.all(attackers.map((a) => a.ask('fire')));
        const answered = Promise.all(attackers.map((a) => a.next()));
        // the attack's requests are on their way: the owner's login lands in the middle of them
        await new Promise((r) => setTimeout(r, 200));
        attackedSamples.push(await ownerLogin(stack.port, owner, cookie));
        const [f, b] = await answered;
        merge(floodResult, f);
        if (burst) merge(burstResult, b);
      }
    }
    const attacked = summary(attackedSamples);
    log(
      `${build} / ${scenario}: attacked p50 ${attacked.p50.toFixed(1)} ms, p95 ${attacked.p95.toFixed(1)} ms (${attacked.ok}/${attacked.samples.length} ok, statuses ${JSON.stringify(
        count(attacked.samples.map((x) => x.status)),
      )}); flood ${JSON.stringify(floodResult.statuses)}, burst ${JSON.stringify(burstResult.statuses)}`,
    );
    return { build, scenario, alone, attacked, flood: floodResult, burst: burstResult };
  } finally {
    for (const a of attackers) a.kill();
    owner.destroy();
    await stack.stop();
  }
}

function count(xs: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');

function table(results: readonly ScenarioResult[], builds: readonly string[]): string {
  const lines = [
    `| build | flood | owner alone p50 / p95 ms | owner attacked p50 / p95 ms | attacked/alone p50 | attacked/alone p95 | owner ok | flood answers | wrong-password burst answers |`,
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.build} | ${r.scenario} | ${f(r.alone.p50)} / ${f(r.alone.p95)} | ${f(r.attacked.p50)} / ${f(r.attacked.p95)} | ${f(r.attacked.p50 / r.alone.p50, 1)}× | ${f(r.attacked.p95 / r.alone.p95, 1)}× | ${r.attacked.ok}/${r.attacked.samples.length} | ${Object.entries(
        r.flood.statuses,
      )
        .map(([k, v]) => `${v}×${k}`)
        .join(', ')} | ${Object.entries(r.burst.statuses)
        .map(([k, v]) => `${v}×${k}`)
        .join(', ')} |`,
    );
  }
  if (builds.length === 2) {
    const [b0, b1] = builds;
    lines.push('', `| flood | attacked p50 ${b1}/${b0} | attacked p95 ${b1}/${b0} |`, '|---|---|---|');
    for (const s of ['one address', '300 addresses'] as const) {
      const x = results.find((r) => r.build === b0 && r.scenario === s);
      const y = results.find((r) => r.build === b1 && r.scenario === s);
      if (x && y)
        lines.push(`| ${s} | ${f(y.attacked.p50 / x.attacked.p50, 3)} | ${f(y.attacked.p95 / x.attacked.p95, 3)} |`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  log(
    `${cpus().length} CPUs; ${opts.samples} owner logins per phase; ${opts.flood} random-username logins and ${opts.burst} wrong passwords for the owner ${opts.sustained ? 'kept in flight' : 'fired at once before each owner login'}`,
  );
  const results: ScenarioResult[] = [];
  for (const [label, path] of opts.builds) {
    for (const scenario of ['one address', '300 addresses'] as const)
      results.push(await runScenario(label, path, scenario, opts));
  }
  console.log(
    '\n' +
      table(
        results,
        opts.builds.map(([l]) => l),
      ) +
      '\n',
  );
  console.log(
    'A login that took longer than 60 s counts as status 0. The machine is shared: compare the ratios, not the absolute times.',
  );
}

const role =
  process.argv[2] === '--attack' ? attackerProcess(JSON.parse(process.argv[3] ?? '{}') as AttackJob) : main();
role.catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
