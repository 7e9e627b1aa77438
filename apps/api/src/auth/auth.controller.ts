import { Body, Controller, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { LoginResponse, MeView, TokenPair } from '@ctms/domain';
import { Ctx, Public, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { AuthService, TooManyAttempts } from './auth.service';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto, UpdateMeDto } from './dto/auth.dto';
import { MeService } from './me.service';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for an access token and a refresh token' })
  async login(@Ctx() ctx: RequestContext, @Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    try {
      return await this.auth.login(ctx, dto.username, dto.password);
    } catch (e) {
      if (e instanceof TooManyAttempts) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token; a reused one revokes its whole family' })
  refresh(@Ctx() ctx: RequestContext, @Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(ctx, dto.refreshToken);
  }

  @RequirePermission('profile:read')
  @Post('logout')
  @HttpCode(204)
  async logout(@Ctx() ctx: RequestContext, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(ctx, dto.refreshToken);
  }
}

@ApiTags('auth')
@Controller({ path: 'me', version: '1' })
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly auth: AuthService,
  ) {}

  @RequirePermission('profile:read')
  @Get()
  get(@Ctx() ctx: RequestContext): Promise<MeView> {
    return this.me.get(ctx);
  }

  @RequirePermission('profile:update')
  @Patch()
  update(@Ctx() ctx: RequestContext, @Body() dto: UpdateMeDto): Promise<MeView> {
    return this.me.setLanguage(ctx, dto.language);
  }

  @RequirePermission('profile:update')
  @Post('password')
  @HttpCode(204)
  async changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(ctx, dto.currentPassword, dto.newPassword);
  }
}
