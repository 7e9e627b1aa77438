import { col, table, type RowOf } from './table';

describe('table declarations', () => {
  const t = table('thing', {
    id: col('uuid'),
    n: col('int4'),
    note: col('text').nullable(),
    kind: col('varchar').of<'A' | 'B'>(),
  });

  it('lists its columns for a SELECT under an alias, all or some', () => {
    expect(t.select('x').text).toBe('x.id, x.n, x.note, x.kind');
    expect(t.select('x', ['id', 'kind']).text).toBe('x.id, x.kind');
    expect(t.sql.text).toBe('thing');
  });

  it('derives the row type: nullable columns admit null, narrowed ones their codes', () => {
    const row: RowOf<typeof t> = { id: 'u', n: 1, note: null, kind: 'A' };
    // @ts-expect-error a code outside the narrowed type is refused by the compiler
    const bad: RowOf<typeof t> = { id: 'u', n: 1, note: null, kind: 'C' };
    expect([row.kind, bad.id]).toEqual(['A', 'u']);
    expect(t.columns.note.isNullable).toBe(true);
    expect(t.columns.id.isNullable).toBe(false);
  });

  it('refuses a name or alias that is not a plain identifier', () => {
    expect(() => table('a; DROP TABLE b', {})).toThrow(/plain identifier/);
    expect(() => t.select('x y')).toThrow(/plain identifier/);
  });
});
