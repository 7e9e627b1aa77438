import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ExportRunner } from '../src/exports/export-runner';
import { ExportRepository } from '../src/exports/export.repository';
import { UserRepository } from '../src/users/user.repository';
import { AuditService } from '../src/platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../src/platform/config/config';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { FileCipher } from '../src/platform/crypto/file-cipher';
import { OutboxService } from '../src/platform/outbox/outbox.service';
import { auditSince, lastAuditSeq, startStack, TestStack } from './harness';
import { seedCases } from './seed-cases';
import { EXPORT_REASON_MAX } from '@ctms/domain';

/**
 * Exports as jobs, on real PostgreSQL, Redis and a real directory: only the cases the requester may
 * open, formula injection neutralised in CSV and XLSX, identity only after a second person's
 * approval, one download by the requester (then 410, and the file is gone), 404 for everyone else,
 * the PDF case file set in Noto Sans Lao, and every step audited.
 */
const CANARY = `=cmd|' /C calc'!A0`;
const LAO_NAME = 'ສົມພອນ';
/** Every request says why (decision 0035): the requester's words. */
const REASON = 'ລາຍງານປະຈຳເດືອນ for the steering committee';

function binary(res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('exports', () => {
  let s: TestStack;
  let runner: ExportRunner;
  const dir = mkdtempSync(join(tmpdir(), 'ctms-exports-'));
  const tokens = new Map<string, string>();
  const agencies = new Map<string, string>();
  const auth = (u: string) => `Bearer ${tokens.get(u) ?? ''}`;
  const get = (u: string, path: string) => s.http().get(`/api/v1${path}`).set('Authorization', auth(u));
  const post = (u: string, path: string, body: object = {}) =>
    s.http().post(`/api/v1${path}`).set('Authorization', auth(u)).send(body);
  const download = (u: string, id: string) => get(u, `/exports/${id}/download`).buffer(true).parse(binary);
  /** POST /exports with a reason unless the body brings its own (or says `reason: undefined`). */
  const ask = (u: string, body: object) => post(u, '/exports', { reason: REASON, ...body });
  let atdCases: string[] = [];

  beforeAll(async () => {
    s = await startStack({ EXPORTS_DIR: dir });
    for (const u of ['atd.caseworker', 'atd.supervisor', 'atd.bokeo', 'lwu.supervisor', 'sysadmin'])
      tokens.set(u, (await s.login(u)).accessToken);
    const { rows } = await s.admin.query<{ id: string; code: string }>(`SELECT id, code FROM agency`);
    for (const r of rows) agencies.set(r.code, r.id);
    const cipher = s.app.get(FieldCipher);
    const atd = agencies.get('MOPS_ATD') ?? '';
    const lwu = agencies.get('LWU') ?? '';
    atdCases = await seedCases(
      s.admin,
      cipher,
      [
        { agencyId: atd, province: '01', givenNameLo: CANARY, familyNameLo: LAO_NAME },
        { agencyId: atd, province: '01', givenNameLo: LAO_NAME, latinNames: ['+SUM(A1:A2)', '@foo', '-2+3'] },
        { agencyId: atd, province: '01', givenNameLo: 'ນາງ', status: 'ACTIVE' },
        { agencyId: atd, province: '05', givenNameLo: 'ບົວ' },
      ],
      { prefix: 'EXA' },
    );
    await seedCases(s.admin, cipher, [{ agencyId: lwu, province: '01', givenNameLo: 'ລາວ' }], { prefix: 'EXL' });
    // a Lao note on the first case, for the PDF case file
    const noteId = randomUUID();
    const atdCaseworker = (
      await s.admin.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'atd.caseworker'`)
    ).rows[0].id;
    await s.admin.query(
      `INSERT INTO case_note (id, case_id, author_id, author_agency_id, category, body_enc, created_at) VALUES ($1, $2, $3, $4, 'EXPLOITATION_ACCOUNT', $5, now())`,
      [
        noteId,
        atdCases[0],
        atdCaseworker,
        atd,
        cipher.encrypt('ນາງໄດ້ເລົ່າເລື່ອງການເດີນທາງ', { table: 'case_note', column: 'body_enc', rowId: noteId }),
      ],
    );
    runner = new ExportRunner(
      s.app.get(DataSource),
      cipher,
      s.app.get(AuditService),
      s.app.get(OutboxService),
      s.app.get<AppConfig>(APP_CONFIG),
      s.app.get(FileCipher),
      new ExportRepository(cipher),
      new UserRepository(cipher),
    );
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function requestAndRun(u: string, body: object): Promise<string> {
    const res = await ask(u, body);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('QUEUED');
    expect(await runner.run(res.body.id)).toBe('GENERATED');
    return res.body.id;
  }

  it('exports the case list as CSV: only cases the requester may open, formula injection neutralised, downloadable once', async () => {
    const seq = await lastAuditSeq(s.admin);
    const id = await requestAndRun('atd.caseworker', { kind: 'CASE_LIST_CSV', includeIdentity: false });
    const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
    expect(files).toEqual([`${id}.csv`]);
    expect(statSync(join(dir, `${id}.csv`)).mode & 0o777).toBe(0o600);
    // encrypted at rest: no header line, no case number, the data key wrapped in the row
    const onDisk = readFileSync(join(dir, `${id}.csv`));
    expect(onDisk.subarray(0, 6).toString('latin1')).toBe('CTMSFE');
    expect(onDisk.includes(Buffer.from('Case number'))).toBe(false);
    expect(onDisk.includes(Buffer.from('EXA-'))).toBe(false);
    const stored = (
      await s.admin.query(`SELECT data_key_enc, size_bytes::int AS size FROM export_job WHERE id = $1`, [id])
    ).rows[0];
    expect(stored.data_key_enc).toMatch(/^v1\./);
    // the job is idempotent: a second delivery changes nothing
    expect(await runner.run(id)).toBe('ALREADY_DONE');

    const res = await download('atd.caseworker', id);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ctms-export-${id.slice(0, 8)}.csv"`);
    expect(Number(res.headers['content-length'])).toBe(stored.size);
    expect((res.body as Buffer).length).toBe(stored.size);
    const text = (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Case number,Status,Identification,Province,Lead agency,Assigned to,Flags,Exploitation types,Risk level,Opened,Updated',
    );
    // atd.caseworker's scope is province 01 of MOPS_ATD: three cases; not Bokeo's, not LWU's
    expect(lines.length).toBe(4);
    expect(text).not.toContain('EXL-');
    expect(text).not.toContain(LAO_NAME);

    expect(existsSync(join(dir, `${id}.csv`))).toBe(false);
    const again = await download('atd.caseworker', id);
    expect(again.status).toBe(410);
    const actions = (await auditSince(s.admin, seq))
      .filter((a) => a.object_id === id)
      .map((a) => `${a.action}:${a.outcome}`);
    expect(actions).toEqual([
      'EXPORT_REQUESTED:ALLOWED',
      'EXPORT_GENERATED:ALLOWED',
      'EXPORT_DOWNLOADED:ALLOWED',
      'EXPORT_DOWNLOADED:DENIED',
    ]);
  });

  it('an export with identity waits for a second supervisor; the requester cannot approve their own', async () => {
    const own = await ask('atd.supervisor', { kind: 'CASE_LIST_CSV', includeIdentity: true });
    expect(own.status).toBe(201);
    expect(own.body.status).toBe('AWAITING_APPROVAL');
    const self = await post('atd.supervisor', `/exports/${own.body.id}/approve`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('SECOND_PERSON_REQUIRED');

    const res = await ask('atd.caseworker', {
      kind: 'CASE_LIST_CSV',
      includeIdentity: true,
      filters: { status: 'OPEN' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('AWAITING_APPROVAL');
    const id: string = res.body.id;
    // nothing runs before the approval, even if a job were delivered
    expect(await runner.run(id)).toBe('ALREADY_DONE');
    expect((await download('atd.caseworker', id)).status).toBe(404);
    // a caseworker cannot approve (no export:approve), another agency's supervisor sees nothing
    expect((await post('atd.caseworker', `/exports/${id}/approve`)).status).toBe(404);
    expect((await post('lwu.supervisor', `/exports/${id}/approve`)).status).toBe(404);
    const waiting = await get('atd.supervisor', '/exports/approvals');
    expect(waiting.status).toBe(200);
    expect(waiting.body.items.map((e: { id: string }) => e.id)).toContain(id);

    const approved = await post('atd.supervisor', `/exports/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('QUEUED');
    expect(approved.body.approvedBy.username).toBe('atd.supervisor');
    expect((await post('atd.supervisor', `/exports/${id}/approve`)).status).toBe(409);
    expect(await runner.run(id)).toBe('GENERATED');

    // someone else, even the approver, cannot download it
    expect((await download('atd.supervisor', id)).status).toBe(404);
    expect((await download('lwu.supervisor', id)).status).toBe(404);
    const file = await download('atd.caseworker', id);
    expect(file.status).toBe(200);
    const text = (file.body as Buffer).toString('utf8');
    expect(text).toContain(LAO_NAME);
    // the canary is text now: a leading apostrophe
    expect(text).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(text).not.toMatch(/(^|,)=cmd/m);
    expect(text).toContain(`'+SUM(A1:A2); @foo; -2+3`);
    // filters: ACTIVE case left out
    expect(text.trim().split('\r\n').length).toBe(3);
  });

  it('exports XLSX with identity: exceljs reads the cells, the canary is neutralised', async () => {
    const res = await ask('atd.caseworker', { kind: 'CASE_LIST_XLSX', includeIdentity: true });
    await post('atd.supervisor', `/exports/${res.body.id}/approve`).expect(200);
    expect(await runner.run(res.body.id)).toBe('GENERATED');
    const file = await download('atd.caseworker', res.body.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new Workbook();
    const body = file.body as Buffer;
    await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
    expect(values).toContain(`'${CANARY}`);
    expect(values).not.toContain(CANARY);
    expect(values).toContain(LAO_NAME);
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    expect(ws.rowCount).toBe(4);
  });

  it('produces the PDF case file with Noto Sans Lao embedded, for a case the requester may open only', async () => {
    expect((await ask('lwu.supervisor', { kind: 'CASE_FILE_PDF', caseId: atdCases[0] })).status).toBe(404);
    expect((await ask('atd.bokeo', { kind: 'CASE_FILE_PDF', caseId: atdCases[0] })).status).toBe(404);
    expect((await ask('atd.caseworker', { kind: 'CASE_FILE_PDF' })).status).toBe(400);
    // a case file always waits for a second person, even without identity (decision 0035)
    const res = await ask('atd.caseworker', { kind: 'CASE_FILE_PDF', caseId: atdCases[0] });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('AWAITING_APPROVAL');
    const id: string = res.body.id;
    expect(await runner.run(id)).toBe('ALREADY_DONE');
    // and a job delivered anyway (a forged outbox row) refuses to run it without the approval
    await s.admin.query(`UPDATE export_job SET status = 'QUEUED' WHERE id = $1`, [id]);
    expect(await runner.run(id)).toBe('FAILED');
    expect((await s.admin.query(`SELECT error_code FROM export_job WHERE id = $1`, [id])).rows[0].error_code).toBe(
      'APPROVAL_MISSING',
    );
    const again = await ask('atd.caseworker', { kind: 'CASE_FILE_PDF', caseId: atdCases[0], includeIdentity: true });
    expect(again.body.status).toBe('AWAITING_APPROVAL');
    expect((await post('atd.caseworker', `/exports/${again.body.id}/approve`)).status).toBe(404);
    await post('atd.supervisor', `/exports/${again.body.id}/approve`).expect(200);
    expect(await runner.run(again.body.id)).toBe('GENERATED');
    const file = await download('atd.caseworker', again.body.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const bytes = (file.body as Buffer).toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansLao/);
    expect(bytes).toContain('/FontFile2');
  });

  it("refuses bad requests and hides other people's exports", async () => {
    expect((await ask('atd.caseworker', { kind: 'CASE_LIST_PDF' })).status).toBe(400);
    expect((await ask('atd.caseworker', { kind: 'CASE_LIST_CSV', filters: { province: '99' } })).status).toBe(400);
    expect((await ask('atd.caseworker', { kind: 'CASE_LIST_CSV', extra: 1 })).status).toBe(400);
    expect((await ask('sysadmin', { kind: 'CASE_LIST_CSV' })).status).toBe(403);
    const mine = await get('atd.caseworker', '/exports');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(3);
    const other = mine.body.items[0].id as string;
    expect((await get('atd.supervisor', `/exports/${other}`)).status).toBe(404);
    // the list holds codes, counts and the requester's own words, never what the files hold
    const listed = JSON.stringify(mine.body);
    for (const secret of ['=cmd', '+SUM', 'EXA-', 'ບົວ'])
      expect({ secret, listed: listed.includes(secret) }).toEqual({ secret, listed: false });
  });

  it('an export not downloaded in time expires and its file is deleted', async () => {
    const id = await requestAndRun('atd.caseworker', { kind: 'CASE_LIST_CSV' });
    await s.admin.query(`UPDATE export_job SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect((await download('atd.caseworker', id)).status).toBe(410);
    expect(await runner.sweepExpired()).toBe(1);
    expect(existsSync(join(dir, `${id}.csv`))).toBe(false);
    expect((await s.admin.query(`SELECT status FROM export_job WHERE id = $1`, [id])).rows[0].status).toBe('EXPIRED');
  });

  it("a stored export that fails authentication is never served: an altered byte, or another export's file in its place", async () => {
    const seq = await lastAuditSeq(s.admin);
    const altered = await requestAndRun('atd.caseworker', { kind: 'CASE_LIST_CSV' });
    const path = join(dir, `${altered}.csv`);
    const bytes = readFileSync(path);
    bytes[bytes.length - 20] ^= 0x01;
    writeFileSync(path, bytes);
    const res = await download('atd.caseworker', altered);
    expect(res.status).toBe(500);
    expect(JSON.parse((res.body as Buffer).toString('utf8'))).toMatchObject({
      statusCode: 500,
      message: 'Internal server error',
    });
    expect(existsSync(path)).toBe(false);
    expect((await s.admin.query(`SELECT status, error_code FROM export_job WHERE id = $1`, [altered])).rows[0]).toEqual(
      { status: 'FAILED', error_code: 'FILE_INTEGRITY' },
    );
    expect((await download('atd.caseworker', altered)).status).toBe(404);

    // two exports of the same requester: the second's file copied over the first's
    const first = await requestAndRun('atd.caseworker', { kind: 'CASE_LIST_CSV' });
    const second = await requestAndRun('atd.caseworker', { kind: 'CASE_LIST_CSV' });
    copyFileSync(join(dir, `${second}.csv`), join(dir, `${first}.csv`));
    expect((await download('atd.caseworker', first)).status).toBe(500);
    // and its wrapped data key copied into the first's row does not unwrap there either
    const keys = await s.admin.query(`SELECT id, data_key_enc FROM export_job WHERE id = ANY($1::uuid[])`, [
      [first, second],
    ]);
    const third = await requestAndRun('atd.caseworker', { kind: 'CASE_LIST_CSV' });
    copyFileSync(join(dir, `${second}.csv`), join(dir, `${third}.csv`));
    await s.admin.query(`UPDATE export_job SET data_key_enc = $2 WHERE id = $1`, [
      third,
      keys.rows.find((r) => r.id === second)?.data_key_enc,
    ]);
    expect((await download('atd.caseworker', third)).status).toBe(500);
    // the untouched one still downloads
    expect((await download('atd.caseworker', second)).status).toBe(200);
    const denied = (await auditSince(s.admin, seq)).filter(
      (a) => a.action === 'EXPORT_DOWNLOADED' && a.outcome === 'DENIED' && a.reason === 'FILE_INTEGRITY',
    );
    expect(denied.map((a) => a.object_id).sort()).toEqual([altered, first, third].sort());
  });

  it('a plaintext export file from before encryption is never served (410)', async () => {
    const id = await requestAndRun('atd.caseworker', { kind: 'CASE_LIST_CSV' });
    await s.admin.query(`UPDATE export_job SET data_key_enc = NULL WHERE id = $1`, [id]);
    writeFileSync(join(dir, `${id}.csv`), 'Case number,Status\r\n');
    expect((await download('atd.caseworker', id)).status).toBe(410);
  });

  it('a reason is required: missing, blank, too short or too long is a 400 naming `reason`, and nothing is stored', async () => {
    const before = await s.admin.query<{ jobs: number; outbox: number }>(
      `SELECT (SELECT count(*)::int FROM export_job) AS jobs, (SELECT count(*)::int FROM outbox) AS outbox`,
    );
    const seq = await lastAuditSeq(s.admin);
    for (const reason of [undefined, '', '    ', 'abc', 'x'.repeat(EXPORT_REASON_MAX + 1), 42]) {
      const res = await ask('atd.caseworker', { kind: 'CASE_LIST_CSV', includeIdentity: true, reason });
      expect({ reason, status: res.status }).toEqual({ reason, status: 400 });
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    }
    const pdf = await ask('atd.caseworker', { kind: 'CASE_FILE_PDF', caseId: atdCases[0], reason: undefined });
    expect(pdf.status).toBe(400);
    expect(pdf.body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    const after = await s.admin.query<{ jobs: number; outbox: number }>(
      `SELECT (SELECT count(*)::int FROM export_job) AS jobs, (SELECT count(*)::int FROM outbox) AS outbox`,
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect((await auditSince(s.admin, seq)).filter((a) => a.outcome === 'ALLOWED')).toEqual([]);
  });

  it('the reason is stored encrypted (row and audit), and shown to the requester and the approvers only', async () => {
    const seq = await lastAuditSeq(s.admin);
    const words = `ສຳລັບສານ ${randomUUID().slice(0, 8)}`;
    const res = await ask('atd.caseworker', { kind: 'CASE_LIST_CSV', includeIdentity: true, reason: `  ${words} ` });
    expect(res.status).toBe(201);
    const id: string = res.body.id;
    expect(res.body.reason).toBe(words);
    expect(res.body.requestedBy.displayName).toEqual(expect.any(String));
    const row = (await s.admin.query(`SELECT to_jsonb(e) AS j FROM export_job e WHERE id = $1`, [id])).rows[0].j;
    expect(JSON.stringify(row)).not.toContain(words);
    expect(row.reason_enc).toMatch(/^v1\./);
    const audit = (await auditSince(s.admin, seq)).filter((a) => a.object_id === id);
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(['EXPORT_REQUESTED:ALLOWED']);
    // audited: the audit reader decrypts it; the row itself holds only the ciphertext
    expect(audit[0].reason).toBe(words);
    const stored = await s.admin.query(`SELECT reason, reason_enc FROM audit_event WHERE object_id = $1`, [id]);
    expect(stored.rows[0].reason).toBeNull();
    expect(stored.rows[0].reason_enc).toMatch(/^v1\./);
    // the approver of the same agency reads it in the queue, with the requester's display name
    const queue = await get('atd.supervisor', '/exports/approvals?limit=100');
    const item = queue.body.items.find((e: { id: string }) => e.id === id);
    expect(item).toMatchObject({ reason: words, includeIdentity: true, kind: 'CASE_LIST_CSV' });
    expect(item.requestedBy.username).toBe('atd.caseworker');
    // the requester in their own list
    const mine = await get('atd.caseworker', `/exports/${id}`);
    expect(mine.body.reason).toBe(words);
    // nobody else: another agency's supervisor, a caseworker without export:approve, an administrator
    const lwu = await get('lwu.supervisor', '/exports/approvals?limit=100');
    expect(lwu.status).toBe(200);
    expect(JSON.stringify(lwu.body)).not.toContain(words);
    expect((await get('atd.caseworker', '/exports/approvals')).status).toBe(403);
    expect((await get('sysadmin', '/exports/approvals')).status).toBe(403);
    expect((await get('atd.supervisor', `/exports/${id}`)).status).toBe(404);
  });

  it('the requester can neither approve nor decline their own; another agency gets 404; concurrent approvals: one wins', async () => {
    const own = await ask('atd.supervisor', { kind: 'CASE_LIST_CSV', includeIdentity: true });
    expect((await post('atd.supervisor', `/exports/${own.body.id}/approve`)).body.code).toBe('SECOND_PERSON_REQUIRED');
    const declineOwn = await post('atd.supervisor', `/exports/${own.body.id}/decline`, { reason: 'not needed now' });
    expect(declineOwn.status).toBe(409);
    expect(declineOwn.body.code).toBe('SECOND_PERSON_REQUIRED');
    // nor does their own export show in their queue
    const queue = await get('atd.supervisor', '/exports/approvals?limit=100');
    expect(queue.body.items.map((e: { id: string }) => e.id)).not.toContain(own.body.id);

    const res = await ask('atd.caseworker', { kind: 'CASE_LIST_XLSX', includeIdentity: true });
    const id: string = res.body.id;
    for (const u of ['lwu.supervisor', 'atd.caseworker', 'sysadmin']) {
      const a = await post(u, `/exports/${id}/approve`);
      const d = await post(u, `/exports/${id}/decline`, { reason: 'somebody else' });
      expect({ u, approve: a.status, decline: d.status }).toEqual({
        u,
        // another agency's supervisor: the 404 of a missing export; no export:approve: the 404 of a route with an id
        approve: 404,
        decline: 404,
      });
    }
    // a second supervisor of the same agency, and both press approve at once
    const second = 'atd.supervisor2';
    await s.admin.query(
      `INSERT INTO app_user (username, display_name, agency_id, roles, all_provinces, provinces, language, password_hash, email)
       SELECT $1::text, $1::text, agency_id, roles, all_provinces, provinces, language, password_hash, $1::text || '@demo.invalid' FROM app_user WHERE username = 'atd.supervisor'`,
      [second],
    );
    tokens.set(second, (await s.login(second)).accessToken);
    const seq = await lastAuditSeq(s.admin);
    const answers = await Promise.all([
      post('atd.supervisor', `/exports/${id}/approve`),
      post(second, `/exports/${id}/approve`),
      post('atd.supervisor', `/exports/${id}/approve`),
      post(second, `/exports/${id}/decline`, { reason: 'at the same time' }),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const row = (
      await s.admin.query(`SELECT status, approved_by_id, declined_by_id FROM export_job WHERE id = $1`, [id])
    ).rows[0];
    expect(row.status).toBe('QUEUED');
    expect(row.declined_by_id).toBeNull();
    const allowed = (await auditSince(s.admin, seq)).filter((a) => a.object_id === id && a.outcome === 'ALLOWED');
    expect(allowed.map((a) => a.action)).toEqual(['EXPORT_APPROVED']);
    const jobs = await s.admin.query(
      `SELECT count(*)::int AS n FROM outbox WHERE kind = 'export.generate' AND payload->>'exportId' = $1`,
      [id],
    );
    expect(jobs.rows[0].n).toBe(1);
  });

  it("a decline ends the export with the approver's reason: nothing runs, nothing downloads, the requester reads why", async () => {
    const res = await ask('atd.caseworker', { kind: 'CASE_FILE_PDF', caseId: atdCases[1] });
    const id: string = res.body.id;
    expect((await post('atd.supervisor', `/exports/${id}/decline`, {})).status).toBe(400);
    const seq = await lastAuditSeq(s.admin);
    const declined = await post('atd.supervisor', `/exports/${id}/decline`, { reason: 'ບໍ່ຈຳເປັນ: use the case page' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'DECLINED', declineReason: 'ບໍ່ຈຳເປັນ: use the case page' });
    expect(declined.body.declinedBy.username).toBe('atd.supervisor');
    expect((await post('atd.supervisor', `/exports/${id}/approve`)).status).toBe(409);
    expect(await runner.run(id)).toBe('ALREADY_DONE');
    expect((await download('atd.caseworker', id)).status).toBe(404);
    const mine = await get('atd.caseworker', `/exports/${id}`);
    expect(mine.body).toMatchObject({ status: 'DECLINED', declineReason: 'ບໍ່ຈຳເປັນ: use the case page' });
    const row = (await s.admin.query(`SELECT to_jsonb(e) AS j FROM export_job e WHERE id = $1`, [id])).rows[0].j;
    expect(JSON.stringify(row)).not.toContain('ບໍ່ຈຳເປັນ');
    const audit = (await auditSince(s.admin, seq)).filter((a) => a.object_id === id);
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'EXPORT_DECLINED:ALLOWED',
      'EXPORT_APPROVED:DENIED',
      'EXPORT_DOWNLOADED:DENIED',
    ]);
    const told = await s.admin.query(
      `SELECT count(*)::int AS n FROM outbox WHERE kind = 'export.declined' AND payload->>'exportId' = $1`,
      [id],
    );
    expect(told.rows[0].n).toBe(1);
    // no longer in anyone's queue
    const queue = await get('atd.supervisor', '/exports/approvals?limit=100');
    expect(queue.body.items.map((e: { id: string }) => e.id)).not.toContain(id);
  });

  it('job payloads carry the export id only', async () => {
    const { rows } = await s.admin.query<{ kind: string; payload: Record<string, unknown> }>(
      `SELECT kind, payload FROM outbox WHERE kind LIKE 'export.%'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(Object.keys(r.payload)).toEqual(['exportId']);
  });
});
