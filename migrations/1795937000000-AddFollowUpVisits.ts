import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 item 2 (docs/decisions/0032-follow-up-visits.md): follow-up visits and contacts on a case
 * and the reintegration assessments, each written by one agency (the lead agency or one with an
 * active referral) and changed only by it (versioned).
 *
 * Codes stay plain (kind, with whom, outcome, dates: the reminders and the list need them); what
 * says where the person is or how they are stays encrypted like other protected categories: the
 * visit's place (province and district, CONTACT_LOCATION) in `place_enc`, the worker's words in
 * `outcome_note_enc`, an assessment's scores and notes (HEALTH) in `scores_enc` and `notes_enc`, each
 * bound to (table, column, id) by the field cipher.
 *
 * `follow_up_reminder` is the overdue-visit clock's memory, like `sla_event`: one row per visit and
 * due date (its primary key), inserted with ON CONFLICT DO NOTHING by the scan together with the
 * outbox row, so however often (or concurrently) the scan runs, one reminder goes out. A separate
 * table, not new kinds in `sla_event`, whose CHECK lists would otherwise be rewritten by every
 * feature that adds a clock.
 */
export class AddFollowUpVisits1795937000000 implements MigrationInterface {
  name = 'AddFollowUpVisits1795937000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "follow_up_visit" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL,
        "visited_on" date NOT NULL, "kind" character varying(16) NOT NULL, "with_whom" text[] NOT NULL, "outcome" character varying(16) NOT NULL,
        "place_enc" text NOT NULL, "outcome_note_enc" text, "next_visit_due" date,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_follow_up_visit" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_follow_up_visit_kind" CHECK ("kind" IN ('HOME_VISIT', 'PHONE', 'OFFICE', 'SCHOOL', 'WORKPLACE', 'OTHER')),
        CONSTRAINT "CHK_follow_up_visit_outcome" CHECK ("outcome" IN ('REACHED', 'CONCERN_RAISED', 'NOT_REACHED', 'MOVED_AWAY', 'DECLINED')),
        CONSTRAINT "CHK_follow_up_visit_with_whom" CHECK (cardinality("with_whom") > 0 AND "with_whom" <@ ARRAY['VICTIM', 'PARENT_GUARDIAN', 'FAMILY_MEMBER', 'COMMUNITY_LEADER', 'EMPLOYER_TEACHER', 'OTHER']::text[]),
        CONSTRAINT "CHK_follow_up_visit_next" CHECK ("next_visit_due" IS NULL OR "next_visit_due" > "visited_on"))`,
    );
    await q.query(`CREATE INDEX "IDX_follow_up_visit_case" ON "follow_up_visit" ("case_id", "created_at", "id")`);
    await q.query(
      `CREATE INDEX "IDX_follow_up_visit_due" ON "follow_up_visit" ("next_visit_due") WHERE "next_visit_due" IS NOT NULL`,
    );
    await q.query(
      `CREATE TABLE "reintegration_assessment" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL,
        "assessed_on" date NOT NULL, "visit_id" uuid, "scores_enc" text NOT NULL, "notes_enc" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_reintegration_assessment" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_reintegration_assessment_case" ON "reintegration_assessment" ("case_id", "created_at", "id")`,
    );
    await q.query(
      `CREATE TABLE "follow_up_reminder" ("visit_id" uuid NOT NULL, "due_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_follow_up_reminder" PRIMARY KEY ("visit_id", "due_on"))`,
    );
    for (const [t, fks] of [
      [
        'follow_up_visit',
        [
          ['case_id', 'case_record'],
          ['agency_id', 'agency'],
          ['recorded_by_id', 'app_user'],
        ],
      ],
      [
        'reintegration_assessment',
        [
          ['case_id', 'case_record'],
          ['agency_id', 'agency'],
          ['recorded_by_id', 'app_user'],
          ['visit_id', 'follow_up_visit'],
        ],
      ],
      ['follow_up_reminder', [['visit_id', 'follow_up_visit']]],
    ] as const) {
      for (const [column, target] of fks)
        await q.query(
          `ALTER TABLE "${t}" ADD CONSTRAINT "FK_${t}_${column}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
        );
    }
    // records are changed, never deleted; the reminders' memory is append-only
    await q.query(`REVOKE DELETE, TRUNCATE ON "follow_up_visit" FROM ctms_app`);
    await q.query(`REVOKE DELETE, TRUNCATE ON "reintegration_assessment" FROM ctms_app`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "follow_up_reminder" FROM ctms_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "follow_up_reminder"`);
    await q.query(`DROP TABLE "reintegration_assessment"`);
    await q.query(`DROP TABLE "follow_up_visit"`);
  }
}
