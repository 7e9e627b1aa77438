import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background work that never loses anything: the transactional outbox (one row per side effect,
 * written in the domain change's transaction; ids and codes only, never personal data), in-app
 * notifications and e-mail deliveries, each unique per (outbox row, recipient) so a handler that
 * runs twice changes nothing; and an optional e-mail address per user.
 */
export class AddOutboxAndNotifications1795904000000 implements MigrationInterface {
  name = 'AddOutboxAndNotifications1795904000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "outbox" ("id" uuid NOT NULL, "kind" character varying(64) NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "last_error" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_outbox" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_outbox_status_available" ON "outbox" ("status", "available_at")`);
    await q.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL, "recipient_user_id" uuid NOT NULL, "kind" character varying(64) NOT NULL, "object_type" character varying(32) NOT NULL, "object_id" uuid NOT NULL, "case_number" character varying(40), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "outbox_id" uuid NOT NULL, CONSTRAINT "PK_notification" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_notification_outbox_recipient" ON "notification" ("outbox_id", "recipient_user_id")`,
    );
    await q.query(
      `CREATE INDEX "IDX_notification_recipient" ON "notification" ("recipient_user_id", "created_at", "id")`,
    );
    await q.query(
      `CREATE TABLE "mail_delivery" ("id" uuid NOT NULL, "outbox_id" uuid NOT NULL, "recipient_user_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "message_id" character varying(255), CONSTRAINT "PK_mail_delivery" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_mail_delivery_outbox_recipient" ON "mail_delivery" ("outbox_id", "recipient_user_id")`,
    );
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_notification_recipient" FOREIGN KEY ("recipient_user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_notification_outbox" FOREIGN KEY ("outbox_id") REFERENCES "outbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mail_delivery" ADD CONSTRAINT "FK_mail_delivery_outbox" FOREIGN KEY ("outbox_id") REFERENCES "outbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "app_user" ADD "email" character varying(254)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "email"`);
    for (const t of ['mail_delivery', 'notification', 'outbox']) await q.query(`DROP TABLE "${t}"`);
  }
}
