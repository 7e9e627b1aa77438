import { unknownCodes, type CodeTable } from '../reference/reference.repository';
import type { Runner } from '../platform/database/sql';
import { Conflict, ValidationFailed } from '../platform/http/errors';

/** Refuses codes that are not in a reference table, naming the field and the codes. */
export async function checkCodesExist(
  m: Runner,
  table: CodeTable,
  field: string,
  codes: readonly string[],
): Promise<void> {
  if (!codes.length) return;
  const unknown = await unknownCodes(m, table, codes);
  if (unknown.length) throw new ValidationFailed([{ field, problems: [`unknown code(s): ${unknown.join(', ')}`] }]);
}

export const staleVersion = () =>
  new Conflict('STALE_VERSION', 'Someone else changed this record; reload it and try again');

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
