import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 item 5 (docs/decisions/0035-exports-reason-and-approval.md): every export request says
 * why, in the requester's words, so the reason is encrypted and bound to (export_job, reason_enc, id)
 * like other free text; rows asked before this version have none. The second person may decline an
 * export (status DECLINED) with their own reason, encrypted the same way in decline_reason_enc; the
 * decliner, like the approver, is never the requester.
 */
export class AddExportReasons1795941000000 implements MigrationInterface {
  name = 'AddExportReasons1795941000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "export_job" ADD "reason_enc" text`);
    await q.query(`ALTER TABLE "export_job" ADD "declined_by_id" uuid`);
    await q.query(`ALTER TABLE "export_job" ADD "declined_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "export_job" ADD "decline_reason_enc" text`);
    await q.query(
      `ALTER TABLE "export_job" ADD CONSTRAINT "CHK_export_job_decliner" CHECK ("declined_by_id" IS NULL OR "declined_by_id" <> "requested_by_id")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "export_job" DROP CONSTRAINT "CHK_export_job_decliner"`);
    await q.query(`ALTER TABLE "export_job" DROP COLUMN "decline_reason_enc"`);
    await q.query(`ALTER TABLE "export_job" DROP COLUMN "declined_at"`);
    await q.query(`ALTER TABLE "export_job" DROP COLUMN "declined_by_id"`);
    await q.query(`ALTER TABLE "export_job" DROP COLUMN "reason_enc"`);
  }
}
