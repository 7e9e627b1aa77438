import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgencyView, Page } from '@ctms/domain';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { AdminAgenciesService } from './admin-agencies.service';

import { CreateAgencyDto, ListAgenciesQueryDto, UpdateAgencyDto } from './dto/agency.dto';

/** Agency administration: SYSTEM_ADMIN only (the permission `agency:manage` says so). */
@ApiTags('admin')
@Controller({ path: 'admin/agencies', version: '1' })
export class AdminAgenciesController {
  constructor(private readonly agencies: AdminAgenciesService) {}

  @RequirePermission('agency:manage')
  @Get()
  @ApiOperation({ summary: 'All agencies, active or not, keyset-paginated by code' })
  list(@Query() q: ListAgenciesQueryDto): Promise<Page<AgencyView>> {
    return this.agencies.list(q);
  }

  @RequirePermission('agency:manage')
  @Post()
  @ApiOperation({ summary: 'Create an agency' })
  @ApiConflictResponse({ description: 'AGENCY_CODE_TAKEN' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateAgencyDto): Promise<AgencyView> {
    return this.agencies.create(ctx, dto);
  }

  @RequirePermission('agency:manage')
  @Patch(':id')
  @ApiOperation({ summary: 'Change an agency; active=false refuses its users from their next request' })
  @ApiConflictResponse({ description: 'STALE_VERSION, CANNOT_CHANGE_SELF' })
  update(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: UpdateAgencyDto): Promise<AgencyView> {
    return this.agencies.update(ctx, id, dto);
  }
}
