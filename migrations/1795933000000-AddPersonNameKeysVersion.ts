import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: a person's search columns (`name_grams`, `name_bidx`) gain the Latin keys of the common
 * romanisations of its Lao name. Which derivation a row's columns come from is recorded in
 * `name_keys_version`, so that the re-key job (`persons:rekey`) rewrites only the rows still on an
 * older one, and can be stopped and run again at any time.
 *
 * Rows that exist now were keyed by the previous derivation (0). From now on a row is written with
 * the current one (1): the API writes it explicitly, a bulk loader that omits the column gets the
 * default. A later change of the derivation adds a migration that moves the default.
 */
export class AddPersonNameKeysVersion1795933000000 implements MigrationInterface {
  name = 'AddPersonNameKeysVersion1795933000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "person" ADD COLUMN "name_keys_version" smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "person" ALTER COLUMN "name_keys_version" SET DEFAULT 1`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "person" DROP COLUMN "name_keys_version"`);
  }
}
