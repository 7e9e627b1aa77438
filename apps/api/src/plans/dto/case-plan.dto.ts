import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PLAN_GOAL_DOMAINS,
  PLAN_TASK_ACTIONS,
  type CreatePlanGoalRequest,
  type CreatePlanTaskRequest,
  type PlanGoalDomain,
  type PlanReviewRequest,
  type PlanTaskAction,
  type UpdatePlanGoalRequest,
  type UpdatePlanTaskRequest,
} from '@ctms/domain';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { VersionDto } from '../../cases/dto/case.dto';
import { IdOf } from '../../platform/access/id-of';
import { IsCalendarDate } from '../../platform/http/dates';
import { Trim } from '../../platform/http/pagination';

const TEXT = 4_000;
const TITLE = 300;

export class CreatePlanGoalDto implements CreatePlanGoalRequest {
  @ApiProperty({ enum: PLAN_GOAL_DOMAINS })
  @IsIn(PLAN_GOAL_DOMAINS)
  domain: PlanGoalDomain;

  @ApiProperty({ minLength: 1, maxLength: TEXT, description: 'encrypted at rest' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  description: string;
}

/** Absent: unchanged. */
export class UpdatePlanGoalDto extends VersionDto implements UpdatePlanGoalRequest {
  @ApiPropertyOptional({ enum: PLAN_GOAL_DOMAINS })
  @ValidateIf((o: UpdatePlanGoalDto) => o.domain !== undefined)
  @IsIn(PLAN_GOAL_DOMAINS)
  domain?: PlanGoalDomain;

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT, description: 'encrypted at rest' })
  @ValidateIf((o: UpdatePlanGoalDto) => o.description !== undefined)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  description?: string;
}

export class CreatePlanTaskDto implements CreatePlanTaskRequest {
  @IdOf('plan_goal', { description: "a goal of this case's plan that you see" })
  goalId: string;

  @IdOf('agency', {
    description:
      'the responsible agency: the lead agency or an agency with an active referral of the case (that agency itself, when it plans)',
  })
  agencyId: string;

  @IdOf('user', {
    optional: true,
    description: 'an active worker of the responsible agency whose scope covers the case',
  })
  assigneeId?: string | null;

  @ApiProperty({ minLength: 1, maxLength: TITLE, description: 'encrypted at rest' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE)
  title: string;

  @ApiPropertyOptional({ maxLength: TEXT, nullable: true, description: 'encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  description?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'the Lao calendar day it is due' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;
}

/** Absent: unchanged; null: cleared (assignee, description, due date, outcome). */
export class UpdatePlanTaskDto extends VersionDto implements UpdatePlanTaskRequest {
  @ApiPropertyOptional({
    enum: PLAN_TASK_ACTIONS,
    description: 'COMPLETE and CANCEL need an outcome (given or recorded)',
  })
  @IsOptional()
  @IsIn(PLAN_TASK_ACTIONS)
  action?: PlanTaskAction;

  @ApiPropertyOptional({ maxLength: TEXT, nullable: true, description: 'what was done, or why not; encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  outcome?: string | null;

  @IdOf('user', { optional: true, description: "an active worker of the task's agency; null unassigns" })
  assigneeId?: string | null;

  @ApiPropertyOptional({ minLength: 1, maxLength: TITLE, description: "encrypted at rest; the lead's editors only" })
  @ValidateIf((o: UpdatePlanTaskDto) => o.title !== undefined)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE)
  title?: string;

  @ApiPropertyOptional({ maxLength: TEXT, nullable: true, description: "encrypted at rest; the lead's editors only" })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  description?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: "the lead's editors only" })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;
}

export class PlanReviewDto extends VersionDto implements PlanReviewRequest {
  @ApiPropertyOptional({
    maxLength: TEXT,
    description: "required to return: the supervisor's comment, encrypted at rest",
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(TEXT)
  comment?: string;
}
