import { TooManyRequests } from './errors';
import { Gate } from './gate';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Gate', () => {
  it('runs at most `concurrency` tasks at once, queues `queue` more in order, and refuses the rest at once', async () => {
    const gate = new Gate(2, 1);
    const release = [deferred(), deferred(), deferred()];
    const order: number[] = [];
    const tasks = release.map((d, i) =>
      gate.run(async () => {
        order.push(i);
        await d.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(gate.load).toEqual({ running: 2, waiting: 1 });
    await expect(gate.run(async () => 99)).rejects.toBeInstanceOf(TooManyRequests);
    release[0].resolve();
    await tasks[0];
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([0, 1, 2]);
    release[1].resolve();
    release[2].resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees its slot when a task fails', async () => {
    const gate = new Gate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'ok')).toBe('ok');
  });
});
