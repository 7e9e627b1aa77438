import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, UserView } from '@ctms/domain';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { AdminUsersService } from './admin-users.service';
import { ReasonDto } from './dto/common.dto';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';

/** User administration: AGENCY_ADMIN for their own agency, SYSTEM_ADMIN for all. No case content here. */
@ApiTags('admin')
@Controller({ path: 'admin/users', version: '1' })
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @RequirePermission('user:read')
  @Get()
  @ApiOperation({
    summary: "List users (an agency administrator sees their own agency's), keyset-paginated by username",
  })
  list(@Ctx() ctx: RequestContext, @Query() q: ListUsersQueryDto): Promise<Page<UserView>> {
    return this.users.list(ctx, q);
  }

  @RequirePermission('user:read')
  @Get(':id')
  @ApiOperation({ summary: 'One user; out of scope answers the same 404 as a missing id' })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<UserView> {
    return this.users.get(ctx, id);
  }

  @RequirePermission('user:manage')
  @Post()
  @ApiOperation({
    summary:
      "Create a user: no password is shown to anyone; a one-time activation link goes to the user's e-mail (INVITED). A system administrator's user waits for the agency administrator's approval (PENDING_APPROVAL)",
  })
  @ApiConflictResponse({ description: 'USERNAME_TAKEN' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(ctx, dto);
  }

  @RequirePermission('user:manage')
  @Patch(':id')
  @ApiOperation({
    summary:
      "Change a user's name, roles, province scope or language; a change of roles or scope ends their sessions' access tokens",
  })
  @ApiConflictResponse({ description: 'STALE_VERSION, CANNOT_CHANGE_SELF' })
  update(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(ctx, id, dto);
  }

  @RequirePermission('user:manage')
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a user: their tokens stop working on the next request and their refresh tokens are revoked',
  })
  @ApiConflictResponse({ description: 'ALREADY_DISABLED, CANNOT_CHANGE_SELF' })
  disable(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ReasonDto): Promise<UserView> {
    return this.users.disable(ctx, id, dto.reason);
  }

  @RequirePermission('user:manage')
  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled or locked user' })
  @ApiConflictResponse({ description: 'ALREADY_ACTIVE, CANNOT_CHANGE_SELF' })
  enable(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ReasonDto): Promise<UserView> {
    return this.users.enable(ctx, id, dto.reason);
  }

  @RequirePermission('user:manage')
  @Post(':id/reset')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Reset a password: the old one stops working, sessions end, and a one-time link goes to the user's e-mail to choose a new one; nobody else learns it",
  })
  @ApiConflictResponse({ description: 'CANNOT_CHANGE_SELF, NO_EMAIL, ACCOUNT_NOT_ACTIVE' })
  reset(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ReasonDto): Promise<UserView> {
    return this.users.resetPassword(ctx, id, dto.reason);
  }

  @RequirePermission('user:manage')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The agency's administrator approves an account the system administrator created in their agency: the activation link goes out",
  })
  @ApiConflictResponse({ description: 'NOT_PENDING_APPROVAL' })
  approve(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ReasonDto): Promise<UserView> {
    return this.users.approve(ctx, id, dto.reason);
  }

  @RequirePermission('user:manage')
  @Post(':id/reset-mfa')
  @HttpCode(200)
  @ApiOperation({
    summary: "Turn off a user's MFA (a lost phone): sessions end; they set it up again where it is required",
  })
  @ApiConflictResponse({ description: 'CANNOT_CHANGE_SELF' })
  resetMfa(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: ReasonDto): Promise<UserView> {
    return this.users.resetMfa(ctx, id, dto.reason);
  }
}
