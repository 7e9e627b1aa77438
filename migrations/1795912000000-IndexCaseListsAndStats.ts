import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for what the 1,000,000-case benchmark showed (docs/performance.md):
 * - The case list is ordered by (updated_at DESC, id DESC) with a keyset cursor on that pair, but
 *   its indexes ended in `id`: PostgreSQL fetched every matching case (tens of thousands of wide
 *   rows for one agency, province and status) and sorted them, seconds per page. The scope and
 *   assignee indexes now end in (updated_at, id), and the agency-wide list (no province filter)
 *   gets its own, so every page is a backward index range scan of `limit` rows.
 * - The statistics summary scanned the whole case and referral tables (wide rows: encrypted
 *   blobs). Covering indexes let it count from an index-only scan.
 */
export class IndexCaseListsAndStats1795912000000 implements MigrationInterface {
  name = 'IndexCaseListsAndStats1795912000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_case_scope"`);
    await q.query(
      `CREATE INDEX "IDX_case_scope" ON "case_record" ("lead_agency_id", "province_code", "status", "updated_at", "id")`,
    );
    await q.query(`DROP INDEX "IDX_case_assigned"`);
    await q.query(`CREATE INDEX "IDX_case_assigned" ON "case_record" ("assigned_to_id", "status", "updated_at", "id")`);
    await q.query(`CREATE INDEX "IDX_case_agency_updated" ON "case_record" ("lead_agency_id", "updated_at", "id")`);
    await q.query(
      `CREATE INDEX "IDX_case_stats" ON "case_record" ("opened_at") INCLUDE ("status", "province_code", "identification_status", "exploitation_types")`,
    );
    await q.query(`CREATE INDEX "IDX_referral_stats" ON "referral" ("created_at") INCLUDE ("status")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_referral_stats"`);
    await q.query(`DROP INDEX "IDX_case_stats"`);
    await q.query(`DROP INDEX "IDX_case_agency_updated"`);
    await q.query(`DROP INDEX "IDX_case_assigned"`);
    await q.query(`CREATE INDEX "IDX_case_assigned" ON "case_record" ("assigned_to_id", "status", "id")`);
    await q.query(`DROP INDEX "IDX_case_scope"`);
    await q.query(`CREATE INDEX "IDX_case_scope" ON "case_record" ("lead_agency_id", "province_code", "status", "id")`);
  }
}
