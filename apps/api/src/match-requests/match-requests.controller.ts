import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MatchRequestDetailView, MatchRequestsRaisedView, MatchRequestSummaryView, Page } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { NoBodyPipe } from '../platform/http/pagination';
import { IdParam } from '../platform/http/params';
import type { RequestContext } from '../platform/http/request-context';
import { LinkMatchRequestDto, ListMatchRequestsQueryDto, NoMatchRequestDto } from './match-request.dto';
import { MatchRequestsService } from './match-requests.service';

/** Match requests: possible duplicates held by another agency, resolved by that agency's supervisor. */
@ApiTags('match-requests')
@Controller({ version: '1' })
export class MatchRequestsController {
  constructor(private readonly requests: MatchRequestsService) {}

  @AuditAs('MATCH_REQUEST_CREATED', 'screening')
  @RequirePermission('match:request')
  @Post('screenings/:id/match-requests')
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Ask the agencies that hold strong matches for this draft's bio-data (the interviewer); answers the requests open for it",
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_INTERVIEWER, ACTION_NOT_ALLOWED_IN_STATE, BIO_DATA_REQUIRED' })
  raise(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body(NoBodyPipe) _body: unknown,
  ): Promise<MatchRequestsRaisedView> {
    return this.requests.raise(ctx, id);
  }

  @AuditAs('MATCH_REQUESTS_LISTED', 'screening')
  @RequirePermission('match:request')
  @Get('screenings/:id/match-requests')
  @ApiOperation({
    summary: 'The requests asked about this screening (asking side: the status, the asked agency once it answered)',
  })
  @ApiNotFoundResponse()
  listForScreening(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<MatchRequestsRaisedView> {
    return this.requests.listForScreening(ctx, id);
  }

  @AuditAs('MATCH_REQUESTS_LISTED', 'match_request')
  @RequirePermission('match:request')
  @Get('match-requests')
  @ApiOperation({
    summary: "Requests the caller's agency asked (outgoing) or was asked (incoming), most recently changed first",
  })
  list(@Ctx() ctx: RequestContext, @Query() q: ListMatchRequestsQueryDto): Promise<Page<MatchRequestSummaryView>> {
    return this.requests.list(ctx, q);
  }

  @AuditAs('MATCH_REQUEST_READ', 'match_request')
  @RequirePermission('match:request')
  @Get('match-requests/:id')
  @ApiOperation({
    summary: 'One request: the asked side sees the terms and its candidates; the asking side the answer',
  })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<MatchRequestDetailView> {
    return this.requests.get(ctx, id);
  }

  @AuditAs('MATCH_REQUEST_LINKED', 'match_request')
  @RequirePermission('match:answer')
  @Post('match-requests/:id/link')
  @HttpCode(200)
  @ApiOperation({ summary: "The asked agency's supervisor names its person who is the same person" })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_ASKED_AGENCY, ACTION_NOT_ALLOWED_IN_STATE, STALE_VERSION' })
  link(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: LinkMatchRequestDto,
  ): Promise<MatchRequestDetailView> {
    return this.requests.link(ctx, id, dto);
  }

  @AuditAs('MATCH_REQUEST_NO_MATCH', 'match_request')
  @RequirePermission('match:answer')
  @Post('match-requests/:id/no-match')
  @HttpCode(200)
  @ApiOperation({ summary: "The asked agency's supervisor answers that none of its persons is this person" })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'NOT_ASKED_AGENCY, ACTION_NOT_ALLOWED_IN_STATE, STALE_VERSION' })
  noMatch(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: NoMatchRequestDto,
  ): Promise<MatchRequestDetailView> {
    return this.requests.noMatch(ctx, id, dto);
  }
}
