import { Module } from '@nestjs/common';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { CaseOpener } from './case-opener';
import { CaseRecordsService } from './case-records.service';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseRequestsController } from './case-requests.controller';
import { CaseRequestRepository } from './case-requests.repository';
import { CaseRequestsService } from './case-requests.service';

@Module({
  imports: [WorkflowModule],
  controllers: [CasesController, CaseRequestsController],
  providers: [CaseOpener, CasesService, CaseRecordsService, CaseRepository, CaseRequestRepository, CaseRequestsService],
  exports: [CaseOpener, CaseRepository, CaseRequestRepository],
})
export class CasesModule {}
