import { Module } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository';
import { CaseRequestRepository } from '../cases/case-requests.repository';
import { ConsentsModule } from '../consents/consents.module';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { CaseHandoffsController, HandoffsController } from './handoffs.controller';
import { HandoffRepository } from './handoff.repository';
import { HandoffsService } from './handoffs.service';

/** Prosecution handoffs from MoPS ATD investigators to OSPP (docs/workflows.md "Prosecution handoff"). */
@Module({
  imports: [ConsentsModule, WorkflowModule],
  controllers: [CaseHandoffsController, HandoffsController],
  providers: [HandoffsService, HandoffRepository, CaseRepository, CaseRequestRepository],
})
export class HandoffsModule {}
