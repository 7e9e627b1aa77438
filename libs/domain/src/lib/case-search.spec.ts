import { asCaseNumber, CASE_LIST_FILTERS } from './case-views';

describe('case search', () => {
  it('tells a case number from a name: trimmed, upper-cased, else null', () => {
    expect(asCaseNumber(' vt-2026-00042 ')).toBe('VT-2026-00042');
    expect(asCaseNumber('BK-2025-00001')).toBe('BK-2025-00001');
    expect(asCaseNumber('at-2021-s0000039')).toBe('AT-2021-S0000039');
    expect(asCaseNumber('VT 2026 00042')).toBeNull();
    expect(asCaseNumber('ນາງ ແກ້ວ')).toBeNull();
    expect(asCaseNumber('Keo Manivong')).toBeNull();
  });

  it('names every list filter once', () => {
    expect(new Set(CASE_LIST_FILTERS).size).toBe(CASE_LIST_FILTERS.length);
  });
});
