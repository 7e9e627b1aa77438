import { Module } from '@nestjs/common';
import { NotificationsWorkerModule } from '../notifications/notifications.module';
import { CryptoModule } from '../platform/crypto/crypto.module';
import { OutboxModule } from '../platform/outbox/outbox.module';
import { ExportHandlers } from './export-handlers';
import { ExportRunner } from './export-runner';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { ExportRepository } from './export.repository';
import { UserRepository } from '../users/user.repository';

/** The API side: ask, approve, list, download once. */
@Module({ imports: [OutboxModule], controllers: [ExportsController], providers: [ExportsService, ExportRepository] })
export class ExportsModule {}

/** The worker side: the export job and its notifications. */
@Module({
  imports: [CryptoModule, OutboxModule, NotificationsWorkerModule],
  providers: [ExportRunner, ExportHandlers, ExportRepository, UserRepository],
  exports: [ExportRunner],
})
export class ExportsWorkerModule {}
