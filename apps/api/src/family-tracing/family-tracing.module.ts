import { Module } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository';
import { ConsentsModule } from '../consents/consents.module';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { FamilyTracingController } from './family-tracing.controller';
import { FamilyTracingRepository } from './family-tracing.repository';
import { FamilyTracingService } from './family-tracing.service';

/** Family tracing requests to province social welfare offices, and returns (decision 0033). */
@Module({
  imports: [ConsentsModule, WorkflowModule],
  controllers: [FamilyTracingController],
  providers: [FamilyTracingService, FamilyTracingRepository, CaseRepository],
})
export class FamilyTracingModule {}
