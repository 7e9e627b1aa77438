import { randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { tinyPdf } from '../src/attachments/testing/image-fixtures';
import { verifyAuditChain } from '../src/platform/audit/audit-verify';
import { createFieldCipher } from '../src/platform/crypto/crypto.module';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { FileCipher } from '../src/platform/crypto/file-cipher';
import { formatRotationReport, rotateKeys, type RotationReport } from '../src/platform/crypto/key-rotation';
import { adminUrl } from './db';
import { auditSince, lastAuditSeq, startStack, TestStack } from './harness';
import { seedCases } from './seed-cases';

/**
 * `keys:rotate` against the running application (decision 0013): the app writes under key 1 while
 * the rotation brings everything under key 2, in small batches. A row the app changes between the
 * rotation's read and write keeps the app's value (compare-and-swap); legacy plaintext columns and
 * files are moved into encrypted ones without losing a value; audit rows are never rewritten and
 * the chain still verifies; a second run finishes what the first left.
 */
const K1 = randomBytes(32).toString('base64');
const K2 = randomBytes(32).toString('base64');
const KEYS = `1:${K1},2:${K2}`;

describe('keys:rotate', () => {
  let s: TestStack;
  let pool: Pool;
  let rotator: FieldCipher;
  const attachments = mkdtempSync(join(tmpdir(), 'ctms-rot-att-'));
  const exportsDir = mkdtempSync(join(tmpdir(), 'ctms-rot-exp-'));
  const tokens = new Map<string, string>();
  const bearer = (u: string) => ({ Authorization: `Bearer ${tokens.get(u) ?? ''}` });
  const get = (u: string, path: string) => s.http().get(`/api/v1${path}`).set(bearer(u));
  const post = (u: string, path: string, body: object = {}) =>
    s.http().post(`/api/v1${path}`).set(bearer(u)).send(body);
  const patch = (u: string, path: string, body: object) => s.http().patch(`/api/v1${path}`).set(bearer(u)).send(body);
  let caseIds: string[] = [];
  const run = (beforeWrite?: (target: string, ids: string[]) => Promise<void>): Promise<RotationReport> =>
    rotateKeys(pool, rotator, new FileCipher(rotator), {
      batch: 4,
      attachmentsDir: attachments,
      exportsDir,
      beforeWrite,
    });
  const lineOf = (r: RotationReport, target: string) => {
    const l = r.lines.find((x) => x.target === target);
    if (!l) throw new Error(`no line ${target}`);
    return l;
  };
  let legacyConsent = '';
  let legacyService = '';
  let legacyAttachment = '';
  let legacyExport = '';

  beforeAll(async () => {
    // the application runs with both keys and still writes under key 1, as before its restart
    s = await startStack({
      FIELD_KEYS: KEYS,
      FIELD_KEY_CURRENT: '1',
      ATTACHMENTS_DIR: attachments,
      EXPORTS_DIR: exportsDir,
    });
    pool = new Pool({ connectionString: adminUrl(s.dbName), max: 2 });
    rotator = createFieldCipher({ FIELD_KEYS: KEYS, FIELD_KEY_CURRENT: '2' }, 'test');
    for (const u of ['atd.caseworker', 'atd.supervisor', 'sysadmin']) tokens.set(u, (await s.login(u)).accessToken);
    const agency = async (code: string) =>
      (await s.admin.query<{ id: string }>(`SELECT id FROM agency WHERE code = $1`, [code])).rows[0].id;
    const atd = await agency('MOPS_ATD');
    const lwu = await agency('LWU');
    const appCipher = s.app.get(FieldCipher);
    caseIds = await seedCases(
      s.admin,
      appCipher,
      Array.from({ length: 10 }, (_, i) => ({ agencyId: atd, province: '01', givenNameLo: `ນາງ ທົດສອບ ${i}` })),
      { prefix: 'ROT' },
    );
    for (const [i, id] of caseIds.entries()) {
      expect((await post('atd.supervisor', `/cases/${id}/notes`, { body: `ບັນທຶກ ${i}` })).status).toBe(201);
      const c = await get('atd.caseworker', `/cases/${id}`);
      expect(
        (
          await patch('atd.supervisor', `/cases/${id}`, {
            version: c.body.version,
            plan: { objectives: `objective ${i}` },
          })
        ).status,
      ).toBe(200);
    }
    // the cases are unassigned: a supervisor records and withdraws (the editor rule)
    const grant = await post('atd.supervisor', `/cases/${caseIds[0]}/consents`, {
      type: 'REFERRAL_SHARING',
      agencyIds: [lwu],
      purposes: ['REFERRAL_SHARING'],
      categories: ['CASE_SUMMARY'],
      givenBy: 'SELF',
      form: 'WRITTEN_SIGNATURE',
      language: 'lo',
      interpreterUsed: false,
      grantedAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(grant.status).toBe(201);
    expect(
      (await post('atd.supervisor', `/consents/${grant.body.id}/withdraw`, { reason: 'ນາງບໍ່ຢາກແບ່ງປັນອີກ' })).status,
    ).toBe(200);
    const upload = await s
      .http()
      .post(`/api/v1/cases/${caseIds[0]}/attachments`)
      .set(bearer('atd.supervisor'))
      .field('kind', 'EVIDENCE')
      .field('category', 'LEGAL_PROCEEDINGS')
      .attach('file', tinyPdf('rotation'), { filename: 'r.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const victim = (await s.admin.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'atd.bokeo'`)).rows[0]
      .id;
    expect((await post('sysadmin', `/admin/users/${victim}/disable`, { reason: 'ຍ້າຍໄປບ່ອນອື່ນ' })).status).toBe(200);

    // data from before encryption: plaintext columns and files, written as the old version did
    const user = (await s.admin.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'atd.caseworker'`))
      .rows[0].id;
    legacyConsent = randomUUID();
    await s.admin.query(
      `INSERT INTO consent (id, case_id, type, status, agency_ids, purposes, categories, given_by, form, granted_at, recorded_by_id, withdrawn_at, withdrawn_by_id, withdrawal_reason)
       VALUES ($1, $2, 'REFERRAL_SHARING', 'WITHDRAWN', ARRAY[$3::uuid], '{REFERRAL_SHARING}', '{CASE_SUMMARY}', 'SELF', 'WRITTEN_SIGNATURE', now() - interval '2 days', $4, now(), $4, 'legacy reason ນາງ')`,
      [legacyConsent, caseIds[1], lwu, user],
    );
    const referral = randomUUID();
    await s.admin.query(
      `INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, urgency, status, acknowledge_by) VALUES ($1, $2, $3, $4, $5, 'ROUTINE', 'IN_PROGRESS', now() + interval '1 day')`,
      [referral, caseIds[1], atd, user, lwu],
    );
    legacyService = randomUUID();
    await s.admin.query(
      `INSERT INTO referral_service (id, referral_id, service_type, delivered_on, provider, recorded_by_id, created_at) VALUES ($1, $2, 'SHELTER', current_date, 'legacy provider Dr. ສົມ', $3, now())`,
      [legacyService, referral, user],
    );
    legacyAttachment = randomUUID();
    const legacyKey = `${new Date().getUTCFullYear()}/${randomUUID()}`;
    mkdirSync(join(attachments, legacyKey, '..'), { recursive: true });
    const legacyBytes = tinyPdf('legacy plaintext');
    writeFileSync(join(attachments, legacyKey), legacyBytes, { mode: 0o600 });
    const { createHash } = await import('node:crypto');
    await s.admin.query(
      `INSERT INTO attachment (id, case_id, kind, category, file_name_enc, media_type, size_bytes, sha256, storage_key, uploaded_by_id, created_at)
       VALUES ($1, $2, 'EVIDENCE', 'LEGAL_PROCEEDINGS', $3, 'application/pdf', $4, $5, $6, $7, now())`,
      [
        legacyAttachment,
        caseIds[0],
        appCipher.encrypt('old.pdf', { table: 'attachment', column: 'file_name_enc', rowId: legacyAttachment }),
        legacyBytes.length,
        createHash('sha256').update(legacyBytes).digest('hex'),
        legacyKey,
        user,
      ],
    );
    legacyExport = randomUUID();
    await s.admin.query(
      `INSERT INTO export_job (id, kind, status, requested_by_id, agency_id, file_key, size_bytes, row_count, finished_at, expires_at) VALUES ($1, 'CASE_LIST_CSV', 'READY', $2, $3, $4, 10, 1, now(), now() + interval '1 hour')`,
      [legacyExport, user, atd, `${legacyExport}.csv`],
    );
    writeFileSync(join(exportsDir, `${legacyExport}.csv`), 'Case number\r\nROT-1\r\n', { mode: 0o600 });
  });

  afterAll(async () => {
    await pool.end();
    await s.close();
    rmSync(attachments, { recursive: true, force: true });
    rmSync(exportsDir, { recursive: true, force: true });
  });

  it('a dry run counts what is left per table, column and file kind, and changes nothing', async () => {
    const r = await rotateKeys(pool, rotator, new FileCipher(rotator), {
      dryRun: true,
      attachmentsDir: attachments,
      exportsDir,
    });
    expect(lineOf(r, 'case_note.body_enc')).toMatchObject({ done: 0, left: 10, byVersion: { v1: 10 } });
    expect(lineOf(r, 'person.identity_enc').left).toBe(10);
    expect(lineOf(r, 'consent.withdrawal_reason')).toMatchObject({ kind: 'plaintext column', left: 1 });
    expect(lineOf(r, 'referral_service.provider').left).toBe(1);
    expect(lineOf(r, 'attachment files (plaintext on disk)').left).toBe(1);
    expect(lineOf(r, 'attachment.data_key_enc').byVersion).toEqual({ v1: 1 });
    expect(lineOf(r, 'export files (plaintext on disk)').left).toBe(1);
    expect(lineOf(r, 'audit_event.reason_enc').byVersion).toEqual({ v1: 1 });
    expect(r.complete).toBe(false);
    expect(formatRotationReport(r).join('\n')).toMatch(/case_note\.body_enc\s+0\s+0\s+0\s+10\s+v1:10/);
  });

  it('re-encrypts under the current key while the app writes: a row changed meanwhile keeps its new value', async () => {
    const before = await Promise.all(
      caseIds.map(async (id) =>
        (await get('atd.caseworker', `/cases/${id}/notes`)).body.items.map((n: { body: string }) => n.body),
      ),
    );
    const seqBefore = await lastAuditSeq(s.admin);
    let raced = '';
    // the app keeps writing notes (under key 1) while the rotation runs
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing && n < 40) {
        await post('atd.supervisor', `/cases/${caseIds[n % caseIds.length]}/notes`, { body: `concurrent ${n++}` });
      }
      return n;
    })();
    const report = await run(async (target, ids) => {
      // between the rotation's read and its write, the app edits the plan of one of the rows read
      if (target === 'case_record.plan_enc' && !raced && ids[0]) {
        raced = ids[0];
        const c = await get('atd.caseworker', `/cases/${raced}`);
        expect(
          (
            await patch('atd.supervisor', `/cases/${raced}`, {
              version: c.body.version,
              plan: { objectives: 'changed during rotation' },
            })
          ).status,
        ).toBe(200);
      }
    });
    writing = false;
    const written = await writer;
    expect(written).toBeGreaterThan(0);

    const plan = lineOf(report, 'case_record.plan_enc');
    expect(plan.changedMeanwhile).toBe(1);
    expect(plan.failed).toEqual([]);
    expect((await get('atd.caseworker', `/cases/${raced}`)).body.plan.objectives).toBe('changed during rotation');
    expect(lineOf(report, 'person.identity_enc')).toMatchObject({ done: 10, left: 0, byVersion: { v2: 10 } });
    // plaintext columns moved, nothing lost
    expect(lineOf(report, 'consent.withdrawal_reason')).toMatchObject({ done: 1, left: 0 });
    expect(
      (
        await s.admin.query(`SELECT withdrawal_reason, withdrawal_reason_enc FROM consent WHERE id = $1`, [
          legacyConsent,
        ])
      ).rows[0],
    ).toEqual({ withdrawal_reason: null, withdrawal_reason_enc: expect.stringMatching(/^v2\./) });
    const consents = await get('atd.caseworker', `/cases/${caseIds[1]}/consents`);
    expect(consents.body.items.find((k: { id: string }) => k.id === legacyConsent).withdrawalReason).toBe(
      'legacy reason ນາງ',
    );
    expect(lineOf(report, 'referral_service.provider')).toMatchObject({ done: 1, left: 0 });
    const svc = (
      await s.admin.query(`SELECT provider, provider_enc FROM referral_service WHERE id = $1`, [legacyService])
    ).rows[0];
    expect(svc.provider).toBeNull();
    expect(
      rotator.decrypt(svc.provider_enc, { table: 'referral_service', column: 'provider_enc', rowId: legacyService }),
    ).toBe('legacy provider Dr. ສົມ');
    // the legacy attachment is now an envelope under a new random name; the plaintext file is gone
    expect(lineOf(report, 'attachment files (plaintext on disk)')).toMatchObject({ done: 1, left: 0 });
    const files = readdirSync(attachments, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(attachments, f)).isFile() && !f.startsWith('.incoming'));
    expect(files).toHaveLength(2);
    for (const f of files) expect(readFileSync(join(attachments, f)).subarray(0, 6).toString('latin1')).toBe('CTMSFE');
    const content = await get('atd.caseworker', `/attachments/${legacyAttachment}/content`)
      .buffer(true)
      .parse((res, cb) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => cb(null, Buffer.concat(parts)));
      });
    expect(content.status).toBe(200);
    expect((content.body as Buffer).equals(tinyPdf('legacy plaintext'))).toBe(true);
    // the legacy export expired, its file deleted
    expect(lineOf(report, 'export files (plaintext on disk)')).toMatchObject({ done: 1, left: 0 });
    expect(existsSync(join(exportsDir, `${legacyExport}.csv`))).toBe(false);
    // audit rows are never rewritten: the admin's reason stays under key 1, and the chain verifies
    expect(lineOf(report, 'audit_event.reason_enc').byVersion).toEqual({ v1: 1 });
    const chain = await verifyAuditChain(adminUrl(s.dbName), { seal: true });
    expect(chain.problems).toEqual([]);
    expect(chain.ok).toBe(true);
    // every audit row written meanwhile is the app's (a user's); the rotation changed none
    const meanwhile = await auditSince(s.admin, seqBefore);
    expect(meanwhile.length).toBeGreaterThan(0);
    expect(meanwhile.filter((a) => a.actor_username === null)).toEqual([]);

    // every note still reads as it was written, under whichever key it is now
    const after = await Promise.all(
      caseIds.map(async (id) =>
        (await get('atd.caseworker', `/cases/${id}/notes?limit=100`)).body.items.map((n: { body: string }) => n.body),
      ),
    );
    for (const [i, notes] of after.entries()) for (const b of before[i]) expect(notes).toContain(b);

    // the second run takes what the first left: the raced plan and the notes written meanwhile (still key 1)
    const second = await run();
    expect(lineOf(second, 'case_record.plan_enc')).toMatchObject({ left: 0, changedMeanwhile: 0 });
    expect(lineOf(second, 'case_note.body_enc').left).toBe(0);
    expect(lineOf(second, 'case_note.body_enc').byVersion).toEqual({ v2: 10 + written });
    expect(second.complete).toBe(true);
    expect((await get('atd.caseworker', `/cases/${raced}`)).body.plan.objectives).toBe('changed during rotation');
    // nothing is left in the clear under the attachments directory, not even in .incoming
    for (const f of readdirSync(attachments, { recursive: true }).map(String)) {
      const p = join(attachments, f);
      if (statSync(p).isFile()) expect(readFileSync(p).includes(Buffer.from('%PDF'))).toBe(false);
    }
  });

  it('a value that fails authentication is reported by row id and left alone; the run goes on', async () => {
    const [a, b] = (
      await s.admin.query<{ id: string; identity_enc: string }>(
        `SELECT id, identity_enc FROM person ORDER BY id LIMIT 2`,
      )
    ).rows;
    // b's ciphertext copied into a: bound to b's row, it does not decrypt as a's
    await s.admin.query(`UPDATE person SET identity_enc = $2 WHERE id = $1`, [a.id, b.identity_enc]);
    const r = await run();
    expect(lineOf(r, 'person.identity_enc').failed).toEqual([]); // already current: not even read
    const older = createFieldCipher({ FIELD_KEYS: KEYS, FIELD_KEY_CURRENT: '1' }, 'test');
    // back to key 1 for b's value moved into a: now the rotation must read it, and refuses it
    await s.admin.query(`UPDATE person SET identity_enc = $2 WHERE id = $1`, [
      a.id,
      older.encrypt('{}', { table: 'person', column: 'identity_enc', rowId: b.id }),
    ]);
    const again = await run();
    expect(lineOf(again, 'person.identity_enc').failed).toEqual([a.id]);
    expect(again.complete).toBe(false);
    expect(formatRotationReport(again).join('\n')).toContain(a.id);
    expect(formatRotationReport(again).join('\n')).not.toContain('{}');
  });
});
