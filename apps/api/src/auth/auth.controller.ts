import { Body, Controller, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { LoginResponse, MeView, MfaChallenge, MfaSetup, TokenPair } from '@ctms/domain';
import { Ctx, Public, RequirePermission } from '../platform/auth/decorators';
import type { RequestContext } from '../platform/http/request-context';
import { AuthService, TooManyAttempts } from './auth.service';
import { ChangePasswordDto, LoginDto, LogoutDto, MfaEnableDto, MfaLoginDto, MfaSetupDto, RefreshDto, UpdateMeDto } from './dto/auth.dto';
import { MeService } from './me.service';

/** A throttled login answers 429 with Retry-After. */
async function withRetryAfter<T>(res: Response, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TooManyAttempts) res.setHeader('Retry-After', String(e.retryAfterSeconds));
    throw e;
  }
}

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for tokens, or for an MFA challenge ({mfaRequired, mfaToken}) when the account has MFA' })
  async login(@Ctx() ctx: RequestContext, @Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<LoginResponse | MfaChallenge> {
    return withRetryAfter(res, () => this.auth.login(ctx, dto.username, dto.password));
  }

  @Public()
  @Post('mfa')
  @HttpCode(200)
  @ApiOperation({ summary: 'Second step of a login with MFA: the challenge and a current code for the tokens; a code works once' })
  async mfa(@Ctx() ctx: RequestContext, @Body() dto: MfaLoginDto, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return withRetryAfter(res, () => this.auth.loginWithCode(ctx, dto.mfaToken, dto.code));
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

  @RequirePermission('profile:update')
  @Post('mfa/setup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start setting up MFA (TOTP): asks the password again, answers the new secret once' })
  startMfaSetup(@Ctx() ctx: RequestContext, @Body() dto: MfaSetupDto): Promise<MfaSetup> {
    return this.auth.startMfaSetup(ctx, dto.currentPassword);
  }

  @RequirePermission('profile:update')
  @Post('mfa/enable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn MFA on with a code from the secret being set up' })
  async enableMfa(@Ctx() ctx: RequestContext, @Body() dto: MfaEnableDto): Promise<void> {
    await this.auth.enableMfa(ctx, dto.code);
  }
}
