import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 item 1 (docs/decisions/0031-case-plan.md): the case plan as data, beside the free-text
 * support plan of the case record.
 * - `case_plan`: one per case once a goal is added; its review state, the number of the latest
 *   submission (`plan_version`), who submitted it (nobody reviews their own) and a row version.
 * - `case_plan_review`: each submission, approval and return, with the plan version it concerned; the
 *   supervisor's comment encrypted (their words). Append-only for the app role.
 * - `case_plan_goal`: a goal by domain; its description encrypted.
 * - `case_plan_task`: a task under a goal, for one agency (the lead or an agency with an active
 *   referral) and optionally one worker of it; title, description and outcome encrypted; `case_id`
 *   repeated from the goal so the access layer reads it without a join; a row version (no lost update).
 * - `sla_event`: overdue tasks raise `TASK_OVERDUE` once per task and due date, so the unique key of
 *   the other clocks (one per object and kind) no longer covers PLAN_TASK rows; they have their own.
 */
export class AddCasePlans1795936000000 implements MigrationInterface {
  name = 'AddCasePlans1795936000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_plan" ("case_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "plan_version" integer NOT NULL DEFAULT 0, "submitted_by_id" uuid, "version" integer NOT NULL DEFAULT 1, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_case_plan" PRIMARY KEY ("case_id"),
        CONSTRAINT "CHK_case_plan_status" CHECK ("status" IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'RETURNED')),
        CONSTRAINT "FK_case_plan_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_case_plan_submitter" FOREIGN KEY ("submitted_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT)`,
    );
    await q.query(
      `CREATE TABLE "case_plan_review" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "plan_version" integer NOT NULL, "action" character varying(16) NOT NULL, "actor_id" uuid NOT NULL, "comment_enc" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_case_plan_review" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_case_plan_review_action" CHECK ("action" IN ('SUBMIT', 'APPROVE', 'RETURN')),
        CONSTRAINT "FK_case_plan_review_plan" FOREIGN KEY ("case_id") REFERENCES "case_plan"("case_id") ON DELETE RESTRICT,
        CONSTRAINT "FK_case_plan_review_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT)`,
    );
    await q.query(`CREATE INDEX "IDX_case_plan_review_case" ON "case_plan_review" ("case_id", "created_at", "id")`);
    await q.query(
      `CREATE TABLE "case_plan_goal" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "domain" character varying(20) NOT NULL, "description_enc" text NOT NULL, "created_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT 1, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_case_plan_goal" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_case_plan_goal_domain" CHECK ("domain" IN ('SAFETY', 'HEALTH', 'PSYCHOSOCIAL', 'LEGAL', 'EDUCATION_SKILLS', 'LIVELIHOOD', 'FAMILY_COMMUNITY', 'RETURN')),
        CONSTRAINT "FK_case_plan_goal_plan" FOREIGN KEY ("case_id") REFERENCES "case_plan"("case_id") ON DELETE RESTRICT,
        CONSTRAINT "FK_case_plan_goal_creator" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT)`,
    );
    await q.query(`CREATE INDEX "IDX_case_plan_goal_case" ON "case_plan_goal" ("case_id", "created_at", "id")`);
    await q.query(
      `CREATE TABLE "case_plan_task" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "goal_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "assignee_id" uuid, "title_enc" text NOT NULL, "description_enc" text, "due_date" date, "status" character varying(16) NOT NULL, "outcome_enc" text, "created_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT 1, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_case_plan_task" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_case_plan_task_status" CHECK ("status" IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
        CONSTRAINT "FK_case_plan_task_goal" FOREIGN KEY ("goal_id") REFERENCES "case_plan_goal"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_case_plan_task_case" FOREIGN KEY ("case_id") REFERENCES "case_plan"("case_id") ON DELETE RESTRICT,
        CONSTRAINT "FK_case_plan_task_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_case_plan_task_assignee" FOREIGN KEY ("assignee_id") REFERENCES "app_user"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_case_plan_task_creator" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT)`,
    );
    await q.query(`CREATE INDEX "IDX_case_plan_task_goal" ON "case_plan_task" ("goal_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "IDX_case_plan_task_case" ON "case_plan_task" ("case_id")`);
    await q.query(
      `CREATE INDEX "IDX_case_plan_task_due" ON "case_plan_task" ("due_date", "id") WHERE "status" IN ('OPEN', 'IN_PROGRESS') AND "due_date" IS NOT NULL`,
    );
    // nothing of a plan is deleted: tasks are cancelled, goals changed; reviews are history
    await q.query(`REVOKE DELETE, TRUNCATE ON "case_plan", "case_plan_goal", "case_plan_task" FROM ctms_app`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "case_plan_review" FROM ctms_app`);

    await q.query(`ALTER TABLE "sla_event" DROP CONSTRAINT "CHK_sla_event_object_type"`);
    await q.query(
      `ALTER TABLE "sla_event" ADD CONSTRAINT "CHK_sla_event_object_type" CHECK ("object_type" IN ('REFERRAL', 'HANDOFF', 'TRANSFER', 'PLAN_TASK'))`,
    );
    await q.query(`ALTER TABLE "sla_event" DROP CONSTRAINT "CHK_sla_event_kind"`);
    await q.query(
      `ALTER TABLE "sla_event" ADD CONSTRAINT "CHK_sla_event_kind" CHECK ("kind" IN ('REMINDER', 'BREACH', 'SERVICE_REMINDER', 'SERVICE_BREACH', 'TASK_OVERDUE'))`,
    );
    await q.query(`DROP INDEX "UQ_sla_event"`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_sla_event" ON "sla_event" ("object_type", "object_id", "kind") WHERE "object_type" <> 'PLAN_TASK'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_sla_event_plan_task" ON "sla_event" ("object_id", "kind", "due_at") WHERE "object_type" = 'PLAN_TASK'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "sla_event" WHERE "object_type" = 'PLAN_TASK'`);
    await q.query(`DROP INDEX "UQ_sla_event_plan_task"`);
    await q.query(`DROP INDEX "UQ_sla_event"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_sla_event" ON "sla_event" ("object_type", "object_id", "kind")`);
    await q.query(`ALTER TABLE "sla_event" DROP CONSTRAINT "CHK_sla_event_kind"`);
    await q.query(
      `ALTER TABLE "sla_event" ADD CONSTRAINT "CHK_sla_event_kind" CHECK ("kind" IN ('REMINDER', 'BREACH', 'SERVICE_REMINDER', 'SERVICE_BREACH'))`,
    );
    await q.query(`ALTER TABLE "sla_event" DROP CONSTRAINT "CHK_sla_event_object_type"`);
    await q.query(
      `ALTER TABLE "sla_event" ADD CONSTRAINT "CHK_sla_event_object_type" CHECK ("object_type" IN ('REFERRAL', 'HANDOFF', 'TRANSFER'))`,
    );
    await q.query(`DROP TABLE "case_plan_task"`);
    await q.query(`DROP TABLE "case_plan_goal"`);
    await q.query(`DROP TABLE "case_plan_review"`);
    await q.query(`DROP TABLE "case_plan"`);
  }
}
