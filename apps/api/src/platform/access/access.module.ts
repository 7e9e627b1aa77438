import { Global, Module } from '@nestjs/common';
import { RateLimiter } from '../http/rate-limit';
import { AccessService } from './access.service';

/** The access layer (AccessService resolves request ids) and the per-user rate limiter, for every feature. */
@Global()
@Module({ providers: [AccessService, RateLimiter], exports: [AccessService, RateLimiter] })
export class AccessModule {}
