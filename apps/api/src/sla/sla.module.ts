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

/** The worker's clocks: SLA reminders and breaches, the export sweep, the audit seal and anchor and the daily statistics. */
@Module({
  imports: [OutboxModule, NotificationsWorkerModule, ExportsWorkerModule, StatsCoreModule],
  providers: [SlaService, SlaHandlers, AuditAnchorJob, MaintenanceScheduler, SlaRepository],
  exports: [SlaService],
})
export class SlaWorkerModule {}
