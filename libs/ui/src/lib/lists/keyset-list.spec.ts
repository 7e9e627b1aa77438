import { KeysetList, type KeysetPage } from './keyset-list';

/** A fetch that answers from a queue of pages (or errors), and records the cursors it was asked for. */
function source<T>(answers: (KeysetPage<T> | Error)[]) {
  const cursors: (string | null)[] = [];
  const fetch = (cursor: string | null): Promise<KeysetPage<T>> => {
    cursors.push(cursor);
    const next = answers.shift();
    return next instanceof Error || !next ? Promise.reject(next ?? new Error('no page')) : Promise.resolve(next);
  };
  return { fetch, cursors };
}

const describe_ = (e: unknown) => (e instanceof Error ? e.message : 'failed');

describe('KeysetList', () => {
  it('loads the first page, then appends the next from its cursor', async () => {
    const s = source([
      { items: [1, 2], nextCursor: 'c1' },
      { items: [3], nextCursor: null },
    ]);
    const list = new KeysetList<number>(s.fetch, describe_);
    expect(list.loaded()).toBe(false);
    await list.load(true);
    expect(list.items()).toEqual([1, 2]);
    expect(list.cursor()).toBe('c1');
    expect(list.loaded()).toBe(true);
    await list.load(false);
    expect(list.items()).toEqual([1, 2, 3]);
    expect(list.cursor()).toBeNull();
    expect(s.cursors).toEqual([null, 'c1']);
    expect(list.loading()).toBe(false);
  });

  it('empties the list when a first page fails, and words the error', async () => {
    const s = source<number>([{ items: [1], nextCursor: null }, new Error('down')]);
    const list = new KeysetList<number>(s.fetch, describe_);
    await list.load(true);
    await list.load(true);
    expect(list.items()).toEqual([]);
    expect(list.error()).toBe('down');
  });

  it('keeps the rows shown when asked to, and clears the error on the next load', async () => {
    const s = source<number>([{ items: [1], nextCursor: null }, new Error('down'), { items: [2], nextCursor: null }]);
    const list = new KeysetList<number>(s.fetch, describe_, { keepOnError: true });
    await list.load(true);
    await list.load(true);
    expect(list.items()).toEqual([1]);
    expect(list.error()).toBe('down');
    await list.load(true);
    expect(list.items()).toEqual([2]);
    expect(list.error()).toBeNull();
  });
});
