import { Controller, Get, HttpCode, Inject, Module, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../platform/auth/decorators';
import { REDIS } from '../platform/queue/queue.module';

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Public health: up or down, nothing else (decision 0011). It checks that PostgreSQL and Redis
 * answer, but tells a caller neither which one failed nor any queue count.
 */
@ApiTags('operations')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: '{status: "up"} (200) or {status: "down"} (503)' })
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: 'up' | 'down' }> {
    try {
      await within(2000, this.ds.query('SELECT 1'));
      if ((await within(2000, this.redis.ping())) !== 'PONG') throw new Error('redis');
      return { status: 'up' };
    } catch {
      res.status(503);
      return { status: 'down' };
    }
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
