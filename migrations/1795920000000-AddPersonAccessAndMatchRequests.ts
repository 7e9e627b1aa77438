import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RELATIONS_SQL } from './sql/relations-1795920000000.sql';

/**
 * The person relation (a person is visible through its cases, the agency's approved screenings, or
 * an answered match request; never through a draft's link) and match requests: the way one agency
 * asks another whether a person it is screening is one the other agency already holds, without
 * either side seeing the other's records first (docs/access.md "Persons", docs/workflows.md "Match request").
 * The relation functions are (re)created from sql/relations-1795920000000.sql.ts.
 */
export class AddPersonAccessAndMatchRequests1795920000000 implements MigrationInterface {
  name = 'AddPersonAccessAndMatchRequests1795920000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "match_request" ("id" uuid NOT NULL, "from_agency_id" uuid NOT NULL, "from_user_id" uuid NOT NULL, "screening_id" uuid NOT NULL, "to_agency_id" uuid NOT NULL, "terms_enc" text NOT NULL, "candidate_ids" uuid array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'OPEN', "linked_person_id" uuid, "answered_by_id" uuid, "answered_at" TIMESTAMP WITH TIME ZONE, "comment_enc" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_match_request" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_match_request_incoming" ON "match_request" ("to_agency_id", "status", "updated_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "IDX_match_request_outgoing" ON "match_request" ("from_agency_id", "status", "updated_at", "id")`,
    );
    await q.query(`CREATE INDEX "IDX_match_request_screening" ON "match_request" ("screening_id")`);
    await q.query(
      `CREATE INDEX "IDX_match_request_linked" ON "match_request" ("linked_person_id") WHERE "linked_person_id" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "match_request" ADD CONSTRAINT "FK_match_request_screening" FOREIGN KEY ("screening_id") REFERENCES "screening"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "match_request" ADD CONSTRAINT "FK_match_request_from_agency" FOREIGN KEY ("from_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "match_request" ADD CONSTRAINT "FK_match_request_to_agency" FOREIGN KEY ("to_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "match_request" ADD CONSTRAINT "FK_match_request_linked_person" FOREIGN KEY ("linked_person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(RELATIONS_SQL);
    // answered requests are a record of who asked whom: never deleted by the application
    await q.query(`REVOKE DELETE ON "match_request" FROM ctms_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION person_holding_agencies(uuid)`);
    await q.query(`DROP FUNCTION person_relation_categories(uuid, uuid, text[], boolean)`);
    await q.query(`DROP TABLE "match_request"`);
    await q.query(`DROP FUNCTION person_survivor(uuid)`);
  }
}
