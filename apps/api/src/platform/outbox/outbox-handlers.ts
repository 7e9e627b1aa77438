import { Injectable } from '@nestjs/common';

/** What a handler receives: the outbox row (ids and codes only) and where this attempt stands. */
export interface OutboxJob {
  outboxId: string;
  kind: string;
  payload: Record<string, unknown>;
  /** 1 for the first attempt */
  attempt: number;
  /** no retry follows if this attempt fails */
  lastAttempt: boolean;
}

/**
 * A handler carries out one side effect. It must be idempotent: it may run again after a crash or
 * a lost Redis (use a unique key per side effect, e.g. ON CONFLICT DO NOTHING on (outbox_id, …)).
 * Throw to retry with backoff; throw `PermanentJobError` to go straight to the dead-letter state.
 */
export type OutboxHandler = (job: OutboxJob) => Promise<void>;

export class PermanentJobError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'PermanentJobError';
  }
}

/**
 * Which handler runs each outbox kind. Feature modules register theirs in `onModuleInit`
 * (`handlers.register('export.requested', (job) => …)`); the worker dispatches by kind.
 */
@Injectable()
export class OutboxHandlers {
  private readonly map = new Map<string, OutboxHandler>();

  register(kind: string, handler: OutboxHandler): void {
    if (this.map.has(kind)) throw new Error(`a handler for ${kind} is registered already`);
    this.map.set(kind, handler);
  }

  get(kind: string): OutboxHandler | undefined {
    return this.map.get(kind);
  }

  kinds(): string[] {
    return [...this.map.keys()].sort();
  }
}
