import { redisDurabilityProblems } from './redis-durability';

describe('Redis durability check for production workers', () => {
  const aofOn = '# Persistence\r\nloading:0\r\naof_enabled:1\r\n';
  const aofOff = '# Persistence\r\nloading:0\r\naof_enabled:0\r\n';

  it('accepts noeviction with AOF or with an RDB save schedule', () => {
    expect(redisDurabilityProblems('noeviction', aofOn, '')).toEqual([]);
    expect(redisDurabilityProblems('noeviction', aofOff, '3600 1 300 100')).toEqual([]);
  });

  it('names an evicting policy and missing persistence', () => {
    expect(redisDurabilityProblems('allkeys-lru', aofOn, '')).toEqual([
      'maxmemory-policy is allkeys-lru (need noeviction)',
    ]);
    expect(redisDurabilityProblems('noeviction', aofOff, '')).toEqual([
      'persistence is off (enable appendonly yes or an RDB save schedule)',
    ]);
    expect(redisDurabilityProblems(null, aofOff, null)).toHaveLength(2);
  });
});
