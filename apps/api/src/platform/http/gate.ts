import { TooManyRequests } from './errors';

/**
 * A bounded gate for CPU-heavy work in one process: at most `concurrency` tasks run at once,
 * at most `queue` more wait in order, and a task that finds the queue full is refused at once
 * (429) instead of piling up behind the others, so the rest of the API keeps its event loop.
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
    /** seconds a refused caller is asked to wait */
    private readonly retryAfterSeconds = 1,
  ) {
    if (concurrency < 1 || queue < 0) throw new Error('gate: concurrency ≥ 1 and queue ≥ 0');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue)
        throw new TooManyRequests(this.retryAfterSeconds, 'The system is busy; try again in a moment');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes on: `running` stays the same
      else this.running--;
    }
  }

  /** Tasks running and waiting now (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
