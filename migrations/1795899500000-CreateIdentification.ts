import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identification: persons (encrypted identity, keyed-trigram and blind-index search columns),
 * merges, screenings, cases with their timeline, notes and formal identification decisions, and
 * consents. Protected categories live only in `*_enc` columns (AES-256-GCM, see decision 0002).
 * Append-only tables (case_event, case_note, case_identification) refuse UPDATE and DELETE;
 * a consent can change only by being withdrawn.
 */
export class CreateIdentification1795899500000 implements MigrationInterface {
  name = 'CreateIdentification1795899500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL, "identity_enc" text NOT NULL, "contact_enc" text, "sex" character varying(16), "citizenship" text array NOT NULL DEFAULT '{}', "presumed_minor" boolean NOT NULL DEFAULT false, "name_grams" integer array NOT NULL DEFAULT '{}', "name_bidx" text array NOT NULL DEFAULT '{}', "document_bidx" text array NOT NULL DEFAULT '{}', "phone_bidx" text array NOT NULL DEFAULT '{}', "merged_into_id" uuid, "created_by_agency_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_person" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_person_merged_into" ON "person" ("merged_into_id") `);
    await q.query(
      `CREATE TABLE "person_merge" ("id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "merged_id" uuid NOT NULL, "moved" jsonb NOT NULL, "merged_by_id" uuid NOT NULL, "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL, "undone_by_id" uuid, "undone_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_person_merge" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_person_merge_survivor" ON "person_merge" ("survivor_id") `);
    await q.query(`CREATE INDEX "IDX_person_merge_merged" ON "person_merge" ("merged_id") `);
    await q.query(
      `CREATE TABLE "case_record" ("id" uuid NOT NULL, "case_number" character varying(32) NOT NULL, "person_id" uuid NOT NULL, "lead_agency_id" uuid NOT NULL, "province_code" character varying(2) NOT NULL, "assigned_to_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'OPEN', "identification_status" character varying(20) NOT NULL DEFAULT 'POSSIBLE_VICTIM', "exploitation_types" text array NOT NULL DEFAULT '{}', "destination_countries" text array NOT NULL DEFAULT '{}', "risk_level" character varying(16), "needs" text array NOT NULL DEFAULT '{}', "flags" text array NOT NULL DEFAULT '{}', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "closure_reason" character varying(32), "exploitation_enc" text, "perpetrators_enc" text, "health_enc" text, "contact_enc" text, "legal_enc" text, "plan_enc" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_case_record" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_case_number" ON "case_record" ("case_number") `);
    await q.query(`CREATE INDEX "IDX_case_person" ON "case_record" ("person_id") `);
    await q.query(`CREATE INDEX "IDX_case_assigned" ON "case_record" ("assigned_to_id", "status", "id") `);
    await q.query(
      `CREATE INDEX "IDX_case_scope" ON "case_record" ("lead_agency_id", "province_code", "status", "id") `,
    );
    await q.query(
      `CREATE TABLE "case_counter" ("province_code" character varying(2) NOT NULL, "year" integer NOT NULL, "last" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_case_counter" PRIMARY KEY ("province_code", "year"))`,
    );
    await q.query(
      `CREATE TABLE "case_event" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_agency_id" uuid, "kind" character varying(40) NOT NULL, "details" jsonb, CONSTRAINT "PK_case_event" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_case_event_case" ON "case_event" ("case_id", "id") `);
    await q.query(
      `CREATE TABLE "case_note" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_agency_id" uuid NOT NULL, "category" character varying(24) NOT NULL DEFAULT 'EXPLOITATION_ACCOUNT', "body_enc" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_case_note" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_case_note_case" ON "case_note" ("case_id", "created_at") `);
    await q.query(
      `CREATE TABLE "case_identification" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "decision" character varying(20) NOT NULL, "decided_on" date NOT NULL, "decided_by_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "reasons_enc" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_case_identification" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_case_identification_case" ON "case_identification" ("case_id", "created_at") `);
    await q.query(
      `CREATE TABLE "consent" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'ACTIVE', "agency_ids" uuid array NOT NULL DEFAULT '{}', "purposes" text array NOT NULL DEFAULT '{}', "categories" text array NOT NULL DEFAULT '{}', "given_by" character varying(20) NOT NULL, "form" character varying(20) NOT NULL, "language" character varying(16), "interpreter_used" boolean NOT NULL DEFAULT false, "parties_enc" text, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "recorded_by_id" uuid NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by_id" uuid, "withdrawal_reason" character varying(200), CONSTRAINT "PK_consent" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_consent_case" ON "consent" ("case_id", "status") `);
    await q.query(
      `CREATE TABLE "screening" ("id" uuid NOT NULL, "agency_id" uuid NOT NULL, "interviewer_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "province_code" character varying(2) NOT NULL, "district" character varying(120), "facility_type" character varying(40), "crossing_point" character varying(120), "referral_source" character varying(40), "interview_at" TIMESTAMP WITH TIME ZONE, "interview_language" character varying(16), "interview_consent" jsonb NOT NULL DEFAULT '{}', "content_enc" text, "indicators_enc" text, "assessment" jsonb, "interviewer_assessment" character varying(24), "is_child" boolean NOT NULL DEFAULT false, "person_id" uuid, "case_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "reviewed_by_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_comment_enc" text, "termination_reason" character varying(40), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_screening" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_screening_person" ON "screening" ("person_id") `);
    await q.query(`CREATE INDEX "IDX_screening_case" ON "screening" ("case_id") `);
    await q.query(`CREATE INDEX "IDX_screening_interviewer" ON "screening" ("interviewer_id", "status", "id") `);
    await q.query(`CREATE INDEX "IDX_screening_agency_status" ON "screening" ("agency_id", "status", "id") `);
    await q.query(
      `ALTER TABLE "person" ADD CONSTRAINT "FK_person_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_record" ADD CONSTRAINT "FK_case_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_record" ADD CONSTRAINT "FK_case_lead_agency" FOREIGN KEY ("lead_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_event" ADD CONSTRAINT "FK_case_event_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_note" ADD CONSTRAINT "FK_case_note_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_identification" ADD CONSTRAINT "FK_case_identification_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_consent_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "screening" ADD CONSTRAINT "FK_screening_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "screening" ADD CONSTRAINT "FK_screening_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "screening" ADD CONSTRAINT "FK_screening_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // search columns: overlap on keyed trigram hashes, containment on blind indexes
    await q.query(`CREATE INDEX "IDX_person_name_grams" ON "person" USING gin ("name_grams")`);
    await q.query(`CREATE INDEX "IDX_person_name_bidx" ON "person" USING gin ("name_bidx")`);
    await q.query(`CREATE INDEX "IDX_person_document_bidx" ON "person" USING gin ("document_bidx")`);
    await q.query(`CREATE INDEX "IDX_person_phone_bidx" ON "person" USING gin ("phone_bidx")`);

    await q.query(`CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`);
    for (const t of ['case_event', 'case_note', 'case_identification']) {
      await q.query(
        `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "${t}" FROM ctms_app`);
    }
    await q.query(`CREATE FUNCTION consent_withdraw_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'consents are never deleted' USING ERRCODE = 'insufficient_privilege'; END IF;
        IF OLD.status <> 'ACTIVE' OR NEW.status <> 'WITHDRAWN' OR NEW.withdrawn_at IS NULL OR NEW.withdrawn_by_id IS NULL
           OR (to_jsonb(NEW) - ARRAY['status','withdrawn_at','withdrawn_by_id','withdrawal_reason'])
              IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status','withdrawn_at','withdrawn_by_id','withdrawal_reason']) THEN
          RAISE EXCEPTION 'a consent is never edited, only withdrawn' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER consent_withdraw_only BEFORE UPDATE OR DELETE ON "consent" FOR EACH ROW EXECUTE FUNCTION consent_withdraw_only()`,
    );
    await q.query(`REVOKE DELETE, TRUNCATE ON "consent" FROM ctms_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'screening',
      'consent',
      'case_identification',
      'case_note',
      'case_event',
      'case_counter',
      'case_record',
      'person_merge',
      'person',
    ]) {
      await q.query(`DROP TABLE "${t}" CASCADE`);
    }
    await q.query(`DROP FUNCTION consent_withdraw_only()`);
    await q.query(`DROP FUNCTION refuse_change()`);
  }
}
