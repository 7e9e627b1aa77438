import { csvField, csvLine, neutralise } from './export-format';

describe('export cells', () => {
  it('neutralises every cell a spreadsheet would read as a formula', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', `=cmd|' /C calc'!A0`])
      expect(neutralise(v)).toBe(`'${v}`);
    for (const v of ['ສົມພອນ', 'VT-2026-000001', '2026-01-02T00:00:00.000Z', "'quoted", ' =1'])
      expect(neutralise(v)).toBe(v);
  });

  it('quotes CSV fields with commas, quotes or line breaks, after neutralising', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvLine(['a', null, '-3'])).toBe("a,,'-3\r\n");
  });
});
