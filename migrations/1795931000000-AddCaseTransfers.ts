import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RELATIONS_SQL_V2 } from './sql/relations-1795930000000.sql';
import { CASE_TRANSFER_RELATIONS_SQL } from './sql/relations-1795931000000.sql';

/**
 * Case transfers (docs/workflows.md "Case transfer"): a case moves to another lead agency or to
 * another province office of its agency, on the receiving supervisor's acceptance. One row per
 * request; at most one REQUESTED per case (a partial unique index). The SLA clock (respond_by) is
 * scanned like a referral's acknowledgement, so sla_event takes TRANSFER objects. The case
 * relation gains TRANSFER_PENDING and FORMER_LEAD (sql/relations-1795931000000.sql.ts).
 */
export class AddCaseTransfers1795931000000 implements MigrationInterface {
  name = 'AddCaseTransfers1795931000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_transfer" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "from_agency_id" uuid NOT NULL, "from_province_code" character varying(2) NOT NULL, "to_agency_id" uuid NOT NULL, "to_province_code" character varying(2) NOT NULL, "requested_by_id" uuid NOT NULL, "urgency" character varying(16) NOT NULL, "reason_enc" text, "categories" text array NOT NULL DEFAULT '{}', "consent_ids" uuid array NOT NULL DEFAULT '{}', "former_lead_access" character varying(8) NOT NULL DEFAULT 'RETAIN', "retained_categories" text array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'REQUESTED', "assigned_to_id" uuid, "decline_reason" character varying(32), "notes_enc" text, "respond_by" TIMESTAMP WITH TIME ZONE NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_case_transfer" PRIMARY KEY ("id"), CONSTRAINT "CHK_case_transfer_status" CHECK ("status" IN ('REQUESTED', 'ACCEPTED', 'DECLINED', 'CANCELLED')), CONSTRAINT "CHK_case_transfer_former_lead_access" CHECK ("former_lead_access" IN ('RETAIN', 'NONE')), CONSTRAINT "CHK_case_transfer_moves" CHECK ("from_agency_id" <> "to_agency_id" OR "from_province_code" <> "to_province_code"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_case_transfer_incoming" ON "case_transfer" ("to_agency_id", "status", "respond_by", "id")`,
    );
    await q.query(
      `CREATE INDEX "IDX_case_transfer_outgoing" ON "case_transfer" ("from_agency_id", "status", "updated_at", "id")`,
    );
    await q.query(`CREATE INDEX "IDX_case_transfer_case" ON "case_transfer" ("case_id", "status")`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_case_transfer_requested" ON "case_transfer" ("case_id") WHERE "status" = 'REQUESTED'`,
    );
    for (const [name, column, target] of [
      ['case', 'case_id', 'case_record'],
      ['from_agency', 'from_agency_id', 'agency'],
      ['to_agency', 'to_agency_id', 'agency'],
      ['requested_by', 'requested_by_id', 'app_user'],
      ['assigned_to', 'assigned_to_id', 'app_user'],
    ] as const) {
      await q.query(
        `ALTER TABLE "case_transfer" ADD CONSTRAINT "FK_case_transfer_${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
    // a transfer is a record of who handed the case to whom: never deleted by the application
    await q.query(`REVOKE DELETE, TRUNCATE ON "case_transfer" FROM ctms_app`);
    await q.query(`ALTER TABLE "sla_event" DROP CONSTRAINT "CHK_sla_event_object_type"`);
    await q.query(
      `ALTER TABLE "sla_event" ADD CONSTRAINT "CHK_sla_event_object_type" CHECK ("object_type" IN ('REFERRAL', 'HANDOFF', 'TRANSFER'))`,
    );
    await q.query(CASE_TRANSFER_RELATIONS_SQL);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(RELATIONS_SQL_V2);
    await q.query(`DELETE FROM "sla_event" WHERE "object_type" = 'TRANSFER'`);
    await q.query(`ALTER TABLE "sla_event" DROP CONSTRAINT "CHK_sla_event_object_type"`);
    await q.query(
      `ALTER TABLE "sla_event" ADD CONSTRAINT "CHK_sla_event_object_type" CHECK ("object_type" IN ('REFERRAL', 'HANDOFF'))`,
    );
    await q.query(`DROP TABLE "case_transfer"`);
  }
}
