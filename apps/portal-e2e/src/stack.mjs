// Starts the real, built system for end-to-end tests: a fresh database (created, migrated and
// demo-seeded by the API's own `migrate --seed` command), then `node dist/apps/api/main.js serve`,
// which serves the built portal and the API on one free port. Needs `nx build api portal` first.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'dist/apps/api/main.js');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function dropDb(name) {
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/**
 * `worker: true` also starts the BullMQ worker (`main.js worker`) on the same database and queue
 * prefix, for tests that need what it does (notifications, SLA scans, activation e-mails).
 * Every stack has its own temporary folder (removed by `stop`): the e-mails the worker writes land
 * in `stack.mailDir` (MAIL_DIR), and their links point at this stack (PUBLIC_URL). `env` adds or
 * overrides settings (e.g. `{ MFA_REQUIRED: 'true' }`).
 */
export async function startStack({ worker = false, env: extra = {} } = {}) {
  if (!existsSync(main)) throw new Error('dist/apps/api/main.js is missing: run `nx build api portal` first');
  if (!existsSync(join(root, 'dist/apps/portal/browser/index.html')))
    throw new Error('the portal is not built: run `nx build portal` first');
  const db = `ctms_e2e_${randomUUID().slice(0, 8)}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const work = mkdtempSync(join(tmpdir(), `${db}-`));
  const mailDir = join(work, 'mail');
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    MAIL_DIR: mailDir,
    DATABASE_URL: `postgres://ctms_app@127.0.0.1:5432/${db}`,
    DATABASE_ADMIN_URL: `postgres://postgres@127.0.0.1:5432/${db}`,
    QUEUE_PREFIX: `e2e-${db}`,
    // the audit anchor names one database's chain: each stack keeps its own
    AUDIT_ANCHOR_DIR: work,
    LOG_LEVEL: 'warn',
    ...extra,
  };
  const m = spawnSync('node', [main, 'migrate', '--seed'], { cwd: root, env, encoding: 'utf8' });
  if (m.status !== 0) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`migrate failed: ${m.stderr || m.stdout}`);
  }
  const child = spawn('node', [main, 'serve'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let up = false;
  // up to 90 s: with both cores busy, a cold start of the built API takes over 30 s
  for (let i = 0; i < 360 && child.exitCode === null; i++) {
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) {
        up = true;
        break;
      }
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const workerChild =
    up && worker ? spawn('node', [main, 'worker'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] }) : null;
  if (!up) {
    child.kill('SIGKILL');
    await dropDb(db);
    rmSync(work, { recursive: true, force: true });
    throw new Error('the API did not become healthy');
  }
  return {
    baseUrl,
    /** where this stack's worker writes its e-mails as .eml files (the activation links among them) */
    mailDir,
    /** the owner's connection string of this stack's own database (to set up states the UI cannot reach quickly) */
    adminDatabaseUrl: env.DATABASE_ADMIN_URL,
    async stop() {
      for (const c of [workerChild, child]) {
        if (!c || c.exitCode !== null) continue;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (c.exitCode === null) c.kill('SIGKILL');
      }
      await dropDb(db);
      // the e-mails hold one-time links: nothing of the stack stays behind
      rmSync(work, { recursive: true, force: true });
    },
  };
}
