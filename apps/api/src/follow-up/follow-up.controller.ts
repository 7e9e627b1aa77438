import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AssessmentTrendView, FollowUpPage, FollowUpVisitView, ReintegrationAssessmentView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { PageQueryDto } from '../platform/http/pagination';
import { IdParam } from '../platform/http/params';
import type { RequestContext } from '../platform/http/request-context';
import { AssessmentsService } from './assessments.service';
import { RecordAssessmentDto, RecordVisitDto, UpdateAssessmentDto, UpdateVisitDto } from './dto/follow-up.dto';
import { FollowUpService } from './follow-up.service';

/**
 * Follow-up of a case (decision 0032): visits and contacts, reintegration assessments and their
 * trend. The lead agency and agencies with an active referral; everyone else the standard 404.
 */
@ApiTags('follow-up')
@Controller({ path: 'cases/:id', version: '1' })
export class FollowUpController {
  constructor(
    private readonly visits: FollowUpService,
    private readonly assessments: AssessmentsService,
  ) {}

  @AuditAs('VISITS_READ', 'case')
  @RequirePermission('case:read')
  @Get('visits')
  @ApiOperation({ summary: 'Visits and contacts of the case the caller sees, newest first (keyset)' })
  @ApiNotFoundResponse()
  listVisits(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Query() q: PageQueryDto,
  ): Promise<FollowUpPage<FollowUpVisitView>> {
    return this.visits.list(ctx, id, q);
  }

  @AuditAs('VISIT_RECORDED', 'case')
  @RequirePermission('case:update')
  @Post('visits')
  @ApiOperation({ summary: 'Record a visit or contact (lead editors, agencies with an active referral)' })
  @ApiBadRequestResponse({
    description: 'a field named with its problem (district of another province, a future date …)',
  })
  @ApiConflictResponse({
    description: 'NOT_CASE_EDITOR, NOT_LEAD_AGENCY, REFERRAL_NOT_ACTIVE, ACTION_NOT_ALLOWED_IN_STATE',
  })
  recordVisit(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: RecordVisitDto,
  ): Promise<FollowUpVisitView> {
    return this.visits.record(ctx, id, dto);
  }

  @AuditAs('VISIT_UPDATED', 'case')
  @RequirePermission('case:update')
  @Patch('visits/:visitId')
  @ApiOperation({ summary: 'Change a visit your agency recorded (the whole visit and the version read)' })
  @ApiConflictResponse({ description: 'NOT_OWN_RECORD, STALE_VERSION, or the write rule' })
  updateVisit(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @IdParam('visitId') visitId: string,
    @Body() dto: UpdateVisitDto,
  ): Promise<FollowUpVisitView> {
    return this.visits.update(ctx, id, visitId, dto);
  }

  @AuditAs('ASSESSMENTS_READ', 'case')
  @RequirePermission('case:read')
  @Get('assessments')
  @ApiOperation({ summary: 'Reintegration assessments of the case the caller sees, newest first (keyset)' })
  @ApiNotFoundResponse()
  listAssessments(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Query() q: PageQueryDto,
  ): Promise<FollowUpPage<ReintegrationAssessmentView>> {
    return this.assessments.list(ctx, id, q);
  }

  @AuditAs('ASSESSMENT_TREND_READ', 'case')
  @RequirePermission('case:read')
  @Get('assessments/trend')
  @ApiOperation({ summary: 'Level scores per assessment in date order, with the change since the one before' })
  @ApiNotFoundResponse()
  trend(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<AssessmentTrendView> {
    return this.assessments.trend(ctx, id);
  }

  @AuditAs('ASSESSMENT_RECORDED', 'case')
  @RequirePermission('case:update')
  @Post('assessments')
  @ApiOperation({
    summary: 'Record a reintegration assessment (scores per item at individual, household, community level)',
  })
  @ApiBadRequestResponse({
    description: 'scores.<ITEM> out of range or unknown, a future date, a visit not of this case',
  })
  recordAssessment(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: RecordAssessmentDto,
  ): Promise<ReintegrationAssessmentView> {
    return this.assessments.record(ctx, id, dto);
  }

  @AuditAs('ASSESSMENT_UPDATED', 'case')
  @RequirePermission('case:update')
  @Patch('assessments/:assessmentId')
  @ApiOperation({ summary: 'Change an assessment your agency recorded' })
  @ApiConflictResponse({ description: 'NOT_OWN_RECORD, STALE_VERSION, or the write rule' })
  updateAssessment(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @IdParam('assessmentId') assessmentId: string,
    @Body() dto: UpdateAssessmentDto,
  ): Promise<ReintegrationAssessmentView> {
    return this.assessments.update(ctx, id, assessmentId, dto);
  }
}
