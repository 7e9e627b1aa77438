// Nothing readable at rest (issue 12, "Done when"): the built server and worker run a realistic
// workflow with a canary name and phone — screening, approval, case, notes, consents and a withdrawal
// with a reason, a referral with a service provider, a handoff, an attachment, identity exports
// (one downloaded, one left waiting on disk), a merge with a reason, an administrator's reason —
// then the whole run's log output, every Redis key and value of its queue prefix, every file under
// the var/ directory it used and a pg_dump of its database are searched for the canary in UTF-8,
// UTF-16, base64 and JSON-escaped forms. It must be found nowhere; and it must be found in what the
// API hands back (so the search is known to work and the data really went in).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import IORedis from 'ioredis';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'dist/apps/api/main.js');
const tag = randomUUID().slice(0, 6);
// a Lao name, a Latin name and a phone no other test uses
const CANARY_LAO = `ຈັນທະວົງ${['ກ', 'ຂ', 'ຄ', 'ງ'][parseInt(tag, 16) % 4]}ສີລາ`;
const CANARY_LATIN = `Chanthavong Qx${tag}`;
const PHONE_DIGITS = `20${String(parseInt(tag, 16) % 100_000_000).padStart(8, '0')}`;
const CANARY_PHONE = `+856 ${PHONE_DIGITS.slice(0, 2)} ${PHONE_DIGITS.slice(2, 6)} ${PHONE_DIGITS.slice(6)}`;
const PASSWORD = 'demo-password-2026';

/** Every form in which a canary could sit in a log, a file, a Redis value or a dump. */
function forms(value) {
  const utf8 = Buffer.from(value, 'utf8');
  const jsonEscaped = JSON.stringify(value)
    .slice(1, -1)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const out = [
    ['utf8', utf8],
    ['utf16le', Buffer.from(value, 'utf16le')],
    ['utf16be', Buffer.from(value, 'utf16le').swap16()],
    ['base64', Buffer.from(utf8.toString('base64').replace(/=+$/, ''))],
    ['base64url', Buffer.from(utf8.toString('base64url'))],
    ['json-escaped', Buffer.from(jsonEscaped)],
    ['percent-encoded', Buffer.from(encodeURIComponent(value))],
  ];
  return out.filter(([, b], i, all) => all.findIndex(([, x]) => x.equals(b)) === i);
}
const CANARIES = [
  ['Lao name', CANARY_LAO],
  ['Latin name', CANARY_LATIN],
  ['phone as typed', CANARY_PHONE],
  ['phone digits', PHONE_DIGITS],
];

function findCanaries(where, bytes, found) {
  for (const [label, value] of CANARIES) {
    for (const [form, needle] of forms(value)) {
      // a base64 of a short value could appear by chance only in something enormous; all forms must be absent
      if (bytes.includes(needle)) found.push(`${label} (${form}) in ${where}`);
    }
  }
}

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

