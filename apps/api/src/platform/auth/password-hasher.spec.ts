import { argon2Concurrency, argon2MaxQueue, Gate, HasherBusy } from './password-hasher';

describe('argon2Concurrency', () => {
  it('leaves one core to the event loop and the database, at least one', () => {
    expect(argon2Concurrency({}, 2)).toBe(1);
    expect(argon2Concurrency({}, 1)).toBe(1);
    expect(argon2Concurrency({}, 8)).toBe(7);
  });
  it('takes ARGON2_CONCURRENCY when it is a sensible integer', () => {
    expect(argon2Concurrency({ ARGON2_CONCURRENCY: '3' }, 2)).toBe(3);
    expect(argon2Concurrency({ ARGON2_CONCURRENCY: '0' }, 2)).toBe(1);
    expect(argon2Concurrency({ ARGON2_CONCURRENCY: 'many' }, 4)).toBe(3);
  });
});

describe('Gate', () => {
  it('runs at most `size` tasks at once, in arrival order, and survives a failing task', async () => {
    const gate = new Gate(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number, fail = false) =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        order.push(i);
        if (fail) throw new Error(`task ${i}`);
        return i;
      });
    const results = await Promise.allSettled([task(1), task(2, true), task(3), task(4), task(5)]);
    expect(peak).toBe(2);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(order.slice(2)).toEqual([3, 4, 5]);
    expect(gate.queued).toBe(0);
  });
});

describe('Gate bounds', () => {
  it('refuses at once (HasherBusy) when a lane is full, and runs the priority lane first', async () => {
    const gate = new Gate(1, 1, 1);
    let release!: () => void;
    const blocker = gate.run(() => new Promise<void>((r) => (release = r)));
    const order: string[] = [];
    const normal = gate.run(async () => order.push('normal'));
    await expect(gate.run(async () => order.push('too many'))).rejects.toBeInstanceOf(HasherBusy);
    const priority = gate.run(async () => order.push('priority'), { priority: true });
    await expect(gate.run(async () => order.push('too many priority'), { priority: true })).rejects.toBeInstanceOf(
      HasherBusy,
    );
    expect(gate.queued).toBe(2);
    release();
    await Promise.all([blocker, normal, priority]);
    expect(order).toEqual(['priority', 'normal']);
  });

  it('ARGON2_MAX_QUEUE bounds the waiting hashes', () => {
    expect(argon2MaxQueue({})).toBe(8);
    expect(argon2MaxQueue({ ARGON2_MAX_QUEUE: '32' })).toBe(32);
    expect(argon2MaxQueue({ ARGON2_MAX_QUEUE: '0' })).toBe(8);
  });
});
