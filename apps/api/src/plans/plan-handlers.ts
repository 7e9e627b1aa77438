import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PLAN_TASK_OPEN_STATUSES } from '@ctms/domain';
import { Notifier } from '../notifications/notifier';
import { OutboxHandlers, PermanentJobError, type OutboxJob } from '../platform/outbox/outbox-handlers';
import { PLAN_TASK_OVERDUE_KIND } from '../sla/sla.service';
import { CasePlanRepository } from './case-plan.repository';

/**
 * An overdue plan task (the SLA scan raises `plan.task_overdue` once per task and due date, payload
 * `{ taskId }`): one notification to the task's worker, or, when none is assigned (or the worker is no
 * longer active), to the supervisors of the task's agency covering the case. A task done or cancelled
 * since the scan tells no one. The notification points at the case; it carries the case number only.
 */
@Injectable()
export class PlanHandlers implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly notifier: Notifier,
    private readonly plans: CasePlanRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.register(PLAN_TASK_OVERDUE_KIND, (job) => this.overdue(job));
  }

  private async overdue(job: OutboxJob): Promise<void> {
    const taskId = job.payload['taskId'];
    if (typeof taskId !== 'string') throw new PermanentJobError('PAYLOAD_OBJECT_MISSING');
    const t = await this.plans.overdueParties(this.ds, taskId);
    if (!t) throw new PermanentJobError('PLAN_TASK_MISSING');
    if (!PLAN_TASK_OPEN_STATUSES.includes(t.status)) return;
    const recipients = t.assignee_id
      ? [t.assignee_id]
      : await this.notifier.agencyUsers(t.agency_id, 'case:assign', t.case_id);
    await this.notifier.deliver(job, {
      kind: 'plan.task_overdue',
      objectType: 'case',
      objectId: t.case_id,
      caseId: t.case_id,
      recipientUserIds: recipients,
    });
  }
}
