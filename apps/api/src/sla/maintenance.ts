import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { ExportRunner } from '../exports/export-runner';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { redisConnection } from '../platform/queue/queue.module';
import { StatsService } from '../stats/stats.service';
import { AuditAnchorJob } from './audit-anchor.job';
import { SlaService } from './sla.service';
import { VisitReminders } from './visit-reminders';

/** The queue of the worker's clocks: repeatable jobs with empty payloads. */
export const MAINTENANCE_QUEUE = 'maintenance';
const EXPORT_SWEEP_EVERY_MS = 5 * 60 * 1000;
/** the schedulers are re-declared this often, so a Redis that lost its data gets them back */
const REDECLARE_EVERY_MS = 5 * 60 * 1000;

/**
 * Repeatable BullMQ jobs (job schedulers, one per name whatever the number of workers):
 *   sla.scan        every SLA_SCAN_EVERY_SECONDS: reminders and breaches (SlaService.scan), overdue visits (VisitReminders.scan)
 *   exports.sweep   every 5 minutes: exports not downloaded in time expire, their files are deleted
 *   audit.seal      every AUDIT_SEAL_EVERY_SECONDS: finished audit rows are sealed into blocks
 *   audit.anchor    every AUDIT_ANCHOR_EVERY_SECONDS (daily): the newest block's hash to a file and the admins' mail
 *   stats.daily     every STATS_REFRESH_EVERY_SECONDS: whole past days recounted for /stats/summary
 * A missed or doubled run is harmless: all are idempotent and PostgreSQL holds the state.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Maintenance');
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sla: SlaService,
    private readonly exports: ExportRunner,
    private readonly audit: AuditService,
    private readonly stats: StatsService,
    private readonly anchor: AuditAnchorJob,
    private readonly visits: VisitReminders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = redisConnection(this.config.redisUrl);
    this.queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix: this.config.queuePrefix });
    this.queue.on('error', () => undefined);
    await this.declare();
    this.timer = setInterval(
      () => void this.declare().catch(() => this.logger.warn('could not declare the schedulers')),
      REDECLARE_EVERY_MS,
    );
    this.worker = new Worker(MAINTENANCE_QUEUE, async (job) => this.process(job.name), {
      connection,
      prefix: this.config.queuePrefix,
      concurrency: 1,
    });
    this.worker.on('error', () => this.logger.warn('maintenance worker connection error'));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.worker?.close();
    await this.queue?.close();
  }

  async process(name: string): Promise<Record<string, number>> {
    if (name === 'sla.scan') return { ...(await this.sla.scan()), ...(await this.visits.scan()) };
    if (name === 'exports.sweep') return { expired: await this.exports.sweepExpired() };
    if (name === 'audit.seal') return { sealed: await this.audit.seal() };
    if (name === 'audit.anchor') return { anchored: await this.anchor.run() };
    if (name === 'stats.daily') return { rows: await this.stats.refreshDaily() };
    return {};
  }

  private async declare(): Promise<void> {
    const q = this.queue;
    if (!q) return;
    const opts = { removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } };
    await q.upsertJobScheduler(
      'sla.scan',
      { every: this.config.slaScanEverySeconds * 1000 },
      { name: 'sla.scan', data: {}, opts },
    );
    await q.upsertJobScheduler(
      'exports.sweep',
      { every: EXPORT_SWEEP_EVERY_MS },
      { name: 'exports.sweep', data: {}, opts },
    );
    await q.upsertJobScheduler(
      'audit.seal',
      { every: this.config.auditSealEverySeconds * 1000 },
      { name: 'audit.seal', data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 50 } } },
    );
    await q.upsertJobScheduler(
      'audit.anchor',
      { every: this.config.auditAnchorEverySeconds * 1000 },
      { name: 'audit.anchor', data: {}, opts },
    );
    await q.upsertJobScheduler(
      'stats.daily',
      { every: this.config.statsRefreshEverySeconds * 1000 },
      { name: 'stats.daily', data: {}, opts },
    );
  }
}
