import { MAX_SEARCH_WORD_LENGTH, MAX_SEARCH_WORDS, searchNameProblem } from './search-limits';

describe('person search limits', () => {
  it('takes real names in Lao script and Latin letters', () => {
    expect(searchNameProblem('ນາງແກ້ວມະນີວົງສີສຸວັນ')).toBeNull();
    expect(searchNameProblem('Keo Manivong  Phommachak')).toBeNull();
  });
  it('refuses too many words and words too long, counting characters not UTF-16 units', () => {
    expect(searchNameProblem(Array.from({ length: MAX_SEARCH_WORDS + 1 }, () => 'a').join(' '))).toBe(
      `name may hold at most ${MAX_SEARCH_WORDS} words`,
    );
    expect(searchNameProblem('x'.repeat(MAX_SEARCH_WORD_LENGTH + 1))).toBe(
      `each word of name may be at most ${MAX_SEARCH_WORD_LENGTH} characters`,
    );
    expect(searchNameProblem('😀'.repeat(MAX_SEARCH_WORD_LENGTH))).toBeNull();
  });
});
