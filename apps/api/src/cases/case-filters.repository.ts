import { Injectable } from '@nestjs/common';
import type { CaseListQuery } from '@ctms/domain';
import { ownSavedFilter } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/** A user's saved case-list filters: codes in `filters`, the user's label encrypted (case_saved_filter, label_enc, id). */
export const caseSavedFilterTable = table('case_saved_filter', {
  id: col('uuid'),
  user_id: col('uuid'),
  label_enc: col('text'),
  filters: col('jsonb').of<CaseListQuery>(),
  created_at: col('timestamptz'),
});

export type SavedFilterRow = PickRow<typeof caseSavedFilterTable, 'id' | 'label_enc' | 'filters' | 'created_at'> &
  KeysetRow;

export const savedFilterKeyset = keyset('f.created_at', 'f.id', 'oldest');

/** The statements, pure: case-filters.repository.spec.ts snapshots each one's text. */
export const savedFilterSql = {
  /** The caller's own filters, oldest first. */
  list: (actor: Actor, cursor: string | undefined, limit: number | undefined): Sql =>
    sql`SELECT f.id, f.label_enc, f.filters, f.created_at, ${savedFilterKeyset.key}
          FROM case_saved_filter f
         WHERE ${and([ownSavedFilter(actor, 'f'), savedFilterKeyset.after(cursor)])}
         ORDER BY ${savedFilterKeyset.order} LIMIT ${savedFilterKeyset.limit(limit)}`,

  /** The caller's saves one at a time until commit, so that the count holds. */
  lockOwner: (actor: Actor): Sql =>
    sql`SELECT pg_advisory_xact_lock(hashtext('case_saved_filter:' || ${actor.userId}))`,

  /** How many filters the caller has saved. */
  count: (actor: Actor): Sql =>
    sql`SELECT count(*)::int AS n FROM case_saved_filter f WHERE ${ownSavedFilter(actor, 'f')}`,

  insert: (actor: Actor, id: string, labelEnc: string, filters: CaseListQuery): Sql =>
    sql`INSERT INTO case_saved_filter (id, user_id, label_enc, filters, created_at)
        VALUES (${id}::uuid, ${actor.userId}::uuid, ${labelEnc}, ${JSON.stringify(filters)}::jsonb, clock_timestamp())
        RETURNING id, label_enc, filters, created_at, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS keyset_at`,

  /** Deletes one of the caller's own filters (0 rows: missing or someone else's). */
  delete: (actor: Actor, id: string): Sql =>
    sql`DELETE FROM case_saved_filter f WHERE f.id = ${id}::uuid AND ${ownSavedFilter(actor, 'f')}`,
};

/** Saved filters' data access: the label encrypted and decrypted with its binding. */
@Injectable()
export class CaseFilterRepository {
  constructor(private readonly cipher: FieldCipher) {}

  list(m: Runner, actor: Actor, cursor: string | undefined, limit: number | undefined): Promise<SavedFilterRow[]> {
    return select<SavedFilterRow>(m, savedFilterSql.list(actor, cursor, limit));
  }

  async lockOwner(m: Runner, actor: Actor): Promise<void> {
    await select(m, savedFilterSql.lockOwner(actor));
  }

  async count(m: Runner, actor: Actor): Promise<number> {
    return (await selectOne<{ n: number }>(m, savedFilterSql.count(actor)))?.n ?? 0;
  }

  async insert(m: Runner, actor: Actor, id: string, label: string, filters: CaseListQuery): Promise<SavedFilterRow> {
    const labelEnc = this.cipher.encrypt(label, { table: 'case_saved_filter', column: 'label_enc', rowId: id });
    const row = await selectOne<SavedFilterRow>(m, savedFilterSql.insert(actor, id, labelEnc, filters));
    if (!row) throw new Error('case_saved_filter insert returned no row');
    return row;
  }

  async delete(m: Runner, actor: Actor, id: string): Promise<boolean> {
    return (await exec(m, savedFilterSql.delete(actor, id))) === 1;
  }

  label(row: SavedFilterRow): string {
    return this.cipher.decrypt(row.label_enc, { table: 'case_saved_filter', column: 'label_enc', rowId: row.id });
  }
}
