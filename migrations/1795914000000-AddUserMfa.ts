import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MFA (TOTP, RFC 6238) for staff accounts (docs/quality.md "Sign-in, sessions and MFA"; decision 0009).
 *
 * - `mfa_secret_enc`: the authenticator secret, encrypted like every protected column (AES-256-GCM,
 *   bound to this row and column): a database dump alone cannot mint codes.
 * - `mfa_pending_secret_enc`: a secret shown for enrolment, not yet confirmed with a code.
 * - `mfa_enabled_at`: set when a code from the new secret was confirmed; null = no MFA.
 * - `mfa_last_step`: the last accepted 30-second time step, so a code is accepted once (replay).
 */
export class AddUserMfa1795914000000 implements MigrationInterface {
  name = 'AddUserMfa1795914000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "mfa_secret_enc" text`);
    await q.query(`ALTER TABLE "app_user" ADD "mfa_pending_secret_enc" text`);
    await q.query(`ALTER TABLE "app_user" ADD "mfa_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "app_user" ADD "mfa_last_step" bigint`);
    await q.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "CHK_app_user_mfa" CHECK (("mfa_enabled_at" IS NULL) = ("mfa_secret_enc" IS NULL))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "CHK_app_user_mfa"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "mfa_last_step"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "mfa_enabled_at"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "mfa_pending_secret_enc"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "mfa_secret_enc"`);
  }
}
