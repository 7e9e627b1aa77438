import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { INTERVIEW_CONSENT_QUESTIONS, todayInLaos } from '@ctms/domain';
import { EventsWorker } from '../src/platform/outbox/events-worker';
import { WorkerModule } from '../src/worker.module';
import { startStack, TestStack } from './harness';

/**
 * Issue 6, notifications through the transactional outbox, on the real stack: PostgreSQL, Redis
 * (a private queue prefix), the worker in-process (a Nest application context of WorkerModule) and
 * a real SMTP server inside the test. Every event reaches exactly the right people once, in the
 * app and by e-mail; a worker killed mid-job and a Redis that lost everything change nothing of
 * that; queue payloads carry ids only and no e-mail carries a name.
 */
const tag = randomUUID().slice(0, 8);
const CANARY_NAME = `ຄານາຣີ${tag}`;
const CANARY_LATIN = `Canaryname${tag}`;
const CANARY_COMMENT = `canary-comment-${tag}`;
const CANARIES = [CANARY_NAME, CANARY_LATIN, CANARY_COMMENT];
const ALL_YES = Object.fromEntries(INTERVIEW_CONSENT_QUESTIONS.map((q) => [q, 'YES']));
const MEETS = ['DR01', 'DR02', 'EX01', 'EX02', 'CD05', 'CD06', 'CD07'].map((code) => ({ code, answer: 'PRESENT' }));

interface Mail {
  to: string[];
  raw: string;
  subject: string;
  body: string;
}

