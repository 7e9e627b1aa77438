import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import type { Job } from 'bullmq';
import { LoggingModule } from './app.module';
import { AuditModule } from './platform/audit/audit.module';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { EVENTS_QUEUE, QueueModule } from './platform/queue/queue.module';

/** Consumes the events queue. Payloads are ids only; handlers (notifications, SLA, exports) come with their features. */
@Processor(EVENTS_QUEUE)
export class EventsProcessor extends WorkerHost {
  private readonly logger = new Logger('EventsProcessor');

  async process(job: Job<{ id?: string }>): Promise<{ handled: string }> {
    this.logger.log({ jobId: job.id, name: job.name }, 'job received');
    return { handled: job.name };
  }
}

@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, QueueModule, AuditModule],
  providers: [EventsProcessor],
})
export class WorkerModule {}
