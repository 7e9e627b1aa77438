import type { PersonMergeView, PersonSearchResultView, PersonTombstoneView, PersonView } from '@ctms/domain';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { MergePersonDto, MergeReasonDto, PersonSearchDto } from './dto/person.dto';
import { PersonSearchService } from './person-search.service';
import { PersonsService } from './persons.service';

@ApiTags('persons')
@Controller({ path: 'persons', version: '1' })
export class PersonsController {
  constructor(
    private readonly persons: PersonsService,
    private readonly searches: PersonSearchService,
  ) {}

  @AuditAs('PERSON_SEARCHED', 'person')
  @RequirePermission('person:search')
  @Post('search')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Duplicate candidates for a name (Lao or Latin), birth date and document: ranked, with reasons, never names',
  })
  search(@Ctx() ctx: RequestContext, @Body() dto: PersonSearchDto): Promise<PersonSearchResultView> {
    return this.searches.search(ctx, dto);
  }

  @AuditAs('PERSON_MERGE_UNDONE', 'person_merge')
  @RequirePermission('person:merge')
  @Post('merges/:mergeId/undo')
  @HttpCode(200)
  @ApiOperation({ summary: 'Undo a merge: what moved goes back and the tombstone is cleared' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'MERGE_ALREADY_UNDONE, SURVIVOR_MERGED_SINCE, MERGE_NOT_CURRENT' })
  undo(
    @Ctx() ctx: RequestContext,
    @IdParam('mergeId') mergeId: string,
    @Body() dto: MergeReasonDto,
  ): Promise<PersonMergeView> {
    return this.persons.undoMerge(ctx, mergeId, dto.reason);
  }

  @AuditAs('PERSON_READ', 'person')
  @RequirePermission('person:read')
  @Get(':id')
  @ApiOperation({
    summary:
      'A person the caller may see through one of its cases or screenings; a merged person answers {id, mergedInto}',
  })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @IdParam('id') id: string): Promise<PersonView | PersonTombstoneView> {
    return this.persons.get(ctx, id);
  }

  @AuditAs('PERSON_MERGED', 'person')
  @RequirePermission('person:merge')
  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge the person `mergeId` INTO this one (supervisors; both must be visible)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'MERGE_INTO_SELF, PERSON_IS_MERGED' })
  merge(@Ctx() ctx: RequestContext, @IdParam('id') id: string, @Body() dto: MergePersonDto): Promise<PersonMergeView> {
    return this.persons.merge(ctx, id, dto.mergeId, dto.reason);
  }
}
