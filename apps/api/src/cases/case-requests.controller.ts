import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClosureRequestView, IdentificationRequestView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { IdParam } from '../platform/http/params';
import type { RequestContext } from '../platform/http/request-context';
import { CaseRequestsService } from './case-requests.service';
import {
  CancelIdentificationDto,
  DecideClosureDto,
  DecideIdentificationDto,
  IdentificationRequestListQueryDto,
  RequestClosureDto,
  SendIdentificationDto,
} from './dto/case-requests.dto';

/**
 * Requests on a case that another person or agency decides: identification requests to the inbox of
 * an agency with formal identification (decision 0024) and closure requests to a supervisor. A
 * request or case the caller may not see answers the same 404 as a missing id.
 */
@ApiTags('case requests')
@Controller({ version: '1' })
export class CaseRequestsController {
  constructor(private readonly requests: CaseRequestsService) {}

  @AuditAs('CASE_IDENTIFICATION_REQUESTED', 'case')
  @RequirePermission('case:update')
  @Post('cases/:id/identification-requests')
  @ApiOperation({
    summary:
      'Send the case to an agency with formal identification (the case editor of a lead agency without it); the lead stays',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'NOT_LEAD_AGENCY, NOT_CASE_EDITOR, ACTION_NOT_ALLOWED_IN_STATE, REQUEST_ALREADY_OPEN',
  })
  send(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: SendIdentificationDto,
  ): Promise<IdentificationRequestView> {
    return this.requests.send(ctx, id, dto);
  }

  @AuditAs('IDENTIFICATION_REQUESTS_LISTED', 'identification_request')
  @RequirePermission('case:read')
  @Get('identification-requests')
  @ApiOperation({
    summary:
      "The agency's identification inbox and what it sent: open first, most due first; codes and case numbers only",
  })
  inbox(
    @Ctx() ctx: RequestContext,
    @Query() q: IdentificationRequestListQueryDto,
  ): Promise<IdentificationRequestView[]> {
    return this.requests.inbox(ctx, q);
  }

  @AuditAs('CASE_IDENTIFICATION_DECIDED', 'identification_request')
  @RequirePermission('case:identify')
  @Post('identification-requests/:id/decide')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide the formal identification asked for (supervisors and investigators of the asked agency)',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description:
      'NOT_IDENTIFICATION_AGENCY, NOT_FORMAL_IDENTIFICATION_AGENCY, ROLE_NOT_ALLOWED, ACTION_NOT_ALLOWED_IN_STATE, STALE_VERSION',
  })
  decide(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: DecideIdentificationDto,
  ): Promise<IdentificationRequestView> {
    return this.requests.decide(ctx, id, dto);
  }

  @AuditAs('IDENTIFICATION_REQUEST_CANCELLED', 'identification_request')
  @RequirePermission('case:update')
  @Post('identification-requests/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a request not yet decided (the case editor of the lead agency), with a reason' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_CASE_EDITOR, ACTION_NOT_ALLOWED_IN_STATE, REASON_REQUIRED, STALE_VERSION' })
  cancel(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CancelIdentificationDto,
  ): Promise<IdentificationRequestView> {
    return this.requests.cancel(ctx, id, dto);
  }

  @AuditAs('CASE_CLOSURE_REQUESTED', 'case')
  @RequirePermission('case:update')
  @Post('cases/:id/closure-requests')
  @ApiOperation({ summary: 'Ask a supervisor to close the case, with a coded reason (the case editor)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description:
      'NOT_LEAD_AGENCY, NOT_CASE_EDITOR, ACTION_NOT_ALLOWED_IN_STATE, CLOSURE_REASON_REQUIRED, REASON_REQUIRED, REQUEST_ALREADY_OPEN',
  })
  requestClosure(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: RequestClosureDto,
  ): Promise<ClosureRequestView> {
    return this.requests.requestClosure(ctx, id, dto);
  }

  @AuditAs('CASE_CLOSURE_APPROVED', 'closure_request')
  @RequirePermission('case:close')
  @Post('closure-requests/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve: the case closes with the requested reason (a supervisor of the lead agency)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_LEAD_AGENCY, ROLE_NOT_ALLOWED, ACTION_NOT_ALLOWED_IN_STATE, STALE_VERSION' })
  approve(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: DecideClosureDto,
  ): Promise<ClosureRequestView> {
    return this.requests.approveClosure(ctx, id, dto);
  }

  @AuditAs('CASE_CLOSURE_RETURNED', 'closure_request')
  @RequirePermission('case:close')
  @Post('closure-requests/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return with a comment: the case stays open (a supervisor of the lead agency)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'NOT_LEAD_AGENCY, ROLE_NOT_ALLOWED, ACTION_NOT_ALLOWED_IN_STATE, REASON_REQUIRED, STALE_VERSION',
  })
  returnClosure(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: DecideClosureDto,
  ): Promise<ClosureRequestView> {
    return this.requests.returnClosure(ctx, id, dto);
  }
}
