import { join } from 'node:path';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from './config';

/** NODE_ENV must always be explicit: these cases start from development */
const dev = (env: NodeJS.ProcessEnv) => loadConfig({ NODE_ENV: 'development', ...env });

describe('configuration', () => {
  it('fails closed: refuses to start without an explicit NODE_ENV', () => {
    expect(() => loadConfig({})).toThrow(/NODE_ENV must be set explicitly/);
    expect(() => loadConfig({ NODE_ENV: '' })).toThrow(/NODE_ENV/);
  });

  it('has a demo password only in development; test only the one it is given; production refuses one', () => {
    expect(dev({}).demoPassword).toBe('demo-password-2026');
    expect(dev({ NODE_ENV: 'test' }).demoPassword).toBeNull();
    expect(dev({ NODE_ENV: 'test', DEMO_PASSWORD: 'fixture-password-1' }).demoPassword).toBe('fixture-password-1');
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ATTACHMENTS_DIR: '/srv/a' };
    expect(dev(prod).demoPassword).toBeNull();
    expect(() => dev({ ...prod, DEMO_PASSWORD: 'something-set' })).toThrow(/DEMO_PASSWORD/);
  });

  it('serves OpenAPI to signed-in users by default, or not at all; AUTH_RATE_LIMIT bounds the credential routes per client', () => {
    expect(dev({}).apiDocs).toBe('signed-in');
    expect(dev({ API_DOCS: 'off' }).apiDocs).toBe('off');
    expect(() => dev({ API_DOCS: 'public' })).toThrow(/API_DOCS/);
    expect(dev({}).authRateLimit).toBe(60);
    expect(dev({ AUTH_RATE_LIMIT: '5' }).authRateLimit).toBe(5);
    expect(() => dev({ AUTH_RATE_LIMIT: '0' })).toThrow(/AUTH_RATE_LIMIT/);
    expect(dev({ MAIL_DIR: '/tmp/ctms-mail' }).mailDir).toBe('/tmp/ctms-mail');
    expect(() => dev({ MAIL_DIR: 'relative' })).toThrow(/MAIL_DIR/);
  });

  it('defaults to the local services in development, with the demo password', () => {
    const c = dev({});
    expect(c.env).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('postgres://ctms_app@127.0.0.1:5432/ctms');
    expect(c.databaseAdminUrl).toBe('postgres://postgres@127.0.0.1:5432/ctms');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.demoPassword).toBe('demo-password-2026');
    expect(c.accessTokenTtlSeconds).toBeLessThanOrEqual(600);
    expect(c.attachmentsDir).toBe(join(process.cwd(), 'var', 'attachments'));
    expect(c.attachmentMaxBytes).toBe(20 * 1024 * 1024);
  });

  it('takes the attachment directory and size limit from the environment; production must name the directory', () => {
    const c = dev({ ATTACHMENTS_DIR: '/srv/ctms/attachments/', ATTACHMENT_MAX_BYTES: '65536' });
    expect(c.attachmentsDir).toBe('/srv/ctms/attachments');
    expect(c.attachmentMaxBytes).toBe(65536);
    expect(() => dev({ ATTACHMENTS_DIR: 'relative/dir' })).toThrow(/ATTACHMENTS_DIR/);
    expect(() => dev({ ATTACHMENT_MAX_BYTES: '10' })).toThrow(/ATTACHMENT_MAX_BYTES/);
    expect(() => dev({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/ATTACHMENTS_DIR/);
  });

  it('refuses to start in production with a missing, default or short JWT secret', () => {
    expect(() => dev({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => dev({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET/);
    expect(() => dev({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/32/);
    const c = dev({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ATTACHMENTS_DIR: '/srv/ctms/attachments' });
    expect(c.demoPassword).toBeNull();
  });

  it('requires MFA in production unless told otherwise; development and test leave it to each user', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ATTACHMENTS_DIR: '/srv/ctms/attachments' };
    expect(loadConfig(prod).mfaRequired).toBe(true);
    expect(dev({ ...prod, MFA_REQUIRED: 'false' }).mfaRequired).toBe(false);
    expect(dev({}).mfaRequired).toBe(false);
    expect(dev({ NODE_ENV: 'test' }).mfaRequired).toBe(false);
    expect(dev({ MFA_REQUIRED: 'true' }).mfaRequired).toBe(true);
    expect(() => dev({ MFA_REQUIRED: 'yes' })).toThrow(/MFA_REQUIRED/);
  });

  it('names the bad setting', () => {
    expect(() => dev({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => dev({ ACCESS_TOKEN_TTL_SECONDS: '3600' })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
    expect(() => dev({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
    expect(() => dev({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('mail: SMTP_URL optional (development writes .eml files to var/mail, production sends none), MAIL_FROM and PUBLIC_URL checked', () => {
    const d = dev({});
    expect(d.smtpUrl).toBeNull();
    expect(d.mailDir).toBe(join(process.cwd(), 'var', 'mail'));
    expect(d.mailFrom).toBe('CTMS <no-reply@ctms.invalid>');
    expect(d.publicUrl).toBe('http://localhost:3000');
    const smtp = dev({
      SMTP_URL: 'smtp://mail.example.org:587',
      MAIL_FROM: 'ctms@example.org',
      PUBLIC_URL: 'https://ctms.example.org/',
    });
    expect(smtp.smtpUrl).toBe('smtp://mail.example.org:587');
    expect(smtp.mailDir).toBeNull();
    expect(smtp.mailFrom).toBe('ctms@example.org');
    expect(smtp.publicUrl).toBe('https://ctms.example.org');
    const prod = dev({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ATTACHMENTS_DIR: '/srv/a' });
    expect(prod.smtpUrl).toBeNull();
    expect(prod.mailDir).toBeNull();
    expect(() => dev({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL/);
    expect(() => dev({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
    expect(() => dev({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });

  it('outbox and worker timings have sane defaults and bounds', () => {
    const c = dev({});
    expect(c.outboxPollMs).toBe(1000);
    expect(c.outboxReconcileAfterMs).toBe(120_000);
    expect(c.workerLockMs).toBe(30_000);
    expect(c.jobAttempts).toBe(8);
    expect(dev({ OUTBOX_RECONCILE_AFTER_MS: '1500', WORKER_LOCK_MS: '2000', JOB_ATTEMPTS: '3' })).toMatchObject({
      outboxReconcileAfterMs: 1500,
      workerLockMs: 2000,
      jobAttempts: 3,
    });
    expect(() => dev({ JOB_ATTEMPTS: '0' })).toThrow(/JOB_ATTEMPTS/);
    expect(() => dev({ OUTBOX_POLL_MS: '5' })).toThrow(/OUTBOX_POLL_MS/);
  });

  it('bounds every statement: 5 s for the API, 5 minutes for the worker, each configurable within limits', () => {
    expect(dev({})).toMatchObject({ dbStatementTimeoutMs: 5000, workerStatementTimeoutMs: 300_000 });
    expect(dev({ DB_STATEMENT_TIMEOUT_MS: '2000', WORKER_STATEMENT_TIMEOUT_MS: '60000' })).toMatchObject({
      dbStatementTimeoutMs: 2000,
      workerStatementTimeoutMs: 60_000,
    });
    expect(() => dev({ DB_STATEMENT_TIMEOUT_MS: '0' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
    expect(() => dev({ WORKER_STATEMENT_TIMEOUT_MS: '999999999' })).toThrow(/WORKER_STATEMENT_TIMEOUT_MS/);
  });
});
