#!/usr/bin/env node
// `npm start`: check the services, build what is not built, migrate and seed, then run the API
// (which serves the portal) and the BullMQ worker until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import IORedis from 'ioredis';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
env.NODE_ENV ??= 'development';
env.PORT ??= '3000';
env.DATABASE_URL ??= 'postgres://ctms_app@127.0.0.1:5432/ctms';
env.REDIS_URL ??= 'redis://127.0.0.1:6379';
env.NX_DAEMON ??= 'false';
env.NX_TUI ??= 'false';
env.NX_NO_CLOUD ??= 'true';

const adminUrl = (() => {
  if (env.DATABASE_ADMIN_URL) return env.DATABASE_ADMIN_URL;
  const u = new URL(env.DATABASE_URL);
  u.username = 'postgres';
  u.password = '';
  return u.toString();
})();

function fail(line) {
  console.error(line);
  process.exit(1);
}

async function checkPostgres() {
  const u = new URL(adminUrl);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
  } catch {
    fail(
      `PostgreSQL is not reachable at ${u.host}: start it with  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function checkRedis() {
  const r = new IORedis(env.REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } catch {
    fail(
      `Redis is not reachable at ${new URL(env.REDIS_URL).host}: start it with  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  } finally {
    r.disconnect();
  }
}

function run(cmd, args, label) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) fail(`${label} failed (exit ${r.status ?? r.signal})`);
}

async function demoAccounts() {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT u.username, a.code AS agency, array_to_string(u.roles, ',') AS roles FROM app_user u JOIN agency a ON a.id = u.agency_id ORDER BY a.code, u.username`,
    );
    return rows;
  } finally {
    await c.end();
  }
}

await checkPostgres();
await checkRedis();

console.log('building (cached after the first run) …');
run('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'portal', '--outputStyle=static'], 'build');
const main = join(root, 'dist/apps/api/main.js');
if (!existsSync(main)) fail('the API build is missing: dist/apps/api/main.js');

run('node', [main, 'migrate', '--seed'], 'migrate and seed');

const children = [
  spawn('node', [main, 'serve'], { cwd: root, env, stdio: 'inherit' }),
  spawn('node', [main, 'worker'], { cwd: root, env, stdio: 'inherit' }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const t = setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  }, 10_000);
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => {
    clearTimeout(t);
    process.exit(code);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
for (const c of children) c.on('exit', (code) => stop(code ?? 1));

// wait for the API, then say where it is and who can log in
const base = `http://localhost:${env.PORT}`;
for (let i = 0; i < 120 && !stopping; i++) {
  try {
    const r = await fetch(`${base}/api/health`);
    if (r.ok) break;
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 500));
}
if (!stopping) {
  const lines = [``, `  Portal and API:  ${base}`, `  API docs:        ${base}/api/docs`, ``];
  if (env.NODE_ENV !== 'production') {
    const users = await demoAccounts().catch(() => []);
    if (users.length) {
      lines.push(`  Demo logins (password: ${env.DEMO_PASSWORD || 'demo-password-2026'}):`);
      for (const u of users) lines.push(`    ${u.username.padEnd(18)} ${u.agency.padEnd(9)} ${u.roles}`);
      lines.push('');
    }
  }
  lines.push('  Ctrl-C stops everything.', '');
  console.log(lines.join('\n'));
}
