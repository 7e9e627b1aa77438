import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AppModule } from '../src/app.module';
import { auditReasonBinding } from '../src/platform/audit/audit.service';
import { createFieldCipher } from '../src/platform/crypto/crypto.module';
import { configureApp } from '../src/platform/http/configure-app';
import type { Role } from '@ctms/domain';
import type { RequestContext } from '../src/platform/http/request-context';
import { adminUrl, appUrl, cloneTemplate, dropDatabase, RUN_ID } from './db';

export const DEMO_PASSWORD = 'demo-password-2026';

export interface TestStack {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  /** a superuser connection to this suite's database, for assertions the app cannot make */
  admin: Client;
  dbName: string;
  /** where this suite's e-mails land as .eml files (MAIL_DIR) */
  mailDir: string;
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
  const mailDir = mkdtempSync(join(tmpdir(), `ctms-mail-${dbName}-`));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    MAIL_DIR: mailDir,
    OUTBOX_POLL_MS: '100',
    // the suites sign in many times from one address: the per-address route limit is the attack suite's to test
    AUTH_RATE_LIMIT: '100000',
    DATABASE_URL: appUrl(dbName),
    DATABASE_ADMIN_URL: adminUrl(dbName),
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-${dbName}`,
    // the audit anchor names one database's chain: each stack keeps its own (else one file's anchor fails another's verify)
    AUDIT_ANCHOR_DIR: mkdtempSync(join(tmpdir(), `ctms-anchor-${dbName}-`)),
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
    mailDir,
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

/** The worker (outbox relay, notifications, activation e-mails) in-process, on the suite's database and queue prefix. */
export async function startWorker(): Promise<INestApplicationContext> {
  const { WorkerModule } = await import('../src/worker.module');
  return NestFactory.createApplicationContext(WorkerModule, { logger: false });
}

export interface TestMail {
  file: string;
  to: string;
  text: string;
}

/** The .eml files in `dir`, their recipient and their text (nodemailer's base64 body decoded). */
export function readMails(dir: string): TestMail[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(dir, file), 'utf8');
      const split = raw.indexOf('\n\n');
      const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
      const body = raw.slice(split + 2);
      const to = /^To:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? '';
      const b64 = /^Content-Transfer-Encoding:\s*base64/im.test(head);
      return { file, to, text: b64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body };
    });
}

/** Waits for the next activation e-mail to `to` (one not in `seen`) and answers the token from its link. */
export async function activationTokenFor(
  dir: string,
  to: string,
  seen: Set<string> = new Set(),
  timeoutMs = 30_000,
): Promise<{ token: string; mail: TestMail }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mail = readMails(dir).find((m) => m.to === to && !seen.has(m.file) && /\/activate#token=/.test(m.text));
    if (mail) {
      seen.add(mail.file);
      const token = /\/activate#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
      if (!token) throw new Error('activation e-mail without a token');
      return { token, mail };
    }
    if (Date.now() > until) throw new Error(`no activation e-mail to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Strips the (per-request, server-made) request id from an error body, to compare two answers byte for byte otherwise. */
export function withoutRequestId(text: string): string {
  return text.replace(/"requestId":"[^"]*"/g, '"requestId":"-"');
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
  return rows.map((r) => ({
    ...r,
    reason: r.reason_enc ? cipher.decrypt(r.reason_enc, auditReasonBinding(r.seq)) : r.reason,
  }));
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

/** The request context of a seeded user, read from the database as the JWT guard would build it. */
export async function requestContextOf(admin: Client, username: string): Promise<RequestContext> {
  const { rows } = await admin.query(
    `SELECT u.id, u.username, u.agency_id, a.code, a.capabilities, u.roles, u.all_provinces, u.provinces
       FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.username = $1`,
    [username],
  );
  const u = rows[0];
  if (!u) throw new Error(`no user ${username}`);
  return {
    actor: {
      userId: u.id,
      username: u.username,
      agencyId: u.agency_id,
      agencyCode: u.code,
      capabilities: u.capabilities,
      roles: u.roles as Role[],
      allProvinces: u.all_provinces,
      provinces: u.provinces,
    },
    requestId: `test-${randomUUID()}`,
    sourceIp: null,
  };
}
