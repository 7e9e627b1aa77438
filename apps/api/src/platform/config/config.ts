import { isAbsolute, join, resolve } from 'node:path';

/**
 * Configuration, read from the environment once and validated at boot. Nothing else reads
 * process.env. Outside development the app refuses to start with a missing or default secret.
 */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  /** runtime connection: the application's own role, which cannot change audit rows */
  databaseUrl: string;
  /** owner connection used to create the database and run migrations */
  databaseAdminUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** person searches a user may run per minute (PERSON_SEARCH_PER_MINUTE) */
  personSearchPerMinute: number;
  /** person searches ranking at once in one process (SEARCH_CONCURRENCY), and how many more may wait (SEARCH_QUEUE) */
  searchConcurrency: number;
  searchQueue: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshIdleSeconds: number;
  refreshAbsoluteSeconds: number;
  /**
   * every account must have MFA (TOTP): one without it may use only the profile routes, to set it
   * up. MFA_REQUIRED=true|false; on by default in production, off in development and test.
   */
  mfaRequired: boolean;
  demoPassword: string | null;
  portalDir: string | null;
  logLevel: string;
  /** where attachment files are kept (outside the database); an absolute path */
  attachmentsDir: string;
  /** the largest attachment accepted, in bytes */
  attachmentMaxBytes: number;
  /** where finished exports wait for their one download (files 0600); an absolute path */
  exportsDir: string;
  /** how long a finished export may be downloaded, in seconds */
  exportTtlSeconds: number;
  /** how often the worker scans for SLA reminders and breaches, in seconds */
  slaScanEverySeconds: number;
  /** how often the worker seals finished audit rows into hash-chained blocks */
  auditSealEverySeconds: number;
  /**
   * where the worker writes the latest audit block's hash (audit-anchor.json, 0600), outside the
   * database, so that `audit:verify` detects a database rolled back to before it (decision 0028)
   */
  auditAnchorDir: string;
  /** how often the anchor is written and e-mailed to the system admins (daily by default) */
  auditAnchorEverySeconds: number;
  /** where `npm run backup` writes its dumps (0600) and their manifests; an absolute path */
  backupDir: string;
  /** the worker recounts whole past days for the statistics summary this often */
  statsRefreshEverySeconds: number;
  /** a reminder goes out when this share (percent) of the SLA period is left */
  slaReminderPercent: number;
  /** SMTP for notification e-mails; null: development and test write .eml files to mailDir, production sends none */
  smtpUrl: string | null;
  /** where e-mails go when there is no SMTP_URL outside production (var/mail) */
  mailDir: string | null;
  mailFrom: string;
  /** the portal's address, for links in e-mails */
  publicUrl: string;
  /** requests a minute per client address to each /auth and /me credential route (@nestjs/throttler) */
  authRateLimit: number;
  /** the OpenAPI document: for signed-in users only, or not served (API_DOCS=signed-in|off) */
  apiDocs: 'signed-in' | 'off';
  /** how often the worker's relay looks for outbox rows to enqueue */
  outboxPollMs: number;
  /** an enqueued outbox row not done after this long is enqueued again (Redis lost it, a worker died) */
  outboxReconcileAfterMs: number;
  /** a job whose worker stops renewing its lock for this long is taken over by another worker */
  workerLockMs: number;
  /** attempts per job before it is dead (exponential backoff from 1 s between them) */
  jobAttempts: number;
  /** PostgreSQL statement_timeout of the API's connections, ms: no request's statement runs longer (decision 0012) */
  dbStatementTimeoutMs: number;
  /** statement_timeout of the worker's connections, ms: export batches and whole-day statistics recounts take longer */
  workerStatementTimeoutMs: number;
}

export const DEV_JWT_SECRET = 'development-only-jwt-secret-change-me-0123456789';
export const DEV_DEMO_PASSWORD = 'demo-password-2026';

export class ConfigError extends Error {}

