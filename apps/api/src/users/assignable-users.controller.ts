import type { AssignableUsersView } from '@ctms/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { AssignableUsersQueryDto } from './assignable-users.dto';
import { AssignableUsersService } from './assignable-users.service';

/** docs/decisions/0006-assignable-users-route.md */
@ApiTags('users')
@Controller({ path: 'users', version: '1' })
export class AssignableUsersController {
  constructor(private readonly users: AssignableUsersService) {}

  @RequirePermission('case:assign')
  @Get('assignable')
  @ApiOperation({
    summary:
      "Active caseworkers, investigators and supervisors of the caller's own agency, for the assignment pickers (optionally only those whose scope covers `province`)",
  })
  @ApiBadRequestResponse({ description: 'an unknown province code or query parameter' })
  @ApiForbiddenResponse({ description: 'the caller does not hold case:assign' })
  list(@Ctx() ctx: RequestContext, @Query() q: AssignableUsersQueryDto): Promise<AssignableUsersView> {
    return this.users.list(ctx, q);
  }
}
