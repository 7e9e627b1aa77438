import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationRepository } from '../notifications/notification.repository';
import { Notifier } from '../notifications/notifier';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';

/**
 * Who hears of an SLA event:
 *   sla.reminder   the receiving side: a referral's receiving supervisors (case:assign), a handoff's prosecutors (handoff:prosecute)
 *   sla.breach     the same, and the sending agency's supervisors (case:assign)
 */
@Injectable()
export class SlaHandlers implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly notifier: Notifier,
    private readonly facts: NotificationRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.register('sla.reminder', (job) => this.notify(job, 'sla.reminder'));
    this.handlers.register('sla.breach', (job) => this.notify(job, 'sla.breach'));
  }

  private async notify(job: OutboxJob, kind: 'sla.reminder' | 'sla.breach'): Promise<void> {
    const objectType = job.payload['objectType'];
    const objectId = job.payload['objectId'];
    if ((objectType !== 'REFERRAL' && objectType !== 'HANDOFF') || typeof objectId !== 'string') throw new PermanentJobError('PAYLOAD_OBJECT_MISSING');
    const f = await this.facts.parties(this.ds, objectType === 'REFERRAL' ? 'referral' : 'handoff', objectId);
    const recipients = await this.notifier.agencyUsers(f.to_agency_id, objectType === 'REFERRAL' ? 'case:assign' : 'handoff:prosecute', f.case_id);
    if (kind === 'sla.breach') recipients.push(...(await this.notifier.agencyUsers(f.from_agency_id, 'case:assign', f.case_id)));
    await this.notifier.deliver({
      outboxId: job.outboxId,
      kind,
      objectType: objectType === 'REFERRAL' ? 'referral' : 'handoff',
      objectId,
      caseNumber: await this.notifier.caseNumber(f.case_id),
      recipientUserIds: recipients,
    });
  }
}
