import { foldForSearch, searchOptions, type PickOption } from './search-fold';

const OPTIONS: PickOption[] = [
  { code: 'lo', text: 'ລາວ', keys: ['ລາວ', 'Lao', 'lo'] },
  { code: 'th', text: 'ໄທ', keys: ['ໄທ', 'Thai', 'th'] },
  { code: 'blt', text: 'ໄທດຳ', keys: ['ໄທດຳ', 'Tai Dam', 'blt'] },
];

describe('searchOptions', () => {
  it('finds Lao or English whatever the interface language, matches at the start first', () => {
    expect(searchOptions(OPTIONS, 'ລາວ').map((o) => o.code)).toEqual(['lo']);
    expect(searchOptions(OPTIONS, 'thai').map((o) => o.code)).toEqual(['th']);
    expect(searchOptions(OPTIONS, 'ໄທ').map((o) => o.code)).toEqual(['th', 'blt']);
    expect(searchOptions(OPTIONS, 'dam').map((o) => o.code)).toEqual(['blt']);
    expect(searchOptions(OPTIONS, '  ').map((o) => o.code)).toEqual(['lo', 'th', 'blt']);
  });

  it('ignores case, spaces and dashes', () => {
    expect(foldForSearch(' Tai-Dam ')).toBe('taidam');
    expect(searchOptions(OPTIONS, 'TAI DAM').map((o) => o.code)).toEqual(['blt']);
  });
});
