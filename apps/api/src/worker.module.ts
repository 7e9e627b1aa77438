import { Module } from '@nestjs/common';
import { LoggingModule } from './app.module';
import { NotificationsWorkerModule } from './notifications/notifications.module';
import { AuditModule } from './platform/audit/audit.module';
import { ConfigModule } from './platform/config/config.module';
import { CryptoModule } from './platform/crypto/crypto.module';
import { WorkerDatabaseModule } from './platform/database/database.module';
import { EventsWorker } from './platform/outbox/events-worker';
import { OutboxModule } from './platform/outbox/outbox.module';
import { QueueModule } from './platform/queue/queue.module';
import { PlansWorkerModule } from './plans/plans.module';
import { SlaWorkerModule } from './sla/sla.module';

/**
 * The BullMQ worker: the outbox relay and reconciler, and one consumer of the events queue that
 * dispatches each outbox row to the handler registered for its kind (OutboxHandlers).
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    WorkerDatabaseModule,
    QueueModule,
    AuditModule,
    CryptoModule,
    OutboxModule,
    NotificationsWorkerModule,
    SlaWorkerModule,
    PlansWorkerModule,
  ],
  providers: [EventsWorker],
})
export class WorkerModule {}
