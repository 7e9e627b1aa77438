import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { BulkReassignView, CaseloadView, CaseSummaryView, MyWorkView, Page } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { CaseloadService } from './caseload.service';
import { BulkReassignDto, CaseloadCasesQueryDto } from './dto/caseload.dto';

/** A supervisor's view of who carries what in the agency, and bulk reassignment (docs/decisions/0034-caseload-and-reassignment.md). */
@ApiTags('caseload')
@Controller({ path: 'caseload', version: '1' })
export class CaseloadController {
  constructor(private readonly caseload: CaseloadService) {}

  @AuditAs('CASELOAD_READ', 'case')
  @RequirePermission('case:caseload')
  @Get()
  @ApiOperation({
    summary:
      "Per worker of the caller's agency: open cases, open and overdue work items; and what nobody active carries",
  })
  get(@Ctx() ctx: RequestContext): Promise<CaseloadView> {
    return this.caseload.caseload(ctx);
  }

  @AuditAs('CASE_LISTED', 'case')
  @RequirePermission('case:caseload')
  @Get('cases')
  @ApiOperation({
    summary: "One worker's open cases, or the open cases nobody active carries (keyset; the case list's order)",
  })
  @ApiBadRequestResponse({
    description: 'neither or both of assignee and unassigned, or an assignee who is not eligible',
  })
  cases(@Ctx() ctx: RequestContext, @Query() q: CaseloadCasesQueryDto): Promise<Page<CaseSummaryView>> {
    return this.caseload.cases(ctx, q);
  }

  @AuditAs('CASE_ASSIGNED', 'case')
  @RequirePermission('case:caseload')
  @Post('reassign')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Reassign up to 100 cases to one worker with a reason: all or nothing, one audit row and timeline event per case, one notification',
  })
  @ApiNotFoundResponse({ description: 'a case the caller may not reassign (the same answer as a missing one)' })
  @ApiBadRequestResponse({ description: 'assigneeId is not eligible for every case, or bad input' })
  @ApiConflictResponse({ description: 'ACTION_NOT_ALLOWED_IN_STATE (a closed case)' })
  reassign(@Ctx() ctx: RequestContext, @Body() dto: BulkReassignDto): Promise<BulkReassignView> {
    return this.caseload.reassign(ctx, dto);
  }
}

/** The caller's own due work: "my day" on the portal's home page. */
@ApiTags('caseload')
@Controller({ path: 'me/work', version: '1' })
export class MyWorkController {
  constructor(private readonly caseload: CaseloadService) {}

  @RequirePermission('case:read')
  @Get()
  @ApiOperation({
    summary: 'What the caller has due: overdue, today and within seven Lao days, and undated drafts; overdue first',
  })
  get(@Ctx() ctx: RequestContext): Promise<MyWorkView> {
    return this.caseload.myWork(ctx);
  }
}
