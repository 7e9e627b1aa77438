import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 item 4 (docs/decisions/0030-case-search.md): each user's saved case-list filters. The
 * filters are codes (status, province, risk level …, never a search term); the label is the user's
 * own words, so it is encrypted and bound to (case_saved_filter, label_enc, id) like other free
 * text. A filter is saved or deleted, never changed (the app role may not UPDATE; key rotation
 * rewrites `*_enc` as the owner). One user's list is read in creation order.
 */
export class AddSavedCaseFilters1795935300000 implements MigrationInterface {
  name = 'AddSavedCaseFilters1795935300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_saved_filter" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "label_enc" text NOT NULL, "filters" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_case_saved_filter" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_case_saved_filter_filters" CHECK (jsonb_typeof("filters") = 'object'))`,
    );
    await q.query(`CREATE INDEX "IDX_case_saved_filter_user" ON "case_saved_filter" ("user_id", "created_at", "id")`);
    await q.query(
      `ALTER TABLE "case_saved_filter" ADD CONSTRAINT "FK_case_saved_filter_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`REVOKE UPDATE, TRUNCATE ON "case_saved_filter" FROM ctms_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_saved_filter"`);
  }
}
