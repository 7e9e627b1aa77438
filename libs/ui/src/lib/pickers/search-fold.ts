/** Text folded for searching a pick list: NFC, lower case, no spaces, dashes or punctuation. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\-–—.,'’()/]+/gu, '');
}

export interface PickOption {
  code: string;
  /** the name shown, in the interface language */
  text: string;
  /** every name the option may be found by (both languages, other spellings, the code) */
  keys: readonly string[];
}

/**
 * The options a typed query finds: each key folded, matches at the start first, then anywhere; the
 * whole list when the query is blank. Lao or English finds an option whatever the interface language.
 */
export function searchOptions(options: readonly PickOption[], query: string, limit = 60): PickOption[] {
  const q = foldForSearch(query);
  if (!q) return options.slice(0, limit);
  const starts: PickOption[] = [];
  const contains: PickOption[] = [];
  for (const o of options) {
    const keys = o.keys.map(foldForSearch);
    if (keys.some((k) => k.startsWith(q))) starts.push(o);
    else if (keys.some((k) => k.includes(q))) contains.push(o);
  }
  return [...starts, ...contains].slice(0, limit);
}
