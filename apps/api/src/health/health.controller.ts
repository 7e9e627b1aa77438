import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Inject, Module, VERSION_NEUTRAL } from '@nestjs/common';
import type IORedis from 'ioredis';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { Public } from '../platform/auth/decorators';
import { EVENTS_QUEUE, REDIS } from '../platform/queue/queue.module';

@ApiTags('operations')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectQueue(EVENTS_QUEUE) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      async () => {
        const i = this.indicators.check('redis');
        try {
          const pong = await this.redis.ping();
          return pong === 'PONG' ? i.up() : i.down();
        } catch {
          return i.down();
        }
      },
      async () => {
        const i = this.indicators.check('queue');
        try {
          const counts = await this.queue.getJobCounts('waiting', 'active', 'failed');
          return i.up(counts);
        } catch {
          return i.down();
        }
      },
    ]);
  }
}

@Module({ imports: [TerminusModule], controllers: [HealthController] })
export class HealthModule {}
