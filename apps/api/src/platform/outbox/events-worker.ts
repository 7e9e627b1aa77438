import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigError } from '../config/config';
import { EVENTS_QUEUE, REDIS, redisConnection } from '../queue/queue.module';
import { OutboxHandlers, PermanentJobError } from './outbox-handlers';
import { OutboxJobData, OutboxService } from './outbox.service';
import { checkRedisDurability } from './redis-durability';

/** An error's class or code for `outbox.last_error`: never its message, which could quote data. */
export function errorCode(e: unknown): string {
  if (e instanceof PermanentJobError) return e.code.slice(0, 200);
  const code = (e as { code?: unknown } | null)?.code;
  const name = e instanceof Error ? e.name : 'Error';
  return (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `${name}:${code}` : name).slice(0, 200);
}

/**
 * The worker: consumes the events queue (retries with exponential backoff from the job options),
 * runs the outbox relay on an interval and the reconciler less often. A job's outbox row decides
 * what happens: DONE or DEAD rows are skipped (a re-delivered job changes nothing), a failure on
 * the last attempt makes the row DEAD and tells every system admin.
 */
@Injectable()
export class EventsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker: Worker<OutboxJobData> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private lastReconcile = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: OutboxHandlers,
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env === 'production') {
      const problems = await checkRedisDurability(this.redis);
      if (problems.length) throw new ConfigError(`the worker refuses to start: Redis ${problems.join('; ')}`);
    }
    this.worker = new Worker<OutboxJobData>(EVENTS_QUEUE, (job) => this.process(job), {
      connection: redisConnection(this.config.redisUrl),
      prefix: this.config.queuePrefix,
      concurrency: 4,
      lockDuration: this.config.workerLockMs,
      stalledInterval: this.config.workerLockMs,
      maxStalledCount: 5,
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
    });
    this.worker.on('error', (e) => this.logger.warn({ err: errorCode(e) }, 'worker connection error'));
    this.timer = setInterval(() => void this.tick(), this.config.outboxPollMs);
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop(false);
  }

  /** Stops polling and the BullMQ worker; `force` abandons running jobs (their lock lapses and another worker takes them). */
  async stop(force: boolean): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const w = this.worker;
    this.worker = null;
    if (w) await w.close(force);
  }

  private async tick(): Promise<void> {
    if (this.ticking || !this.timer) return;
    this.ticking = true;
    try {
      await this.outbox.relay();
      const every = Math.max(this.config.outboxPollMs, Math.floor(this.config.outboxReconcileAfterMs / 4));
      if (Date.now() - this.lastReconcile >= every) {
        this.lastReconcile = Date.now();
        await this.outbox.reconcile();
      }
    } catch (e) {
      this.logger.warn({ err: errorCode(e) }, 'outbox relay pass failed');
    } finally {
      this.ticking = false;
    }
  }

  async process(job: Job<OutboxJobData>): Promise<string> {
    // TypeORM answers UPDATE … RETURNING with [rows, count]
    const [rows] = await this.ds.query<
      [{ id: string; kind: string; payload: Record<string, unknown>; status: string }[], number]
    >(
      `UPDATE outbox SET attempts = attempts + 1 WHERE id = $1 AND status IN ('PENDING', 'ENQUEUED') RETURNING id, kind, payload, status`,
      [job.data.id],
    );
    const row = rows[0];
    if (!row) return 'skipped';
    const attempt = job.attemptsMade + 1;
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    try {
      const handler = this.handlers.get(row.kind);
      if (!handler) throw new PermanentJobError('NO_HANDLER');
      await handler({ outboxId: row.id, kind: row.kind, payload: row.payload, attempt, lastAttempt });
    } catch (e) {
      const code = errorCode(e);
      if (lastAttempt || e instanceof PermanentJobError) {
        await this.dead(row.id, row.kind, code);
        throw new UnrecoverableError(code);
      }
      await this.ds.query(`UPDATE outbox SET last_error = $2 WHERE id = $1`, [row.id, code]);
      throw e instanceof Error ? new Error(code) : e;
    }
    await this.ds.query(
      `UPDATE outbox SET status = 'DONE', done_at = now(), last_error = NULL WHERE id = $1 AND status IN ('PENDING', 'ENQUEUED')`,
      [row.id],
    );
    return 'done';
  }

  /** The dead-letter state: the row stays for inspection, and every active system admin gets an in-app alert. */
  private async dead(outboxId: string, kind: string, code: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`UPDATE outbox SET status = 'DEAD', last_error = $2, done_at = now() WHERE id = $1`, [
        outboxId,
        code,
      ]);
      const admins: { id: string }[] = await m.query(
        `SELECT id FROM app_user WHERE status = 'ACTIVE' AND 'SYSTEM_ADMIN' = ANY(roles) ORDER BY id`,
      );
      for (const a of admins) {
        await m.query(
          `INSERT INTO notification (id, recipient_user_id, kind, object_type, object_id, case_number, outbox_id)
           VALUES ($1, $2, 'job.dead', 'outbox', $3, NULL, $3) ON CONFLICT (outbox_id, recipient_user_id) DO NOTHING`,
          [randomUUID(), a.id, outboxId],
        );
      }
    });
    this.logger.error({ outboxId, kind, err: code }, 'job dead after its last attempt; system admins alerted');
  }
}
