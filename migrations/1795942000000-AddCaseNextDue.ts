import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 item 4 (docs/decisions/0036-case-due-dates.md): the case list's "overdue" filter and its
 * sort by due date. A case is due when its earliest open plan task or expected follow-up visit is:
 * `case_record.next_due_at` is the moment the earliest of them becomes overdue (the end of its due
 * day in Lao time), NULL when nothing is due. The list filters and sorts on it through an index
 * instead of computing every case's due date on each page (1,000,000 cases).
 *
 * The database keeps it: a trigger on `case_plan_task` and on `follow_up_visit` recomputes it in the
 * writing transaction, so no code path that changes a task or a visit can forget it. The rule is
 * `case_next_due_at`, the same as the reminders' (plans' TASK_OVERDUE: an OPEN or IN_PROGRESS task
 * after its due day; follow-up's visitOverdue: the next-visit date of an agency's latest visit).
 * Neither table allows DELETE to the app role, and a row never changes case, so INSERT and UPDATE
 * are the only changes to follow.
 */
export class AddCaseNextDue1795942000000 implements MigrationInterface {
  name = 'AddCaseNextDue1795942000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_record" ADD "next_due_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `CREATE FUNCTION case_next_due_at(p_case uuid) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT min(d) FROM (
          SELECT ((t.due_date + 1)::timestamp AT TIME ZONE 'Asia/Vientiane') AS d
            FROM case_plan_task t
           WHERE t.case_id = p_case AND t.status IN ('OPEN', 'IN_PROGRESS') AND t.due_date IS NOT NULL
          UNION ALL
          SELECT ((v.next_visit_due + 1)::timestamp AT TIME ZONE 'Asia/Vientiane')
            FROM follow_up_visit v
           WHERE v.case_id = p_case AND v.next_visit_due IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM follow_up_visit lv
                              WHERE lv.case_id = v.case_id AND lv.agency_id = v.agency_id AND lv.id <> v.id
                                AND (lv.visited_on > v.visited_on OR (lv.visited_on = v.visited_on AND lv.created_at > v.created_at)))
        ) due $$`,
    );
    await q.query(
      `CREATE FUNCTION case_next_due_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE d timestamptz := case_next_due_at(NEW.case_id);
        BEGIN
          UPDATE case_record SET next_due_at = d WHERE id = NEW.case_id AND next_due_at IS DISTINCT FROM d;
          RETURN NULL;
        END $$`,
    );
    await q.query(
      `CREATE TRIGGER case_plan_task_next_due AFTER INSERT OR UPDATE OF status, due_date ON "case_plan_task"
        FOR EACH ROW EXECUTE FUNCTION case_next_due_refresh()`,
    );
    await q.query(
      `CREATE TRIGGER follow_up_visit_next_due AFTER INSERT OR UPDATE OF next_visit_due, visited_on ON "follow_up_visit"
        FOR EACH ROW EXECUTE FUNCTION case_next_due_refresh()`,
    );
    await q.query(
      `UPDATE "case_record" c SET "next_due_at" = case_next_due_at(c.id)
        WHERE EXISTS (SELECT 1 FROM case_plan_task t WHERE t.case_id = c.id) OR EXISTS (SELECT 1 FROM follow_up_visit v WHERE v.case_id = c.id)`,
    );
    await q.query(
      `CREATE INDEX "IDX_case_next_due" ON "case_record" ("lead_agency_id", "next_due_at", "id") WHERE "next_due_at" IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER follow_up_visit_next_due ON "follow_up_visit"`);
    await q.query(`DROP TRIGGER case_plan_task_next_due ON "case_plan_task"`);
    await q.query(`DROP FUNCTION case_next_due_refresh()`);
    await q.query(`DROP FUNCTION case_next_due_at(uuid)`);
    await q.query(`DROP INDEX "IDX_case_next_due"`);
    await q.query(`ALTER TABLE "case_record" DROP COLUMN "next_due_at"`);
  }
}
