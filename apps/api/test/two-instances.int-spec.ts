import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AppModule } from '../src/app.module';
import { verifyAuditChain } from '../src/platform/audit/audit-verify';
import { configureApp } from '../src/platform/http/configure-app';
import { MaintenanceScheduler } from '../src/sla/maintenance';
import { adminUrl } from './db';
import { FieldCipher } from '../src/platform/crypto/field-cipher';
import { DEMO_PASSWORD, readMails, startStack, startWorker, TestStack } from './harness';
import { seedCases } from './seed-cases';

/**
 * More than one server (issue 18 item 4), first part: two API instances and two workers on one
 * database and one Redis. What one instance knows, the other knows (sessions); each outbox event
 * is carried out once whichever worker takes it; two sealers running at once never seal twice.
 * The instances run in this one test process (each its own Nest application, connection pools
 * and BullMQ clients), so state kept in a module's own variables would not be caught here.
 */
describe('two API instances and two workers', () => {
  let s: TestStack;
  let b: INestApplication;
  const workers: INestApplicationContext[] = [];
  const httpA = () => s.http();
  const httpB = () => request(b.getHttpServer() as App);

  beforeAll(async () => {
    s = await startStack();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    b = moduleRef.createNestApplication({ logger: false });
    configureApp(b);
    await b.init();
    workers.push(await startWorker(), await startWorker());
  });

  afterAll(async () => {
    for (const w of workers) await w.close();
    await b?.close();
    await s?.close();
  });

  it('a session begun on one instance is refreshed on the other, and revoked on both', async () => {
    const login = await httpA()
      .post('/api/v1/auth/login')
      .send({ username: 'atd.supervisor', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const refreshed = await httpB().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(
      (
        await httpA()
          .get('/api/v1/me')
          .set({ Authorization: `Bearer ${refreshed.body.accessToken}` })
      ).status,
    ).toBe(200);
    // the rotated-away token, replayed on A, is recognised as reuse: the family is revoked on both
    expect((await httpA().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken })).status).toBe(
      401,
    );
    expect(
      (
        await httpB()
          .get('/api/v1/me')
          .set({ Authorization: `Bearer ${refreshed.body.accessToken}` })
      ).status,
    ).toBe(401);
    expect(
      (await httpB().post('/api/v1/auth/refresh').send({ refreshToken: refreshed.body.refreshToken })).status,
    ).toBe(401);
  });

  it('each outbox event is carried out once, whichever of the two workers takes it', async () => {
    const admins = (
      await s.admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM app_user WHERE status = 'ACTIVE' AND 'SYSTEM_ADMIN' = ANY(roles) AND email IS NOT NULL AND email <> ''`,
      )
    ).rows[0].n;
    expect(admins).toBeGreaterThan(0);
    const ids = Array.from({ length: 20 }, () => randomUUID());
    for (const [i, id] of ids.entries()) {
      await s.admin.query(`INSERT INTO outbox (id, kind, payload) VALUES ($1, 'audit.anchored', $2)`, [
        id,
        JSON.stringify({ block: String(1000 + i), hash: 'f'.repeat(64), sealedAt: new Date().toISOString() }),
      ]);
    }
    const until = Date.now() + 60_000;
    const pending = async () =>
      (
        await s.admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[]) AND status <> 'DONE'`,
          [ids],
        )
      ).rows[0].n;
    while ((await pending()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await pending()).toBe(0);
    const mails = readMails(s.mailDir).filter((m) => m.text.includes('f'.repeat(64)));
    expect(mails).toHaveLength(ids.length * admins);
    const sent = await s.admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mail_delivery WHERE outbox_id = ANY($1::uuid[]) AND status = 'SENT'`,
      [ids],
    );
    expect(sent.rows[0].n).toBe(ids.length * admins);
  });

  it('two sealers at once, while both instances write, leave one unbroken chain', async () => {
    const token = (await s.login('atd.supervisor')).accessToken;
    const agency = (await s.admin.query<{ id: string }>(`SELECT id FROM agency WHERE code = 'MOPS_ATD'`)).rows[0].id;
    const [caseId] = await seedCases(
      s.admin,
      s.app.get(FieldCipher),
      [{ agencyId: agency, province: '01', givenNameLo: 'ນາງ ສອງເຄື່ອງ' }],
      { prefix: 'TWO' },
    );
    const before = (await s.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n;
    const seals = workers.map((w) => w.get(MaintenanceScheduler));
    let stop = false;
    const sealing = seals.map(async (m) => {
      while (!stop) await m.process('audit.seal');
    });
    // each case read writes an audit row
    const writes = [httpA, httpB].map(async (http) => {
      for (let i = 0; i < 15; i++)
        expect(
          (
            await http()
              .get(`/api/v1/cases/${caseId}`)
              .set({ Authorization: `Bearer ${token}` })
          ).status,
        ).toBe(200);
    });
    // and the owner seals a transaction at a time beside them, so the chain grows past ten blocks
    const small = (async () => {
      while (!stop) await s.admin.query('SELECT audit_seal(1)');
    })();
    try {
      await Promise.all(writes);
    } finally {
      stop = true;
      await Promise.all([...sealing, small]);
    }
    while (Number((await s.admin.query<{ n: number }>('SELECT audit_seal(1) AS n')).rows[0].n) > 0);
    const blocks = await s.admin.query<{ block: string; lo: string; hi: string }>(
      `SELECT block::text AS block, xact_from::text AS lo, xact_to::text AS hi FROM audit_seal ORDER BY audit_seal.block`,
    );
    expect(blocks.rows.length).toBeGreaterThan(10);
    for (let i = 1; i < blocks.rows.length; i++) {
      expect(BigInt(blocks.rows[i].block)).toBe(BigInt(blocks.rows[i - 1].block) + 1n);
      expect(blocks.rows[i].lo).toBe(blocks.rows[i - 1].hi);
    }
    const chain = await verifyAuditChain(adminUrl(s.dbName), { seal: true });
    expect(chain.problems).toEqual([]);
    const after = (await s.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n;
    expect(after).toBeGreaterThanOrEqual(before + 30);
    expect(chain.rows + chain.unsealed).toBe(after);
  });
});
