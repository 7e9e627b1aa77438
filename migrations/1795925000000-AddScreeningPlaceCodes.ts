import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A screening's district and crossing point become codes (decision 0017): a typed place next to a
 * small village can point at a person, and these columns are plaintext.
 *
 * - The checks are added NOT VALID so that they hold for every write from now on.
 * - Existing values are converted by the API's `moveLegacyScreeningPlaces`, which `migrate()` runs
 *   right after the migrations in the same command: a value that names a district of the
 *   screening's province or a listed crossing becomes its code (the lists live in libs/domain, which
 *   a migration may not import), anything else is moved into the screening's encrypted content
 *   (a SQL migration cannot encrypt: the keys are outside the database); then both checks are
 *   validated.
 */
export class AddScreeningPlaceCodes1795925000000 implements MigrationInterface {
  name = 'AddScreeningPlaceCodes1795925000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "screening" ADD CONSTRAINT "CHK_screening_district_code" CHECK ("district" IS NULL OR ("district" ~ '^[0-9]{4}$' AND left("district", 2) = "province_code")) NOT VALID`,
    );
    await q.query(
      `ALTER TABLE "screening" ADD CONSTRAINT "CHK_screening_crossing_point_code" CHECK ("crossing_point" IS NULL OR "crossing_point" ~ '^[A-Z0-9_]{2,40}$') NOT VALID`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // the codes stay codes: the free text they replaced is not kept anywhere to restore
    await q.query(`ALTER TABLE "screening" DROP CONSTRAINT "CHK_screening_crossing_point_code"`);
    await q.query(`ALTER TABLE "screening" DROP CONSTRAINT "CHK_screening_district_code"`);
  }
}