/** Decodes RFC 2047 encoded words (B and Q) in a header value. */
function decodeWords(v: string): string {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function parseMail(raw: string, to: string[]): Mail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const bodyRaw = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const body =
    cte === 'base64'
      ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(
            bodyRaw
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : bodyRaw;
  return { to, raw, subject: decodeWords(header('Subject')), body };
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('notifications through the outbox (issue 6)', () => {
  let s: TestStack;
  let worker: INestApplicationContext | null = null;
  let smtp: SMTPServer;
  let redis: IORedis;
  let prefix = '';
  const mails: Mail[] = [];
  /** while set, the SMTP server holds each message before answering (a job stays active) */
  let hold: Promise<void> | null = null;
  let arrived: (() => void) | null = null;
  const tokens = new Map<string, string>();
  const userIds = new Map<string, string>();
  const agencyIds = new Map<string, string>();
  const token = (u: string) => tokens.get(u) ?? '';
  const post = (u: string, path: string, body: object) =>
    s
      .http()
      .post(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`)
      .send(body);
  const get = (u: string, path: string) =>
    s
      .http()
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token(u)}`);
  const USERS = [
    'atd.caseworker',
    'atd.bokeo',
    'atd.supervisor',
    'atd.investigator',
    'lwu.caseworker',
    'lwu.supervisor',
    'molsw.caseworker',
    'molsw.supervisor',
    'sysadmin',
    'ospp.prosecutor',
    'doi.caseworker',
  ];

  async function startWorker(): Promise<void> {
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
  }

  /** A kill: the BullMQ worker stops without finishing its jobs, then the whole context goes. */
  async function killWorker(): Promise<void> {
    const w = worker;
    worker = null;
    if (!w) return;
    await w.get(EventsWorker).stop(true);
    await w.close();
  }

  async function stopWorker(): Promise<void> {
    const w = worker;
    worker = null;
    if (w) await w.close();
  }

  /** Deletes every Redis key of this suite's queue prefix, and nothing else. */
  async function flushPrefix(): Promise<number> {
    let cursor = '0';
    let n = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) n += await redis.del(...keys);
    } while (cursor !== '0');
    return n;
  }

  async function outboxOf(kind: string): Promise<{ id: string; status: string }[]> {
    return (await s.admin.query(`SELECT id, status FROM outbox WHERE kind = $1 ORDER BY created_at, id`, [kind])).rows;
  }

  /** Waits until every outbox row is finished; returns the new row of `kind` (exactly one). */
  async function settled(kind: string, before: Set<string>): Promise<string> {
    const rows = await waitFor(`${kind} done`, async () => {
      const open = await s.admin.query(`SELECT count(*)::int AS n FROM outbox WHERE status IN ('PENDING', 'ENQUEUED')`);
      if (open.rows[0].n) return null;
      return (await outboxOf(kind)).filter((r) => !before.has(r.id));
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('DONE');
    return rows[0]?.id ?? '';
  }

  async function idsOf(kind: string): Promise<Set<string>> {
    return new Set((await outboxOf(kind)).map((r) => r.id));
  }

  async function recipientsOf(outboxId: string): Promise<string[]> {
    const { rows } = await s.admin.query(
      `SELECT u.username FROM notification n JOIN app_user u ON u.id = n.recipient_user_id WHERE n.outbox_id = $1 ORDER BY u.username`,
      [outboxId],
    );
    return rows.map((r: { username: string }) => r.username);
  }

  /**
   * Runs `act`, waits for its outbox row to be done, and checks: exactly `expected` got one in-app
   * notification and one e-mail each, nobody else; the e-mails name the kind, the case number and
   * a link, and nothing personal.
   */
  async function expectDelivered(kind: string, expected: string[], act: () => Promise<void>): Promise<string> {
    const before = await idsOf(kind);
    const mailsBefore = mails.length;
    await act();
    const outboxId = await settled(kind, before);
    expect(await recipientsOf(outboxId)).toEqual([...expected].sort());
    const fresh = mails.slice(mailsBefore);
    expect(fresh.flatMap((m) => m.to).sort()).toEqual(expected.map((u) => `${u}@demo.invalid`).sort());
    const payload = (await s.admin.query(`SELECT payload FROM outbox WHERE id = $1`, [outboxId])).rows[0]
      .payload as Record<string, unknown>;
    for (const v of Object.values(payload)) expect(String(v)).toMatch(/^[0-9a-f-]{36}$/);
    return outboxId;
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const finish = () => {
            const mail = parseMail(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((a) => a.address),
            );
            // the worker's daily audit anchor mails the system admins whenever it first runs (backup.int-spec
            // tests it): not a notification, so not counted here
            if (!mail.subject.includes('Audit anchor')) mails.push(mail);
            callback(null, 'queued');
          };
          if (hold) {
            arrived?.();
            void hold.then(finish);
          } else finish();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as AddressInfo).port;
    s = await startStack({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      PUBLIC_URL: 'https://ctms.test',
      OUTBOX_POLL_MS: '200',
      OUTBOX_RECONCILE_AFTER_MS: '1500',
      WORKER_LOCK_MS: '2000',
      JOB_ATTEMPTS: '3',
    });
    prefix = `test-${s.dbName}`;
    redis = new IORedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    for (const u of USERS) {
      const l = await s.login(u);
      tokens.set(u, l.accessToken);
      userIds.set(u, l.userId);
    }
    for (const r of (await s.admin.query(`SELECT id, code FROM agency`)).rows) agencyIds.set(r.code, r.id);
    await startWorker();
  });

  afterAll(async () => {
    await stopWorker();
    await s.close();
    await flushPrefix();
    redis.disconnect();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  /** A screening by atd.caseworker, submitted; returns its id and version. */
  async function submittedScreening(): Promise<{ id: string; version: number }> {
    const created = await post('atd.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: {
        givenNameLo: CANARY_NAME,
        latinNames: [CANARY_LATIN],
        dateOfBirth: '1998-05-04',
        dobPrecision: 'DAY',
        sex: 'FEMININE',
        citizenship: ['LA'],
      },
      indicatorAnswers: MEETS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    expect(created.status).toBe(201);
    const submitted = await post('atd.caseworker', `/screenings/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(submitted.status).toBe(200);
    return { id: created.body.id, version: submitted.body.version };
  }

  let caseId = '';
  let caseNumber = '';
  let lwuConsentId = '';

  it('screening returned and approved: the interviewer, once each, in the app and by e-mail', async () => {
    const sc = await submittedScreening();
    let version = sc.version;
    await expectDelivered('screening.returned', ['atd.caseworker'], async () => {
      const r = await post('atd.supervisor', `/screenings/${sc.id}/return`, { version, comment: CANARY_COMMENT });
      expect(r.status).toBe(200);
      version = r.body.version;
    });
    const revised = await s
      .http()
      .patch(`/api/v1/screenings/${sc.id}`)
      .set('Authorization', `Bearer ${token('atd.caseworker')}`)
      .send({ version, needsAndRisks: { servicesNeeded: ['SHELTER', 'MEDICAL'] } });
    expect(revised.status).toBe(200);
    const again = await post('atd.caseworker', `/screenings/${sc.id}/submit`, { version: revised.body.version });
    expect(again.status).toBe(200);
    await expectDelivered('screening.approved', ['atd.caseworker'], async () => {
      const r = await post('atd.supervisor', `/screenings/${sc.id}/approve`, { version: again.body.version });
      expect(r.status).toBe(200);
      caseId = r.body.caseId;
    });
    caseNumber = (await s.admin.query(`SELECT case_number FROM case_record WHERE id = $1`, [caseId])).rows[0]
      .case_number;
    const last = mails[mails.length - 1];
    expect(last?.subject).toContain('Screening approved');
    expect(last?.subject).toContain(caseNumber);
    expect(last?.body).toContain(`https://ctms.test/screenings/${sc.id}`);
    expect(last?.body).toContain('ການຄັດກອງໄດ້ຮັບການອະນຸມັດ');

    const list = await get('atd.caseworker', '/notifications?unread=true&limit=10');
    expect(list.status).toBe(200);
    expect(list.body.unreadCount).toBe(2);
    expect(list.body.items.map((i: { kind: string }) => i.kind)).toEqual(['screening.approved', 'screening.returned']);
    expect(Object.keys(list.body.items[0]).sort()).toEqual([
      'caseNumber',
      'createdAt',
      'id',
      'kind',
      'objectId',
      'objectType',
      'readAt',
    ]);
    expect(list.body.items[0]).toMatchObject({ objectType: 'screening', objectId: sc.id, caseNumber, readAt: null });
    const page1 = await get('atd.caseworker', '/notifications?limit=1');
    expect(page1.body.items).toHaveLength(1);
    const page2 = await get('atd.caseworker', `/notifications?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].kind).toBe('screening.returned');
    // one's own only: someone else's id is a 404 and changes nothing
    const foreign = await post('atd.supervisor', `/notifications/${list.body.items[0].id}/read`, {});
    expect(foreign.status).toBe(404);
    const read = await post('atd.caseworker', `/notifications/${list.body.items[0].id}/read`, {});
    expect(read.status).toBe(200);
    expect((await get('atd.caseworker', '/notifications?unread=true')).body.unreadCount).toBe(1);
    expect((await get('atd.supervisor', '/notifications')).body.items).toEqual([]);
    // mark all read: the caller's own only; someone else's call changes none of them; again, nothing
    const others = await post('atd.supervisor', '/notifications/read-all', {});
    expect(others.status).toBe(200);
    expect(others.body).toEqual({ marked: 0, unreadCount: 0 });
    expect((await get('atd.caseworker', '/notifications?unread=true')).body.unreadCount).toBe(1);
    expect((await post('atd.caseworker', '/notifications/read-all', { all: true })).status).toBe(400);
    const all = await post('atd.caseworker', '/notifications/read-all', {});
    expect(all.body).toEqual({ marked: 1, unreadCount: 0 });
    const after = await get('atd.caseworker', '/notifications');
    expect(after.body.unreadCount).toBe(0);
    expect(after.body.items.every((i: { readAt: string | null }) => i.readAt !== null)).toBe(true);
    expect((await post('atd.caseworker', '/notifications/read-all', {})).body).toEqual({ marked: 0, unreadCount: 0 });
  });

  it('referral received, accepted, completed, declined, cancelled: the receiving or the sending agency, within its province scope', async () => {
    const grant = async (code: string) => {
      const r = await post('atd.caseworker', `/cases/${caseId}/consents`, {
        type: 'REFERRAL_SHARING',
        agencyIds: [agencyIds.get(code)],
        purposes: ['REFERRAL_SHARING'],
        categories: ['CASE_SUMMARY', 'IDENTITY'],
        givenBy: 'SELF',
        form: 'WRITTEN_SIGNATURE',
        grantedAt: new Date(Date.now() - 3_600_000).toISOString(),
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    lwuConsentId = await grant('LWU');
    await grant('MOLSW');
    const refer = async (code: string, service: string) => {
      const r = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
        toAgencyId: agencyIds.get(code),
        serviceTypes: [service],
        urgency: 'HIGH',
        reason: CANARY_COMMENT,
        categories: ['IDENTITY'],
      });
      expect(r.status).toBe(201);
      return { id: r.body.id as string, version: r.body.version as number };
    };
    // the sender's side: ATD users whose scope covers province 01 (not atd.bokeo, Bokeo only)
    const ATD = ['atd.caseworker', 'atd.investigator', 'atd.supervisor'];
    let lwu = { id: '', version: 0 };
    await expectDelivered('referral.received', ['lwu.caseworker', 'lwu.supervisor'], async () => {
      lwu = await refer('LWU', 'SHELTER');
    });
    await expectDelivered('referral.accepted', ATD, async () => {
      const r = await post('lwu.caseworker', `/referrals/${lwu.id}/accept`, { version: lwu.version });
      expect(r.status).toBe(200);
      lwu.version = r.body.version;
    });
    const served = await post('lwu.caseworker', `/referrals/${lwu.id}/services`, {
      version: lwu.version,
      serviceType: 'SHELTER',
      deliveredOn: todayInLaos(),
    });
    expect(served.status).toBe(200);
    await expectDelivered('referral.completed', ATD, async () => {
      const r = await post('lwu.caseworker', `/referrals/${lwu.id}/complete`, {
        version: served.body.version,
        outcome: 'SERVICES_DELIVERED',
      });
      expect(r.status).toBe(200);
    });
    let molsw = { id: '', version: 0 };
    await expectDelivered('referral.received', ['molsw.caseworker', 'molsw.supervisor'], async () => {
      molsw = await refer('MOLSW', 'REINTEGRATION');
    });
    await expectDelivered('referral.declined', ATD, async () => {
      const r = await post('molsw.caseworker', `/referrals/${molsw.id}/decline`, {
        version: molsw.version,
        reason: 'NO_CAPACITY',
        note: CANARY_COMMENT,
      });
      expect(r.status).toBe(200);
    });
    let again = { id: '', version: 0 };
    await expectDelivered('referral.received', ['molsw.caseworker', 'molsw.supervisor'], async () => {
      again = await refer('MOLSW', 'REINTEGRATION');
    });
    await expectDelivered('referral.cancelled', ['molsw.caseworker', 'molsw.supervisor'], async () => {
      const r = await post('atd.caseworker', `/referrals/${again.id}/cancel`, {
        version: again.version,
        reason: CANARY_COMMENT,
      });
      expect(r.status).toBe(200);
    });
  });

  it('a referral note tells the other side only: its worker on the referral, else its supervisors; ids only, no note text', async () => {
    const NOTE_CANARY = `note-canary-${tag}`;
    const noteOn = async (u: string, referralId: string) => {
      const r = await post(u, `/referrals/${referralId}/notes`, { body: `${NOTE_CANARY} ${u}` });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const ref = { id: '', version: 0 };
    await expectDelivered('referral.received', ['lwu.caseworker', 'lwu.supervisor'], async () => {
      const sent = await post('atd.caseworker', `/cases/${caseId}/referrals`, {
        toAgencyId: agencyIds.get('LWU'),
        serviceTypes: ['SHELTER'],
        urgency: 'HIGH',
        reason: CANARY_COMMENT,
        categories: ['IDENTITY'],
      });
      expect(sent.status).toBe(201);
      Object.assign(ref, { id: sent.body.id, version: sent.body.version });
    });
    const mailsBefore = mails.length;

    // pending, nobody assigned at LWU yet: its supervisors (not its caseworker, not ATD)
    let noteId = '';
    const toReceiver = await expectDelivered('referral.note_added', ['lwu.supervisor'], async () => {
      noteId = await noteOn('atd.caseworker', ref.id);
    });
    const payload = (await s.admin.query(`SELECT payload FROM outbox WHERE id = $1`, [toReceiver])).rows[0].payload;
    expect(payload).toEqual({ referralId: ref.id, noteId });
    const notes = await s.admin.query(
      `SELECT kind, object_type, object_id, case_number FROM notification WHERE outbox_id = $1`,
      [toReceiver],
    );
    expect(notes.rows).toEqual([
      { kind: 'referral.note_added', object_type: 'referral', object_id: ref.id, case_number: caseNumber },
    ]);

    await expectDelivered('referral.accepted', ['atd.caseworker', 'atd.investigator', 'atd.supervisor'], async () => {
      expect((await post('lwu.caseworker', `/referrals/${ref.id}/accept`, { version: ref.version })).status).toBe(200);
    });
    // LWU writes: the caseworker assigned to the case at ATD, nobody at LWU
    await expectDelivered('referral.note_added', ['atd.caseworker'], async () => {
      await noteOn('lwu.supervisor', ref.id);
    });
    // ATD writes again: now the worker LWU assigned, not its supervisors
    await expectDelivered('referral.note_added', ['lwu.caseworker'], async () => {
      await noteOn('atd.supervisor', ref.id);
    });

    // the text is in no queue payload, no notification, no e-mail
    const leaked = await s.admin.query(`SELECT count(*)::int AS n FROM outbox WHERE payload::text LIKE $1`, [
      `%${NOTE_CANARY}%`,
    ]);
    expect(leaked.rows[0].n).toBe(0);
    const inApp = await s.admin.query(`SELECT count(*)::int AS n FROM notification n WHERE n::text LIKE $1`, [
      `%${NOTE_CANARY}%`,
    ]);
    expect(inApp.rows[0].n).toBe(0);
    const fresh = mails.slice(mailsBefore).filter((m) => m.subject.includes('New note on a referral'));
    expect(fresh.flatMap((m) => m.to).sort()).toEqual([
      'atd.caseworker@demo.invalid',
      'lwu.caseworker@demo.invalid',
      'lwu.supervisor@demo.invalid',
    ]);
    for (const m of mails.slice(mailsBefore)) {
      expect(m.raw).not.toContain(NOTE_CANARY);
      expect(m.body).not.toContain(NOTE_CANARY);
    }
  });

  it('consent withdrawn: every agency that received data under it (LWU), nobody else', async () => {
    await expectDelivered('consent.withdrawn', ['lwu.caseworker', 'lwu.supervisor'], async () => {
      const r = await post('atd.caseworker', `/consents/${lwuConsentId}/withdraw`, { reason: CANARY_COMMENT });
      expect(r.status).toBe(200);
    });
    const n = (
      await s.admin.query(
        `SELECT case_number, object_type, object_id FROM notification WHERE kind = 'consent.withdrawn' LIMIT 1`,
      )
    ).rows[0];
    expect(n).toEqual({ case_number: caseNumber, object_type: 'case', object_id: caseId });
  });

  it("match request received and answered: the asked agency's supervisors, then the caseworker who asked; no case number, no name", async () => {
    // an ATD person, and a DOI draft (DOI has no relation to ATD's cases) with the same name and birth date
    const bio = {
      givenNameLo: 'ມະນີວັນ',
      familyNameLo: 'ແກ້ວມະນີ',
      latinNames: ['Manivan Keomany'],
      dateOfBirth: '1997-02-03',
      dobPrecision: 'DAY',
    };
    const atd = await post('atd.caseworker', '/screenings', {
      metadata: { provinceCode: '01', facilityType: 'BORDER_CHECKPOINT', interviewAt: '2026-11-20T09:30:00+07:00' },
      interviewConsent: { ...ALL_YES, givenBy: 'SELF', form: 'WRITTEN_SIGNATURE' },
      bioData: { ...bio, sex: 'FEMININE', citizenship: ['LA'] },
      indicatorAnswers: MEETS,
      interviewerAssessment: 'POSSIBLE_VICTIM',
    });
    const submitted = await post('atd.caseworker', `/screenings/${atd.body.id}/submit`, { version: atd.body.version });
    await expectDelivered('screening.approved', ['atd.caseworker'], async () => {
      expect(
        (await post('atd.supervisor', `/screenings/${atd.body.id}/approve`, { version: submitted.body.version }))
          .status,
      ).toBe(200);
    });
    const draft = await post('doi.caseworker', '/screenings', { metadata: { provinceCode: '01' }, bioData: bio });
    expect(draft.status).toBe(201);
    let requestId = '';
    await expectDelivered('match.received', ['atd.supervisor'], async () => {
      const r = await post('doi.caseworker', `/screenings/${draft.body.id}/match-requests`, {});
      expect(r.status).toBe(201);
      requestId = r.body.requests[0].id;
    });
    await expectDelivered('match.answered', ['doi.caseworker'], async () => {
      const open = await get('atd.supervisor', `/match-requests/${requestId}`);
      const r = await post('atd.supervisor', `/match-requests/${requestId}/no-match`, {
        version: open.body.version,
        comment: CANARY_COMMENT,
      });
      expect(r.status).toBe(200);
    });
    const rows = (
      await s.admin.query(
        `SELECT kind, object_type, object_id, case_number FROM notification WHERE kind LIKE 'match.%' ORDER BY kind`,
      )
    ).rows;
    expect(rows).toEqual([
      { kind: 'match.answered', object_type: 'match_request', object_id: requestId, case_number: null },
      { kind: 'match.received', object_type: 'match_request', object_id: requestId, case_number: null },
    ]);
    const last = mails[mails.length - 1];
    expect(last?.subject).toContain('Your match request was answered');
    expect(last?.body).toContain(`https://ctms.test/match-requests/${requestId}`);
  });

  it('a worker killed while a job is running (the e-mail in flight): after a restart, one notification and one e-mail', async () => {
    const sc = await submittedScreening();
    const mailsBefore = mails.length;
    const before = await idsOf('screening.returned');
    let release: () => void = () => undefined;
    hold = new Promise<void>((r) => (release = r));
    const inFlight = new Promise<void>((r) => (arrived = r));
    const res = await post('atd.supervisor', `/screenings/${sc.id}/return`, {
      version: sc.version,
      comment: CANARY_COMMENT,
    });
    expect(res.status).toBe(200);
    await inFlight; // the SMTP server has the message; the job is active
    await killWorker();
    hold = null;
    release();
    await startWorker();
    const outboxId = await settled('screening.returned', before);
    expect(await recipientsOf(outboxId)).toEqual(['atd.caseworker']);
    expect(mails.slice(mailsBefore).flatMap((m) => m.to)).toEqual(['atd.caseworker@demo.invalid']);
    const attempts = (await s.admin.query(`SELECT attempts FROM outbox WHERE id = $1`, [outboxId])).rows[0].attempts;
    expect(attempts).toBeGreaterThanOrEqual(2);
  });

  it('Redis flushed with jobs in it (worker down): the reconciler enqueues them again; each delivered once; queue data is ids only', async () => {
    await stopWorker();
    const before = await idsOf('screening.returned');
    const mailsBefore = mails.length;
    for (let i = 0; i < 3; i++) {
      const sc = await submittedScreening();
      const r = await post('atd.supervisor', `/screenings/${sc.id}/return`, {
        version: sc.version,
        comment: CANARY_COMMENT,
      });
      expect(r.status).toBe(200);
    }
    // the API's relay enqueued them after commit
    const fresh = await waitFor('enqueued', async () => {
      const rows = (await outboxOf('screening.returned')).filter((r) => !before.has(r.id));
      return rows.length === 3 && rows.every((r) => r.status === 'ENQUEUED') ? rows : null;
    });
    for (const r of fresh) {
      const data = await redis.hget(`${prefix}:events:${r.id}`, 'data');
      expect(JSON.parse(data ?? 'null')).toEqual({ id: r.id, kind: 'screening.returned' });
    }
    const everything: string[] = [];
    for (const r of fresh) everything.push(JSON.stringify(await redis.hgetall(`${prefix}:events:${r.id}`)));
    for (const c of CANARIES) expect(everything.join('\n')).not.toContain(c);

    expect(await flushPrefix()).toBeGreaterThan(0);
    await startWorker();
    await waitFor('all done', async () => {
      const rows = (await outboxOf('screening.returned')).filter((r) => !before.has(r.id));
      return rows.every((r) => r.status === 'DONE');
    });
    for (const r of fresh) expect(await recipientsOf(r.id)).toEqual(['atd.caseworker']);
    expect(mails.slice(mailsBefore).flatMap((m) => m.to)).toEqual(Array(3).fill('atd.caseworker@demo.invalid'));
    // a second flush after everything is done enqueues nothing again
    await flushPrefix();
    await new Promise((r) => setTimeout(r, 2500));
    expect(mails.length).toBe(mailsBefore + 3);
  });

  it('a job that cannot succeed goes DEAD and every system admin is told in the app', async () => {
    const id = randomUUID();
    await s.admin.query(`INSERT INTO outbox (id, kind, payload) VALUES ($1, 'test.unknown_kind', '{}')`, [id]);
    await waitFor(
      'dead',
      async () => (await s.admin.query(`SELECT status FROM outbox WHERE id = $1`, [id])).rows[0].status === 'DEAD',
    );
    const row = (await s.admin.query(`SELECT last_error FROM outbox WHERE id = $1`, [id])).rows[0];
    expect(row.last_error).toBe('NO_HANDLER');
    expect(await recipientsOf(id)).toEqual(['sysadmin']);
    const list = await get('sysadmin', '/notifications');
    expect(list.body.items[0]).toMatchObject({
      kind: 'job.dead',
      objectType: 'outbox',
      objectId: id,
      caseNumber: null,
    });
  });

  it('no e-mail carries a name, a comment or a reason; every one has a case link or a screening link', async () => {
    expect(mails.length).toBeGreaterThan(10);
    for (const m of mails) {
      for (const c of CANARIES) {
        expect(m.raw).not.toContain(c);
        expect(m.body).not.toContain(c);
        expect(m.subject).not.toContain(c);
      }
      expect(m.body).toMatch(
        /https:\/\/ctms\.test\/(screenings|referrals|cases|handoffs|match-requests)\/[0-9a-f-]{36}/,
      );
    }
    // the one the killed worker had claimed stays SENDING: never sent twice (decision 0005)
    const { rows } = await s.admin.query(`SELECT status FROM mail_delivery WHERE status <> 'SENT'`);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['SENDING']);
    const dup = await s.admin.query(
      `SELECT count(*)::int AS n FROM (SELECT outbox_id, recipient_user_id FROM notification GROUP BY 1, 2 HAVING count(*) > 1) d`,
    );
    expect(dup.rows[0].n).toBe(0);
  });
});
