import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS } from '../queue/queue.module';
import { TooManyRequests } from './errors';

/**
 * A fixed-window counter per key in Redis, shared by every API process: the first request of a
 * window sets its expiry, every request counts atomically (one Lua call), and a request past the
 * limit is refused with the seconds left in the window. Keys carry ids, never personal data.
 */
const TAKE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {n, ttl}`;

@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one request against `key`; past `limit` in `windowSeconds`, throws 429 with Retry-After. */
  async take(key: string, limit: number, windowSeconds: number): Promise<void> {
    const [n, ttl] = (await this.redis.eval(
      TAKE,
      1,
      `${this.config.queuePrefix}:rl:${key}`,
      String(windowSeconds * 1000),
    )) as [number, number];
    if (n > limit) throw new TooManyRequests(ttl > 0 ? ttl / 1000 : windowSeconds);
  }
}
