import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals that both sides work on (docs/workflows.md "Referral"):
 *
 * - `referral_note`: notes the sending and the receiving agency write on a referral, the body
 *   encrypted and bound to (referral_note, body_enc, id); append-only like case_note (the
 *   refuse_change trigger lets only key rotation, as the owner, rewrite `*_enc`).
 * - `referral.services_due_by`: set on acceptance, the first service is due by then; the SLA scan
 *   reminds and escalates against it like against `acknowledge_by`.
 * - `sla_setting`: the hours of both clocks per urgency, changed by the system administrator; the
 *   rows start with the values the code used to hard-wire.
 * - `sla_event.kind` gains SERVICE_REMINDER and SERVICE_BREACH (the services clock of a referral),
 *   so a referral has at most one event of each kind per clock.
 */
export class AddReferralNotesAndSlaSettings1795932000000 implements MigrationInterface {
  name = 'AddReferralNotesAndSlaSettings1795932000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "referral_note" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_agency_id" uuid NOT NULL, "body_enc" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_referral_note" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_referral_note_referral" ON "referral_note" ("referral_id", "created_at", "id")`);
    await q.query(
      `ALTER TABLE "referral_note" ADD CONSTRAINT "FK_referral_note_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral_note" ADD CONSTRAINT "FK_referral_note_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral_note" ADD CONSTRAINT "FK_referral_note_author_agency" FOREIGN KEY ("author_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TRIGGER referral_note_append_only BEFORE UPDATE OR DELETE ON "referral_note" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "referral_note" FROM ctms_app`);

    await q.query(`ALTER TABLE "referral" ADD "services_due_by" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `CREATE INDEX "IDX_referral_services_due" ON "referral" ("services_due_by") WHERE "status" = 'ACCEPTED'`,
    );

    await q.query(
      `CREATE TABLE "sla_setting" ("urgency" character varying(16) NOT NULL, "acknowledge_hours" integer NOT NULL, "services_hours" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE, "updated_by_id" uuid,
        CONSTRAINT "PK_sla_setting" PRIMARY KEY ("urgency"),
        CONSTRAINT "CHK_sla_setting_urgency" CHECK ("urgency" IN ('EMERGENCY', 'HIGH', 'ROUTINE')),
        CONSTRAINT "CHK_sla_setting_hours" CHECK ("acknowledge_hours" BETWEEN 1 AND 2160 AND "services_hours" BETWEEN 1 AND 2160))`,
    );
    await q.query(
      `ALTER TABLE "sla_setting" ADD CONSTRAINT "FK_sla_setting_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `INSERT INTO "sla_setting" ("urgency", "acknowledge_hours", "services_hours") VALUES ('EMERGENCY', 24, 72), ('HIGH', 72, 168), ('ROUTINE', 168, 336)`,
    );
    await q.query(`REVOKE INSERT, DELETE, TRUNCATE ON "sla_setting" FROM ctms_app`);

    await q.query(`ALTER TABLE "sla_event" DROP CONSTRAINT "CHK_sla_event_kind"`);
    await q.query(
      `ALTER TABLE "sla_event" ADD CONSTRAINT "CHK_sla_event_kind" CHECK ("kind" IN ('REMINDER', 'BREACH', 'SERVICE_REMINDER', 'SERVICE_BREACH'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "sla_event" WHERE "kind" IN ('SERVICE_REMINDER', 'SERVICE_BREACH')`);
    await q.query(`ALTER TABLE "sla_event" DROP CONSTRAINT "CHK_sla_event_kind"`);
    await q.query(
      `ALTER TABLE "sla_event" ADD CONSTRAINT "CHK_sla_event_kind" CHECK ("kind" IN ('REMINDER', 'BREACH'))`,
    );
    await q.query(`DROP TABLE "sla_setting"`);
    await q.query(`DROP INDEX "IDX_referral_services_due"`);
    await q.query(`ALTER TABLE "referral" DROP COLUMN "services_due_by"`);
    await q.query(`DROP TABLE "referral_note"`);
  }
}
