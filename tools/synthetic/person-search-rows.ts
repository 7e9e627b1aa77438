/**
 * Person search rows for the synthetic generator (issue 7, person search; owner: persons).
 *
 * Since migration SpeedUpPersonSearch the search needs, per person:
 *   - `name_bidx` to also hold the blind index of each WORD of the Latin names and Latin previous
 *     names (name-index.ts `latinWordKeys`, part of `identityKeys`): "Noy Keovong" meets Souksavanh
 *     Keovong (nickname Noy) through the pair of word keys noi + keovong;
 *   - fresh statistics of `person.name_grams` (pg_stats, statistics target 1000) to pick rare grams.
 * There is no new column or table. `encode.ts` `cachedSearchColumns()` derives its keys with
 * `identityKeys()`, so freshly generated rows already carry the word keys; `personSearchColumns()`
 * below is the same computation for any other writer. `backfillPersonSearchColumns()` rewrites the
 * search columns of persons written before this change (a database seeded earlier), and
 * `refreshPersonSearchStatistics()` re-reads the gram statistics; call both after a load:
 *
 *   await backfillPersonSearchColumns(client, cipher);   // only for databases seeded before
 *   await refreshPersonSearchStatistics(client);        // after the load (VACUUM ANALYZE does it too)
 */
import type { PersonIdentityInput } from '@ctms/domain';
import type { ClientBase } from 'pg';
import type { FieldCipher } from '../../apps/api/src/platform/crypto/field-cipher';
import { searchColumns, type PersonSearchColumns } from '../../apps/api/src/persons/name-index';

/** The search columns of one person, exactly as the API's PersonWriter computes them. */
export function personSearchColumns(cipher: FieldCipher, identity: PersonIdentityInput): PersonSearchColumns {
  return searchColumns(cipher, identity);
}

/**
 * Recomputes `name_grams` and `name_bidx` of every person from its encrypted identity (keyset
 * batches by id, one UPDATE … FROM unnest per batch). Contact-derived `phone_bidx` and the documents
 * do not change and are left alone. Returns the number of persons rewritten.
 */
export async function backfillPersonSearchColumns(
  client: ClientBase,
  cipher: FieldCipher,
  batch = 2000,
): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const rows = (
      await client.query<{ id: string; identity_enc: string }>(
        `SELECT id, identity_enc FROM person WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, batch],
      )
    ).rows;
    if (rows.length === 0) return total;
    const ids: string[] = [];
    const grams: string[] = [];
    const bidx: string[] = [];
    for (const r of rows) {
      const identity = cipher.decryptJson<PersonIdentityInput>(r.identity_enc, {
        table: 'person',
        column: 'identity_enc',
        rowId: r.id,
      });
      if (!identity) continue;
      const cols = personSearchColumns(cipher, identity);
      ids.push(r.id);
      grams.push(`{${cols.nameGrams.join(',')}}`);
      bidx.push(`{${cols.nameBidx.map((b) => `"${b}"`).join(',')}}`);
    }
    await client.query(
      `UPDATE person p SET name_grams = u.g::int[], name_bidx = u.b::text[]
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, g, b)
        WHERE p.id = u.id AND (p.name_grams IS DISTINCT FROM u.g::int[] OR p.name_bidx IS DISTINCT FROM u.b::text[])`,
      [ids, grams, bidx],
    );
    total += ids.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/** Re-reads the statistics the search uses to pick the rarest gram hashes. */
export async function refreshPersonSearchStatistics(client: ClientBase): Promise<void> {
  await client.query(`ANALYZE person (name_grams)`);
}
