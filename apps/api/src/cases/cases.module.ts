import { Module } from '@nestjs/common';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { CaseOpener } from './case-opener';
import { CaseRecordsService } from './case-records.service';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [WorkflowModule],
  controllers: [CasesController],
  providers: [CaseOpener, CasesService, CaseRecordsService, CaseRepository],
  exports: [CaseOpener, CaseRepository],
})
export class CasesModule {}
