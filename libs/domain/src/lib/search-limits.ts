/**
 * Limits of a person search the API and the portal share (decision 0012): the work of a fuzzy name
 * search grows with the words and their length, and a long unbroken "word" cost 16 times a real name.
 */

/** A searched name: at most this many words (split on white space), each at most this long. */
export const MAX_SEARCH_WORDS = 6;
export const MAX_SEARCH_WORD_LENGTH = 40;
export const MAX_SEARCH_NAME_LENGTH = 120;

/** Why this name is too much work to search, or null. A long unbroken "word" costs many times a real name. */
export function searchNameProblem(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const words = v.split(/\s+/).filter((w) => w !== '');
  if (words.length > MAX_SEARCH_WORDS) return `name may hold at most ${MAX_SEARCH_WORDS} words`;
  if (words.some((w) => [...w].length > MAX_SEARCH_WORD_LENGTH))
    return `each word of name may be at most ${MAX_SEARCH_WORD_LENGTH} characters`;
  return null;
}
