import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 item 3 (docs/decisions/0033-family-tracing-and-return.md): a family tracing and
 * assessment request from the lead agency to a province's social welfare office, and the return as
 * a record of the case. The sender's questions, the family contact details and the office's answer
 * are free text, encrypted and bound to (table, column, id) like other free text; codes stay plain.
 * One open request per case and province. A return is recorded, never changed (the app role may not
 * UPDATE or DELETE it; key rotation rewrites `*_enc` as the owner).
 */
export class AddFamilyTracingAndReturns1795938000000 implements MigrationInterface {
  name = 'AddFamilyTracingAndReturns1795938000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "family_tracing_request" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "from_agency_id" uuid NOT NULL, "to_agency_id" uuid NOT NULL,
        "province_code" character varying(2) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'REQUESTED',
        "categories" text array NOT NULL, "consent_ids" uuid array NOT NULL DEFAULT '{}', "questions_enc" text NOT NULL, "family_contact_enc" text,
        "requested_by_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "answer" character varying(40), "answer_text_enc" text, "answered_by_id" uuid, "answered_at" TIMESTAMP WITH TIME ZONE,
        "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_family_tracing_request" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_family_tracing_request_status" CHECK ("status" IN ('REQUESTED', 'ANSWERED', 'DECLINED', 'WITHDRAWN')),
        CONSTRAINT "CHK_family_tracing_request_answer" CHECK ("answer" IS NULL OR "answer" IN ('FAMILY_FOUND_RETURN_ADVISED', 'FAMILY_FOUND_RETURN_WITH_SUPPORT', 'FAMILY_FOUND_RETURN_NOT_ADVISED', 'FAMILY_NOT_FOUND')),
        CONSTRAINT "CHK_family_tracing_request_answered" CHECK (("status" = 'ANSWERED') = ("answer" IS NOT NULL)),
        CONSTRAINT "CHK_family_tracing_request_categories" CHECK ('CASE_SUMMARY' = ANY("categories") AND "categories" <@ ARRAY['CASE_SUMMARY', 'CONTACT_LOCATION']::text[]))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_family_tracing_request_open" ON "family_tracing_request" ("case_id", "province_code") WHERE "status" = 'REQUESTED'`,
    );
    await q.query(
      `CREATE INDEX "IDX_family_tracing_request_inbox" ON "family_tracing_request" ("to_agency_id", "province_code", "status", "due_at")`,
    );
    await q.query(
      `CREATE INDEX "IDX_family_tracing_request_case" ON "family_tracing_request" ("case_id", "requested_at")`,
    );
    for (const [col, ref] of [
      ['case_id', 'case_record'],
      ['from_agency_id', 'agency'],
      ['to_agency_id', 'agency'],
      ['requested_by_id', 'app_user'],
      ['answered_by_id', 'app_user'],
    ] as const) {
      await q.query(
        `ALTER TABLE "family_tracing_request" ADD CONSTRAINT "FK_family_tracing_request_${col}" FOREIGN KEY ("${col}") REFERENCES "${ref}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
    await q.query(`REVOKE DELETE, TRUNCATE ON "family_tracing_request" FROM ctms_app`);

    await q.query(
      `CREATE TABLE "case_return" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "returned_on" date NOT NULL,
        "crossing_point" character varying(40) NOT NULL, "escort" character varying(24) NOT NULL, "reception_place" character varying(40) NOT NULL,
        "handover_province_code" character varying(2) NOT NULL, "note_enc" text, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_case_return" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_case_return_crossing_point" CHECK ("crossing_point" IN ('FRIENDSHIP_BRIDGE_1_VIENTIANE', 'FRIENDSHIP_BRIDGE_2_SAVANNAKHET', 'FRIENDSHIP_BRIDGE_3_THAKHEK', 'FRIENDSHIP_BRIDGE_4_HUAY_XAI', 'VANGTAO_CHONGMEK', 'BOTEN_MOHAN', 'WATTAY_AIRPORT', 'OTHER')),
        CONSTRAINT "CHK_case_return_escort" CHECK ("escort" IN ('MOLSW', 'MOPS_ATD', 'MOPS_IMMIGRATION', 'LWU', 'IOM', 'NGO', 'HOST_COUNTRY_AGENCY', 'FAMILY', 'NONE', 'OTHER')),
        CONSTRAINT "CHK_case_return_reception_place" CHECK ("reception_place" IN ('VIENTIANE_TRANSIT_CENTER', 'PROVINCIAL_SOCIAL_WELFARE_OFFICE', 'LWU_CENTRE', 'NGO_SHELTER', 'FAMILY_HOME', 'OTHER')))`,
    );
    await q.query(`CREATE INDEX "IDX_case_return_case" ON "case_return" ("case_id", "returned_on")`);
    for (const [col, ref] of [
      ['case_id', 'case_record'],
      ['agency_id', 'agency'],
      ['recorded_by_id', 'app_user'],
    ] as const) {
      await q.query(
        `ALTER TABLE "case_return" ADD CONSTRAINT "FK_case_return_${col}" FOREIGN KEY ("${col}") REFERENCES "${ref}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "case_return" FROM ctms_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_return"`);
    await q.query(`DROP TABLE "family_tracing_request"`);
  }
}
