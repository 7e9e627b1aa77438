import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files and free text at rest (issue 12, decision 0013).
 *
 * - `attachment.data_key_enc`, `export_job.data_key_enc`: the file's own data key, wrapped by the
 *   keyring (FieldCipher, bound to the row). NULL marks a plaintext file written before this
 *   version: `npm run keys:rotate` encrypts attachments into a new file and expires such exports;
 *   downloads refuse them until then.
 * - `consent.withdrawal_reason_enc`, `referral_service.provider_enc`: the free text, encrypted and
 *   bound to row and column. The old plaintext columns stay, read-only, until `keys:rotate` has moved
 *   every value into the encrypted one (it empties them as it goes, compare-and-swap); a later
 *   migration drops them. SQL cannot encrypt (the keys are not in the database), so this migration
 *   moves no value: nothing is lost, nothing new is written in clear.
 * - `audit_event.reason_enc`: free-text reasons (merge, undo, administrators' reasons), encrypted and
 *   bound to the row's `seq`; `reason` keeps codes only. So that the binding exists before the
 *   INSERT, the writer may draw `seq` itself (`nextval`) and the stamp trigger keeps it only when it is
 *   the value this session has just drawn (`currval`); any other value is refused. The canonical
 *   text of a row appends `reason_enc` only when it is set (concat_ws skips NULL), so every row
 *   sealed before this migration hashes exactly as before and `audit:verify` still passes.
 *   Audit rows cannot be rewritten: old plaintext reasons stay as they are, and the key versions
 *   used by audit reasons must be kept in FIELD_KEYS as long as those rows must be readable.
 * - Key rotation on append-only tables (case_note, case_identification, case_event) and on consents
 *   (withdraw-only): the owner role (the one that migrates, and that `keys:rotate` connects as) may
 *   UPDATE a row when nothing but its `*_enc` columns changes (and, for a consent, the legacy
 *   plaintext reason moves into the encrypted one). The application role still cannot: to it these
 *   tables stay append-only, exactly as before. A consent's withdrawal now also writes
 *   `withdrawal_reason_enc`.
 */
export class EncryptFilesAndFreeText1795923000000 implements MigrationInterface {
  name = 'EncryptFilesAndFreeText1795923000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "attachment" ADD "data_key_enc" text`);
    await q.query(`ALTER TABLE "export_job" ADD "data_key_enc" text`);
    await q.query(`ALTER TABLE "consent" ADD "withdrawal_reason_enc" text`);
    await q.query(`ALTER TABLE "referral_service" ADD "provider_enc" text`);
    await q.query(`ALTER TABLE "audit_event" ADD "reason_enc" text`);

    await q.query(`CREATE FUNCTION ctms_without_enc(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(j) WHERE key NOT LIKE '%\\_enc'
      $$`);
    // true for the table's owner (and superusers): never for the application role
    await q.query(`CREATE FUNCTION ctms_key_maintainer(rel oid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = rel
      $$`);
    await q.query(`CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- key rotation: the owner may re-encrypt, changing nothing but *_enc columns
        IF TG_OP = 'UPDATE' AND ctms_key_maintainer(TG_RELID) AND ctms_without_enc(to_jsonb(NEW)) = ctms_without_enc(to_jsonb(OLD)) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION consent_withdraw_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'consents are never deleted' USING ERRCODE = 'insufficient_privilege'; END IF;
        -- key rotation: the owner may re-encrypt, and move a legacy plaintext reason into withdrawal_reason_enc
        IF ctms_key_maintainer(TG_RELID)
           AND ctms_without_enc(to_jsonb(NEW) - 'withdrawal_reason') = ctms_without_enc(to_jsonb(OLD) - 'withdrawal_reason')
           AND (NEW.withdrawal_reason IS NULL OR NEW.withdrawal_reason = OLD.withdrawal_reason) THEN
          RETURN NEW;
        END IF;
        IF OLD.status <> 'ACTIVE' OR NEW.status <> 'WITHDRAWN' OR NEW.withdrawn_at IS NULL OR NEW.withdrawn_by_id IS NULL
           OR (to_jsonb(NEW) - ARRAY['status','withdrawn_at','withdrawn_by_id','withdrawal_reason','withdrawal_reason_enc'])
              IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status','withdrawn_at','withdrawn_by_id','withdrawal_reason','withdrawal_reason_enc']) THEN
          RAISE EXCEPTION 'a consent is never edited, only withdrawn' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);

    await q.query(`CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_event) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws(chr(31),
          e.seq::text, e.xact::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(e.actor_user_id::text, '~'), coalesce(e.actor_username, '~'),
          coalesce(e.actor_agency_id::text, '~'), array_to_string(e.actor_roles, ','),
          e.action, coalesce(e.object_type, '~'), coalesce(e.object_id, '~'), e.outcome,
          coalesce(e.request_id, '~'), coalesce(e.source_ip, '~'), coalesce(e.reason, '~'),
          coalesce(e.details::text, '~'),
          e.reason_enc)
      $$`);

    await q.query(`CREATE OR REPLACE FUNCTION audit_event_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE drawn bigint;
      BEGIN
        IF NEW.seq IS NULL THEN
          NEW.seq := nextval('audit_event_seq');
        ELSE
          -- a writer that binds a ciphertext to its row draws seq first; only that value is kept
          BEGIN
            drawn := currval('audit_event_seq');
          EXCEPTION WHEN object_not_in_prerequisite_state THEN
            drawn := NULL;
          END;
          IF drawn IS NULL OR NEW.seq <> drawn THEN
            RAISE EXCEPTION 'audit_event.seq may only be the value this session has just drawn from audit_event_seq';
          END IF;
        END IF;
        NEW.xact := pg_current_xact_id()::text::bigint;
        NEW.at := coalesce(NEW.at, clock_timestamp());
        RETURN NEW;
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // rows with reason_enc are sealed with it: the column cannot go without breaking their blocks
    const used = (await q.query(`SELECT count(*)::int AS n FROM audit_event WHERE reason_enc IS NOT NULL`)) as {
      n: number;
    }[];
    if (used[0] && used[0].n > 0)
      throw new Error('audit rows hold encrypted reasons: EncryptFilesAndFreeText cannot be reverted');
    await q.query(`CREATE OR REPLACE FUNCTION audit_event_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.seq := nextval('audit_event_seq');
        NEW.xact := pg_current_xact_id()::text::bigint;
        NEW.at := coalesce(NEW.at, clock_timestamp());
        RETURN NEW;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_event) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws(chr(31),
          e.seq::text, e.xact::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(e.actor_user_id::text, '~'), coalesce(e.actor_username, '~'),
          coalesce(e.actor_agency_id::text, '~'), array_to_string(e.actor_roles, ','),
          e.action, coalesce(e.object_type, '~'), coalesce(e.object_id, '~'), e.outcome,
          coalesce(e.request_id, '~'), coalesce(e.source_ip, '~'), coalesce(e.reason, '~'),
          coalesce(e.details::text, '~'))
      $$`);
    await q.query(`ALTER TABLE "audit_event" DROP COLUMN "reason_enc"`);
    await q.query(`CREATE OR REPLACE FUNCTION consent_withdraw_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'consents are never deleted' USING ERRCODE = 'insufficient_privilege'; END IF;
        IF OLD.status <> 'ACTIVE' OR NEW.status <> 'WITHDRAWN' OR NEW.withdrawn_at IS NULL OR NEW.withdrawn_by_id IS NULL
           OR (to_jsonb(NEW) - ARRAY['status','withdrawn_at','withdrawn_by_id','withdrawal_reason'])
              IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status','withdrawn_at','withdrawn_by_id','withdrawal_reason']) THEN
          RAISE EXCEPTION 'a consent is never edited, only withdrawn' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`DROP FUNCTION ctms_key_maintainer(oid)`);
    await q.query(`DROP FUNCTION ctms_without_enc(jsonb)`);
    await q.query(`ALTER TABLE "referral_service" DROP COLUMN "provider_enc"`);
    await q.query(`ALTER TABLE "consent" DROP COLUMN "withdrawal_reason_enc"`);
    await q.query(`ALTER TABLE "export_job" DROP COLUMN "data_key_enc"`);
    await q.query(`ALTER TABLE "attachment" DROP COLUMN "data_key_enc"`);
  }
}
