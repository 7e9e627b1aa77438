import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies, users, refresh tokens, login failures, reference data and the append-only audit trail.
 *
 * The runtime role `ctms_app` gets ordinary DML on every table created by the migrating role
 * (default privileges), except on `audit_event`, where it may only INSERT and SELECT. A trigger
 * numbers and hash-chains every audit row and refuses UPDATE, DELETE and TRUNCATE for everyone.
 */
export class CreateFoundation1795897512755 implements MigrationInterface {
  name = 'CreateFoundation1795897512755';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ctms_app') THEN CREATE ROLE ctms_app LOGIN; END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ctms_app`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ctms_app`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ctms_app`);

    await q.query(`CREATE TABLE "agency" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "code" character varying(40) NOT NULL,
      "name_lo" character varying(200) NOT NULL,
      "name_en" character varying(200) NOT NULL,
      "type" character varying(40) NOT NULL,
      "capabilities" text array NOT NULL DEFAULT '{}',
      "service_types" text array NOT NULL DEFAULT '{}',
      "provinces" text array NOT NULL DEFAULT '{}',
      "active" boolean NOT NULL DEFAULT true,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_agency" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_agency_code" ON "agency" ("code")`);

    await q.query(`CREATE TABLE "app_user" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "username" character varying(64) NOT NULL,
      "display_name" character varying(200) NOT NULL,
      "agency_id" uuid NOT NULL,
      "roles" text array NOT NULL DEFAULT '{}',
      "all_provinces" boolean NOT NULL DEFAULT false,
      "provinces" text array NOT NULL DEFAULT '{}',
      "language" character varying(2) NOT NULL DEFAULT 'lo',
      "status" character varying(16) NOT NULL DEFAULT 'ACTIVE',
      "password_hash" text,
      "must_change_password" boolean NOT NULL DEFAULT false,
      "auth_version" integer NOT NULL DEFAULT 1,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_app_user" PRIMARY KEY ("id"),
      CONSTRAINT "FK_app_user_agency" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_app_user_username" ON "app_user" ("username")`);
    await q.query(`CREATE INDEX "IDX_app_user_agency" ON "app_user" ("agency_id")`);

    await q.query(`CREATE TABLE "refresh_token" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "token_hash" bytea NOT NULL,
      "user_id" uuid NOT NULL,
      "family_id" uuid NOT NULL,
      "family_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_refresh_token" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_refresh_token_hash" ON "refresh_token" ("token_hash")`);
    await q.query(`CREATE INDEX "IDX_refresh_token_user" ON "refresh_token" ("user_id")`);
    await q.query(`CREATE INDEX "IDX_refresh_token_family" ON "refresh_token" ("family_id")`);

    await q.query(`CREATE TABLE "login_failure" (
      "id" BIGSERIAL NOT NULL,
      "username" character varying(128) NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_login_failure" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_login_failure_username_at" ON "login_failure" ("username", "at")`);

    await q.query(`CREATE TABLE "province" (
      "code" character varying(2) NOT NULL,
      "iso" character varying(8) NOT NULL,
      "name_lo" character varying(120) NOT NULL,
      "name_en" character varying(120) NOT NULL,
      "variants" jsonb NOT NULL DEFAULT '[]',
      CONSTRAINT "PK_province" PRIMARY KEY ("code"))`);
    await q.query(`CREATE TABLE "service_type" (
      "code" character varying(40) NOT NULL,
      "name_lo" character varying(200) NOT NULL,
      "name_en" character varying(200) NOT NULL,
      CONSTRAINT "PK_service_type" PRIMARY KEY ("code"))`);
    await q.query(`CREATE TABLE "ilo_indicator" (
      "code" character varying(8) NOT NULL,
      "dimension" character varying(60) NOT NULL,
      "label_en" text NOT NULL,
      "label_lo" text,
      "strength" jsonb NOT NULL,
      CONSTRAINT "PK_ilo_indicator" PRIMARY KEY ("code"))`);

    // ---- audit trail ----
    await q.query(`CREATE SEQUENCE "audit_event_seq"`);
    await q.query(`CREATE TABLE "audit_event" (
      "seq" bigint NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "actor_user_id" uuid,
      "actor_username" character varying(128),
      "actor_agency_id" uuid,
      "actor_roles" text array NOT NULL DEFAULT '{}',
      "action" character varying(64) NOT NULL,
      "object_type" character varying(40),
      "object_id" character varying(64),
      "outcome" character varying(8) NOT NULL,
      "request_id" character varying(64),
      "source_ip" character varying(64),
      "reason" text,
      "details" jsonb,
      "prev_hash" bytea NOT NULL,
      "hash" bytea NOT NULL,
      CONSTRAINT "PK_audit_event" PRIMARY KEY ("seq"))`);
    await q.query(`CREATE INDEX "IDX_audit_event_object" ON "audit_event" ("object_type", "object_id", "seq")`);
    await q.query(`CREATE INDEX "IDX_audit_event_actor" ON "audit_event" ("actor_user_id", "seq")`);
    await q.query(`CREATE INDEX "IDX_audit_event_agency" ON "audit_event" ("actor_agency_id", "seq")`);

    // The canonical text of a row: every column but the hash, in a fixed order, NULLs spelled out.
    await q.query(`CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws(chr(31),
          e.seq::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(e.actor_user_id::text, '~'), coalesce(e.actor_username, '~'),
          coalesce(e.actor_agency_id::text, '~'), array_to_string(e.actor_roles, ','),
          e.action, coalesce(e.object_type, '~'), coalesce(e.object_id, '~'), e.outcome,
          coalesce(e.request_id, '~'), coalesce(e.source_ip, '~'), coalesce(e.reason, '~'),
          coalesce(e.details::text, '~'), encode(e.prev_hash, 'hex'))
      $$`);
    await q.query(`CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last_hash bytea;
      BEGIN
        -- one writer at a time extends the chain; the lock is held until the writing transaction ends
        PERFORM pg_advisory_xact_lock(727001);
        SELECT hash INTO last_hash FROM audit_event ORDER BY seq DESC LIMIT 1;
        NEW.seq := nextval('audit_event_seq');
        NEW.at := coalesce(NEW.at, clock_timestamp());
        NEW.prev_hash := coalesce(last_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
        NEW.hash := ''::bytea;
        NEW.hash := sha256(convert_to(audit_event_canonical(NEW), 'UTF8'));
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`,
    );
    await q.query(`CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(
      `CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_immutable()`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_immutable()`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM ctms_app`);
    await q.query(`GRANT SELECT, INSERT ON audit_event TO ctms_app`);
    // the migration table belongs to the owner alone
    await q.query(`REVOKE ALL ON "schema_migration" FROM ctms_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_event"`);
    await q.query(`DROP FUNCTION audit_event_immutable()`);
    await q.query(`DROP FUNCTION audit_event_chain()`);
    await q.query(`DROP FUNCTION audit_event_canonical(audit_event)`);
    await q.query(`DROP SEQUENCE "audit_event_seq"`);
    await q.query(`DROP TABLE "ilo_indicator"`);
    await q.query(`DROP TABLE "service_type"`);
    await q.query(`DROP TABLE "province"`);
    await q.query(`DROP TABLE "login_failure"`);
    await q.query(`DROP TABLE "refresh_token"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP TABLE "agency"`);
  }
}