/** A one-page PDF whose text is `text` (for an attachment that carries the canary). */
function pdfWith(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const db = `ctms_canary_${tag}`;
const prefix = `canary-${db}`;
const work = mkdtempSync(join(tmpdir(), 'ctms-canary-'));
const varDir = join(work, 'var');
let port = 0;
let log = Buffer.alloc(0);
const children = [];

function env() {
  return {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: `postgres://ctms_app@127.0.0.1:5432/${db}`,
    DATABASE_ADMIN_URL: `postgres://postgres@127.0.0.1:5432/${db}`,
    QUEUE_PREFIX: prefix,
    // the most talkative level: whatever the code would ever log is in the run's output
    LOG_LEVEL: 'trace',
    ATTACHMENTS_DIR: join(varDir, 'attachments'),
    EXPORTS_DIR: join(varDir, 'exports'),
    AUDIT_SEAL_EVERY_SECONDS: '1',
    OUTBOX_POLL_MS: '100',
  };
}

function start(args) {
  // cwd is the run's own directory, so var/mail and anything relative lands under its var/
  const child = spawn('node', [main, ...args], { cwd: work, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (log = Buffer.concat([log, d])));
  child.stderr.on('data', (d) => (log = Buffer.concat([log, d])));
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal === null)
      process.stderr.write(`${args[0]} exited with ${code}; last output:\n${log.subarray(-4000).toString('utf8')}\n`);
  });
  children.push(child);
  return child;
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const base = () => `http://127.0.0.1:${port}/api/v1`;
const tokens = new Map();
async function call(user, method, path, body, expected) {
  const headers = { Authorization: `Bearer ${tokens.get(user) ?? ''}` };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${base()}${path}`, { method, headers, body: payload });
  const buf = Buffer.from(await res.arrayBuffer());
  if (expected !== undefined && res.status !== expected)
    throw new Error(`${method} ${path} as ${user}: ${res.status} ${buf.toString('utf8').slice(0, 500)}`);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? JSON.parse(buf.toString('utf8')) : buf };
}
async function login(user) {
  const res = await fetch(`${base()}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: PASSWORD }),
  });
  assert.equal(res.status, 200, `login ${user}`);
  tokens.set(user, (await res.json()).accessToken);
}

async function waitFor(what, fn, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  assert.ok(readdirSync(join(root, 'dist/apps/api')).includes('main.js'), 'build the API first (nx build api)');
  port = await freePort();
  const m = spawnSync('node', [main, 'migrate', '--seed'], { cwd: work, env: env() });
  log = Buffer.concat([log, m.stdout, m.stderr]);
  assert.equal(m.status, 0, m.stderr.toString());
  start(['serve']);
  await waitFor(
    'the API',
    async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok,
    60_000,
  );
  start(['worker']);
});

after(async () => {
  for (const c of children) await stop(c);
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await c.end();
  rmSync(work, { recursive: true, force: true });
});

