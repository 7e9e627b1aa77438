import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity hardening (issues 11 and 12; decisions 0010 and 0011).
 *
 * - `account_activation`: one-time activation of an account an administrator created, approved or
 *   reset. Only the SHA-256 of the token is kept; 72 hours; works once.
 * - `app_user.notify_first_sign_in`: the first sign-in after an administrator's reset tells the
 *   agency's supervisors.
 * - `login_failure` becomes per account, action and minute counters keyed by a keyed hash of the
 *   username (no plaintext username). The old rows held plaintext usernames and are dropped: the
 *   throttle itself now lives in Redis.
 */
export class AddAccountActivation1795921000000 implements MigrationInterface {
  name = 'AddAccountActivation1795921000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "account_activation" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "purpose" character varying(16) NOT NULL,
      "requested_by" uuid,
      "token_hash" bytea,
      "previous_password_hash" text,
      "mfa_pending_secret_enc" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "expires_at" TIMESTAMP WITH TIME ZONE,
      "used_at" TIMESTAMP WITH TIME ZONE,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_account_activation" PRIMARY KEY ("id"),
      CONSTRAINT "FK_account_activation_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await q.query(`CREATE INDEX "IDX_account_activation_user" ON "account_activation" ("user_id")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_account_activation_token" ON "account_activation" ("token_hash")`);
    await q.query(`ALTER TABLE "app_user" ADD "notify_first_sign_in" boolean NOT NULL DEFAULT false`);

    await q.query(`DROP TABLE "login_failure"`);
    await q.query(`CREATE TABLE "login_failure" (
      "account_key" character varying(64) NOT NULL,
      "action" character varying(32) NOT NULL,
      "minute" TIMESTAMP WITH TIME ZONE NOT NULL,
      "user_id" uuid,
      "failures" integer NOT NULL DEFAULT 0,
      "refused" integer NOT NULL DEFAULT 0,
      "last_reason" character varying(32) NOT NULL,
      "first_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "last_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_login_failure" PRIMARY KEY ("account_key", "action", "minute"))`);
    await q.query(`CREATE INDEX "IDX_login_failure_minute" ON "login_failure" ("minute")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_failure"`);
    await q.query(`CREATE TABLE "login_failure" (
      "id" BIGSERIAL NOT NULL,
      "username" character varying(128) NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_login_failure" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_login_failure_username_at" ON "login_failure" ("username", "at")`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "notify_first_sign_in"`);
    await q.query(`DROP TABLE "account_activation"`);
  }
}
