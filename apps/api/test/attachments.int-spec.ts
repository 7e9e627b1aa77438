import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { INTERVIEW_CONSENT_QUESTIONS } from '@ctms/domain';
import {
  exifGpsSegment,
  GPS_CANARY_MAKE,
  tinyJpeg,
  tinyPdf,
  tinyPng,
  pngMetadataChunks,
  xmpSegment,
} from '../src/attachments/testing/image-fixtures';
import { open } from 'node:fs/promises';
import { attachmentFile } from '../src/attachments/attachment-storage';
import { FileCipher } from '../src/platform/crypto/file-cipher';
import { auditSince, lastAuditSeq, startStack, TestStack, withoutRequestId } from './harness';

/**
 * Attachments on real PostgreSQL and a real directory: what is stored is what the content says it
 * is (a disguised PDF is refused and leaves nothing behind), photos lose their EXIF/GPS before they
 * touch the disk, files are private (0600) under the configured directory, downloads are never
 * inline, and only the case's relations reach them (everyone else: the standard 404).
 */
const MAX_BYTES = 64 * 1024;
const FILE_NAME = `ຄຳໃຫ້ການ-Souksavanh-${randomUUID().slice(0, 6)}.pdf`;
const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const ADULT_MEETS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({
  code,
  answer: 'PRESENT',
}));
const GPS_IFD_TAG = Buffer.from([0x88, 0x25]);

