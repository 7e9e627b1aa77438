import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Notifier } from '../notifications/notifier';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';

interface Facts {
  case_id: string;
  from_agency_id: string;
  to_agency_id: string;
}

/**
 * Who hears of an SLA event:
 *   sla.reminder   the receiving side: a referral's receiving supervisors (case:assign), a handoff's prosecutors (handoff:prosecute);
 *                  on a referral's services clock also its assigned worker
 *   sla.breach     the same, and the sending agency's supervisors (case:assign)
 */
@Injectable()
export class SlaHandlers implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.handlers.register('sla.reminder', (job) => this.notify(job, 'sla.reminder'));
    this.handlers.register('sla.breach', (job) => this.notify(job, 'sla.breach'));
  }

  private async notify(job: OutboxJob, kind: 'sla.reminder' | 'sla.breach'): Promise<void> {
    const objectType = job.payload['objectType'];
    const objectId = job.payload['objectId'];
    if ((objectType !== 'REFERRAL' && objectType !== 'HANDOFF') || typeof objectId !== 'string') throw new PermanentJobError('PAYLOAD_OBJECT_MISSING');
    const table = objectType === 'REFERRAL' ? 'referral' : 'handoff';
    const rows: Facts[] = await this.ds.query(`SELECT case_id, from_agency_id, to_agency_id FROM ${table} WHERE id = $1`, [objectId]);
    const f = rows[0];
    if (!f) throw new PermanentJobError('OBJECT_MISSING');
    const recipients = await this.notifier.agencyUsers(f.to_agency_id, objectType === 'REFERRAL' ? 'case:assign' : 'handoff:prosecute', f.case_id);
    if (job.payload['clock'] === 'SERVICES') {
      // the services clock also tells the worker the accepted referral is assigned to
      const a: { id: string }[] = await this.ds.query(`SELECT u.id FROM referral r JOIN app_user u ON u.id = r.assigned_to_id AND u.status = 'ACTIVE' WHERE r.id = $1`, [objectId]);
      recipients.push(...a.map((x) => x.id));
    }
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
