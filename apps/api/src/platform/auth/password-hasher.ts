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

/** A FIFO gate: at most `size` tasks run at once. */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}

@Injectable()
export class PasswordHasher {
  private readonly gate = new Gate(argon2Concurrency());
  /** A hash of a random string, verified against when the account does not exist, so timing tells nothing. */
  private readonly dummy = argon2.hash(`dummy-${Math.random()}-${Date.now()}`, ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return this.gate.run(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    const stored = hash ?? (await this.dummy);
    try {
      return await this.gate.run(() => argon2.verify(stored, password));
    } catch {
      return false;
    }
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  }
}
