import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `consent.form` was varchar(20) while the API accepts VERBAL_CERTIFIED_BY_CASEWORKER (30 characters):
 * a verbal consent could never be recorded (every try a 500). Widened to 40 like the other code
 * columns; apps/api/test/enum-columns.int-spec.ts checks every enum of every write against
 * information_schema so this cannot come back (decision 0012).
 */
export class WidenConsentForm1795922000000 implements MigrationInterface {
  name = 'WidenConsentForm1795922000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "consent" ALTER COLUMN "form" TYPE character varying(40)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // refuses (rather than truncates) while a longer form is stored
    await q.query(`ALTER TABLE "consent" ALTER COLUMN "form" TYPE character varying(20)`);
  }
}
