import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { availableParallelism } from 'node:os';

/** argon2id with the OWASP minimum: m = 19 MiB, t = 2, p = 1. argon2 hashes on libuv's thread pool. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * How many argon2 computations may run at once. libuv's pool has 4 threads; on a 2-core machine
 * four hashes at once take both cores from the event loop and PostgreSQL, and every other endpoint
 * slows down during a login burst. One core's worth less than the machine keeps the rest
 * responsive; logins queue (FIFO) instead. `ARGON2_CONCURRENCY` overrides.
 */
export function argon2Concurrency(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const n = Number(env['ARGON2_CONCURRENCY']);
  if (Number.isInteger(n) && n >= 1 && n <= 64) return n;
  return Math.max(1, cores - 1);
}

/**
 * How many argon2 computations may WAIT (decision 0011): a flood must not queue hashes without
 * bound (300 anonymous logins once slowed a real one from 33 ms to 7 s); past this the attempt is
 * refused at once (429). `ARGON2_MAX_QUEUE` overrides; the priority lane (clients known to the
 * account, signed-in users, activation) may wait four times as many.
 */
export function argon2MaxQueue(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env['ARGON2_MAX_QUEUE']);
  if (Number.isInteger(n) && n >= 1 && n <= 10_000) return n;
  return 8;
}

/** The queue of argon2 work is full: nothing was computed. */
export class HasherBusy extends Error {
  constructor() {
    super('argon2 queue full');
    this.name = 'HasherBusy';
  }
}

/**
 * A gate: at most `size` tasks run at once; waiting tasks run in arrival order, the priority lane
 * first. Each lane has a bound on waiting tasks; past it `run` throws HasherBusy at once.
 */
export class Gate {
  private running = 0;
  private readonly waiting: { priority: (() => void)[]; normal: (() => void)[] } = { priority: [], normal: [] };

  constructor(
    private readonly size: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
    private readonly maxPriorityWaiting = Number.POSITIVE_INFINITY,
  ) {}

  async run<T>(task: () => Promise<T>, opts: { priority?: boolean } = {}): Promise<T> {
    if (this.running >= this.size) {
      const lane = opts.priority ? this.waiting.priority : this.waiting.normal;
      if (lane.length >= (opts.priority ? this.maxPriorityWaiting : this.maxWaiting)) throw new HasherBusy();
      await new Promise<void>((resolve) => lane.push(resolve));
    } else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.priority.shift() ?? this.waiting.normal.shift();
      if (next) next();
      else this.running--;
    }
  }

  get queued(): number {
    return this.waiting.priority.length + this.waiting.normal.length;
  }
}

@Injectable()
export class PasswordHasher {
  private readonly gate = new Gate(argon2Concurrency(), argon2MaxQueue(), argon2MaxQueue() * 4);
  /** A hash of a random string, verified against when the account does not exist, so timing tells nothing. */
  private readonly dummy = argon2.hash(`dummy-${Math.random()}-${Date.now()}`, ARGON2_OPTIONS);
  /** argon2 verifications actually computed since the process started (tests and benchmarks count them) */
  verifications = 0;

  /** Hashes a new password (priority lane: only signed-in users and activation links set passwords). */
  hash(password: string): Promise<string> {
    return this.gate.run(() => argon2.hash(password, ARGON2_OPTIONS), { priority: true });
  }

  /** Throws HasherBusy when the lane's queue is full (nothing computed). */
  async verify(hash: string | null, password: string, opts: { priority?: boolean } = {}): Promise<boolean> {
    const stored = hash ?? (await this.dummy);
    return this.gate.run(async () => {
      this.verifications++;
      try {
        return await argon2.verify(stored, password);
      } catch {
        return false;
      }
    }, opts);
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  }
}
