import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AppModule } from '../src/app.module';
import { auditReasonBinding } from '../src/platform/audit/audit.service';
import { createFieldCipher } from '../src/platform/crypto/crypto.module';
import { configureApp } from '../src/platform/http/configure-app';
import { adminUrl, appUrl, cloneTemplate, dropDatabase, RUN_ID } from './db';

export const DEMO_PASSWORD = 'demo-password-2026';

export interface TestStack {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  /** a superuser connection to this suite's database, for assertions the app cannot make */
  admin: Client;
  dbName: string;
  login(username: string, password?: string): Promise<{ accessToken: string; refreshToken: string; userId: string }>;
  close(): Promise<void>;
}

/**
 * Boots the real application (every module, pipe, filter and guard) on a private copy of the
 * migrated template database and a private BullMQ prefix on the real Redis.
 */
export async function startStack(overrides: Record<string, string> = {}): Promise<TestStack> {
  const dbName = `ctms_t_${RUN_ID}_${randomUUID().slice(0, 8)}`;
  await cloneTemplate(dbName);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DATABASE_URL: appUrl(dbName),
    DATABASE_ADMIN_URL: adminUrl(dbName),
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-${dbName}`,
    ...overrides,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  const admin = new Client({ connectionString: adminUrl(dbName) });
  await admin.connect();
  const server = app.getHttpServer() as App;
  const http = () => request(server);
  return {
    app,
    http,
    admin,
    dbName,
    async login(username, password = DEMO_PASSWORD) {
      const res = await http().post('/api/v1/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} answered ${res.status}`);
      return { accessToken: res.body.accessToken, refreshToken: res.body.refreshToken, userId: res.body.user.id };
    },
    async close() {
      await app.close();
      await admin.end();
      await dropDatabase(dbName);
      await deleteQueueKeys(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', `test-${dbName}:`);
    },
  };
}

/**
 * The rows of audit_event written since `afterSeq`, oldest first. `reason` is what a reader sees
 * (the code, or the free text decrypted from reason_enc); `reason_enc` is what is stored.
 */
export interface AuditRow {
  seq: string;
  action: string;
  outcome: string;
  actor_username: string | null;
  object_type: string | null;
  object_id: string | null;
  reason: string | null;
  reason_enc: string | null;
  request_id: string | null;
  source_ip: string | null;
  details: Record<string, unknown> | null;
}

export async function auditSince(admin: Client, afterSeq: string): Promise<AuditRow[]> {
  const { rows } = await admin.query<AuditRow>(
    `SELECT seq::text AS seq, action, outcome, actor_username, object_type, object_id, reason, reason_enc, request_id, source_ip, details FROM audit_event WHERE audit_event.seq > $1 ORDER BY audit_event.seq`,
    [afterSeq],
  );
  const cipher = createFieldCipher(process.env, 'test');
  return rows.map((r) => ({ ...r, reason: r.reason_enc ? cipher.decrypt(r.reason_enc, auditReasonBinding(r.seq)) : r.reason }));
}

export async function lastAuditSeq(admin: Client): Promise<string> {
  const { rows } = await admin.query(`SELECT coalesce(max(seq), 0)::text AS s FROM audit_event`);
  return rows[0].s;
}

/** Removes the BullMQ keys of one suite's private prefix, so test runs leave nothing in Redis. */
async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
