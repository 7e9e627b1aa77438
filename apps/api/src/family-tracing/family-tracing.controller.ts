import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseFamilyTracingView, CaseReturnView, FamilyTracingRequestView, Page } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { IdParam } from '../platform/http/params';
import type { RequestContext } from '../platform/http/request-context';
import {
  AnswerFamilyTracingDto,
  CloseFamilyTracingDto,
  FamilyTracingListQueryDto,
  RecordReturnDto,
  SendFamilyTracingDto,
} from './dto/family-tracing.dto';
import { FamilyTracingService } from './family-tracing.service';

/**
 * Family tracing requests to a province's social welfare office and the return of the person
 * (decision 0033). A request or case the caller may not see answers the same 404 as a missing id.
 */
@ApiTags('family tracing')
@Controller({ version: '1' })
export class FamilyTracingController {
  constructor(private readonly tracing: FamilyTracingService) {}

  @AuditAs('FAMILY_TRACING_REQUESTED', 'case')
  @RequirePermission('referral:create')
  @Post('cases/:id/family-tracing-requests')
  @ApiOperation({ summary: "Ask a province's social welfare office to trace and assess the family (the case editor)" })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_LEAD_AGENCY, NOT_CASE_EDITOR, REQUEST_ALREADY_OPEN, CONSENT_NOT_COVERING' })
  send(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: SendFamilyTracingDto,
  ): Promise<FamilyTracingRequestView> {
    return this.tracing.send(ctx, id, dto);
  }

  @AuditAs('FAMILY_TRACING_LISTED', 'case')
  @RequirePermission('case:read')
  @Get('cases/:id/family-tracing')
  @ApiOperation({ summary: "The case's tracing requests with their answers, and its returns (the lead agency)" })
  @ApiNotFoundResponse()
  ofCase(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<CaseFamilyTracingView> {
    return this.tracing.caseView(ctx, id);
  }

  @AuditAs('RETURN_RECORDED', 'case')
  @RequirePermission('case:update')
  @Post('cases/:id/returns')
  @ApiOperation({
    summary:
      'Record the return (the case editor); a handover to another province offers the province transfer, prefilled',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_LEAD_AGENCY, NOT_CASE_EDITOR, ACTION_NOT_ALLOWED_IN_STATE' })
  recordReturn(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: RecordReturnDto,
  ): Promise<CaseReturnView> {
    return this.tracing.recordReturn(ctx, id, dto);
  }

  @AuditAs('FAMILY_TRACING_LISTED', 'family_tracing_request')
  @RequirePermission('referral:read')
  @Get('family-tracing-requests')
  @ApiOperation({ summary: "The office's tracing inbox, or what the agency sent: most due first, keyset-paged" })
  inbox(@Ctx() ctx: RequestContext, @Query() q: FamilyTracingListQueryDto): Promise<Page<FamilyTracingRequestView>> {
    return this.tracing.inbox(ctx, q);
  }

  @AuditAs('FAMILY_TRACING_READ', 'family_tracing_request')
  @RequirePermission('referral:read')
  @Get('family-tracing-requests/:id')
  @ApiOperation({ summary: 'One tracing request: the packet as far as the consent allows now' })
  @ApiNotFoundResponse()
  one(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<FamilyTracingRequestView> {
    return this.tracing.one(ctx, id);
  }

  @AuditAs('FAMILY_TRACING_ANSWERED', 'family_tracing_request')
  @RequirePermission('referral:respond')
  @Post('family-tracing-requests/:id/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer with a code and the family assessment (the asked office in scope)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'NOT_ASKED_AGENCY, ROLE_NOT_ALLOWED, ACTION_NOT_ALLOWED_IN_STATE, OUTCOME_REQUIRED, STALE_VERSION',
  })
  answer(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: AnswerFamilyTracingDto,
  ): Promise<FamilyTracingRequestView> {
    return this.tracing.answer(ctx, id, dto);
  }

  @AuditAs('FAMILY_TRACING_DECLINED', 'family_tracing_request')
  @RequirePermission('referral:respond')
  @Post('family-tracing-requests/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline, with a reason (the asked office in scope)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_ASKED_AGENCY, ACTION_NOT_ALLOWED_IN_STATE, REASON_REQUIRED, STALE_VERSION' })
  decline(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CloseFamilyTracingDto,
  ): Promise<FamilyTracingRequestView> {
    return this.tracing.decline(ctx, id, dto);
  }

  @AuditAs('FAMILY_TRACING_WITHDRAWN', 'family_tracing_request')
  @RequirePermission('referral:create')
  @Post('family-tracing-requests/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a request not yet answered, with a reason (the case editor)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_CASE_EDITOR, ACTION_NOT_ALLOWED_IN_STATE, REASON_REQUIRED, STALE_VERSION' })
  withdraw(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CloseFamilyTracingDto,
  ): Promise<FamilyTracingRequestView> {
    return this.tracing.withdraw(ctx, id, dto);
  }
}
