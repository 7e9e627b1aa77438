import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 item 5 (docs/decisions/0034-caseload-and-reassignment.md): a bulk reassignment tells the
 * new assignee once, however many cases it moved. The one notification points at the first case and
 * says how many (`item_count`, NULL for every other notification: one record). A count, never an id
 * list: the ids stay in the outbox payload.
 */
export class AddNotificationItemCount1795939000000 implements MigrationInterface {
  name = 'AddNotificationItemCount1795939000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" ADD "item_count" integer`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_item_count" CHECK ("item_count" IS NULL OR "item_count" > 0)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_item_count"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "item_count"`);
  }
}
