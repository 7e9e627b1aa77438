import { Module } from '@nestjs/common';
import { NotificationsWorkerModule } from '../notifications/notifications.module';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { CasePlanController } from './case-plan.controller';
import { CasePlanRepository } from './case-plan.repository';
import { CasePlanService } from './case-plan.service';
import { PlanHandlers } from './plan-handlers';

/** The structured case plan: goals, tasks and the supervisor's review (decision 0031). */
@Module({
  imports: [WorkflowModule],
  controllers: [CasePlanController],
  providers: [CasePlanService, CasePlanRepository],
})
export class PlansModule {}

/** The worker's side: the overdue task reminders the SLA scan raises. */
@Module({
  imports: [NotificationsWorkerModule],
  providers: [PlanHandlers, CasePlanRepository],
})
export class PlansWorkerModule {}
