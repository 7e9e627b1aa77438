import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { StructuredPlanView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { IdParam } from '../platform/http/params';
import type { RequestContext } from '../platform/http/request-context';
import { CasePlanService } from './case-plan.service';
import {
  CreatePlanGoalDto,
  CreatePlanTaskDto,
  PlanReviewDto,
  UpdatePlanGoalDto,
  UpdatePlanTaskDto,
} from './dto/case-plan.dto';

const WRITE_CONFLICTS =
  'NOT_LEAD_AGENCY, NOT_CASE_EDITOR, NOT_PLAN_PARTNER, NOT_TASK_AGENCY, ACTION_NOT_ALLOWED_IN_STATE, STALE_VERSION';

/**
 * The structured case plan (decision 0031): goals and tasks, and the supervisor's review. Every write
 * answers the whole plan as the caller now sees it, with the actions the caller may take.
 */
@ApiTags('case plan')
@Controller({ version: '1' })
export class CasePlanController {
  constructor(private readonly plans: CasePlanService) {}

  @AuditAs('PLAN_READ', 'case')
  @RequirePermission('case:read')
  @Get('cases/:id/plan')
  @ApiOperation({ summary: 'The case plan as far as your relation to the case allows, with what you may do' })
  @ApiNotFoundResponse()
  read(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<StructuredPlanView> {
    return this.plans.read(ctx, id);
  }

  @AuditAs('PLAN_GOAL_ADDED', 'case')
  @RequirePermission('case:update')
  @Post('cases/:id/plan/goals')
  @ApiOperation({ summary: "Add a goal (the lead agency's case editors)" })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: WRITE_CONFLICTS })
  addGoal(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CreatePlanGoalDto,
  ): Promise<StructuredPlanView> {
    return this.plans.addGoal(ctx, id, dto);
  }

  @AuditAs('PLAN_GOAL_UPDATED', 'plan_goal')
  @RequirePermission('case:update')
  @Patch('plan-goals/:id')
  @ApiOperation({ summary: "Change a goal's domain or description (the lead agency's case editors)" })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: WRITE_CONFLICTS })
  updateGoal(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: UpdatePlanGoalDto,
  ): Promise<StructuredPlanView> {
    return this.plans.updateGoal(ctx, id, dto);
  }

  @AuditAs('PLAN_TASK_ADDED', 'case')
  @RequirePermission('case:update')
  @Post('cases/:id/plan/tasks')
  @ApiOperation({
    summary:
      "Add a task under a goal: the lead's editors for the lead or an agency with an active referral; such an agency for itself",
  })
  @ApiNotFoundResponse()
  @ApiBadRequestResponse({ description: 'goalId, agencyId or assigneeId not usable here' })
  @ApiConflictResponse({ description: WRITE_CONFLICTS })
  addTask(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CreatePlanTaskDto,
  ): Promise<StructuredPlanView> {
    return this.plans.addTask(ctx, id, dto);
  }

  @AuditAs('PLAN_TASK_UPDATED', 'plan_task')
  @RequirePermission('case:update')
  @Patch('plan-tasks/:id')
  @ApiOperation({
    summary:
      "Update a task's status, outcome or worker (its own agency or the lead's editors); title, description, due date (the lead's editors)",
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: `${WRITE_CONFLICTS}, OUTCOME_REQUIRED` })
  updateTask(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: UpdatePlanTaskDto,
  ): Promise<StructuredPlanView> {
    return this.plans.updateTask(ctx, id, dto);
  }

  @AuditAs('PLAN_SUBMITTED', 'case_plan')
  @RequirePermission('case:update')
  @Post('cases/:id/plan/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the plan for review (a new plan version)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: `${WRITE_CONFLICTS}, PLAN_EMPTY` })
  submit(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: PlanReviewDto): Promise<StructuredPlanView> {
    return this.plans.review(ctx, id, 'SUBMIT', dto);
  }

  @AuditAs('PLAN_APPROVED', 'case_plan')
  @RequirePermission('case:assign')
  @Post('cases/:id/plan/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the submitted plan (a supervisor of the lead agency who did not submit it)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: `${WRITE_CONFLICTS}, ROLE_NOT_ALLOWED, OWN_SUBMISSION` })
  approve(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: PlanReviewDto): Promise<StructuredPlanView> {
    return this.plans.review(ctx, id, 'APPROVE', dto);
  }

  @AuditAs('PLAN_RETURNED', 'case_plan')
  @RequirePermission('case:assign')
  @Post('cases/:id/plan/return')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Return the submitted plan with a comment (a supervisor of the lead agency who did not submit it)',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: `${WRITE_CONFLICTS}, ROLE_NOT_ALLOWED, OWN_SUBMISSION, COMMENT_REQUIRED` })
  returnPlan(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: PlanReviewDto,
  ): Promise<StructuredPlanView> {
    return this.plans.review(ctx, id, 'RETURN', dto);
  }
}
