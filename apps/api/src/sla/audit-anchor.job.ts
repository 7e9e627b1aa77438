import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAILER, type Mailer } from '../notifications/mailer';
import { Notifier } from '../notifications/notifier';
import {
  anchorFile,
  anchorMail,
  anchorRecipients,
  checkAnchor,
  latestBlock,
  type Query,
  readAnchor,
  writeAnchor,
} from '../platform/audit/audit-anchor';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';
import { OutboxService } from '../platform/outbox/outbox.service';

/**
 * The daily audit anchor (decision 0028), run by the maintenance queue's `audit.anchor` scheduler:
 * seals what has finished, then writes the newest block's number and hash to
 * AUDIT_ANCHOR_DIR/audit-anchor.json (0600) and, through the outbox, e-mails them to every active
 * system admin. It never overwrites an anchor this database no longer matches: that is the
 * rollback the anchor exists to reveal, so the job fails (AUDIT_ANCHOR_MISMATCH) and
 * `npm run audit:verify` names the problem until an operator moves the old anchor aside.
 * A doubled run is harmless: an anchor younger than 90 % of the interval is left as it is.
 */
@Injectable()
export class AuditAnchorJob implements OnModuleInit {
  private readonly logger = new Logger('AuditAnchor');

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly handlers: OutboxHandlers,
    private readonly notifier: Notifier,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.handlers.register('audit.anchored', (job) => this.mail(job));
  }

  private readonly query: Query = <R>(text: string, params?: unknown[]) => this.ds.query<R[]>(text, params);

  /** Returns 1 when an anchor was written, 0 when none was due (or nothing is sealed yet). `force`: write even if the last one is recent. */
  async run(opts: { force?: boolean } = {}): Promise<number> {
    await this.audit.seal();
    const file = anchorFile(this.config.auditAnchorDir);
    const previous = readAnchor(file);
    if (previous) {
      const problems = await checkAnchor(this.query, previous);
      if (problems.length) {
        this.logger.error(
          { block: previous.block },
          'the database no longer holds the anchored audit block: the anchor is kept; run npm run audit:verify',
        );
        throw new Error('AUDIT_ANCHOR_MISMATCH');
      }
      const age = Date.now() - Date.parse(previous.writtenAt);
      if (!opts.force && age >= 0 && age < this.config.auditAnchorEverySeconds * 900) return 0;
    }
    const last = await latestBlock(this.query);
    if (!last) return 0;
    await writeAnchor(file, { format: 1, ...last, writtenAt: new Date().toISOString() });
    await this.ds.transaction((m) =>
      this.outbox.add(m, 'audit.anchored', { block: last.block, hash: last.hash, sealedAt: last.sealedAt }),
    );
    return 1;
  }

  /** The `audit.anchored` e-mail, once per system admin (Notifier.mailOnce). */
  private async mail(job: OutboxJob): Promise<void> {
    const { block, hash, sealedAt } = job.payload;
    if (typeof block !== 'string' || typeof hash !== 'string' || typeof sealedAt !== 'string')
      throw new PermanentJobError('PAYLOAD_ANCHOR_MISSING');
    if (!this.mailer.enabled) {
      this.logger.warn('e-mail is off: the audit anchor was written to its file only');
      return;
    }
    let failure: Error | null = null;
    for (const r of await anchorRecipients(this.query)) {
      try {
        await this.notifier.mailOnce(job.outboxId, r.id, r.email, async () => anchorMail(block, hash, sealedAt));
      } catch (e) {
        failure = failure ?? (e instanceof Error ? e : new Error('ANCHOR_MAIL_FAILED'));
      }
    }
    if (failure) throw failure;
  }
}
