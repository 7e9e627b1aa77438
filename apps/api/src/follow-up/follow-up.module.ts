import { Module } from '@nestjs/common';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { AssessmentsService } from './assessments.service';
import { FollowUpController } from './follow-up.controller';
import { FollowUpRepository } from './follow-up.repository';
import { FollowUpService } from './follow-up.service';

/** Follow-up visits and reintegration assessments on a case (decision 0032). */
@Module({
  imports: [WorkflowModule],
  controllers: [FollowUpController],
  providers: [FollowUpService, AssessmentsService, FollowUpRepository],
})
export class FollowUpModule {}
