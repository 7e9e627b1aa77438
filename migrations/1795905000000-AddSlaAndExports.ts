import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA clocks and exports as jobs.
 * - `sla_event`: one row per reminder or breach raised for a referral or handoff; the unique key
 *   makes each event happen at most once, however often (and by however many workers) the scan runs.
 *   Append-only for the application.
 * - `export_job`: an export request, its approval, its file (under EXPORTS_DIR) and its one download.
 */
export class AddSlaAndExports1795905000000 implements MigrationInterface {
  name = 'AddSlaAndExports1795905000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "sla_event" ("id" BIGSERIAL NOT NULL, "object_type" character varying(16) NOT NULL, "object_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_sla_event" PRIMARY KEY ("id"), CONSTRAINT "CHK_sla_event_kind" CHECK ("kind" IN ('REMINDER', 'BREACH')), CONSTRAINT "CHK_sla_event_object_type" CHECK ("object_type" IN ('REFERRAL', 'HANDOFF')))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_sla_event" ON "sla_event" ("object_type", "object_id", "kind")`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "sla_event" FROM ctms_app`);

    await q.query(
      `CREATE TABLE "export_job" ("id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "requested_by_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "filters" jsonb NOT NULL DEFAULT '{}', "case_id" uuid, "include_identity" boolean NOT NULL DEFAULT false, "approved_by_id" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "file_key" character varying(64), "size_bytes" bigint, "row_count" integer, "error_code" character varying(40), "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "downloaded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_export_job" PRIMARY KEY ("id"), CONSTRAINT "CHK_export_job_approver" CHECK ("approved_by_id" IS NULL OR "approved_by_id" <> "requested_by_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_export_job_requester" ON "export_job" ("requested_by_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "IDX_export_job_agency_status" ON "export_job" ("agency_id", "status", "id")`);
    await q.query(`REVOKE DELETE, TRUNCATE ON "export_job" FROM ctms_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "export_job"`);
    await q.query(`DROP TABLE "sla_event"`);
  }
}
