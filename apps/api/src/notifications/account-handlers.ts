import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ACTIVATION_TTL_HOURS, activationLink, type ActivationPurpose } from '@ctms/domain';
import { digest } from '../auth/auth.service';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';
import { activationMail } from './notification-kinds';
import { Notifier } from './notifier';

function id(job: OutboxJob, key: string): string {
  const v = job.payload[key];
  if (typeof v !== 'string') throw new PermanentJobError(`PAYLOAD_${key.toUpperCase()}_MISSING`);
  return v;
}

/**
 * The worker's handlers for accounts (decision 0010):
 *   account.activation       the one-time link to the user's own address. The token is made here,
 *                            once the mail_delivery claim is held, and only its SHA-256 is stored:
 *                            it exists nowhere but in that e-mail (never in the outbox, Redis, the
 *                            database or a log). 72 hours from the sending.
 *   account.first_sign_in    the agency's supervisors (audit:read) are told that an account an
 *                            administrator created or reset has signed in for the first time.
 */
@Injectable()
export class AccountHandlers implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly notifier: Notifier,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.handlers.register('account.activation', (job) => this.activation(job));
    this.handlers.register('account.first_sign_in', (job) => this.firstSignIn(job));
  }

  private async activation(job: OutboxJob): Promise<void> {
    const activationId = id(job, 'activationId');
    const rows: { user_id: string; purpose: ActivationPurpose; email: string | null; agency_id: string; username: string }[] = await this.ds.query(
      `SELECT a.user_id, a.purpose, u.email, u.agency_id, u.username FROM account_activation a JOIN app_user u ON u.id = a.user_id
        WHERE a.id = $1 AND a.used_at IS NULL AND a.revoked_at IS NULL AND u.status IN ('ACTIVE', 'INVITED')`,
      [activationId],
    );
    const a = rows[0];
    if (!a) return; // replaced by a newer link, used, or the account was disabled meanwhile: nothing to send
    if (!a.email) throw new PermanentJobError('NO_EMAIL');
    const sent = await this.notifier.mailOnce(job.outboxId, a.user_id, a.email, async () => {
      const token = randomBytes(32).toString('base64url');
      const n: { id: string }[] = await this.ds.query(
        `UPDATE account_activation SET token_hash = $2, sent_at = now(), expires_at = now() + make_interval(hours => $3)
          WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
        [activationId, digest(token), ACTIVATION_TTL_HOURS],
      );
      return n.length ? activationMail(activationLink(this.config.publicUrl, token), a.purpose, ACTIVATION_TTL_HOURS) : null;
    });
    if (sent) {
      await this.audit.record(
        { actor: null, requestId: `outbox:${job.outboxId}`, sourceIp: null },
        { action: 'ACTIVATION_SENT', outcome: 'ALLOWED', objectType: 'user', objectId: a.user_id, actorUserId: null, actorUsername: null, actorAgencyId: a.agency_id, details: { activationId, purpose: a.purpose } },
      );
    }
  }

  private async firstSignIn(job: OutboxJob): Promise<void> {
    const userId = id(job, 'userId');
    const rows: { agency_id: string }[] = await this.ds.query(`SELECT agency_id FROM app_user WHERE id = $1`, [userId]);
    const u = rows[0];
    if (!u) throw new PermanentJobError('OBJECT_MISSING');
    const supervisors = (await this.notifier.agencyUsers(u.agency_id, 'audit:read', null)).filter((r) => r !== userId);
    await this.notifier.deliver({ outboxId: job.outboxId, kind: 'account.first_sign_in', objectType: 'user', objectId: userId, caseNumber: null, recipientUserIds: supervisors });
  }
}
