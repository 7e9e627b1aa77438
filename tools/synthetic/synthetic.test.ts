/**
 * CI-sized proof that the synthetic tools work (npm run test:synthetic): generator at 300 cases
 * into its own marked database, refusal of an unmarked one, no plaintext canary in a full dump,
 * and the benchmark for ~1 s per row. Asserts that results exist, never a time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { Client } from 'pg';
import { AUDIT_ACTIONS, isOneOf } from '@ctms/domain';
import { createFieldCipher } from '../../apps/api/src/platform/crypto/crypto.module';
import { copyData, cachedSearchColumns } from './encode';
import { adminUrl, loadRefs, syntheticEnv } from './db';
import { SyntheticEncryptor } from './fast-cipher';
import { personSearchColumns } from './person-search-rows';
import { LEAD_AGENCIES, planCase, type Refs } from './plan';

const DB = 'ctms_syn_ci';
const ROOT = resolve(__dirname, '../..');
const TS = ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register'];
const ENV = { ...process.env, TS_NODE_PROJECT: 'tools/tsconfig.json', TS_NODE_TRANSPILE_ONLY: '1' };

function tool(file: string, args: string[]) {
  return spawnSync(process.execPath, [...TS, file, ...args], {
    cwd: ROOT,
    env: ENV,
    encoding: 'utf8',
    timeout: 240_000,
  });
}

async function admin(db: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl(db) });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

void test('the fast encryptor writes FieldCipher ciphertexts; memoised search columns equal the persons module', () => {
  const cipher = createFieldCipher(syntheticEnv(), 'production');
  const sx = new SyntheticEncryptor(syntheticEnv());
  const id = '3f0c8a52-1d2e-4b7a-9c11-0a1b2c3d4e5f';
  const values = new Set<string>();
  for (let i = 0; i < 20_000; i++) values.add(sx.encrypt('canary ສຸກສະຫວັນ', 'person', 'identity_enc', id)); // > 2 IV pools
  assert.equal(values.size, 20_000, 'every encryption draws a fresh IV');
  for (const v of [...values].slice(-3))
    assert.equal(cipher.decrypt(v, { table: 'person', column: 'identity_enc', rowId: id }), 'canary ສຸກສະຫວັນ');
  assert.throws(() =>
    cipher.decrypt([...values][0] ?? '', { table: 'person', column: 'identity_enc', rowId: 'other' }),
  );
  assert.deepEqual(
    cipher.decryptJson(sx.encryptJson({ a: [1, 'ຫຼ'] }, 'case_record', 'plan_enc', id), {
      table: 'case_record',
      column: 'plan_enc',
      rowId: id,
    }),
    { a: [1, 'ຫຼ'] },
  );

  const codes = [...LEAD_AGENCIES.map(([c]) => c), 'IOM', 'OSPP'];
  const refs: Refs = {
    agencies: codes.map((code, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, code })),
    staff: {},
  };
  for (let i = 0; i < 400; i++) {
    const c = planCase(3, i, refs);
    for (const p of [c.person, ...c.others])
      assert.deepEqual(cachedSearchColumns(cipher, p.identity), personSearchColumns(cipher, p.identity), `case ${i}`);
  }
  assert.equal(
    copyData([['a\tb\\c', null, ['x y', 'NULL', 'q"'], 3, new Date(0), { k: 'v\n' }]], 6),
    'a\\tb\\\\c\t\\N\t{"x y","NULL","q\\\\""}\t3\t1970-01-01T00:00:00.000Z\t{"k":"v\\\\n"}\n',
  );
});

void test('seed:synthetic refuses a database without the synthetic mark, and ctms', async () => {
  await admin('postgres', 'DROP DATABASE IF EXISTS ctms_syn_unmarked');
  await admin('postgres', 'CREATE DATABASE ctms_syn_unmarked');
  try {
    const r = tool('tools/synthetic/seed-synthetic.ts', ['--cases', '10', '--db', 'ctms_syn_unmarked']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /REFUSED/);
    const c = tool('tools/synthetic/seed-synthetic.ts', ['--cases', '10', '--db', 'ctms']);
    assert.notEqual(c.status, 0);
    assert.match(c.stderr, /refusing/);
  } finally {
    await admin('postgres', 'DROP DATABASE IF EXISTS ctms_syn_unmarked');
  }
});

void test('seed:synthetic fills a marked database; no generated name is stored in plaintext', async () => {
  const r = tool('tools/synthetic/seed-synthetic.ts', ['--cases', '300', '--db', DB, '--fresh', '--seed', '7']);
  assert.equal(r.status, 0, r.stderr);
  const c = new Client({ connectionString: adminUrl(DB) });
  await c.connect();
  try {
    const n = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM case_record');
    assert.equal(n.rows[0]?.n, 300);
    const refs = await loadRefs(c);
    const canary = planCase(7, 123, refs).person;
    const latin = canary.identity.latinNames?.[0] ?? '';
    assert.ok(latin.length > 3);
    const dump = spawnSync('pg_dump', ['-h', '127.0.0.1', '-U', 'postgres', '--data-only', DB], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    assert.equal(dump.status, 0, dump.stderr);
    assert.ok(dump.stdout.includes(canary.id), 'the canary person is in the dump');
    assert.ok(!dump.stdout.includes(latin), `plaintext name "${latin}" found in the dump`);
    assert.ok(!dump.stdout.includes(canary.identity.givenNameLo + canary.identity.familyNameLo));
    // the generated audit trail uses the API's own actions, so the portal labels every row
    const actions = await c.query<{ action: string }>('SELECT DISTINCT action FROM audit_event ORDER BY 1');
    const unknown = actions.rows.map((a) => a.action).filter((a) => !isOneOf(AUDIT_ACTIONS, a));
    assert.deepEqual(unknown, []);
  } finally {
    await c.end();
  }
  // every command of the API needs NODE_ENV (decision 0011); the synthetic database is a test one, under the synthetic keys
  const v = spawnSync(process.execPath, ['dist/apps/api/main.js', 'audit:verify'], {
    cwd: ROOT,
    env: { ...process.env, ...syntheticEnv(), NODE_ENV: 'test', DATABASE_ADMIN_URL: adminUrl(DB) },
    encoding: 'utf8',
  });
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /audit chain intact: 6001 rows/);
});

void test('bench produces a result for each measured row', () => {
  assert.ok(existsSync(resolve(ROOT, 'dist/apps/api/main.js')), 'build the API first (npm run test:synthetic does)');
  const r = tool('tools/bench/bench.ts', [
    '--db',
    DB,
    '--seconds',
    '1',
    '--connections',
    '4',
    '--out',
    'tmp-artifacts/bench-ci',
    '--only',
    'case-read,list-page1,search-lao,update,create,access-log,dashboard',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(readFileSync(resolve(ROOT, 'tmp-artifacts/bench-ci/results.json'), 'utf8')) as {
    rows: { key: string; api: { count: number } | null; sql: { count: number } | null }[];
  };
  assert.deepEqual(out.rows.map((x) => x.key).sort(), [
    'access-log',
    'case-read',
    'create',
    'dashboard',
    'list-page1',
    'search-lao',
    'update',
  ]);
  for (const row of out.rows) {
    assert.ok((row.api?.count ?? 0) > 0, `${row.key}: API requests`);
    assert.ok((row.sql?.count ?? 0) > 0, `${row.key}: SQL baseline`);
    // every replayed statement ran (a create replays with fresh ids, not into a duplicate key)
    assert.equal((row.sql as { errors?: number } | null)?.errors ?? 0, 0, `${row.key}: SQL baseline errors`);
  }
});
