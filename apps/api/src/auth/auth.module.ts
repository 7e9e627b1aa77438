import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { redisConnection } from '../platform/queue/queue.module';
import { UsersModule } from '../users/users.module';
import { ActivationRepository } from './activation.repository';
import { ActivationService } from './activation.service';
import { ActivationController, AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialChecker } from './credential-check';
import { CredentialThrottle } from './credential-throttle';
import { FailureLog } from './failure-log';
import { LoginFailureRepository } from './login-failure.repository';
import { MeService } from './me.service';
import { SessionRepository } from './session.repository';
import { TokenIssuer } from './tokens';

/**
 * Sign-in, sessions, the user's own credentials and account activation. Every /auth route and every
 * /me credential route also passes @nestjs/throttler (per client address and route, counted in
 * Redis so that every API process shares it: AUTH_RATE_LIMIT a minute), in front of the
 * per-account credential throttle (decision 0011).
 */
@Module({
  imports: [
    UsersModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.authRateLimit }],
        storage: new ThrottlerStorageRedisService({
          ...redisConnection(config.redisUrl),
          maxRetriesPerRequest: 1,
          keyPrefix: `${config.queuePrefix}:throttle:`,
        }),
      }),
    }),
  ],
  controllers: [AuthController, MeController, ActivationController],
  providers: [
    AuthService,
    MeService,
    CredentialThrottle,
    CredentialChecker,
    TokenIssuer,
    FailureLog,
    ActivationService,
    ActivationRepository,
    SessionRepository,
    LoginFailureRepository,
  ],
})
export class AuthModule {}
