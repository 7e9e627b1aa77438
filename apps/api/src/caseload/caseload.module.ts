import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { CaseloadController, MyWorkController } from './caseload.controller';
import { CaseloadRepository } from './caseload.repository';
import { CaseloadService } from './caseload.service';

/** Caseload for supervisors, bulk reassignment and "my day" (issue 15 items 5 and 6). */
@Module({
  imports: [WorkflowModule, CasesModule],
  controllers: [CaseloadController, MyWorkController],
  providers: [CaseloadService, CaseloadRepository],
})
export class CaseloadModule {}
