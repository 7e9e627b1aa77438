import { inputProblems, InputHygienePipe, MAX_INPUT_DEPTH, MAX_INPUT_VALUES, textProblem } from './input-hygiene';
import { ValidationFailed } from './errors';

function nested(depth: number, leaf: unknown = 'x'): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('input hygiene', () => {
  it('accepts ordinary input, Lao script, emoji (surrogate pairs) and control characters other than NUL', () => {
    expect(inputProblems({ name: 'ນາງແກ້ວ 😀', list: ['a\tb', 'c\nd'], n: 1, b: true, z: null })).toEqual([]);
    expect(textProblem('😀')).toBeNull();
  });

  it('names the field of a NUL byte or a lone surrogate, in strings and in property names', () => {
    expect(inputProblems({ bioData: { givenNameLo: 'a\u0000b' } })).toEqual([
      { field: 'bioData.givenNameLo', problems: ['must not contain a NUL byte (U+0000)'] },
    ]);
    expect(inputProblems({ docs: [{ number: 'x\ud800' }] })).toEqual([
      { field: 'docs.0.number', problems: ['must not contain a lone UTF-16 surrogate (invalid Unicode)'] },
    ]);
    expect(inputProblems({ a: '\udc00x' })[0]?.field).toBe('a');
    expect(inputProblems({ ['k\u0000']: 1 })).toEqual([
      { field: 'k\ufffd', problems: ['property name must not contain a NUL byte (U+0000)'] },
    ]);
    expect(inputProblems('a\u0000', 'id')).toEqual([
      { field: 'id', problems: ['must not contain a NUL byte (U+0000)'] },
    ]);
  });

  it('refuses __proto__, constructor and prototype keys at any depth', () => {
    const body = JSON.parse('{"a":{"__proto__":{"admin":true}},"constructor":{"prototype":{}}}');
    const fields = inputProblems(body)
      .map((p) => p.field)
      .sort();
    expect(fields).toEqual(['a.__proto__', 'constructor']);
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels and walks 100,000 levels without recursion`, () => {
    expect(inputProblems(nested(MAX_INPUT_DEPTH))).toEqual([]);
    const deep = inputProblems(nested(MAX_INPUT_DEPTH + 1));
    expect(deep).toHaveLength(1);
    expect(deep[0]?.problems).toEqual([`nests deeper than ${MAX_INPUT_DEPTH} levels`]);
    const arr = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const p = inputProblems(arr);
    expect(p).toHaveLength(1);
    expect(p[0]?.field.split('.')).toHaveLength(MAX_INPUT_DEPTH);
  });

  it(`refuses more than ${MAX_INPUT_VALUES} values in all, wide or long`, () => {
    const wide = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
    expect(inputProblems(wide)).toEqual([{ field: 'body', problems: [`holds more than ${MAX_INPUT_VALUES} values`] }]);
    expect(inputProblems({ a: Array.from({ length: MAX_INPUT_VALUES }, () => ({})) })[0]?.problems).toEqual([
      `holds more than ${MAX_INPUT_VALUES} values`,
    ]);
    expect(inputProblems({ a: Array.from({ length: MAX_INPUT_VALUES - 2 }, () => 1) })).toEqual([]);
  });

  it('reports at most 20 problems', () => {
    expect(inputProblems(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });

  it('the pipe throws the one 400 for body, query and path parameters, and leaves custom parameters alone', () => {
    const pipe = new InputHygienePipe();
    expect(() => pipe.transform({ reason: '\u0000' }, { type: 'body' })).toThrow(ValidationFailed);
    expect(() => pipe.transform('\u0000', { type: 'param', data: 'id' })).toThrow(ValidationFailed);
    expect(() => pipe.transform({ status: '\u0000' }, { type: 'query' })).toThrow(ValidationFailed);
    expect(pipe.transform({ weird: '\u0000' }, { type: 'custom' })).toEqual({ weird: '\u0000' });
    try {
      pipe.transform({ reason: 'ok\u0000' }, { type: 'body' });
    } catch (e) {
      expect((e as ValidationFailed).details).toEqual([
        { field: 'reason', problems: ['must not contain a NUL byte (U+0000)'] },
      ]);
    }
  });
});
