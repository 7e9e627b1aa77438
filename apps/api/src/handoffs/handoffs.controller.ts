import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Page, HandoffDetailView, HandoffSummaryView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import {
  ChargeHandoffDto,
  CreateHandoffDto,
  HandoffReasonDto,
  HandoffVersionDto,
  ListHandoffsQueryDto,
  ResubmitHandoffDto,
  TrialHandoffDto,
  VerdictHandoffDto,
} from './dto/handoff.dto';
import { HandoffsService } from './handoffs.service';

const CONFLICTS =
  'STALE_VERSION, NOT_RECEIVING_AGENCY, NOT_SENDER, ACTION_NOT_ALLOWED_IN_STATE, ROLE_NOT_ALLOWED, or another reason of the handoff machine';

/** Handing a case to the prosecutor: created from the case by an investigator of its lead agency. */
@ApiTags('handoffs')
@Controller({ path: 'cases', version: '1' })
export class CaseHandoffsController {
  constructor(private readonly handoffs: HandoffsService) {}

  @AuditAs('HANDOFF_SUBMITTED', 'case')
  @RequirePermission('handoff:create')
  @Post(':id/handoffs')
  @ApiOperation({
    summary:
      'Hand the case to a prosecution office (OSPP). Identity, exploitation account and health travel only under an active LAW_ENFORCEMENT_SHARING consent; without it the answer says limitedByConsent',
  })
  @ApiNotFoundResponse()
  @ApiBadRequestResponse({
    description: 'toAgencyId is not a prosecution office, an attachment is not of this case, or a field is invalid',
  })
  @ApiConflictResponse({ description: 'HANDOFF_ALREADY_OPEN, ACTION_NOT_ALLOWED_IN_STATE (closed case)' })
  create(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: CreateHandoffDto): Promise<HandoffDetailView> {
    return this.handoffs.create(ctx, id, dto);
  }
}

/**
 * Prosecution handoffs. The sending agency (lead agency in scope) and the receiving agency see a
 * handoff; everyone else gets the same 404 as for a missing id. Every change answers the handoff as
 * the caller now sees it, with its status history.
 */
@ApiTags('handoffs')
@Controller({ path: 'handoffs', version: '1' })
export class HandoffsController {
  constructor(private readonly handoffs: HandoffsService) {}

  @AuditAs('HANDOFF_LISTED', 'handoff')
  @RequirePermission('handoff:read')
  @Get()
  @ApiOperation({
    summary:
      'Handoffs sent to (incoming) or by (outgoing) the caller’s agency, newest first (keyset); no personal data',
  })
  list(@Ctx() ctx: RequestContext, @Query() q: ListHandoffsQueryDto): Promise<Page<HandoffSummaryView>> {
    return this.handoffs.list(ctx, q);
  }

  @AuditAs('HANDOFF_READ', 'handoff')
  @RequirePermission('handoff:read')
  @Get(':id')
  @ApiOperation({
    summary: 'One handoff with its packet as the caller may see it now, the allowed actions and the status history',
  })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<HandoffDetailView> {
    return this.handoffs.get(ctx, id);
  }

  @AuditAs('HANDOFF_RECEIVED', 'handoff')
  @RequirePermission('handoff:prosecute')
  @Post(':id/receive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'SUBMITTED → RECEIVED: the prosecution office acknowledges; the caller becomes the prosecutor',
  })
  @ApiConflictResponse({ description: CONFLICTS })
  receive(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: HandoffVersionDto,
  ): Promise<HandoffDetailView> {
    return this.handoffs.receive(ctx, id, dto);
  }

  @AuditAs('HANDOFF_ACCEPTED', 'handoff')
  @RequirePermission('handoff:prosecute')
  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'RECEIVED → ACCEPTED: prosecution opened' })
  @ApiConflictResponse({ description: CONFLICTS })
  accept(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: HandoffVersionDto,
  ): Promise<HandoffDetailView> {
    return this.handoffs.accept(ctx, id, dto);
  }

  @AuditAs('HANDOFF_RETURNED', 'handoff')
  @RequirePermission('handoff:prosecute')
  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'RECEIVED → RETURNED: back to the investigator with a reason (encrypted)' })
  @ApiConflictResponse({ description: CONFLICTS + ', REASON_REQUIRED' })
  returnToInvestigator(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: HandoffReasonDto,
  ): Promise<HandoffDetailView> {
    return this.handoffs.returnToInvestigator(ctx, id, dto);
  }

  @AuditAs('HANDOFF_RESUBMITTED', 'handoff')
  @RequirePermission('handoff:create')
  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'RETURNED → SUBMITTED: the investigator resubmits, optionally with packet updates (absent = unchanged); receive-by restarts',
  })
  @ApiConflictResponse({ description: CONFLICTS })
  resubmit(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: ResubmitHandoffDto,
  ): Promise<HandoffDetailView> {
    return this.handoffs.resubmit(ctx, id, dto);
  }

  @AuditAs('HANDOFF_CHARGED', 'handoff')
  @RequirePermission('handoff:prosecute')
  @Post(':id/charge')
  @HttpCode(200)
  @ApiOperation({ summary: 'ACCEPTED → CHARGED: the charges filed (articles of law) and optionally the court' })
  @ApiConflictResponse({ description: CONFLICTS + ', CHARGES_REQUIRED' })
  charge(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ChargeHandoffDto): Promise<HandoffDetailView> {
    return this.handoffs.charge(ctx, id, dto);
  }

  @AuditAs('HANDOFF_TRIAL_STARTED', 'handoff')
  @RequirePermission('handoff:prosecute')
  @Post(':id/trial')
  @HttpCode(200)
  @ApiOperation({ summary: 'CHARGED → AT_TRIAL: the court and the hearing dates' })
  @ApiConflictResponse({ description: CONFLICTS + ', COURT_REQUIRED' })
  trial(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: TrialHandoffDto): Promise<HandoffDetailView> {
    return this.handoffs.trial(ctx, id, dto);
  }

  @AuditAs('HANDOFF_DECIDED', 'handoff')
  @RequirePermission('handoff:prosecute')
  @Post(':id/verdict')
  @HttpCode(200)
  @ApiOperation({
    summary: 'AT_TRIAL → DECIDED: verdict, sentence, restitution, date of the decision (not in the future)',
  })
  @ApiConflictResponse({ description: CONFLICTS + ', VERDICT_REQUIRED' })
  verdict(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: VerdictHandoffDto,
  ): Promise<HandoffDetailView> {
    return this.handoffs.verdict(ctx, id, dto);
  }

  @AuditAs('HANDOFF_CLOSED', 'handoff')
  @RequirePermission('handoff:prosecute')
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'DECIDED → CLOSED' })
  @ApiConflictResponse({ description: CONFLICTS })
  close(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: HandoffVersionDto): Promise<HandoffDetailView> {
    return this.handoffs.close(ctx, id, dto);
  }

  @AuditAs('HANDOFF_WITHDRAWN', 'handoff')
  @RequirePermission('handoff:create')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'SUBMITTED, RECEIVED or RETURNED → WITHDRAWN: the investigator withdraws with a reason; the prosecution office loses access',
  })
  @ApiConflictResponse({ description: CONFLICTS + ', REASON_REQUIRED' })
  withdraw(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: HandoffReasonDto,
  ): Promise<HandoffDetailView> {
    return this.handoffs.withdraw(ctx, id, dto);
  }
}
