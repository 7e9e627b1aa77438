import type { EntityManager } from 'typeorm';

/** Runs an UPDATE (TypeORM answers `[rows, rowCount]` for it) and returns the number of rows changed. */
export async function execUpdate(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result = (await m.query(sql, params)) as [unknown[], number];
  return result[1];
}
