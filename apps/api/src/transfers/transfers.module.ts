import { Module } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository';
import { ConsentsModule } from '../consents/consents.module';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { SlaSettingsModule } from '../sla/sla-settings.module';
import { TransferRepository } from './transfer.repository';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** Case transfers to another lead agency or province office. */
@Module({
  imports: [ConsentsModule, WorkflowModule, SlaSettingsModule],
  controllers: [TransfersController],
  providers: [TransfersService, TransferRepository, CaseRepository],
})
export class TransfersModule {}