/** Every regular file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

describe('attachments', () => {
  let s: TestStack;
  const dir = mkdtempSync(join(tmpdir(), 'ctms-attachments-'));
  const tokens = new Map<string, string>();
  const auth = (u: string) => `Bearer ${tokens.get(u) ?? ''}`;
  const get = (u: string, path: string, requestId?: string) => {
    const r = s.http().get(`/api/v1${path}`).set('Authorization', auth(u));
    return requestId ? r.set('X-Request-Id', requestId) : r;
  };
  const post = (u: string, path: string, body: object) =>
    s.http().post(`/api/v1${path}`).set('Authorization', auth(u)).send(body);
  const upload = (
    u: string,
    caseId: string,
    file: Buffer,
    opts: { name: string; type: string; kind?: string; category?: string; referralId?: string },
  ) => {
    const r = s
      .http()
      .post(`/api/v1/cases/${caseId}/attachments`)
      .set('Authorization', auth(u))
      .field('kind', opts.kind ?? 'EVIDENCE')
      .field('category', opts.category ?? 'LEGAL_PROCEEDINGS');
    if (opts.referralId) r.field('referralId', opts.referralId);
    return r.attach('file', file, { filename: opts.name, contentType: opts.type });
  };
  const counts = async () => {
    const { rows } = await s.admin.query(`SELECT count(*)::int AS n FROM attachment`);
    return { rows: rows[0].n as number, files: filesUnder(dir) };
  };

  let caseId = '';
  let pdfId = '';

  /** The plaintext of a stored attachment, decrypted with the data key wrapped in its row. */
  async function storedPlain(id: string): Promise<Buffer> {
    const { rows } = await s.admin.query(`SELECT storage_key, data_key_enc FROM attachment WHERE id = $1`, [id]);
    const files = s.app.get(FileCipher);
    const fh = await open(join(dir, rows[0].storage_key), 'r');
    try {
      const envelope = await files.open(fh, files.unwrap(rows[0].data_key_enc, attachmentFile(id)), attachmentFile(id));
      const parts: Buffer[] = [];
      for await (const p of envelope.stream()) parts.push(p as Buffer);
      return Buffer.concat(parts);
    } finally {
      await fh.close();
    }
  }
  const pdf = tinyPdf('Statement of the victim');

  beforeAll(async () => {
    s = await startStack({ ATTACHMENTS_DIR: dir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
    for (const u of ['atd.caseworker', 'atd.supervisor', 'lwu.caseworker', 'ngo.caseworker', 'ospp.prosecutor'])
      tokens.set(u, (await s.login(u)).accessToken);
    // a real case, opened through the screening journey
    const created = await post('atd.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: 'ແສງ',
        latinNames: ['Seng Attachment'],
        dateOfBirth: '1995-05-05',
        dobPrecision: 'DAY',
        sex: 'FEMININE',
        citizenship: ['LA'],
      },
      indicatorAnswers: ADULT_MEETS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    expect(created.status).toBe(201);
    const submitted = await post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(submitted.status).toBe(200);
    const approved = await post('atd.supervisor', `/screenings/${created.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    caseId = approved.body.caseId;
  });

  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
    delete process.env['ATTACHMENTS_DIR'];
    delete process.env['ATTACHMENT_MAX_BYTES'];
  });

  it('stores a real PDF privately under the configured directory, with its digest and an encrypted name, and one audit row without the name', async () => {
    const seq = await lastAuditSeq(s.admin);
    const res = await upload('atd.caseworker', caseId, pdf, { name: FILE_NAME, type: 'application/pdf' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      caseId,
      referralId: null,
      handoffId: null,
      kind: 'EVIDENCE',
      category: 'LEGAL_PROCEEDINGS',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      fileName: FILE_NAME,
      uploadedBy: { id: expect.any(String), username: 'atd.caseworker', displayName: 'ສົມພອນ ວົງສະຫວັນ' },
      createdAt: expect.any(String),
    });
    pdfId = res.body.id;

    const { rows } = await s.admin.query(
      `SELECT storage_key, sha256, file_name_enc, size_bytes::int AS size FROM attachment WHERE id = $1`,
      [pdfId],
    );
    const row = rows[0];
    expect(row.storage_key).toBe(`${new Date().getUTCFullYear()}/${pdfId}`);
    expect(row.file_name_enc).not.toContain('Souksavanh');
    expect(row.file_name_enc).toMatch(/^v\d+\./);
    const onDisk = join(dir, row.storage_key);
    // encrypted at rest: not a byte of the PDF on disk; the plaintext is the upload
    const raw = readFileSync(onDisk);
    expect(raw.includes(Buffer.from('%PDF'))).toBe(false);
    expect(raw.includes(pdf.subarray(0, 64))).toBe(false);
    expect(await storedPlain(pdfId)).toEqual(pdf);
    expect(statSync(onDisk).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, String(new Date().getUTCFullYear()))).mode & 0o777).toBe(0o700);
    expect(filesUnder(dir)).toEqual([row.storage_key]); // nothing left in the incoming area

    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(['ATTACHMENT_UPLOADED:ALLOWED']);
    expect(audit[0]?.details).toMatchObject({
      attachmentId: pdfId,
      kind: 'EVIDENCE',
      category: 'LEGAL_PROCEEDINGS',
      mediaType: 'application/pdf',
    });
    expect(JSON.stringify(audit)).not.toContain('Souksavanh');
    expect(JSON.stringify(audit)).not.toContain('ຄຳໃຫ້ການ');

    const events = await s.admin.query(
      `SELECT kind, details FROM case_event WHERE case_id = $1 AND kind = 'ATTACHMENT_ADDED'`,
      [caseId],
    );
    expect(events.rows).toEqual([
      { kind: 'ATTACHMENT_ADDED', details: { attachmentId: pdfId, kind: 'EVIDENCE', category: 'LEGAL_PROCEEDINGS' } },
    ]);
  });

  it('downloads the same bytes, never inline and never under the original name, with one audit row', async () => {
    const seq = await lastAuditSeq(s.admin);
    const res = await get('atd.supervisor', `/attachments/${pdfId}/content`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect((res.body as Buffer).equals(pdf)).toBe(true);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="attachment-${pdfId}.pdf"`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.stringify(res.headers)).not.toContain('Souksavanh');
    const audit = await auditSince(s.admin, seq);
    expect(audit.map((a) => `${a.action}:${a.outcome}:${a.actor_username}`)).toEqual([
      'ATTACHMENT_DOWNLOADED:ALLOWED:atd.supervisor',
    ]);
    expect(JSON.stringify(audit)).not.toContain('Souksavanh');

    const list = await get('atd.caseworker', `/cases/${caseId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string; fileName: string }) => [a.id, a.fileName])).toEqual([
      [pdfId, FILE_NAME],
    ]);
    expect(list.body.nextCursor).toBeNull();
  });

  it('refuses an upload disguised as a PDF (HTML, ELF, Windows executable) with a 415 naming file, and stores nothing', async () => {
    const before = await counts();
    const disguises = [
      Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/v1/cases")</script>%PDF-1.4</body></html>'),
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]),
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200), Buffer.from('This program cannot be run in DOS mode')]),
    ];
    for (const body of disguises) {
      const res = await upload('atd.caseworker', caseId, body, { name: 'statement.pdf', type: 'application/pdf' });
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        statusCode: 415,
        error: 'Unsupported Media Type',
        code: 'UNSUPPORTED_MEDIA_TYPE',
        requestId: expect.any(String),
      });
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['file']);
    }
    // a real PNG whose name claims PDF is refused too: name and content must agree
    const mismatch = await upload('atd.caseworker', caseId, tinyPng(), {
      name: 'statement.pdf',
      type: 'application/pdf',
    });
    expect(mismatch.status).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it('strips EXIF and GPS from a JPEG before it is stored; stored and downloaded bytes are a clean, valid JPEG', async () => {
    const photo = tinyJpeg({ jfif: 'thumbnail', extra: [exifGpsSegment(), xmpSegment()] });
    expect(photo.includes(Buffer.from('Exif'))).toBe(true);
    expect(photo.includes(GPS_IFD_TAG)).toBe(true);
    const res = await upload('atd.caseworker', caseId, photo, {
      name: 'IMG_2041.JPG',
      type: 'application/octet-stream',
      category: 'HEALTH',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mediaType: 'image/jpeg', category: 'HEALTH', sizeBytes: tinyJpeg().length });
    const { rows } = await s.admin.query(`SELECT storage_key FROM attachment WHERE id = $1`, [res.body.id]);
    expect(readFileSync(join(dir, rows[0].storage_key)).includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    const stored = await storedPlain(res.body.id);
    const downloaded = await get('atd.caseworker', `/attachments/${res.body.id}/content`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-disposition']).toBe(`attachment; filename="attachment-${res.body.id}.jpg"`);
    for (const bytes of [stored, downloaded.body as Buffer]) {
      expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
      expect(bytes.includes(GPS_IFD_TAG)).toBe(false);
      expect(bytes.includes(Buffer.from(GPS_CANARY_MAKE))).toBe(false);
      expect(bytes.includes(Buffer.from('GPSLatitude'))).toBe(false);
      expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
      expect(bytes.equals(tinyJpeg())).toBe(true); // the same picture, checked to decode with libjpeg
    }
  });

  it('strips text and EXIF chunks from a PNG', async () => {
    const res = await upload('atd.caseworker', caseId, tinyPng({ extra: pngMetadataChunks('canary-png-text') }), {
      name: 'scan.png',
      type: 'image/png',
      kind: 'CONSENT_FORM',
      category: 'IDENTITY',
    });
    expect(res.status).toBe(201);
    const { rows } = await s.admin.query(`SELECT storage_key FROM attachment WHERE id = $1`, [res.body.id]);
    expect(rows.length).toBe(1);
    expect((await storedPlain(res.body.id)).equals(tinyPng())).toBe(true);
  });

  it('answers 413 in the standard error shape for a file over the limit, and stores nothing', async () => {
    const before = await counts();
    const big = Buffer.concat([pdf.subarray(0, 9), Buffer.alloc(MAX_BYTES + 1, 0x20), Buffer.from('\n%%EOF\n')]);
    const res = await upload('atd.caseworker', caseId, big, { name: 'big.pdf', type: 'application/pdf' });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(await counts()).toEqual(before);
  });

  it('keeps nothing when the transaction fails at commit, after the file was moved into place', async () => {
    // a deferred trigger fails the COMMIT itself: the row, its event and audit roll back, the file must go too
    await s.admin.query(
      `CREATE FUNCTION test_fail_attachment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`,
    );
    await s.admin.query(
      `CREATE CONSTRAINT TRIGGER test_fail_attachment AFTER INSERT ON attachment DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_attachment()`,
    );
    try {
      const before = await counts();
      const seq = await lastAuditSeq(s.admin);
      const res = await upload('atd.caseworker', caseId, pdf, { name: 'fault.pdf', type: 'application/pdf' });
      expect(res.status).toBe(500);
      expect(await counts()).toEqual(before);
      expect((await auditSince(s.admin, seq)).filter((a) => a.action === 'ATTACHMENT_UPLOADED')).toEqual([]);
    } finally {
      await s.admin.query(`DROP TRIGGER test_fail_attachment ON attachment`);
      await s.admin.query(`DROP FUNCTION test_fail_attachment()`);
    }
  });

  it('refuses bad fields and a missing file with a 400 naming them', async () => {
    const bad = await upload('atd.caseworker', caseId, pdf, {
      name: 'x.pdf',
      type: 'application/pdf',
      kind: 'SELFIE',
      category: 'EVERYTHING',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'kind']);
    const noFile = await s
      .http()
      .post(`/api/v1/cases/${caseId}/attachments`)
      .set('Authorization', auth('atd.caseworker'))
      .field('kind', 'EVIDENCE')
      .field('category', 'LEGAL_PROCEEDINGS');
    expect(noFile.status).toBe(400);
    expect(noFile.body.details.map((d: { field: string }) => d.field)).toEqual(['file']);
    const notMine = await upload('atd.caseworker', caseId, pdf, {
      name: 'x.pdf',
      type: 'application/pdf',
      referralId: randomUUID(),
    });
    expect(notMine.status).toBe(400);
    expect(notMine.body.details.map((d: { field: string }) => d.field)).toEqual(['referralId']);
  });

  it('gives the users without a relation the same 404 as a missing id, on list, content and upload', async () => {
    const missingList = await get('atd.caseworker', `/cases/${randomUUID()}/attachments`, 'fixed-request-id-77');
    const missingContent = await get('atd.caseworker', `/attachments/${randomUUID()}/content`, 'fixed-request-id-77');
    expect(missingList.status).toBe(404);
    expect(withoutRequestId(missingContent.text)).toBe(withoutRequestId(missingList.text));
    const seq = await lastAuditSeq(s.admin);
    for (const u of ['lwu.caseworker', 'ngo.caseworker', 'ospp.prosecutor']) {
      const list = await get(u, `/cases/${caseId}/attachments`, 'fixed-request-id-77');
      expect({ u, status: list.status, body: withoutRequestId(list.text) }).toEqual({
        u,
        status: 404,
        body: withoutRequestId(missingList.text),
      });
      const content = await get(u, `/attachments/${pdfId}/content`, 'fixed-request-id-77');
      expect({ u, status: content.status, body: withoutRequestId(content.text) }).toEqual({
        u,
        status: 404,
        body: withoutRequestId(missingList.text),
      });
    }
    const before = await counts();
    for (const u of ['lwu.caseworker', 'ngo.caseworker']) {
      const up = await upload(u, caseId, pdf, { name: 'x.pdf', type: 'application/pdf' });
      expect(up.status).toBe(404);
    }
    // prosecutors may read attachments (through a handoff) but never upload: a case-content route they lack is a 404 too
    expect((await upload('ospp.prosecutor', caseId, pdf, { name: 'x.pdf', type: 'application/pdf' })).status).toBe(404);
    expect(await counts()).toEqual(before);
    const audit = await auditSince(s.admin, seq);
    expect(audit.filter((a) => a.outcome === 'DENIED').map((a) => a.action)).toEqual(
      expect.arrayContaining(['ATTACHMENTS_LISTED', 'ATTACHMENT_DOWNLOADED', 'ATTACHMENT_UPLOADED']),
    );
  });

  it('lets the receiving agency of an active referral upload for it and see only the categories its referral shows', async () => {
    const { rows } = await s.admin.query(
      `SELECT (SELECT agency_id FROM app_user WHERE username = 'lwu.caseworker') AS lwu, (SELECT id FROM app_user WHERE username = 'atd.caseworker') AS atd_user,
              (SELECT lead_agency_id FROM case_record WHERE id = $1) AS lead`,
      [caseId],
    );
    const { lwu, atd_user: atdUser, lead } = rows[0];
    const referralId = randomUUID();
    await s.admin.query(
      `INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, service_types, urgency, categories, status, acknowledge_by, acknowledged_at)
       VALUES ($1, $2, $3, $4, $5, '{SHELTER}', 'HIGH', '{CASE_SUMMARY}', 'PENDING', now() + interval '3 days', NULL)`,
      [referralId, caseId, lead, atdUser, lwu],
    );
    // pending: a preview relation, no uploads
    expect(
      (
        await upload('lwu.caseworker', caseId, pdf, {
          name: 'x.pdf',
          type: 'application/pdf',
          category: 'CASE_SUMMARY',
          referralId,
        })
      ).status,
    ).toBe(404);
    await s.admin.query(`UPDATE referral SET status = 'ACCEPTED', acknowledged_at = now() WHERE id = $1`, [referralId]);

    const mine = await upload('lwu.caseworker', caseId, pdf, {
      name: 'shelter-intake.pdf',
      type: 'application/pdf',
      kind: 'OTHER',
      category: 'CASE_SUMMARY',
      referralId,
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      referralId,
      category: 'CASE_SUMMARY',
      uploadedBy: { username: 'lwu.caseworker' },
    });
    // a category outside what its relation shows, or no referral named: the same 404
    expect(
      (
        await upload('lwu.caseworker', caseId, pdf, {
          name: 'x.pdf',
          type: 'application/pdf',
          category: 'LEGAL_PROCEEDINGS',
          referralId,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await upload('lwu.caseworker', caseId, pdf, {
          name: 'x.pdf',
          type: 'application/pdf',
          category: 'CASE_SUMMARY',
        })
      ).status,
    ).toBe(404);

    const list = await get('lwu.caseworker', `/cases/${caseId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([mine.body.id]);
    expect((await get('lwu.caseworker', `/attachments/${mine.body.id}/content`)).status).toBe(200);
    expect((await get('lwu.caseworker', `/attachments/${pdfId}/content`)).status).toBe(404);
    // the lead agency sees everything, newest first, and pages through it
    const all = await get('atd.caseworker', `/cases/${caseId}/attachments?limit=2`);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.items[0].id).toBe(mine.body.id);
    const rest = await get('atd.caseworker', `/cases/${caseId}/attachments?limit=100&cursor=${all.body.nextCursor}`);
    expect(rest.body.items.map((a: { id: string }) => a.id)).toContain(pdfId);
    expect(rest.body.nextCursor).toBeNull();
  });

  it("never serves a stored file that fails authentication: an altered byte, another attachment's file, a plaintext file", async () => {
    const bin = (r: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      (r as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const fetch = (id: string) => get('atd.caseworker', `/attachments/${id}/content`).buffer(true).parse(bin);
    const a = (await upload('atd.caseworker', caseId, tinyPdf('first'), { name: 'a.pdf', type: 'application/pdf' }))
      .body.id as string;
    const b = (await upload('atd.caseworker', caseId, tinyPdf('second'), { name: 'b.pdf', type: 'application/pdf' }))
      .body.id as string;
    const keyOf = async (id: string) =>
      (await s.admin.query(`SELECT storage_key FROM attachment WHERE id = $1`, [id])).rows[0].storage_key as string;
    const pathA = join(dir, await keyOf(a));
    const original = readFileSync(pathA);
    expect((await fetch(a)).status).toBe(200);

    const altered = Buffer.from(original);
    altered[altered.length - 30] ^= 0x01;
    writeFileSync(pathA, altered);
    const bad = await fetch(a);
    expect(bad.status).toBe(500);
    expect(JSON.parse((bad.body as Buffer).toString('utf8'))).toMatchObject({
      statusCode: 500,
      message: 'Internal server error',
    });
    expect((bad.body as Buffer).includes(Buffer.from('%PDF'))).toBe(false);

    // b's file (a valid envelope under b's key) in a's place
    writeFileSync(pathA, readFileSync(join(dir, await keyOf(b))));
    expect((await fetch(a)).status).toBe(500);
    // b's file and b's wrapped key both copied to a: the key is bound to b's row
    await s.admin.query(
      `UPDATE attachment SET data_key_enc = (SELECT data_key_enc FROM attachment WHERE id = $2) WHERE id = $1`,
      [a, b],
    );
    expect((await fetch(a)).status).toBe(500);
    // a plaintext file from before encryption: refused until keys:rotate has encrypted it
    await s.admin.query(`UPDATE attachment SET data_key_enc = NULL WHERE id = $1`, [a]);
    writeFileSync(pathA, tinyPdf('first'));
    const legacy = await fetch(a);
    expect(legacy.status).toBe(409);
    expect(JSON.parse((legacy.body as Buffer).toString('utf8')).code).toBe('FILE_NOT_ENCRYPTED_YET');
    // b is untouched
    const fine = await fetch(b);
    expect(fine.status).toBe(200);
    expect((fine.body as Buffer).equals(tinyPdf('second'))).toBe(true);
  });
});
