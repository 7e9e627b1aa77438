import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CaseSummaryView, Page, SavedCaseFilterView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { PageQueryDto } from '../platform/http/pagination';
import { IdParam } from '../platform/http/params';
import type { RequestContext } from '../platform/http/request-context';
import { CaseFiltersService } from './case-filters.service';
import { CaseSearchService } from './case-search.service';
import { ListCasesQueryDto } from './dto/case.dto';
import { CaseSearchDto, SavedCaseFilterDto } from './dto/case-search.dto';

/** Finding cases: the list with its filters and the search (numbers and names; lists show case numbers, never names). */
@ApiTags('cases')
@Controller({ path: 'cases', version: '1' })
export class CaseSearchController {
  constructor(private readonly search: CaseSearchService) {}

  @AuditAs('CASE_LISTED', 'case')
  @RequirePermission('case:read')
  @Get()
  @ApiOperation({ summary: 'Cases the caller may open, most recently updated first (keyset); no names' })
  list(@Ctx() ctx: RequestContext, @Query() q: ListCasesQueryDto): Promise<Page<CaseSummaryView>> {
    return this.search.list(ctx, q);
  }

  @AuditAs('CASE_SEARCHED', 'case')
  @RequirePermission('case:read')
  @Post('search')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Cases the caller's agency leads, by exact case number or by a person's name (Lao or Latin, in this body only), with the list's filters (keyset)",
  })
  @ApiBadRequestResponse({ description: 'neither or both of number and name, or a bad filter' })
  find(@Ctx() ctx: RequestContext, @Body() dto: CaseSearchDto): Promise<Page<CaseSummaryView>> {
    return this.search.search(ctx, dto);
  }
}

/** The caller's own saved case-list filters. */
@ApiTags('cases')
@Controller({ path: 'case-filters', version: '1' })
export class CaseFiltersController {
  constructor(private readonly filters: CaseFiltersService) {}

  @RequirePermission('case:read')
  @Get()
  @ApiOperation({ summary: "The caller's saved case-list filters, oldest first (keyset)" })
  list(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto): Promise<Page<SavedCaseFilterView>> {
    return this.filters.list(ctx, q);
  }

  @AuditAs('CASE_FILTER_SAVED', 'case_saved_filter')
  @RequirePermission('case:read')
  @Post()
  @ApiOperation({ summary: 'Save the case-list filters under a label of your own (never a search term)' })
  @ApiConflictResponse({ description: 'SAVED_FILTER_LIMIT' })
  save(@Ctx() ctx: RequestContext, @Body() dto: SavedCaseFilterDto): Promise<SavedCaseFilterView> {
    return this.filters.save(ctx, dto);
  }

  @AuditAs('CASE_FILTER_DELETED', 'case_saved_filter')
  @RequirePermission('case:read')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of your saved filters' })
  @ApiNotFoundResponse()
  remove(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<void> {
    return this.filters.delete(ctx, id);
  }
}
