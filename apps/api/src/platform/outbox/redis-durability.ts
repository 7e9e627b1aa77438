import type IORedis from 'ioredis';

/**
 * What production needs from Redis so that queued jobs are not silently dropped: no eviction
 * (a full Redis refuses writes instead of deleting jobs) and persistence (AOF or RDB snapshots).
 * Returns the problems, empty when Redis is fit. Pure, for the unit tests.
 */
export function redisDurabilityProblems(
  maxmemoryPolicy: string | null,
  persistenceInfo: string,
  rdbSave: string | null,
): string[] {
  const problems: string[] = [];
  if (maxmemoryPolicy !== 'noeviction')
    problems.push(`maxmemory-policy is ${maxmemoryPolicy ?? 'unknown'} (need noeviction)`);
  const aof = /^aof_enabled:(\d+)/m.exec(persistenceInfo)?.[1] === '1';
  const rdb = !!rdbSave && rdbSave.trim() !== '';
  if (!aof && !rdb) problems.push('persistence is off (enable appendonly yes or an RDB save schedule)');
  return problems;
}

/** Asks Redis (CONFIG GET, INFO persistence); a Redis that refuses CONFIG counts as unknown. */
export async function checkRedisDurability(redis: IORedis): Promise<string[]> {
  const configGet = async (key: string): Promise<string | null> => {
    try {
      const r = await redis.call('CONFIG', 'GET', key);
      return Array.isArray(r) && typeof r[1] === 'string' ? r[1] : null;
    } catch {
      return null;
    }
  };
  const policy = await configGet('maxmemory-policy');
  const save = await configGet('save');
  const info = await redis.info('persistence');
  return redisDurabilityProblems(policy, info, save);
}