test(
  'a workflow with a canary name and phone leaves them nowhere in plaintext: logs, Redis, var/, pg_dump',
  { timeout: 240_000 },
  async () => {
    for (const u of [
      'atd.caseworker',
      'atd.supervisor',
      'atd.investigator',
      'lwu.caseworker',
      'lwu.supervisor',
      'sysadmin',
    ])
      await login(u);
    // reference data (agency ids) from the database: the test sets up nothing through it
    const agencies = new Map();
    const ref = new pg.Client({ connectionString: env().DATABASE_ADMIN_URL });
    await ref.connect();
    for (const r of (await ref.query('SELECT id, code FROM agency')).rows) agencies.set(r.code, r.id);
    await ref.end();
    // libs/domain INTERVIEW_CONSENT_QUESTIONS
    const ALL_YES = Object.fromEntries(
      [
        'CONSENTS_TO_INTERVIEW',
        'INFORMED_OF_PURPOSE',
        'INFORMED_OF_DATA_USE',
        'INFORMED_OF_RESEARCH_USE',
        'INFORMED_OF_RIGHT_OF_ACCESS',
        'INFORMED_OF_RETENTION',
        'INFORMED_OF_WITHDRAWAL',
      ].map((q) => [q, 'YES']),
    );
    const metadata = {
      provinceCode: '01',
      facilityType: 'BORDER_CHECKPOINT',
      interviewAt: new Date(Date.now() - 3_600_000).toISOString(),
    };
    const meets = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({ code, answer: 'PRESENT' }));

    // screening → approval → case, with the canary's name and phone
    const screen = async (given, latin, phone) => {
      const created = await call(
        'atd.caseworker',
        'POST',
        '/screenings',
        {
          metadata,
          interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
          bioData: {
            givenNameLo: given,
            familyNameLo: 'ສີສຸພັນ',
            latinNames: [latin],
            dateOfBirth: '1995-04-03',
            dobPrecision: 'DAY',
            sex: 'FEMININE',
            citizenship: ['LA'],
            phone,
          },
          recruitment: { narrative: `${given} was recruited; call ${phone}` },
          indicatorAnswers: meets,
          interviewerAssessment: 'POSSIBLE_VICTIM',
        },
        201,
      );
      const submitted = await call(
        'atd.caseworker',
        'POST',
        `/screenings/${created.body.id}/submit`,
        { version: created.body.version },
        200,
      );
      const approved = await call(
        'atd.supervisor',
        'POST',
        `/screenings/${created.body.id}/approve`,
        { version: submitted.body.version },
        200,
      );
      return approved.body.caseId;
    };
    const caseId = await screen(CANARY_LAO, CANARY_LATIN, CANARY_PHONE);
    const otherCaseId = await screen(`${CANARY_LAO}ນ້ອຍ`, `${CANARY_LATIN} Noy`, undefined);

    // notes that name her
    await call(
      'atd.supervisor',
      'POST',
      `/cases/${caseId}/notes`,
      { body: `Spoke with ${CANARY_LAO} (${CANARY_LATIN}) on ${CANARY_PHONE}` },
      201,
    );
    // consents: sharing with LWU and OSPP, and one withdrawn with a reason that names her
    const consent = (body) =>
      call(
        'atd.caseworker',
        'POST',
        `/cases/${caseId}/consents`,
        {
          givenBy: 'SELF',
          form: 'WRITTEN_SIGNATURE',
          language: 'lo',
          interpreterUsed: false,
          grantedAt: new Date(Date.now() - 60_000).toISOString(),
          ...body,
        },
        201,
      );
    await consent({
      type: 'REFERRAL_SHARING',
      agencyIds: [agencies.get('LWU')],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION'],
    });
    await consent({
      type: 'LAW_ENFORCEMENT_SHARING',
      agencyIds: [agencies.get('OSPP')],
      purposes: ['LAW_ENFORCEMENT_SHARING'],
      categories: ['CASE_SUMMARY', 'IDENTITY', 'LEGAL_PROCEEDINGS', 'PERPETRATORS'],
    });
    const toWithdraw = await consent({
      type: 'REFERRAL_SHARING',
      agencyIds: [agencies.get('MOLSW')],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY', 'HEALTH'],
    });
    await call(
      'atd.caseworker',
      'POST',
      `/consents/${toWithdraw.body.id}/withdraw`,
      { reason: `${CANARY_LAO} asked by phone ${CANARY_PHONE} to stop` },
      200,
    );

    // a referral to LWU, accepted, with a service whose provider names her contact
    const referral = await call(
      'atd.caseworker',
      'POST',
      `/cases/${caseId}/referrals`,
      {
        toAgencyId: agencies.get('LWU'),
        serviceTypes: ['SHELTER'],
        urgency: 'EMERGENCY',
        reason: `${CANARY_LATIN} needs a safe place`,
        categories: ['IDENTITY', 'CONTACT_LOCATION'],
      },
      201,
    );
    const accepted = await call(
      'lwu.caseworker',
      'POST',
      `/referrals/${referral.body.id}/accept`,
      { version: referral.body.version },
      200,
    );
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Vientiane' }).format(new Date());
    await call(
      'lwu.caseworker',
      'POST',
      `/referrals/${referral.body.id}/services`,
      {
        version: accepted.body.version,
        serviceType: 'SHELTER',
        deliveredOn: today,
        provider: `Aunt of ${CANARY_LAO}, ${CANARY_PHONE}`,
        notes: 'arrived',
      },
      200,
    );

    // a handoff to OSPP, by the investigator the case is assigned to (the editor rule)
    const kase = await call('atd.supervisor', 'GET', `/cases/${caseId}`, undefined, 200);
    const colleagues = await call(
      'atd.supervisor',
      'GET',
      `/users/assignable?province=${kase.body.provinceCode}`,
      undefined,
      200,
    );
    const investigator = colleagues.body.items.find((u) => u.username === 'atd.investigator');
    await call(
      'atd.supervisor',
      'POST',
      `/cases/${caseId}/assign`,
      { version: kase.body.version, userId: investigator.id },
      200,
    );
    await call(
      'atd.investigator',
      'POST',
      `/cases/${caseId}/handoffs`,
      {
        toAgencyId: agencies.get('OSPP'),
        statementSummary: `${CANARY_LAO} states she was recruited`,
        evidence: [{ description: `Phone records of ${CANARY_PHONE}` }],
        suspects: [
          { alias: 'the broker', roleInProcess: 'RECRUITER', relationToVictim: 'ACQUAINTANCE', status: 'AT_LARGE' },
        ],
        proposedCharges: [{ article: 'PENAL_CODE_215', description: 'Trafficking in persons' }],
        willingToTestify: 'YES',
        protectionMeasures: ['IDENTITY_CONFIDENTIALITY'],
      },
      201,
    );

    // an attachment whose content and file name carry her name
    const form = new FormData();
    form.append('kind', 'EVIDENCE');
    form.append('category', 'LEGAL_PROCEEDINGS');
    form.append(
      'file',
      new Blob([pdfWith(`Statement of ${CANARY_LATIN} tel ${PHONE_DIGITS}`)], { type: 'application/pdf' }),
      `${CANARY_LATIN}.pdf`,
    );
    const attachment = await call('atd.supervisor', 'POST', `/cases/${caseId}/attachments`, form, 201);

    // identity exports: a CSV downloaded, a CSV and a case-file PDF left waiting on disk; the
    // reasons name her (a person's words: encrypted at rest, decision 0035)
    const exportWith = async (body) => {
      const requested = await call(
        'atd.caseworker',
        'POST',
        '/exports',
        { ...body, includeIdentity: true, reason: `Court file for ${CANARY_LATIN} ${CANARY_LAO}` },
        201,
      );
      await call('atd.supervisor', 'POST', `/exports/${requested.body.id}/approve`, undefined, 200);
      await waitFor(
        `export ${body.kind}`,
        async () =>
          (await call('atd.caseworker', 'GET', `/exports/${requested.body.id}`, undefined, 200)).body.status ===
          'READY',
      );
      return requested.body.id;
    };
    const downloaded = await exportWith({ kind: 'CASE_LIST_CSV' });
    const file = await call('atd.caseworker', 'GET', `/exports/${downloaded}/download`, undefined, 200);
    await exportWith({ kind: 'CASE_LIST_CSV' });
    await exportWith({ kind: 'CASE_FILE_PDF', caseId });

    // a merge (the second screening was the same woman) and an administrator's reason that name her
    const persons = async (id) => (await call('atd.supervisor', 'GET', `/cases/${id}`, undefined, 200)).body.personId;
    const survivor = await persons(caseId);
    const merged = await persons(otherCaseId);
    assert.ok(survivor && merged, 'the cases name their persons');
    await call(
      'atd.supervisor',
      'POST',
      `/persons/${survivor}/merge`,
      { mergeId: merged, reason: `both are ${CANARY_LAO}, same phone ${CANARY_PHONE}` },
      200,
    );
    const victim = (await call('sysadmin', 'GET', '/admin/users?limit=100', undefined, 200)).body.items.find(
      (u) => u.username === 'atd.bokeo',
    );
    await call(
      'sysadmin',
      'POST',
      `/admin/users/${victim.id}/disable`,
      { reason: `asked ${CANARY_LATIN}'s family for ${CANARY_PHONE}` },
      200,
    );

    // the API hands everything back in clear to those allowed: the data went in, and the search works
    const handedBack = [];
    findCanaries(
      'the API',
      Buffer.from(JSON.stringify((await call('atd.supervisor', 'GET', `/cases/${caseId}/notes`, undefined, 200)).body)),
      handedBack,
    );
    findCanaries('the API', file.body, handedBack);
    findCanaries(
      'the API',
      Buffer.from(
        JSON.stringify((await call('atd.caseworker', 'GET', `/cases/${caseId}/consents`, undefined, 200)).body),
      ),
      handedBack,
    );
    findCanaries(
      'the API',
      Buffer.from(JSON.stringify((await call('atd.supervisor', 'GET', '/audit?limit=100', undefined, 200)).body)),
      handedBack,
    );
    assert.ok(
      handedBack.some((f) => f.startsWith('Lao name (utf8)')),
      'the Lao name comes back from the API',
    );
    assert.ok(
      handedBack.some((f) => f.startsWith('phone as typed (utf8)')),
      'the phone comes back from the API',
    );
    assert.ok(
      handedBack.some((f) => f.startsWith('Latin name (utf8)')),
      'the export holds the Latin name',
    );
    assert.ok(attachment.body.fileName.includes(CANARY_LATIN));

    // let the worker finish what the outbox holds (notifications, mail), and seal the audit trail
    const admin = new pg.Client({ connectionString: env().DATABASE_ADMIN_URL });
    await admin.connect();
    try {
      await waitFor(
        'the outbox to drain',
        async () =>
          (await admin.query(`SELECT count(*)::int AS n FROM outbox WHERE status NOT IN ('DONE', 'DEAD')`)).rows[0]
            .n === 0,
      );
      await waitFor(
        'the audit trail to be sealed',
        async () =>
          (
            await admin.query(
              `SELECT count(*)::int AS n FROM audit_event WHERE xact >= coalesce((SELECT max(xact_to) FROM audit_seal), 0)`,
            )
          ).rows[0].n === 0,
      );
      const waiting = await admin.query(`SELECT count(*)::int AS n FROM export_job WHERE status = 'READY'`);
      assert.equal(waiting.rows[0].n, 2, 'two exports wait on disk');
    } finally {
      await admin.end();
    }
    for (const c of children) await stop(c);

    const found = [];
    // 1. the whole run's log output: migrate, serve, worker, at LOG_LEVEL=trace
    assert.ok(log.length > 1000, 'the run logged');
    findCanaries('the log output', log, found);
    // 2. every Redis key and value under the run's prefix
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    let keys = 0;
    try {
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        for (const key of batch) {
          keys++;
          const type = await redis.type(key);
          let value = [];
          if (type === 'string') value = [await redis.getBuffer(key)];
          else if (type === 'hash') value = Object.entries(await redis.hgetallBuffer(key)).flat();
          else if (type === 'list') value = await redis.lrangeBuffer(key, 0, -1);
          else if (type === 'set') value = await redis.smembersBuffer(key);
          else if (type === 'zset') value = await redis.zrangeBuffer(key, 0, -1, 'WITHSCORES');
          else if (type === 'stream') value = [Buffer.from(JSON.stringify(await redis.xrange(key, '-', '+')))];
          findCanaries(
            `Redis ${key}`,
            Buffer.concat([Buffer.from(key), ...value.map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v))))]),
            found,
          );
        }
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    assert.ok(keys > 0, 'the run used Redis');
    // 3. every file under var/
    const walk = (dir) =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      );
    const files = walk(varDir);
    assert.ok(
      files.some((f) => f.includes('/attachments/')),
      'the attachment is on disk',
    );
    assert.equal(
      files.filter((f) => f.includes('/exports/') && !f.includes('/.')).length,
      2,
      'two exports are on disk',
    );
    assert.ok(
      files.some((f) => f.includes('/mail/')),
      'notification mail was written',
    );
    for (const f of files) {
      assert.ok(!/Chanthavong|ຈັນທະວົງ/.test(f), `a file name holds the canary: ${f}`);
      findCanaries(f.slice(work.length), readFileSync(f), found);
    }
    // 4. a pg_dump of the whole database
    const dump = spawnSync('pg_dump', ['-h', '127.0.0.1', '-U', 'postgres', db], { maxBuffer: 1 << 30 });
    assert.equal(dump.status, 0, dump.stderr.toString());
    assert.ok(dump.stdout.includes(Buffer.from(caseId)), 'the dump holds the case');
    findCanaries('pg_dump', dump.stdout, found);

    assert.deepEqual(found, [], `canary found in plaintext:\n${found.join('\n')}`);
    assert.ok(statSync(varDir).isDirectory());
  },
);
