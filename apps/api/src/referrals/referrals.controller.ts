import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  Page,
  ReferralDetailView,
  ReferralNoteView,
  ReferralSummaryView,
  ServiceDirectoryEntryView,
} from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import {
  AcceptReferralDto,
  AddReferralNoteDto,
  CancelReferralDto,
  CompleteReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  ListReferralNotesQueryDto,
  ListReferralsQueryDto,
  ReassignReferralDto,
  RecordServiceDto,
  ServiceDirectoryQueryDto,
} from './dto/referral.dto';
import { ReferralNotesService } from './referral-notes.service';
import { ReferralsService } from './referrals.service';

const CONFLICTS =
  'STALE_VERSION, NOT_RECEIVING_AGENCY, NOT_SENDER, ACTION_NOT_ALLOWED_IN_STATE, ROLE_NOT_ALLOWED, or another reason of the referral machine';

/**
 * Referrals to agency inboxes. Visible to the sending (lead) and the receiving agency only; any
 * other caller gets the same 404 as a missing id. Lists carry case numbers, never names.
 */
@ApiTags('referrals')
@Controller({ version: '1' })
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly shared: ReferralNotesService,
  ) {}

  @AuditAs('REFERRAL_CREATED', 'case')
  @RequirePermission('referral:create')
  @Post('cases/:id/referrals')
  @ApiOperation({
    summary:
      'Refer the case to an agency inbox with a data packet every category of which an active REFERRAL_SHARING consent covers',
  })
  @ApiNotFoundResponse()
  @ApiBadRequestResponse({
    description:
      'toAgencyId (inactive, does not receive referrals, does not cover the province) or serviceTypes (not offered)',
  })
  @ApiConflictResponse({
    description: 'CONSENT_NOT_COVERING (details name the categories), ACTION_NOT_ALLOWED_IN_STATE (closed case)',
  })
  create(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CreateReferralDto,
  ): Promise<ReferralDetailView> {
    return this.referrals.create(ctx, id, dto);
  }

  @AuditAs('REFERRALS_LISTED', 'referral')
  @RequirePermission('referral:read')
  @Get('referrals')
  @ApiOperation({
    summary: "The caller's agency inbox (incoming) or sent referrals (outgoing), most recently changed first (keyset)",
  })
  list(@Ctx() ctx: RequestContext, @Query() q: ListReferralsQueryDto): Promise<Page<ReferralSummaryView>> {
    return this.referrals.list(ctx, q);
  }

  @AuditAs('REFERRAL_READ', 'referral')
  @RequirePermission('referral:read')
  @Get('referrals/:id')
  @ApiOperation({
    summary: 'One referral: packet, effective categories, services delivered, status history, allowed actions',
  })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<ReferralDetailView> {
    return this.referrals.get(ctx, id);
  }

  @AuditAs('REFERRAL_ACCEPTED', 'referral')
  @RequirePermission('referral:respond')
  @Post('referrals/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept (receiving agency), assigning a worker of the agency (default: the caller)' })
  @ApiConflictResponse({ description: CONFLICTS })
  accept(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: AcceptReferralDto,
  ): Promise<ReferralDetailView> {
    return this.referrals.accept(ctx, id, dto);
  }

  @AuditAs('REFERRAL_DECLINED', 'referral')
  @RequirePermission('referral:respond')
  @Post('referrals/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline (receiving agency) with a coded reason (OTHER needs a note)' })
  @ApiConflictResponse({ description: CONFLICTS + ', DECLINE_REASON_REQUIRED, REASON_REQUIRED' })
  decline(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: DeclineReferralDto,
  ): Promise<ReferralDetailView> {
    return this.referrals.decline(ctx, id, dto);
  }

  @AuditAs('REFERRAL_SERVICE_RECORDED', 'referral')
  @RequirePermission('referral:respond')
  @Post('referrals/:id/services')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a service delivered (receiving agency); the first one moves ACCEPTED → IN_PROGRESS',
  })
  @ApiConflictResponse({ description: CONFLICTS })
  services(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: RecordServiceDto,
  ): Promise<ReferralDetailView> {
    return this.referrals.recordService(ctx, id, dto);
  }

  @AuditAs('REFERRAL_COMPLETED', 'referral')
  @RequirePermission('referral:respond')
  @Post('referrals/:id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete (receiving agency) with a coded outcome (OTHER needs a note)' })
  @ApiConflictResponse({ description: CONFLICTS + ', OUTCOME_REQUIRED, REASON_REQUIRED' })
  complete(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CompleteReferralDto,
  ): Promise<ReferralDetailView> {
    return this.referrals.complete(ctx, id, dto);
  }

  @AuditAs('REFERRAL_CANCELLED', 'referral')
  @RequirePermission('referral:create')
  @Post('referrals/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel (sending agency) with a reason' })
  @ApiConflictResponse({ description: CONFLICTS + ', REASON_REQUIRED' })
  cancel(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CancelReferralDto,
  ): Promise<ReferralDetailView> {
    return this.referrals.cancel(ctx, id, dto);
  }

  @AuditAs('REFERRAL_REASSIGNED', 'referral')
  @RequirePermission('case:assign')
  @Post('referrals/:id/reassign')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Reassign an accepted referral to another worker of the receiving agency (the receiving agency's supervisor)",
  })
  @ApiBadRequestResponse({
    description: 'assigneeId (not an active caseworker, investigator or supervisor of the receiving agency)',
  })
  @ApiConflictResponse({ description: CONFLICTS + ', ASSIGNEE_REQUIRED' })
  reassign(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: ReassignReferralDto,
  ): Promise<ReferralDetailView> {
    return this.referrals.reassign(ctx, id, dto);
  }

  @AuditAs('REFERRAL_NOTES_READ', 'referral')
  @RequirePermission('referral:read')
  @Get('referrals/:id/notes')
  @ApiOperation({
    summary: "The referral's notes, written by the sending and the receiving agency, oldest first (keyset)",
  })
  @ApiNotFoundResponse()
  notes(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Query() q: ListReferralNotesQueryDto,
  ): Promise<Page<ReferralNoteView>> {
    return this.shared.notes(ctx, id, q);
  }

  @AuditAs('REFERRAL_NOTE_ADDED', 'referral')
  @RequirePermission('referral:read')
  @Post('referrals/:id/notes')
  @ApiOperation({
    summary:
      'Write a note on an open referral (a casework role of the sending or the receiving agency); stored encrypted',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'ACTION_NOT_ALLOWED_IN_STATE (closed referral), ROLE_NOT_ALLOWED' })
  addNote(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: AddReferralNoteDto,
  ): Promise<ReferralNoteView> {
    return this.shared.addNote(ctx, id, dto);
  }

  @AuditAs('REFERRAL_PRINTED', 'referral')
  @RequirePermission('referral:read')
  @Get('referrals/:id/print')
  @ApiOperation({
    summary:
      'The printable referral (PDF, Lao and English) with only the categories the victim consented to share; audited',
  })
  @ApiNotFoundResponse()
  async print(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { pdf, caseNumber } = await this.shared.print(ctx, id);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="referral-${caseNumber}.pdf"`,
      length: pdf.length,
    });
  }
}

/** The service directory for the referral form: reference data (cacheable), no case content. */
@ApiTags('reference')
@Controller({ path: 'reference', version: '1' })
export class ServiceDirectoryController {
  constructor(private readonly referrals: ReferralsService) {}

  @RequirePermission('reference:read')
  @Get('service-directory')
  @ApiOperation({ summary: 'Active agencies that receive referrals, offer the service type and cover the province' })
  directory(@Query() q: ServiceDirectoryQueryDto): Promise<ServiceDirectoryEntryView[]> {
    return this.referrals.directory(q);
  }
}
