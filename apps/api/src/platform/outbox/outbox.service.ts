import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EVENTS_QUEUE } from '../queue/queue.module';
import { UUID_RE } from '../http/params';

/** A payload value: ids and codes only. Anything that could be free text (a name, a reason) is refused. */
export type OutboxValue = string | number | boolean | null | readonly (string | number)[];
export type OutboxPayload = Readonly<Record<string, OutboxValue>>;

/** What a queue job carries: the outbox row's id and kind, nothing else. */
export interface OutboxJobData {
  id: string;
  kind: string;
}

/** codes: upper-case identifiers (ACCEPTED, LAW_ENFORCEMENT_SHARING), case numbers (ATD-2026-000123), kinds (referral.accepted) */
const CODE_RE = /^[A-Za-z0-9_.:/-]{1,64}$/;
const KIND_RE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;

function scalarOk(v: unknown): boolean {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && (UUID_RE.test(v) || (CODE_RE.test(v) && !/\s/.test(v)));
}

/** Throws unless every value is an id, a code, a number, a boolean or a list of those: no personal data in the queue. */
export function assertIdsOnly(kind: string, payload: OutboxPayload): void {
  if (!KIND_RE.test(kind) || kind.length > 64)
    throw new Error(`outbox kind ${JSON.stringify(kind)} must look like feature.event`);
  for (const [k, v] of Object.entries(payload)) {
    const ok = Array.isArray(v) ? v.length <= 100 && v.every(scalarOk) : scalarOk(v);
    if (!ok) throw new Error(`outbox payload key ${k} of ${kind} must hold ids or codes only`);
  }
}

/** Job options for every outbox job: retries with exponential backoff, and bounded history in Redis. */
export function jobOptions(config: Pick<AppConfig, 'jobAttempts'>, outboxId: string): JobsOptions {
  return {
    jobId: outboxId,
    attempts: config.jobAttempts,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
  };
}

/**
 * The transactional outbox. `add` writes the row in the caller's transaction (so the side effect
 * exists if and only if the domain change committed); after that transaction commits, the relay is
 * kicked to hand the row to BullMQ at once. The worker's relay also polls, and its reconciler
 * re-enqueues rows that were enqueued but never finished (docs/decisions/0005-outbox.md).
 */
@Injectable()
export class OutboxService implements OnModuleInit, OnModuleDestroy, EntitySubscriberInterface {
  private readonly logger = new Logger('Outbox');
  private readonly touched = new WeakSet<QueryRunner>();
  private relaying: Promise<number> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly ds: DataSource,
    @InjectQueue(EVENTS_QUEUE) private readonly queue: Queue<OutboxJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.ds.subscribers.push(this);
  }

  onModuleDestroy(): void {
    this.closed = true;
    const i = this.ds.subscribers.indexOf(this);
    if (i >= 0) this.ds.subscribers.splice(i, 1);
  }

  /**
   * Records a side effect in the transaction `m` belongs to. `payload`: ids and codes only.
   * `availableAt` delays it (SLA reminders). Returns the outbox id (also the job id).
   */
  async add(
    m: EntityManager,
    kind: string,
    payload: OutboxPayload,
    opts: { availableAt?: Date } = {},
  ): Promise<string> {
    assertIdsOnly(kind, payload);
    const id = randomUUID();
    await m.query(`INSERT INTO outbox (id, kind, payload, available_at) VALUES ($1, $2, $3, coalesce($4, now()))`, [
      id,
      kind,
      JSON.stringify(payload),
      opts.availableAt ?? null,
    ]);
    if (m.queryRunner) this.touched.add(m.queryRunner);
    else this.kick();
    return id;
  }

  /** TypeORM calls this after every commit on this data source: relay at once if the transaction wrote outbox rows. */
  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!this.touched.has(event.queryRunner)) return;
    this.touched.delete(event.queryRunner);
    this.kick();
  }

  /** Relay soon, without waiting; a failure (Redis down) is left to the worker's poll. */
  kick(): void {
    if (this.closed) return;
    setImmediate(() => {
      this.relay().catch((e: unknown) =>
        this.logger.warn({ err: e instanceof Error ? e.name : 'error' }, 'outbox relay failed; the worker will retry'),
      );
    });
  }

  /**
   * Enqueues due PENDING rows (oldest first, in batches) with jobId = outbox id, then marks them
   * ENQUEUED. Rows are locked with SKIP LOCKED so several relays never fight; a crash between the
   * enqueue and the commit leaves the row PENDING and the next pass enqueues it again (BullMQ
   * ignores a job id it already holds). Returns how many rows were enqueued.
   */
  relay(): Promise<number> {
    if (this.relaying) {
      this.again = true;
      return this.relaying;
    }
    const run = async (): Promise<number> => {
      let total = 0;
      do {
        this.again = false;
        for (;;) {
          const n = await this.relayBatch(100);
          total += n;
          if (n < 100 || this.closed) break;
        }
      } while (this.again && !this.closed);
      return total;
    };
    this.relaying = run().finally(() => {
      this.relaying = null;
    });
    return this.relaying;
  }

  private async relayBatch(limit: number): Promise<number> {
    if (this.closed) return 0;
    return this.ds.transaction(async (m) => {
      const rows: { id: string; kind: string }[] = await m.query(
        `SELECT id, kind FROM outbox WHERE status = 'PENDING' AND available_at <= now() ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (!rows.length) return 0;
      await this.queue.addBulk(
        rows.map((r) => ({ name: r.kind, data: { id: r.id, kind: r.kind }, opts: jobOptions(this.config, r.id) })),
      );
      await m.query(`UPDATE outbox SET status = 'ENQUEUED', enqueued_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  /**
   * Rows ENQUEUED longer than `olderThanMs` and not finished: Redis lost the job (flushed, restarted
   * without its data) or it sits finished in Redis while the row was never marked. Enqueue them
   * again under the same job id; a job still waiting or running in Redis is left alone.
   */
  async reconcile(olderThanMs: number = this.config.outboxReconcileAfterMs, limit = 500): Promise<number> {
    if (this.closed) return 0;
    const rows: { id: string; kind: string }[] = await this.ds.query(
      `SELECT id, kind FROM outbox WHERE status = 'ENQUEUED' AND enqueued_at < now() - make_interval(secs => $1::double precision / 1000) ORDER BY enqueued_at LIMIT $2`,
      [olderThanMs, limit],
    );
    let n = 0;
    for (const r of rows) {
      const job = await this.queue.getJob(r.id);
      if (job) {
        const state = await job.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') {
          await this.ds.query(`UPDATE outbox SET enqueued_at = now() WHERE id = $1 AND status = 'ENQUEUED'`, [r.id]);
          continue;
        }
        await job.remove().catch(() => undefined);
      }
      await this.queue.add(r.kind, { id: r.id, kind: r.kind }, jobOptions(this.config, r.id));
      await this.ds.query(`UPDATE outbox SET enqueued_at = now() WHERE id = $1 AND status = 'ENQUEUED'`, [r.id]);
      n++;
    }
    if (n) this.logger.warn({ count: n }, 'outbox rows enqueued again');
    return n;
  }
}
