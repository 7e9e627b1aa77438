import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Page, AccessLogEntryView, CaseDetailView, CaseEventView, CaseNoteView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { PageQueryDto } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import { CaseRecordsService } from './case-records.service';
import { CasesService } from './cases.service';
import { CaseFlagDto } from './dto/case-requests.dto';
import {
  AssignCaseDto,
  CloseCaseDto,
  CreateNoteDto,
  IdentificationDto,
  ReopenCaseDto,
  TransitionCaseDto,
  UpdateCaseDto,
} from './dto/case.dto';

const CONFLICTS =
  'STALE_VERSION, NOT_LEAD_AGENCY, NOT_CASE_EDITOR, ACTION_NOT_ALLOWED_IN_STATE, ROLE_NOT_ALLOWED, or another reason of the case machine';

/**
 * Cases. A case the caller may not open answers the same 404 as a missing id; no route carries
 * personal data in its URL; lists show case numbers, never names.
 */
@ApiTags('cases')
@Controller({ path: 'cases', version: '1' })
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly records: CaseRecordsService,
  ) {}

  @AuditAs('CASE_READ', 'case')
  @RequirePermission('case:read')
  @Get(':id')
  @ApiOperation({ summary: 'One case with its protected categories decrypted and the actions the caller may take' })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<CaseDetailView> {
    return this.cases.get(ctx, id);
  }

  @AuditAs('CASE_UPDATED', 'case')
  @RequirePermission('case:update')
  @Patch(':id')
  @ApiOperation({
    summary: 'Edit the case (assigned caseworker or supervisor of the lead agency); absent = unchanged, null = cleared',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: CONFLICTS })
  update(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: UpdateCaseDto): Promise<CaseDetailView> {
    return this.cases.update(ctx, id, dto);
  }

  @AuditAs('CASE_ASSIGNED', 'case')
  @RequirePermission('case:assign')
  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign or reassign the case to a caseworker, investigator or supervisor of the lead agency',
  })
  @ApiBadRequestResponse({ description: 'userId is not an eligible user' })
  @ApiConflictResponse({ description: CONFLICTS })
  assign(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: AssignCaseDto): Promise<CaseDetailView> {
    return this.cases.assign(ctx, id, dto);
  }

  @AuditAs('CASE_STATUS_CHANGED', 'case')
  @RequirePermission('case:update')
  @Post(':id/transition')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the case OPEN→ACTIVE (ACTIVATE), ACTIVE→FOLLOW_UP (START_FOLLOW_UP) or FOLLOW_UP→ACTIVE (RESUME)',
  })
  @ApiConflictResponse({ description: CONFLICTS })
  transition(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: TransitionCaseDto,
  ): Promise<CaseDetailView> {
    return this.cases.transition(ctx, id, dto);
  }

  @AuditAs('CASE_IDENTIFICATION_DECIDED', 'case')
  @RequirePermission('case:identify')
  @Post(':id/identification')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Formal identification decision (MoPS ATD supervisors and investigators); a later decision supersedes',
  })
  @ApiConflictResponse({ description: 'NOT_FORMAL_IDENTIFICATION_AGENCY, ROLE_NOT_ALLOWED, STALE_VERSION' })
  identify(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: IdentificationDto): Promise<CaseDetailView> {
    return this.cases.identify(ctx, id, dto);
  }

  @AuditAs('CASE_CLOSED', 'case')
  @RequirePermission('case:close')
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close with a coded reason (OTHER needs a note)' })
  @ApiConflictResponse({ description: CONFLICTS + ', CLOSURE_REASON_REQUIRED, REASON_REQUIRED' })
  close(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: CloseCaseDto): Promise<CaseDetailView> {
    return this.cases.close(ctx, id, dto);
  }

  @AuditAs('CASE_FLAG_SET', 'case')
  @RequirePermission('case:flag')
  @Post(':id/flags')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Set or lift RESTRICTED (naming who may still open the case) or NON_PUNISHMENT, with a reason (a supervisor of the lead agency)',
  })
  @ApiNotFoundResponse()
  @ApiBadRequestResponse({ description: 'userIds holds a user who is not eligible' })
  @ApiConflictResponse({ description: CONFLICTS })
  setFlag(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: CaseFlagDto): Promise<CaseDetailView> {
    return this.cases.setFlag(ctx, id, dto);
  }

  @AuditAs('CASE_REOPENED', 'case')
  @RequirePermission('case:close')
  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed case with a reason' })
  @ApiConflictResponse({ description: CONFLICTS })
  reopen(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ReopenCaseDto): Promise<CaseDetailView> {
    return this.cases.reopen(ctx, id, dto);
  }

  @AuditAs('CASE_NOTES_READ', 'case')
  @RequirePermission('case:read')
  @Get(':id/notes')
  @ApiOperation({ summary: 'Notes, oldest first (keyset)' })
  @ApiNotFoundResponse()
  notes(@Ctx() ctx: RequestContext, @IdParam() id: string, @Query() q: PageQueryDto): Promise<Page<CaseNoteView>> {
    return this.records.notes(ctx, id, q);
  }

  @AuditAs('CASE_NOTE_ADDED', 'case')
  @RequirePermission('case:update')
  @Post(':id/notes')
  @ApiOperation({ summary: 'Append a note (encrypted; never edited)' })
  @ApiConflictResponse({ description: 'NOT_LEAD_AGENCY, NOT_CASE_EDITOR, ACTION_NOT_ALLOWED_IN_STATE' })
  addNote(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: CreateNoteDto): Promise<CaseNoteView> {
    return this.records.addNote(ctx, id, dto);
  }

  @AuditAs('CASE_TIMELINE_READ', 'case')
  @RequirePermission('case:read')
  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every event on the case, oldest first (keyset): kind, time, actor, coded details' })
  @ApiNotFoundResponse()
  timeline(@Ctx() ctx: RequestContext, @IdParam() id: string, @Query() q: PageQueryDto): Promise<Page<CaseEventView>> {
    return this.records.timeline(ctx, id, q);
  }

  @AuditAs('CASE_ACCESS_LOG_READ', 'case')
  @RequirePermission('case:access-log')
  @Get(':id/access-log')
  @ApiOperation({
    summary: 'Who read, changed or was refused this case, oldest first (supervisors of the lead agency)',
  })
  @ApiNotFoundResponse()
  accessLog(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<AccessLogEntryView>> {
    return this.records.accessLog(ctx, id, q);
  }
}
