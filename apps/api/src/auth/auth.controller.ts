import { Body, Controller, Get, HttpCode, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { ActivationStart, LoginResponse, MeView, MfaChallenge, MfaSetup, TokenPair } from '@ctms/domain';
import { Ctx, Public, RequirePermission } from '../platform/auth/decorators';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { DEVICE_COOKIE, type RequestContext } from '../platform/http/request-context';
import { Inject } from '@nestjs/common';
import { ActivationService } from './activation.service';
import { AuthService } from './auth.service';
import { THROTTLE_RULES } from './credential-throttle';
import {
  ActivationCompleteDto,
  ActivationStartDto,
  ChangePasswordDto,
  LoginDto,
  LogoutDto,
  MfaEnableDto,
  MfaLoginDto,
  MfaSetupDto,
  RefreshDto,
  UpdateMeDto,
} from './dto/auth.dto';
import { MeService } from './me.service';

/**
 * A browser that signs in gets a device cookie (random, HttpOnly, SameSite=Strict, for /api/v1):
 * the credential throttle spares the account's known clients from the account-wide delay an
 * anonymous burst causes (decision 0011). It is a hint for the throttle, never a credential.
 */
function keepDevice(res: Response, ctx: RequestContext, config: AppConfig): void {
  if (ctx.device) return;
  res.cookie(DEVICE_COOKIE, randomBytes(16).toString('base64url'), {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.env === 'production',
    path: '/api/v1',
    maxAge: THROTTLE_RULES.knownClientDays * 86400_000,
  });
}

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange username and password for tokens, or for an MFA challenge ({mfaRequired, mfaToken}) when the account has MFA; 429 with Retry-After when throttled',
  })
  async login(
    @Ctx() ctx: RequestContext,
    @Body() dto: LoginDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse | MfaChallenge> {
    const out = await this.auth.login(ctx, dto.username, dto.password);
    keepDevice(res, ctx, this.config);
    return out;
  }

  @Public()
  @Post('mfa')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Second step of a login with MFA: the challenge and a current code for the tokens; a code works once',
  })
  async mfa(
    @Ctx() ctx: RequestContext,
    @Body() dto: MfaLoginDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const out = await this.auth.loginWithCode(ctx, dto.mfaToken, dto.code);
    keepDevice(res, ctx, this.config);
    return out;
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
  @ApiOperation({
    summary: 'End the session the access token names (a refresh token in the body is accepted and ignored)',
  })
  async logout(@Ctx() ctx: RequestContext, @Body() _dto: LogoutDto): Promise<void> {
    await this.auth.logout(ctx);
  }
}

/**
 * Account activation (decision 0010): the token from the link's fragment, in a POST body only (a
 * URL may be logged; a body never is).
 */
@ApiTags('auth')
@Controller({ path: 'auth/activation', version: '1' })
@UseGuards(ThrottlerGuard)
export class ActivationController {
  constructor(private readonly activation: ActivationService) {}

  @Public()
  @Post('start')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What the activation link asks of its holder: choose a password; enrol MFA (a secret shown once) or confirm with a code',
  })
  start(@Body() dto: ActivationStartDto): Promise<ActivationStart> {
    return this.activation.start(dto.token);
  }

  @Public()
  @Post('complete')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set one’s own password (and MFA where asked) with the one-time link; then sign in as usual',
  })
  async complete(@Ctx() ctx: RequestContext, @Body() dto: ActivationCompleteDto): Promise<void> {
    await this.activation.complete(ctx, dto.token, dto.newPassword, dto.code);
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
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary:
      'Change one’s password: the current one is checked under the credential throttle (429 when throttled), the new one must differ',
  })
  async changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(ctx, dto.currentPassword, dto.newPassword);
  }

  @RequirePermission('profile:update')
  @Post('mfa/setup')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: 'Start setting up MFA (TOTP): asks the password again (throttled), answers the new secret once',
  })
  startMfaSetup(@Ctx() ctx: RequestContext, @Body() dto: MfaSetupDto): Promise<MfaSetup> {
    return this.auth.startMfaSetup(ctx, dto.currentPassword);
  }

  @RequirePermission('profile:update')
  @Post('mfa/enable')
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Turn MFA on with a code from the secret being set up (throttled)' })
  async enableMfa(@Ctx() ctx: RequestContext, @Body() dto: MfaEnableDto): Promise<void> {
    await this.auth.enableMfa(ctx, dto.code);
  }
}
