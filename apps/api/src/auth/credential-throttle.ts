import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { REDIS } from '../platform/queue/queue.module';

/**
 * Throttling of every check of a password or a code (login, the MFA step, /me credential routes,
 * account activation), by reservation, in Redis so that every API process shares it (decision 0011).
 *
 * An attempt first RESERVES its slot, atomically (one Lua script), before any hash or code is
 * checked; the result is then recorded. Three scopes count failures over the trailing hour:
 *   pair     (account, client)   5 free, then 2^(n-5) s after the last failure (≤ 60 s), ≤ 100 an hour
 *   account  (all clients)       the same, but NOT applied to a client the owner has signed in from
 *                                before (a "known client"): an anonymous burst cannot lock the owner out
 *   client   (all accounts)      20 free, then the same progression, ≤ 300 an hour (spraying)
 * and at most one verification per account is in flight at any time (a short lock).
 *
 * A client is the request's address and, when the browser has one, the device cookie set at a
 * successful sign-in; both are kept only as keyed hashes (no address, no username in Redis).
 */
export const THROTTLE_RULES = {
  pair: { free: 5, ceiling: 100, maxDelaySeconds: 60 },
  account: { free: 5, ceiling: 100, maxDelaySeconds: 60 },
  client: { free: 20, ceiling: 300, maxDelaySeconds: 60 },
  windowSeconds: 3600,
  inFlightMs: 15_000,
  /**
   * A known client's attempt that finds another client's verification of the account in flight
   * waits for it (polling) this long instead of being refused: an anonymous burst's guess holds the
   * one slot for as long as argon2's queue makes it wait, and the owner must not get a 429 for it.
   */
  knownClientWaitMs: 3_000,
  knownClientDays: 90,
} as const;

/** The wait the progressive rule imposes, as a pure function (the Lua script does the same). */
export function progressiveWaitMs(
  failures: number,
  lastFailureMs: number | null,
  oldestFailureMs: number | null,
  nowMs: number,
  rule: { free: number; ceiling: number; maxDelaySeconds: number },
  windowMs = THROTTLE_RULES.windowSeconds * 1000,
): number {
  if (failures >= rule.ceiling && oldestFailureMs !== null) return Math.max(1000, oldestFailureMs + windowMs - nowMs);
  if (failures < rule.free || lastFailureMs === null) return 0;
  const delay = Math.min(2 ** (failures - rule.free), rule.maxDelaySeconds) * 1000;
  return Math.max(0, lastFailureMs + delay - nowMs);
}

/** 429 with Retry-After (seconds): a throttled attempt, a verification already in flight, or a full argon2 queue. */
export class TooManyAttempts extends HttpException {
  constructor(public readonly retryAfterSeconds: number) {
    super('Too many failed attempts; try again later', HttpStatus.TOO_MANY_REQUESTS);
  }
}

export type RefusalReason = 'THROTTLED' | 'IN_FLIGHT' | 'BUSY';

/** What a reservation decided. */
export type Reservation =
  | { ok: true; accountKey: string; clientKey: string; deviceKey: string | null; known: boolean; lock: string }
  | { ok: false; accountKey: string; reason: RefusalReason; retryAfterSeconds: number };

/** Who is attempting: the account's name as typed (normalised) and the client. */
export interface Attempt {
  /** the normalised username the attempt names (whether or not the account exists) */
  username: string;
  /** the request's address (req.ip) */
  ip: string | null;
  /** the device cookie, if the browser sent one */
  device: string | null;
}

// KEYS: pair, account, client, inflight, known ; ARGV: now, window, rules (9), ipKey, deviceKey, lock, inflightMs
const RESERVE = `
local now = tonumber(ARGV[1])
local win = tonumber(ARGV[2])
local function wait(key, free, ceiling, maxDelay)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - win)
  local n = redis.call('ZCARD', key)
  if n == 0 then return 0 end
  if n >= ceiling then
    local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
    return math.max(1000, oldest + win - now)
  end
  if n < free then return 0 end
  local last = tonumber(redis.call('ZREVRANGE', key, 0, 0, 'WITHSCORES')[2])
  local delay = math.min(2 ^ (n - free), maxDelay) * 1000
  return math.max(0, last + delay - now)
end
local known = redis.call('SISMEMBER', KEYS[5], ARGV[12]) == 1
if ARGV[13] ~= '' and redis.call('SISMEMBER', KEYS[5], ARGV[13]) == 1 then known = true end
local w = wait(KEYS[1], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]))
if not known then w = math.max(w, wait(KEYS[2], tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]))) end
w = math.max(w, wait(KEYS[3], tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11])))
if w > 0 then return {0, w, 'THROTTLED', known and 1 or 0} end
if not redis.call('SET', KEYS[4], ARGV[14], 'NX', 'PX', tonumber(ARGV[15])) then return {0, 1000, 'IN_FLIGHT', known and 1 or 0} end
return {1, 0, '', known and 1 or 0}
`;

// KEYS: pair, account, client, inflight ; ARGV: now, member, ttlSeconds, lock
const FAILED = `
for i = 1, 3 do
  redis.call('ZADD', KEYS[i], tonumber(ARGV[1]), ARGV[2])
  redis.call('EXPIRE', KEYS[i], tonumber(ARGV[3]))
end
if redis.call('GET', KEYS[4]) == ARGV[4] then redis.call('DEL', KEYS[4]) end
return 1
`;

