import { loadConfig, type AppConfig } from '../../apps/api/src/platform/config/config';
import type { RateLimiter } from '../../apps/api/src/platform/http/rate-limit';
import { syntheticEnv } from './db';

/**
 * What the benchmarks hand the real services they construct outside Nest: the application's
 * configuration for a synthetic production run, and no per-user rate limit (one bench user asks
 * every query; the limit is measured by its own test, not by the benchmark).
 */
export function benchConfig(): AppConfig {
  return loadConfig({
    ...syntheticEnv(),
    NODE_ENV: 'production',
    ATTACHMENTS_DIR: '/tmp/ctms-bench-unused',
    DEMO_PASSWORD: '',
  });
}

export const UNLIMITED = { take: async () => undefined } as unknown as RateLimiter;
