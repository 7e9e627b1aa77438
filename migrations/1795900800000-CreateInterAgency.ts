import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inter-agency work: referrals to agency inboxes with their data packets and services delivered,
 * prosecution handoffs, attachments; and the one SQL function that decides, for a case and a
 * caller, which data categories the caller may see through which relation (docs/access.md "Relations that open a case").
 */
export class CreateInterAgency1795900800000 implements MigrationInterface {
  name = 'CreateInterAgency1795900800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "referral" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "from_agency_id" uuid NOT NULL, "from_user_id" uuid NOT NULL, "to_agency_id" uuid NOT NULL, "service_types" text array NOT NULL DEFAULT '{}', "urgency" character varying(16) NOT NULL, "reason_enc" text, "categories" text array NOT NULL DEFAULT '{}', "consent_ids" uuid array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'PENDING', "assigned_to_id" uuid, "decline_reason" character varying(32), "outcome" character varying(32), "notes_enc" text, "acknowledge_by" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_referral" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_referral_case" ON "referral" ("case_id")`);
    await q.query(`CREATE INDEX "IDX_referral_outgoing" ON "referral" ("from_agency_id", "status", "id")`);
    await q.query(`CREATE INDEX "IDX_referral_incoming" ON "referral" ("to_agency_id", "status", "id")`);
    await q.query(
      `CREATE TABLE "referral_service" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "service_type" character varying(40) NOT NULL, "delivered_on" date NOT NULL, "provider" character varying(200), "notes_enc" text, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_referral_service" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_referral_service_referral" ON "referral_service" ("referral_id", "delivered_on")`);
    await q.query(
      `CREATE TABLE "handoff" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "from_agency_id" uuid NOT NULL, "from_user_id" uuid NOT NULL, "to_agency_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'SUBMITTED', "categories" text array NOT NULL DEFAULT '{}', "packet_enc" text, "suspects_enc" text, "willing_to_testify" character varying(12), "prosecutor_id" uuid, "prosecution_enc" text, "verdict" character varying(16), "receive_by" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_handoff" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_handoff_case" ON "handoff" ("case_id")`);
    await q.query(`CREATE INDEX "IDX_handoff_outgoing" ON "handoff" ("from_agency_id", "status", "id")`);
    await q.query(`CREATE INDEX "IDX_handoff_incoming" ON "handoff" ("to_agency_id", "status", "id")`);
    await q.query(
      `CREATE TABLE "attachment" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "referral_id" uuid, "handoff_id" uuid, "kind" character varying(20) NOT NULL, "category" character varying(24) NOT NULL, "file_name_enc" text NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character varying(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "uploaded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_attachment" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_attachment_case" ON "attachment" ("case_id", "created_at")`);
    await q.query(
      `ALTER TABLE "attachment" ADD CONSTRAINT "FK_attachment_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "handoff" ADD CONSTRAINT "FK_handoff_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "handoff" ADD CONSTRAINT "FK_handoff_to_agency" FOREIGN KEY ("to_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_to_agency" FOREIGN KEY ("to_agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referral_service" ADD CONSTRAINT "FK_referral_service_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // categories an agency may receive for a purpose under the case's active, unexpired consents
    await q.query(`CREATE FUNCTION case_consented_categories(p_case uuid, p_agency uuid, p_purpose text) RETURNS text[]
      LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_agg(DISTINCT cat), '{}') FROM consent k, unnest(k.categories) cat
         WHERE k.case_id = p_case AND k.status = 'ACTIVE' AND k.granted_at <= now()
           AND (k.expires_at IS NULL OR k.expires_at > now())
           AND p_agency = ANY(k.agency_ids) AND p_purpose = ANY(k.purposes)
      $$`);

    /*
     * The need-to-know rule in one place. NULL: no relation (the caller gets the standard 404).
     * Otherwise the categories the caller may see, by relation:
     *   LEAD_AGENCY                      everything
     *   REFERRAL_PENDING                 CASE_SUMMARY + packet ∩ consented, without IDENTITY and CONTACT_LOCATION (a preview)
     *   REFERRAL_ACTIVE / COMPLETED      CASE_SUMMARY + packet ∩ consented
     *   REFERRAL cancelled after acknowledgement: as active; DECLINED or cancelled unacknowledged: CASE_SUMMARY
     *   HANDOFF (not withdrawn)          CASE_SUMMARY, LEGAL_PROCEEDINGS, PERPETRATORS, + IDENTITY,
     *                                    EXPLOITATION_ACCOUNT, HEALTH only under LAW_ENFORCEMENT_SHARING
     * Every relation is also bounded by the caller's province scope. Consent is read at every call,
     * so a withdrawal takes effect on the next read.
     */
    await q.query(`CREATE FUNCTION case_relation_categories(p_case uuid, p_agency uuid, p_provinces text[], p_all boolean) RETURNS text[]
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        c record; r record; h record;
        cats text[] := NULL;
        consented text[];
        le text[];
      BEGIN
        SELECT lead_agency_id, province_code INTO c FROM case_record WHERE id = p_case;
        IF NOT FOUND OR NOT (p_all OR c.province_code = ANY(p_provinces)) THEN RETURN NULL; END IF;
        IF c.lead_agency_id = p_agency THEN
          RETURN ARRAY['CASE_SUMMARY','IDENTITY','CONTACT_LOCATION','EXPLOITATION_ACCOUNT','HEALTH','PERPETRATORS','LEGAL_PROCEEDINGS'];
        END IF;
        FOR r IN SELECT status, categories, acknowledged_at FROM referral WHERE case_id = p_case AND to_agency_id = p_agency LOOP
          consented := coalesce(consented, case_consented_categories(p_case, p_agency, 'REFERRAL_SHARING'));
          cats := coalesce(cats, '{}') || ARRAY['CASE_SUMMARY'];
          IF r.status = 'PENDING' THEN
            cats := cats || ARRAY(SELECT x FROM unnest(r.categories) x WHERE x = ANY(consented) AND x NOT IN ('IDENTITY','CONTACT_LOCATION'));
          ELSIF r.status IN ('ACCEPTED','IN_PROGRESS','COMPLETED') OR (r.status = 'CANCELLED' AND r.acknowledged_at IS NOT NULL) THEN
            cats := cats || ARRAY(SELECT x FROM unnest(r.categories) x WHERE x = ANY(consented));
          END IF;
        END LOOP;
        FOR h IN SELECT categories FROM handoff WHERE case_id = p_case AND to_agency_id = p_agency AND status <> 'WITHDRAWN' LOOP
          le := coalesce(le, case_consented_categories(p_case, p_agency, 'LAW_ENFORCEMENT_SHARING'));
          cats := coalesce(cats, '{}') || ARRAY(SELECT x FROM unnest(h.categories) x
            WHERE x IN ('CASE_SUMMARY','LEGAL_PROCEEDINGS','PERPETRATORS') OR x = ANY(le));
        END LOOP;
        IF cats IS NULL THEN RETURN NULL; END IF;
        RETURN ARRAY(SELECT DISTINCT x FROM unnest(cats) x ORDER BY x);
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION case_relation_categories(uuid, uuid, text[], boolean)`);
    await q.query(`DROP FUNCTION case_consented_categories(uuid, uuid, text)`);
    for (const t of ['attachment', 'handoff', 'referral_service', 'referral']) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
