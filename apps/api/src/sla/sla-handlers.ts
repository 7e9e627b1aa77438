import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationRepository } from '../notifications/notification.repository';
import { Notifier } from '../notifications/notifier';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';

/** Per object: the table that holds its parties, the notification's object type, who on the receiving side answers, and who on the sending side hears of a breach. */
const OBJECTS = {
  REFERRAL: { table: 'referral', objectType: 'referral', receiver: 'case:assign', sender: 'case:assign' },
  HANDOFF: { table: 'handoff', objectType: 'handoff', receiver: 'handoff:prosecute', sender: 'case:assign' },
  TRANSFER: { table: 'case_transfer', objectType: 'transfer', receiver: 'case:transfer', sender: 'case:transfer' },
} as const;

/**
 * Who hears of an SLA event:
 *   sla.reminder   the receiving side: a referral's receiving supervisors (case:assign), a handoff's prosecutors (handoff:prosecute),
 *                  a transfer's receiving supervisors (case:transfer) covering the province the case goes to;
 *                  on a referral's services clock also its assigned worker
 *   sla.breach     the same, and the sending side's supervisors (case:assign; a referral's or handoff's sending side is the
 *                  access layer's, after a lead transfer the new lead; a transfer's: case:transfer, its province)
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
    if (
      (objectType !== 'REFERRAL' && objectType !== 'HANDOFF' && objectType !== 'TRANSFER') ||
      typeof objectId !== 'string'
    )
      throw new PermanentJobError('PAYLOAD_OBJECT_MISSING');
    const o = OBJECTS[objectType];
    const f = await this.facts.parties(this.ds, o.table, objectId);
    const recipients = await this.notifier.agencyUsers(f.to_agency_id, o.receiver, f.case_id, f.to_province);
    // the services clock also tells the worker the accepted referral is assigned to
    if (job.payload['clock'] === 'SERVICES' && objectType === 'REFERRAL')
      recipients.push(...(await this.facts.referralAssignee(this.ds, objectId)));
    // the sending side: a referral's or a handoff's as the access layer says (after a lead transfer, the new lead), a transfer's asking agency
    if (kind === 'sla.breach')
      recipients.push(
        ...(await this.notifier.agenciesUsers(f.sender_agency_ids, o.sender, f.case_id, f.from_province)),
      );
    await this.notifier.deliver(job, {
      kind,
      objectType: o.objectType,
      objectId,
      caseId: f.case_id,
      recipientUserIds: recipients,
    });
  }
}
