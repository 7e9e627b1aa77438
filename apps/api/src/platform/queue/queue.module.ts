import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';

export const EVENTS_QUEUE = 'events';
export const REDIS = Symbol('REDIS');

export function redisConnection(redisUrl: string) {
  const u = new URL(redisUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** BullMQ on the configured Redis. Queue payloads carry ids only, never personal data. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: redisConnection(config.redisUrl), prefix: config.queuePrefix }),
    }),
    BullModule.registerQueue({ name: EVENTS_QUEUE }),
  ],
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new IORedis({ ...redisConnection(config.redisUrl), lazyConnect: true, maxRetriesPerRequest: 1 }),
    },
  ],
  exports: [BullModule, REDIS],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: IORedis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end') this.redis.disconnect();
  }
}
