import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Page } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { IdParam } from '../platform/http/params';
import type { RequestContext } from '../platform/http/request-context';
import {
  AcceptTransferDto,
  CancelTransferDto,
  CreateTransferDto,
  DeclineTransferDto,
  ListTransfersQueryDto,
} from './dto/transfer.dto';
import type { TransferDetailView, TransferSummaryView } from '@ctms/domain';
import { TransfersService } from './transfers.service';

const CONFLICTS =
  'STALE_VERSION, NOT_RECEIVING_AGENCY, NOT_SENDER, ACTION_NOT_ALLOWED_IN_STATE, ROLE_NOT_ALLOWED, or another reason of the transfer machine';

/**
 * Case transfers between lead agencies and province offices. Visible to the sending side and the
 * receiving side (each within its scope over its province) only; any other caller gets the same
 * 404 as a missing id. Lists carry case numbers, never names.
 */
@ApiTags('transfers')
@Controller({ version: '1' })
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @AuditAs('TRANSFER_REQUESTED', 'case')
  @RequirePermission('case:transfer')
  @Post('cases/:id/transfers')
  @ApiOperation({
    summary:
      "Ask another agency, or another province office of the lead agency, to take the case over (the lead agency's supervisor)",
  })
  @ApiNotFoundResponse()
  @ApiBadRequestResponse({
    description: 'toAgencyId (not a casework agency, does not cover the province), toProvinceCode (the same office)',
  })
  @ApiConflictResponse({
    description:
      'CONSENT_NOT_COVERING (details name the categories), TRANSFER_ALREADY_REQUESTED, ACTION_NOT_ALLOWED_IN_STATE (closed case)',
  })
  create(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CreateTransferDto,
  ): Promise<TransferDetailView> {
    return this.transfers.create(ctx, id, dto);
  }

  @AuditAs('TRANSFERS_LISTED', 'transfer')
  @RequirePermission('case:transfer')
  @Get('transfers')
  @ApiOperation({
    summary:
      "The transfers asked of the caller's agency or province office (incoming) or asked by it (outgoing), what is due first (keyset)",
  })
  list(@Ctx() ctx: RequestContext, @Query() q: ListTransfersQueryDto): Promise<Page<TransferSummaryView>> {
    return this.transfers.list(ctx, q);
  }

  @AuditAs('TRANSFER_READ', 'transfer')
  @RequirePermission('case:transfer')
  @Get('transfers/:id')
  @ApiOperation({ summary: 'One transfer: where the case goes, the categories, the answer, allowed actions' })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<TransferDetailView> {
    return this.transfers.get(ctx, id);
  }

  @AuditAs('TRANSFER_ACCEPTED', 'transfer')
  @RequirePermission('case:transfer')
  @Post('transfers/:id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept (a supervisor of the receiving side), assigning a worker whose scope covers the province (default: the caller); the case moves',
  })
  @ApiConflictResponse({ description: CONFLICTS + ', CONSENT_NOT_COVERING' })
  accept(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: AcceptTransferDto,
  ): Promise<TransferDetailView> {
    return this.transfers.accept(ctx, id, dto);
  }

  @AuditAs('TRANSFER_DECLINED', 'transfer')
  @RequirePermission('case:transfer')
  @Post('transfers/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline (a supervisor of the receiving side) with a coded reason (OTHER needs a note)' })
  @ApiConflictResponse({ description: CONFLICTS + ', DECLINE_REASON_REQUIRED, REASON_REQUIRED' })
  decline(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: DeclineTransferDto,
  ): Promise<TransferDetailView> {
    return this.transfers.decline(ctx, id, dto);
  }

  @AuditAs('TRANSFER_CANCELLED', 'transfer')
  @RequirePermission('case:transfer')
  @Post('transfers/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel (a supervisor of the sending side) with a reason' })
  @ApiConflictResponse({ description: CONFLICTS + ', REASON_REQUIRED' })
  cancel(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: CancelTransferDto,
  ): Promise<TransferDetailView> {
    return this.transfers.cancel(ctx, id, dto);
  }
}
