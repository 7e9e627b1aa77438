import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PersonsModule } from '../persons/persons.module';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { ScreeningReviewService } from './screening-review.service';
import { ScreeningRepository } from './screening.repository';
import { ScreeningsController } from './screenings.controller';
import { ScreeningsService } from './screenings.service';

@Module({
  imports: [PersonsModule, CasesModule, WorkflowModule],
  controllers: [ScreeningsController],
  providers: [ScreeningsService, ScreeningReviewService, ScreeningRepository],
})
export class ScreeningsModule {}
