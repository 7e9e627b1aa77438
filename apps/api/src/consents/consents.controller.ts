import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, ConsentView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { ConsentsService } from './consents.service';
import { GrantConsentDto, ListConsentsQueryDto, WithdrawConsentDto } from './dto/consent.dto';

/** A malformed id is just another id that is not found. */

/** Consents of a case: granted and withdrawn, never edited. Only the lead agency records them. */
@ApiTags('consents')
@Controller({ version: '1' })
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @AuditAs('CONSENT_GRANTED', 'case')
  @RequirePermission('consent:record')
  @Post('cases/:id/consents')
  @ApiOperation({
    summary: "Record a consent given for the case (a child's: by a parent, legal guardian or social worker)",
  })
  @ApiNotFoundResponse({ description: 'no such case, or not one the user may see' })
  @ApiConflictResponse({ description: 'NOT_LEAD_AGENCY' })
  grant(@Ctx() ctx: RequestContext, @IdParam() caseId: string, @Body() dto: GrantConsentDto): Promise<ConsentView> {
    return this.consents.grant(ctx, caseId, dto);
  }

  @AuditAs('CONSENTS_READ', 'case')
  @RequirePermission('consent:read')
  @Get('cases/:id/consents')
  @ApiOperation({
    summary: "The case's consents, newest grant first, with their effective status (expired counts as withdrawn)",
  })
  @ApiNotFoundResponse({ description: 'no such case, or not one the user may see' })
  list(
    @Ctx() ctx: RequestContext,
    @IdParam() caseId: string,
    @Query() q: ListConsentsQueryDto,
  ): Promise<Page<ConsentView>> {
    return this.consents.list(ctx, caseId, q);
  }

  @AuditAs('CONSENT_WITHDRAWN', 'consent')
  @RequirePermission('consent:record')
  @Post('consents/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an active consent; takes effect at once' })
  @ApiNotFoundResponse({ description: 'no such consent, or its case is not one the user may see' })
  @ApiConflictResponse({
    description: 'ACTION_NOT_ALLOWED_IN_STATE (withdrawn already or expired), NOT_LEAD_AGENCY, ROLE_NOT_ALLOWED',
  })
  withdraw(
    @Ctx() ctx: RequestContext,
    @IdParam() consentId: string,
    @Body() dto: WithdrawConsentDto,
  ): Promise<ConsentView> {
    return this.consents.withdraw(ctx, consentId, dto);
  }
}
