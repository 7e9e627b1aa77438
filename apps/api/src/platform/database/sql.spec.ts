import { and, join, or, raw, sql } from './sql';

describe('sql tag', () => {
  it('numbers values in order and keeps them out of the text', () => {
    const q = sql`SELECT * FROM t WHERE a = ${1} AND b = ${"x'; DROP TABLE t; --"}`;
    expect(q.text).toBe('SELECT * FROM t WHERE a = $1 AND b = $2');
    expect(q.values).toEqual([1, "x'; DROP TABLE t; --"]);
  });

  it('splices nested fragments and renumbers their values', () => {
    const inner = sql`(x = ${'a'} OR y = ${'b'})`;
    const q = sql`SELECT 1 WHERE z = ${0} AND ${inner} AND w = ${9}`;
    expect(q.text).toBe('SELECT 1 WHERE z = $1 AND (x = $2 OR y = $3) AND w = $4');
    expect(q.values).toEqual([0, 'a', 'b', 9]);
  });

  it('joins, ands and ors fragments, skipping empty ones', () => {
    const parts = [sql`a = ${1}`, raw(''), sql`b = ${2}`];
    expect(join(parts).text).toBe('a = $1, b = $2');
    expect(and(parts).text).toBe('(a = $1) AND (b = $2)');
    expect(or(parts).text).toBe('(a = $1) OR (b = $2)');
    expect(and([]).text).toBe('true');
    expect(or([]).text).toBe('false');
  });

  it('takes raw text only as written, with no values', () => {
    const q = sql`SELECT ${raw('c.id')} FROM case_record c LIMIT ${10}`;
    expect(q.text).toBe('SELECT c.id FROM case_record c LIMIT $1');
    expect(q.values).toEqual([10]);
  });
});
