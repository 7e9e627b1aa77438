import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BORDER_CROSSING_CODES, matchBorderCrossing, matchDistrict } from '@ctms/domain';

/**
 * A screening's district and crossing point become codes (decision 0017): a typed place next to a
 * small village can point at a person, and these columns are plaintext.
 *
 * - Values that name a district of the screening's province (Lao, English or another spelling, with
 *   or without "ເມືອງ"/"district") or a listed crossing become that code here.
 * - Values that match nothing cannot be encrypted here (the keys are outside the database): they are
 *   left for the API's `moveLegacyScreeningPlaces`, which runs right after the migrations in the same
 *   `migrate` command, moves each into the screening's encrypted content (districtDetail /
 *   crossingPointDetail), sets the column to NULL or OTHER, and then validates the two checks below.
 * - The checks are added NOT VALID so that they hold for every write from now on.
 */
export class AddScreeningPlaceCodes1795925000000 implements MigrationInterface {
  name = 'AddScreeningPlaceCodes1795925000000';

  public async up(q: QueryRunner): Promise<void> {
    const districts: { province_code: string; district: string }[] = await q.query(
      `SELECT DISTINCT province_code, district FROM screening WHERE district IS NOT NULL AND NOT (district ~ '^[0-9]{4}$' AND left(district, 2) = province_code)`,
    );
    for (const d of districts) {
      const match = matchDistrict(d.district, d.province_code);
      if (match) await q.query(`UPDATE screening SET district = $1 WHERE province_code = $2 AND district = $3`, [match.code, d.province_code, d.district]);
    }
    const crossings: { crossing_point: string }[] = await q.query(
      `SELECT DISTINCT crossing_point FROM screening WHERE crossing_point IS NOT NULL AND crossing_point <> ALL($1::text[])`,
      [BORDER_CROSSING_CODES],
    );
    for (const c of crossings) {
      const match = matchBorderCrossing(c.crossing_point);
      if (match) await q.query(`UPDATE screening SET crossing_point = $1 WHERE crossing_point = $2`, [match.code, c.crossing_point]);
    }
    await q.query(
      `ALTER TABLE "screening" ADD CONSTRAINT "CHK_screening_district_code" CHECK ("district" IS NULL OR ("district" ~ '^[0-9]{4}$' AND left("district", 2) = "province_code")) NOT VALID`,
    );
    await q.query(`ALTER TABLE "screening" ADD CONSTRAINT "CHK_screening_crossing_point_code" CHECK ("crossing_point" IS NULL OR "crossing_point" ~ '^[A-Z0-9_]{2,40}$') NOT VALID`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // the codes stay codes: the free text they replaced is not kept anywhere to restore
    await q.query(`ALTER TABLE "screening" DROP CONSTRAINT "CHK_screening_crossing_point_code"`);
    await q.query(`ALTER TABLE "screening" DROP CONSTRAINT "CHK_screening_district_code"`);
  }
}
