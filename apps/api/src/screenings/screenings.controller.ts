import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Page, ScreeningListItemView as ScreeningListItem, ScreeningView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import {
  ApproveScreeningDto,
  CreateScreeningDto,
  ListScreeningsQueryDto,
  ReturnScreeningDto,
  TerminateScreeningDto,
  UpdateScreeningDto,
  VersionDto,
} from './dto/screening.dto';
import { ScreeningReviewService } from './screening-review.service';
import { ScreeningsService } from './screenings.service';

/** The screening interview and its review (docs/workflows.md "Screening"). */
@ApiTags('screenings')
@Controller({ path: 'screenings', version: '1' })
export class ScreeningsController {
  constructor(
    private readonly screenings: ScreeningsService,
    private readonly review: ScreeningReviewService,
  ) {}

  @AuditAs('SCREENING_CREATED', 'screening')
  @RequirePermission('screening:create')
  @Post()
  @ApiOperation({
    summary:
      "Start a DRAFT screening for the caller's agency, with the caller as interviewer; any sections may be sent",
  })
  @ApiBadRequestResponse({
    description: 'a field named in details is unknown, of the wrong type, an unknown code or an impossible date',
  })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateScreeningDto): Promise<ScreeningView> {
    return this.screenings.create(ctx, dto);
  }

  @RequirePermission('screening:read')
  @Get()
  @ApiOperation({
    summary: 'Screenings the caller may open, newest change first, keyset-paginated; rows carry no names',
  })
  list(@Ctx() ctx: RequestContext, @Query() q: ListScreeningsQueryDto): Promise<Page<ScreeningListItem>> {
    return this.screenings.list(ctx, q);
  }

  @AuditAs('SCREENING_READ', 'screening')
  @RequirePermission('screening:read')
  @Get(':id')
  @ApiOperation({
    summary: 'One screening, decrypted, with the indicative assessment and the actions the caller may take',
  })
  @ApiNotFoundResponse({ description: 'missing, or not the caller’s to see: the same 404' })
  get(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<ScreeningView> {
    return this.screenings.get(ctx, id);
  }

  @AuditAs('SCREENING_UPDATED', 'screening')
  @RequirePermission('screening:update')
  @Patch(':id')
  @ApiOperation({
    summary:
      'Save a draft (interviewer only): each section sent replaces that section, null clears it; a RETURNED screening goes back to DRAFT',
  })
  @ApiConflictResponse({ description: 'STALE_VERSION, NOT_INTERVIEWER, ACTION_NOT_ALLOWED_IN_STATE' })
  update(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: UpdateScreeningDto): Promise<ScreeningView> {
    return this.screenings.update(ctx, id, dto);
  }

  @AuditAs('SCREENING_SUBMITTED', 'screening')
  @RequirePermission('screening:update')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Submit for review (interviewer): needs all seven interview-consent answers YES, a guardian’s consent for a child, bio-data and an assessment',
  })
  @ApiConflictResponse({
    description:
      'STALE_VERSION, NOT_INTERVIEWER, INTERVIEW_CONSENT_INCOMPLETE, CHILD_CONSENT_GIVER_REQUIRED, BIO_DATA_REQUIRED, INTERVIEWER_ASSESSMENT_REQUIRED, ACTION_NOT_ALLOWED_IN_STATE',
  })
  submit(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: VersionDto): Promise<ScreeningView> {
    return this.review.submit(ctx, id, dto);
  }

  @AuditAs('SCREENING_APPROVED', 'screening')
  @RequirePermission('screening:review')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve (a supervisor of the agency, never the interviewer): creates or links the person; a POSSIBLE_VICTIM opens or joins a case',
  })
  @ApiConflictResponse({
    description: 'STALE_VERSION, OWN_SCREENING, ROLE_NOT_ALLOWED, ACTION_NOT_ALLOWED_IN_STATE, BIO_DATA_REQUIRED',
  })
  approve(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ApproveScreeningDto): Promise<ScreeningView> {
    return this.review.approve(ctx, id, dto);
  }

  @AuditAs('SCREENING_RETURNED', 'screening')
  @RequirePermission('screening:review')
  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Return to the interviewer with a comment (a supervisor of the agency, never the interviewer)',
  })
  @ApiConflictResponse({ description: 'STALE_VERSION, OWN_SCREENING, ROLE_NOT_ALLOWED, ACTION_NOT_ALLOWED_IN_STATE' })
  return(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ReturnScreeningDto): Promise<ScreeningView> {
    return this.review.return(ctx, id, dto);
  }

  @AuditAs('SCREENING_TERMINATED', 'screening')
  @RequirePermission('screening:update')
  @Post(':id/terminate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop the interview (interviewer or supervisor) with a coded reason; the interview content is erased',
  })
  @ApiConflictResponse({ description: 'STALE_VERSION, NOT_INTERVIEWER, ACTION_NOT_ALLOWED_IN_STATE' })
  terminate(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: TerminateScreeningDto,
  ): Promise<ScreeningView> {
    return this.review.terminate(ctx, id, dto);
  }
}
