import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RELATIONS_SQL } from './sql/relations-1795920000000.sql';
import { RELATIONS_SQL_V2 } from './sql/relations-1795930000000.sql';

/**
 * Identification requests (a case led by an agency without formal identification, sent to the inbox
 * of one with it: decision 0024), closure requests (a caseworker asks, a supervisor approves or
 * returns) and the users named on a RESTRICTED case (docs/workflows.md, docs/access.md). The relation
 * functions are (re)created from sql/relations-1795930000000.sql.ts.
 */
export class AddCaseRequestsAndRestriction1795930000000 implements MigrationInterface {
  name = 'AddCaseRequestsAndRestriction1795930000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "identification_request" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "from_agency_id" uuid NOT NULL, "to_agency_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'REQUESTED', "requested_by_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision" character varying(20), "identification_id" uuid, "cancel_reason_enc" text, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_identification_request" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_identification_request_open" ON "identification_request" ("case_id") WHERE "status" = 'REQUESTED'`,
    );
    await q.query(
      `CREATE INDEX "IDX_identification_request_inbox" ON "identification_request" ("to_agency_id", "status", "due_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "IDX_identification_request_case" ON "identification_request" ("case_id", "requested_at")`,
    );
    for (const [column, target] of [
      ['case_id', 'case_record'],
      ['from_agency_id', 'agency'],
      ['to_agency_id', 'agency'],
      ['requested_by_id', 'app_user'],
      ['decided_by_id', 'app_user'],
      ['identification_id', 'case_identification'],
    ]) {
      await q.query(
        `ALTER TABLE "identification_request" ADD CONSTRAINT "FK_identification_request_${column}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }

    await q.query(
      `CREATE TABLE "closure_request" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'REQUESTED', "reason" character varying(32) NOT NULL, "note_enc" text, "requested_by_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "comment_enc" text, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_closure_request" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_closure_request_open" ON "closure_request" ("case_id") WHERE "status" = 'REQUESTED'`,
    );
    await q.query(`CREATE INDEX "IDX_closure_request_case" ON "closure_request" ("case_id", "requested_at")`);
    for (const [column, target] of [
      ['case_id', 'case_record'],
      ['agency_id', 'agency'],
      ['requested_by_id', 'app_user'],
      ['decided_by_id', 'app_user'],
    ]) {
      await q.query(
        `ALTER TABLE "closure_request" ADD CONSTRAINT "FK_closure_request_${column}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }

    await q.query(
      `CREATE TABLE "case_restriction_member" ("case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "added_by_id" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_case_restriction_member" PRIMARY KEY ("case_id", "user_id"))`,
    );
    for (const [column, target] of [
      ['case_id', 'case_record'],
      ['user_id', 'app_user'],
      ['added_by_id', 'app_user'],
    ]) {
      await q.query(
        `ALTER TABLE "case_restriction_member" ADD CONSTRAINT "FK_case_restriction_member_${column}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }

    await q.query(`DROP FUNCTION person_relation_categories(uuid, uuid, text[], boolean)`);
    await q.query(RELATIONS_SQL_V2);
    // requests are a record of who asked whom: never deleted by the application
    await q.query(`REVOKE DELETE ON "identification_request", "closure_request" FROM ctms_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION person_relation_categories(uuid, uuid, text[], boolean, uuid)`);
    await q.query(RELATIONS_SQL);
    await q.query(`DROP FUNCTION case_restriction_allows(uuid, uuid)`);
    await q.query(`DROP TABLE "case_restriction_member"`);
    await q.query(`DROP TABLE "closure_request"`);
    await q.query(`DROP TABLE "identification_request"`);
  }
}
