import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Person search with a selective first stage (issue 7; docs/decisions/0003, docs/performance-search.md).
 *
 * The search picks the rarest of the query's keyed trigram hashes and asks the GIN index of
 * `name_grams` for pairs of them (`@>`), instead of every person sharing any one of them (`&&`).
 * "Rarest" comes from `pg_stats.most_common_elems` of `name_grams`: with the default statistics
 * target PostgreSQL keeps 1,000 elements, fewer than the distinct trigram hashes of a national name
 * list (Lao and Latin), so the column keeps up to 10,000 (the sample grows to 300,000 rows, which
 * ANALYZE and autovacuum read anyway at 2.5 million persons). No new column or table: the new word
 * keys (each word of a Latin name) are blind indexes in the existing `name_bidx`.
 *
 * Nothing is stored in clear: pg_stats holds the same keyed hashes and their frequencies, which the
 * column itself already reveals to a database reader (0003, "What the dump does leak").
 */
export class SpeedUpPersonSearch1795911000000 implements MigrationInterface {
  name = 'SpeedUpPersonSearch1795911000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "person" ALTER COLUMN "name_grams" SET STATISTICS 1000`);
    await q.query(`ANALYZE "person" ("name_grams")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "person" ALTER COLUMN "name_grams" SET STATISTICS -1`);
    await q.query(`ANALYZE "person" ("name_grams")`);
  }
}
