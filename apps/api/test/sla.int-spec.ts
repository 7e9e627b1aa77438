import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../src/platform/config/config';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { OutboxService } from '../src/platform/outbox/outbox.service';
import { SlaService } from '../src/sla/sla.service';
import { WorkerModule } from '../src/worker.module';
import { startStack, TestStack } from './harness';
import { seedCases } from './seed-cases';

/**
 * SLA clocks on real PostgreSQL and Redis: a PENDING referral gets one reminder once 25 % of its
 * acknowledgement period is left and one breach once the deadline has passed, however often the
 * scan runs; a SUBMITTED handoff past its receive-by gets one breach; nothing else is touched. The
 * real worker (repeatable scan job, outbox, notification handlers) tells the receiving supervisors,
 * and on a breach the sender's too. Also: the queue dashboard is for system admins only.
 */
describe('SLA clocks and the queue dashboard', () => {
  let s: TestStack;
  let sla: SlaService;
  const agencies = new Map<string, string>();
  const users = new Map<string, string>();
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000);
  let caseId = '';

  beforeAll(async () => {
    s = await startStack({ SLA_SCAN_EVERY_SECONDS: '5', OUTBOX_POLL_MS: '200' });
    for (const r of (await s.admin.query<{ id: string; code: string }>(`SELECT id, code FROM agency`)).rows)
      agencies.set(r.code, r.id);
    for (const r of (await s.admin.query<{ id: string; username: string }>(`SELECT id, username FROM app_user`)).rows)
      users.set(r.username, r.id);
    [caseId] = await seedCases(
      s.admin,
      s.app.get(FieldCipher),
      [{ agencyId: agencies.get('MOPS_ATD') ?? '', province: '01', givenNameLo: 'ນາງ' }],
      { prefix: 'SLA' },
    );
    sla = new SlaService(s.app.get(DataSource), s.app.get(OutboxService), s.app.get<AppConfig>(APP_CONFIG));
  });
  afterAll(async () => {
    await s.close();
  });

  async function referral(createdAt: Date, acknowledgeBy: Date, status = 'PENDING'): Promise<string> {
    const id = randomUUID();
    await s.admin.query(
      `INSERT INTO referral (id, case_id, from_agency_id, from_user_id, to_agency_id, urgency, categories, status, acknowledge_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'HIGH', '{CASE_SUMMARY}', $6, $7, $8)`,
      [
        id,
        caseId,
        agencies.get('MOPS_ATD'),
        users.get('atd.caseworker'),
        agencies.get('LWU'),
        status,
        acknowledgeBy,
        createdAt,
      ],
    );
    return id;
  }

  async function events(objectId: string): Promise<string[]> {
    const { rows } = await s.admin.query<{ kind: string }>(
      `SELECT kind FROM sla_event WHERE object_id = $1 ORDER BY id`,
      [objectId],
    );
    return rows.map((r) => r.kind);
  }

  async function outboxFor(objectId: string): Promise<string[]> {
    const { rows } = await s.admin.query<{ kind: string }>(
      `SELECT kind FROM outbox WHERE payload->>'objectId' = $1 ORDER BY created_at, kind`,
      [objectId],
    );
    return rows.map((r) => r.kind);
  }

  it('a PENDING referral gets one reminder before its deadline and one breach after it, however often the scan runs', async () => {
    const early = await referral(hours(-1), hours(23)); // 1 h of 24 h gone: nothing yet
    const near = await referral(hours(-10), hours(1)); // 1 h of 11 h left (< 25 %): reminder
    const done = await referral(hours(-30), hours(-2), 'ACCEPTED'); // acknowledged: never
    await sla.scan();
    await sla.scan();
    expect(await events(early)).toEqual([]);
    expect(await events(done)).toEqual([]);
    expect(await events(near)).toEqual(['REMINDER']);
    expect(await outboxFor(near)).toEqual(['sla.reminder']);

    // the deadline passes
    await s.admin.query(`UPDATE referral SET acknowledge_by = now() - interval '1 minute' WHERE id = $1`, [near]);
    await Promise.all([sla.scan(), sla.scan()]);
    await sla.scan();
    expect(await events(near)).toEqual(['REMINDER', 'BREACH']);
    expect((await outboxFor(near)).sort()).toEqual(['sla.breach', 'sla.reminder']);
  });

  it('a referral first seen past its deadline gets the breach only; a SUBMITTED handoff past receive-by gets one breach', async () => {
    const late = await referral(hours(-30), hours(-1));
    const handoffId = randomUUID();
    await s.admin.query(
      `INSERT INTO handoff (id, case_id, from_agency_id, from_user_id, to_agency_id, status, categories, receive_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'SUBMITTED', '{CASE_SUMMARY}', now() - interval '1 hour', now() - interval '3 days')`,
      [handoffId, caseId, agencies.get('MOPS_ATD'), users.get('atd.investigator'), agencies.get('OSPP')],
    );
    await sla.scan();
    await sla.scan();
    expect(await events(late)).toEqual(['BREACH']);
    expect(await events(handoffId)).toEqual(['BREACH']);
    const { rows } = await s.admin.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox WHERE kind LIKE 'sla.%'`,
    );
    // ids and codes only: which clock ran out (ACKNOWLEDGE or SERVICES), never anything of the case
    for (const r of rows) expect(Object.keys(r.payload).sort()).toEqual(['clock', 'objectId', 'objectType']);
  });

  it('the worker scans on its own clock and tells the receiving supervisors, and on a breach the sender supervisors', async () => {
    const remind = await referral(hours(-10), hours(1));
    const breach = await referral(hours(-30), hours(-1));
    let worker: INestApplicationContext | null = null;
    try {
      worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
      await worker.init();
      const recipients = async (objectId: string, kind: string) =>
        (
          await s.admin.query<{ username: string }>(
            `SELECT u.username FROM notification n JOIN app_user u ON u.id = n.recipient_user_id WHERE n.object_id = $1 AND n.kind = $2 ORDER BY u.username`,
            [objectId, kind],
          )
        ).rows.map((r) => r.username);
      const deadline = Date.now() + 30_000;
      while (
        Date.now() < deadline &&
        ((await recipients(remind, 'sla.reminder')).length === 0 ||
          (await recipients(breach, 'sla.breach')).length === 0)
      ) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await recipients(remind, 'sla.reminder')).toEqual(['lwu.supervisor']);
      expect(await recipients(breach, 'sla.breach')).toEqual(['atd.supervisor', 'lwu.supervisor']);
      expect(await events(breach)).toEqual(['BREACH']);
    } finally {
      await worker?.close();
    }
  });

  it('the queue dashboard answers 404 to anyone but a system admin, and 200 to one', async () => {
    const path = '/api/admin/queues';
    expect((await s.http().get(path)).status).toBe(404);
    expect((await s.http().get(path).set('Authorization', 'Bearer not.a.token')).status).toBe(404);
    const supervisor = await s.login('atd.supervisor');
    const denied = await s.http().get(path).set('Authorization', `Bearer ${supervisor.accessToken}`);
    expect(denied.status).toBe(404);
    const missing = await s
      .http()
      .get('/api/v1/no-such-route-' + randomUUID())
      .set('Authorization', `Bearer ${supervisor.accessToken}`);
    expect(Object.keys(denied.body).sort()).toEqual(Object.keys(missing.body).sort());
    expect(denied.body.message).toBe('Not found');

    const admin = await s.login('sysadmin');
    const page = await s.http().get(`${path}/`).set('Authorization', `Bearer ${admin.accessToken}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('__UI_CONFIG__');
    const cookie = String(page.headers['set-cookie'] ?? '');
    expect(cookie).toMatch(/ctms_queues=.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const api = await s.http().get(`${path}/api/queues`).set('Authorization', `Bearer ${admin.accessToken}`);
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['events', 'maintenance']);
    // after logout the same token opens nothing
    await s
      .http()
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ refreshToken: admin.refreshToken });
    expect((await s.http().get(`${path}/api/queues`).set('Authorization', `Bearer ${admin.accessToken}`)).status).toBe(
      404,
    );
  });
});
