import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ACTIVATION_TTL_HOURS, activationLink } from '@ctms/domain';
import { ActivationRepository } from '../auth/activation.repository';
import { digest } from '../auth/tokens';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';
import { activationMail } from './notification-kinds';
import { UserRepository } from '../users/user.repository';
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
    private readonly activations: ActivationRepository,
    private readonly users: UserRepository,
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
    const a = await this.activations.toSend(this.ds, activationId);
    if (!a) return; // replaced by a newer link, used, or the account was disabled meanwhile: nothing to send
    if (!a.email) throw new PermanentJobError('NO_EMAIL');
    const sent = await this.notifier.mailOnce(job.outboxId, a.user_id, a.email, async () => {
      const token = randomBytes(32).toString('base64url');
      const marked = await this.activations.markSent(this.ds, activationId, digest(token), ACTIVATION_TTL_HOURS);
      return marked
        ? activationMail(activationLink(this.config.publicUrl, token), a.purpose, ACTIVATION_TTL_HOURS)
        : null;
    });
    if (sent) {
      await this.audit.record(
        { actor: null, requestId: `outbox:${job.outboxId}`, sourceIp: null },
        {
          action: 'ACTIVATION_SENT',
          outcome: 'ALLOWED',
          objectType: 'user',
          objectId: a.user_id,
          actorUserId: null,
          actorUsername: null,
          actorAgencyId: a.agency_id,
          details: { activationId, purpose: a.purpose },
        },
      );
    }
  }

  private async firstSignIn(job: OutboxJob): Promise<void> {
    const userId = id(job, 'userId');
    const u = await this.users.byId(this.ds, userId);
    if (!u) throw new PermanentJobError('OBJECT_MISSING');
    const supervisors = (await this.notifier.agencyUsers(u.agency_id, 'audit:read', null)).filter((r) => r !== userId);
    await this.notifier.deliver(job, {
      kind: 'account.first_sign_in',
      objectType: 'user',
      objectId: userId,
      caseId: null,
      recipientUserIds: supervisors,
    });
  }
}
