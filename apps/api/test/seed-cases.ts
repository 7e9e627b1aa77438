import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { FieldCipher } from '../src/platform/crypto/field-cipher';

export interface SeedCase {
  agencyId: string;
  province: string;
  givenNameLo: string;
  familyNameLo?: string;
  latinNames?: string[];
  status?: string;
}

/**
 * Inserts persons and their cases directly (for exports tests and the export benchmark): the
 * identity is encrypted per row with the application's FieldCipher (it is bound to the row id),
 * rows go in with one INSERT … SELECT unnest(…) per table and batch. Returns the case ids in order.
 */
export async function seedCases(
  db: Client,
  cipher: FieldCipher,
  cases: readonly SeedCase[],
  opts: { prefix?: string; batch?: number } = {},
): Promise<string[]> {
  const batch = opts.batch ?? 2000;
  const prefix = opts.prefix ?? 'EX';
  const ids: string[] = [];
  for (let start = 0; start < cases.length; start += batch) {
    const slice = cases.slice(start, start + batch);
    const personIds = slice.map(() => randomUUID());
    const caseIds = slice.map(() => randomUUID());
    const identities = slice.map((c, i) =>
      cipher.encryptJson(
        {
          givenNameLo: c.givenNameLo,
          familyNameLo: c.familyNameLo,
          latinNames: c.latinNames ?? [],
          dateOfBirth: '1999-01-02',
          dobPrecision: 'DAY',
        },
        { table: 'person', column: 'identity_enc', rowId: personIds[i] },
      ),
    );
    await db.query(
      `INSERT INTO person (id, identity_enc, sex, created_by_agency_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[])`,
      [personIds, identities, slice.map(() => 'FEMININE'), slice.map((c) => c.agencyId)],
    );
    await db.query(
      `INSERT INTO case_record (id, case_number, person_id, lead_agency_id, province_code, status, opened_at, exploitation_types)
       SELECT id, num, pid, aid, prov, st, now(), '{LABOUR}' FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS t(id, num, pid, aid, prov, st)`,
      [
        caseIds,
        slice.map((_, i) => `${prefix}-2026-${String(start + i + 1).padStart(6, '0')}`),
        personIds,
        slice.map((c) => c.agencyId),
        slice.map((c) => c.province),
        slice.map((c) => c.status ?? 'OPEN'),
      ],
    );
    ids.push(...caseIds);
  }
  return ids;
}