function bool(env: NodeJS.ProcessEnv, name: string, dflt: boolean): boolean {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ConfigError(`${name} must be true or false`);
}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}`);
  return n;
}

function url(env: NodeJS.ProcessEnv, name: string, dflt: string, protocols: string[]): string {
  const v = env[name] || dflt;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(u.protocol)) throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  return v;
}

const MAIL_FROM_RE = /^(?:[^<>\r\n]{0,100}<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

function mailFrom(env: NodeJS.ProcessEnv): string {
  const v = env['MAIL_FROM'] || 'CTMS <no-reply@ctms.invalid>';
  if (!MAIL_FROM_RE.test(v))
    throw new ConfigError('MAIL_FROM must be an e-mail address, optionally as "Name <address>"');
  return v;
}

/**
 * Fail closed (decision 0011): NODE_ENV must be set explicitly (`npm start` sets development, the
 * test harness test); the public development secret, keys and demo password exist only in
 * development (test may use the development secret and keys, never a demo password it was not
 * given); production refuses every default and any DEMO_PASSWORD.
 */
function mailDir(env: NodeJS.ProcessEnv): string {
  return dir(env, 'MAIL_DIR', 'mail');
}

/** An absolute directory from `name`, var/<dflt> under the working directory when unset. */
function dir(env: NodeJS.ProcessEnv, name: string, dflt: string): string {
  const v = env[name] || join(process.cwd(), 'var', dflt);
  if (!isAbsolute(v)) throw new ConfigError(`${name} must be an absolute path`);
  return resolve(v);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env['NODE_ENV'];
  if (!nodeEnv) throw new ConfigError('NODE_ENV must be set explicitly to development, test or production');
  if (nodeEnv !== 'development' && nodeEnv !== 'test' && nodeEnv !== 'production') {
    throw new ConfigError('NODE_ENV must be development, test or production');
  }
  const databaseUrl = url(env, 'DATABASE_URL', 'postgres://ctms_app@127.0.0.1:5432/ctms', ['postgres:', 'postgresql:']);
  const adminDefault = (() => {
    const u = new URL(databaseUrl);
    u.username = 'postgres';
    u.password = '';
    return u.toString();
  })();
  const jwtSecret = env['JWT_SECRET'] || (nodeEnv === 'production' ? '' : DEV_JWT_SECRET);
  if (nodeEnv === 'production') {
    if (!jwtSecret || jwtSecret === DEV_JWT_SECRET) throw new ConfigError('JWT_SECRET must be set in production');
    if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }
  if (nodeEnv === 'production' && env['DEMO_PASSWORD'])
    throw new ConfigError('DEMO_PASSWORD must not be set in production: production has no demo accounts');
  // development: the public demo password unless told; test: only one the harness gives; production: none
  const demoPassword =
    nodeEnv === 'development'
      ? env['DEMO_PASSWORD'] || DEV_DEMO_PASSWORD
      : nodeEnv === 'test'
        ? env['DEMO_PASSWORD'] || null
        : null;
  const apiDocs = env['API_DOCS'] || 'signed-in';
  if (apiDocs !== 'signed-in' && apiDocs !== 'off') throw new ConfigError('API_DOCS must be signed-in or off');
  const attachmentsRaw =
    env['ATTACHMENTS_DIR'] || (nodeEnv === 'production' ? '' : join(process.cwd(), 'var', 'attachments'));
  if (!attachmentsRaw) throw new ConfigError('ATTACHMENTS_DIR must be set in production');
  if (!isAbsolute(attachmentsRaw)) throw new ConfigError('ATTACHMENTS_DIR must be an absolute path');
  const exportsRaw = env['EXPORTS_DIR'] || join(process.cwd(), 'var', 'exports');
  if (!isAbsolute(exportsRaw)) throw new ConfigError('EXPORTS_DIR must be an absolute path');
  const accessTokenTtlSeconds = int(env, 'ACCESS_TOKEN_TTL_SECONDS', 600, 10, 600);
  return {
    env: nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    databaseAdminUrl: url(env, 'DATABASE_ADMIN_URL', adminDefault, ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: env['QUEUE_PREFIX'] || 'ctms',
    personSearchPerMinute: int(env, 'PERSON_SEARCH_PER_MINUTE', 30, 1, 10_000),
    searchConcurrency: int(env, 'SEARCH_CONCURRENCY', 4, 1, 64),
    searchQueue: int(env, 'SEARCH_QUEUE', 32, 0, 10_000),
    jwtSecret,
    accessTokenTtlSeconds,
    refreshIdleSeconds: int(env, 'REFRESH_IDLE_SECONDS', 30 * 60, 60, 30 * 60),
    refreshAbsoluteSeconds: int(env, 'REFRESH_ABSOLUTE_SECONDS', 12 * 3600, 60, 12 * 3600),
    mfaRequired: bool(env, 'MFA_REQUIRED', nodeEnv === 'production'),
    demoPassword,
    portalDir: env['PORTAL_DIR'] || null,
    logLevel: env['LOG_LEVEL'] || (nodeEnv === 'test' ? 'warn' : 'info'),
    attachmentsDir: resolve(attachmentsRaw),
    attachmentMaxBytes: int(env, 'ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    exportsDir: resolve(exportsRaw),
    exportTtlSeconds: int(env, 'EXPORT_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    slaScanEverySeconds: int(env, 'SLA_SCAN_EVERY_SECONDS', 60, 5, 3600),
    auditSealEverySeconds: int(env, 'AUDIT_SEAL_EVERY_SECONDS', 5, 1, 3600),
    auditAnchorDir: dir(env, 'AUDIT_ANCHOR_DIR', 'audit-anchor'),
    auditAnchorEverySeconds: int(env, 'AUDIT_ANCHOR_EVERY_SECONDS', 86_400, 60, 7 * 86_400),
    backupDir: dir(env, 'BACKUP_DIR', 'backups'),
    statsRefreshEverySeconds: int(env, 'STATS_REFRESH_EVERY_SECONDS', 300, 10, 86400),
    slaReminderPercent: int(env, 'SLA_REMINDER_PERCENT', 25, 1, 99),
    smtpUrl: env['SMTP_URL'] ? url(env, 'SMTP_URL', '', ['smtp:', 'smtps:']) : null,
    mailDir: env['SMTP_URL'] || nodeEnv === 'production' ? null : mailDir(env),
    mailFrom: mailFrom(env),
    publicUrl: url(env, 'PUBLIC_URL', 'http://localhost:3000', ['http:', 'https:']).replace(/\/+$/, ''),
    apiDocs,
    authRateLimit: int(env, 'AUTH_RATE_LIMIT', 60, 1, 100_000),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 1000, 50, 60_000),
    outboxReconcileAfterMs: int(env, 'OUTBOX_RECONCILE_AFTER_MS', 120_000, 500, 3_600_000),
    workerLockMs: int(env, 'WORKER_LOCK_MS', 30_000, 1000, 600_000),
    jobAttempts: int(env, 'JOB_ATTEMPTS', 8, 1, 50),
    dbStatementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 5_000, 100, 600_000),
    workerStatementTimeoutMs: int(env, 'WORKER_STATEMENT_TIMEOUT_MS', 300_000, 1_000, 3_600_000),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
