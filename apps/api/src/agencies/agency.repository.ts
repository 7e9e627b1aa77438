import { Injectable } from '@nestjs/common';
import type { AgencyCapability, AgencyType } from '@ctms/domain';
import { exec, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type RowOf } from '../platform/database/table';

/** An agency; `code` is its stable key (UQ_agency_code), never changed after creation. */
export const agencyTable = table('agency', {
  id: col('uuid'),
  code: col('varchar'),
  name_lo: col('varchar'),
  name_en: col('varchar'),
  type: col('varchar').of<AgencyType>(),
  capabilities: col('_text').of<AgencyCapability[]>(),
  /** codes of the service_type reference table */
  service_types: col('_text'),
  /** province codes covered */
  provinces: col('_text'),
  active: col('bool'),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});
export type AgencyRow = RowOf<typeof agencyTable>;

/** What an administrator may change of an agency. */
export type AgencyChanges = Partial<
  Pick<AgencyRow, 'name_lo' | 'name_en' | 'type' | 'capabilities' | 'service_types' | 'provinces' | 'active'>
>;

const COLUMNS = agencyTable.select('a');

/** The statements, pure: agency.repository.spec.ts snapshots each one. */
export const agencySql = {
  list: (afterCode: string | null, limit: number): Sql =>
    sql`SELECT ${COLUMNS} FROM agency a WHERE ${afterCode === null ? sql`true` : sql`a.code > ${afterCode}`} ORDER BY a.code ASC LIMIT ${limit}`,
  load: (id: string, lock: boolean): Sql =>
    sql`SELECT ${COLUMNS} FROM agency a WHERE a.id = ${id}::uuid${lock ? sql` FOR UPDATE` : sql``}`,
  loadActive: (id: string): Sql => sql`SELECT ${COLUMNS} FROM agency a WHERE a.id = ${id}::uuid AND a.active`,
  insert: (
    a: Pick<AgencyRow, 'code' | 'name_lo' | 'name_en' | 'type' | 'capabilities' | 'service_types' | 'provinces'>,
  ): Sql =>
    sql`INSERT INTO agency (code, name_lo, name_en, type, capabilities, service_types, provinces)
        VALUES (${a.code}, ${a.name_lo}, ${a.name_en}, ${a.type}, ${a.capabilities}, ${a.service_types}, ${a.provinces})
        ON CONFLICT (code) DO NOTHING
        RETURNING id`,
  update: (id: string, version: number, changes: AgencyChanges): Sql =>
    sql`UPDATE agency SET ${agencyTable.set(changes)}, version = version + 1, updated_at = now() WHERE id = ${id}::uuid AND version = ${version}`,
};

/** Agencies: the administration's reads and writes. */
@Injectable()
export class AgencyRepository {
  list(m: Runner, afterCode: string | null, limit: number): Promise<AgencyRow[]> {
    return select<AgencyRow>(m, agencySql.list(afterCode, limit));
  }

  load(m: Runner, id: string, lock = false): Promise<AgencyRow | undefined> {
    return selectOne<AgencyRow>(m, agencySql.load(id, lock));
  }

  loadActive(m: Runner, id: string): Promise<AgencyRow | undefined> {
    return selectOne<AgencyRow>(m, agencySql.loadActive(id));
  }

  /** The new agency's id, or null when the code is taken. */
  async insert(m: Runner, a: Parameters<typeof agencySql.insert>[0]): Promise<string | null> {
    return (await selectOne<{ id: string }>(m, agencySql.insert(a)))?.id ?? null;
  }

  /** A versioned update: how many rows changed (0: someone changed it first). */
  update(m: Runner, id: string, version: number, changes: AgencyChanges): Promise<number> {
    return exec(m, agencySql.update(id, version, changes));
  }
}