// KEYS: pair, inflight, known ; ARGV: lock, ipKey, deviceKey, knownTtlSeconds
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('SADD', KEYS[3], ARGV[2])
if ARGV[3] ~= '' then redis.call('SADD', KEYS[3], ARGV[3]) end
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[4]))
return 1
`;

// KEYS: pair, inflight ; ARGV: lock
const FORGET_PAIR = `
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1
`;

// KEYS: inflight ; ARGV: lock
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

@Injectable()
export class CredentialThrottle {
  /** attempts that got a slot (and so were verified) and attempts refused, since the process started: for tests and benchmarks */
  readonly stats = { reserved: 0, refused: 0 };
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:cred`;
  }

  /** The keyed hash under which an account's throttle (and its failure log) is kept: never the username itself. */
  accountKey(username: string): string {
    return this.cipher.blindIndex(username, 'auth.username') ?? 'empty';
  }

  private clientKey(ip: string | null): string {
    return this.cipher.blindIndex(ip ?? 'unknown', 'auth.client') ?? 'unknown';
  }

  private deviceKey(device: string | null): string | null {
    return device ? this.cipher.blindIndex(device, 'auth.device') : null;
  }

  private keys(accountKey: string, clientKey: string) {
    const p = this.prefix;
    return {
      pair: `${p}:p:${accountKey}:${clientKey}`,
      account: `${p}:a:${accountKey}`,
      client: `${p}:c:${clientKey}`,
      inflight: `${p}:f:${accountKey}`,
      known: `${p}:k:${accountKey}`,
    };
  }

  /** Takes the attempt's slot before anything is verified, or says why not (and for how long). */
  async reserve(a: Attempt): Promise<Reservation> {
    const accountKey = this.accountKey(a.username);
    const clientKey = this.clientKey(a.ip);
    const deviceKey = this.deviceKey(a.device);
    const k = this.keys(accountKey, clientKey);
    const lock = randomBytes(12).toString('base64url');
    const r = THROTTLE_RULES;
    const deadline = Date.now() + r.knownClientWaitMs;
    for (;;) {
      const out = await this.tryReserve(k, clientKey, deviceKey, lock);
      if (out[0] === 1) {
        this.stats.reserved++;
        return { ok: true, accountKey, clientKey, deviceKey, known: out[3] === 1, lock };
      }
      // the owner's known client waits for another client's verification to end; everyone else is refused at once
      if (out[2] === 'IN_FLIGHT' && out[3] === 1 && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 25));
        continue;
      }
      this.stats.refused++;
      return {
        ok: false,
        accountKey,
        reason: out[2] as RefusalReason,
        retryAfterSeconds: Math.max(1, Math.ceil(Number(out[1]) / 1000)),
      };
    }
  }

  private async tryReserve(
    k: ReturnType<CredentialThrottle['keys']>,
    clientKey: string,
    deviceKey: string | null,
    lock: string,
  ): Promise<[number, number, string, number]> {
    const r = THROTTLE_RULES;
    return (await this.redis.eval(
      RESERVE,
      5,
      k.pair,
      k.account,
      k.client,
      k.inflight,
      k.known,
      Date.now(),
      r.windowSeconds * 1000,
      r.pair.free,
      r.pair.ceiling,
      r.pair.maxDelaySeconds,
      r.account.free,
      r.account.ceiling,
      r.account.maxDelaySeconds,
      r.client.free,
      r.client.ceiling,
      r.client.maxDelaySeconds,
      clientKey,
      deviceKey ?? '',
      lock,
      r.inFlightMs,
    )) as [number, number, string, number];
  }

  /** The verification failed: it counts in every scope, and the slot is freed. */
  async failed(res: Extract<Reservation, { ok: true }>): Promise<void> {
    const k = this.keys(res.accountKey, res.clientKey);
    const now = Date.now();
    await this.redis.eval(
      FAILED,
      4,
      k.pair,
      k.account,
      k.client,
      k.inflight,
      now,
      `${now}:${randomBytes(6).toString('base64url')}`,
      THROTTLE_RULES.windowSeconds,
      res.lock,
    );
  }

  /**
   * The verification passed: the pair's failures are forgotten and, after a full sign-in
   * (`markKnown`: not the password step of an MFA account, not a /me check), the client becomes
   * known to the account.
   */
  async succeeded(res: Extract<Reservation, { ok: true }>, markKnown: boolean): Promise<void> {
    const k = this.keys(res.accountKey, res.clientKey);
    if (markKnown)
      await this.redis.eval(
        SUCCEEDED,
        3,
        k.pair,
        k.inflight,
        k.known,
        res.lock,
        res.clientKey,
        res.deviceKey ?? '',
        THROTTLE_RULES.knownClientDays * 86400,
      );
    else await this.redis.eval(FORGET_PAIR, 2, k.pair, k.inflight, res.lock);
  }

  /** Nothing was verified after all (the argon2 queue was full, the account was not in a state to check): the slot is freed uncounted. */
  async release(res: Extract<Reservation, { ok: true }>): Promise<void> {
    const k = this.keys(res.accountKey, res.clientKey);
    await this.redis.eval(RELEASE, 1, k.inflight, res.lock);
  }
}
