import { Module } from '@nestjs/common';
import { ExportsWorkerModule } from '../exports/exports.module';
import { NotificationsWorkerModule } from '../notifications/notifications.module';
import { OutboxModule } from '../platform/outbox/outbox.module';
import { StatsCoreModule } from '../stats/stats.module';
import { AuditAnchorJob } from './audit-anchor.job';
import { MaintenanceScheduler } from './maintenance';
import { SlaHandlers } from './sla-handlers';
import { SlaService } from './sla.service';
import { SlaRepository } from './sla.repository';
import { VisitReminderRepository } from './visit-reminders.repository';
import { VisitReminders } from './visit-reminders';

/** The worker's clocks: SLA reminders and breaches, the export sweep, the audit seal and anchor and the daily statistics. */
@Module({
  imports: [OutboxModule, NotificationsWorkerModule, ExportsWorkerModule, StatsCoreModule],
  providers: [
    SlaService,
    SlaHandlers,
    AuditAnchorJob,
    MaintenanceScheduler,
    SlaRepository,
    VisitReminders,
    VisitReminderRepository,
  ],
  exports: [SlaService, VisitReminders],
})
export class SlaWorkerModule {}
