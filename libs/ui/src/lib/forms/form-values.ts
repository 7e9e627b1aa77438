/** Toggles a value in a list (for checkbox groups), keeping the list's order. */
export function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  const without = list.filter((v) => v !== value);
  return on ? [...without, value] : without;
}

/** Blank strings become undefined, so that an empty field is left out of a request. */
export function blankToUndefined(v: string | null | undefined): string | undefined {
  const s = (v ?? '').trim();
  return s ? s : undefined;
}
