import { Injectable } from '@nestjs/common';
import type { AgencyCapability, Language, Role, UserStatus } from '@ctms/domain';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { exec, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow, type RowOf } from '../platform/database/table';
import { MFA_PENDING_SECRET, MFA_SECRET } from '../auth/mfa';
import type { Actor } from '../platform/http/request-context';

/** A user account. CHK_app_user_mfa: `mfa_enabled_at` and `mfa_secret_enc` are null together. */
export const userTable = table('app_user', {
  id: col('uuid'),
  /** stored lower-case; unique (UQ_app_user_username) */
  username: col('varchar'),
  display_name: col('varchar'),
  agency_id: col('uuid'),
  roles: col('_text').of<Role[]>(),
  all_provinces: col('bool'),
  provinces: col('_text'),
  language: col('varchar').of<Language>(),
  status: col('varchar').of<UserStatus>(),
  password_hash: col('text').nullable(),
  /** set when an admin resets the password: the user must choose a new one */
  must_change_password: col('bool'),
  /** bumped when roles, agency, scope or status change: every token carrying an older value is refused */
  auth_version: col('int4'),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
  /** where notification e-mails go (no personal data in them); optional */
  email: col('varchar').nullable(),
  /** the TOTP secret (FieldCipher, bound to this row and column); null: no MFA */
  mfa_secret_enc: col('text').nullable(),
  /** a secret shown for enrolment and not yet confirmed with a code */
  mfa_pending_secret_enc: col('text').nullable(),
  mfa_enabled_at: col('timestamptz').nullable(),
  /** the last accepted TOTP time step: a code is accepted once */
  mfa_last_step: col('int8').nullable(),
  /** set when the user activates an account an administrator created or reset: their first sign-in tells the agency's supervisors */
  notify_first_sign_in: col('bool'),
});
export type UserRow = RowOf<typeof userTable>;

/** A user with what the views and the sign-in need of its agency. */
export type UserWithAgencyRow = UserRow & {
  agency_code: string;
  agency_name_lo: string;
  agency_name_en: string;
  agency_capabilities: AgencyCapability[];
  agency_active: boolean;
};

/** A user a supervisor may assign. */
export type AssignableUserRow = PickRow<typeof userTable, 'id' | 'display_name' | 'username' | 'roles'>;

/** What an administrator may change of an account. */
export type UserChanges = Partial<
  Pick<UserRow, 'email' | 'display_name' | 'language' | 'roles' | 'all_provinces' | 'provinces'>
>;

/** The administration's scope: every agency (null) or one. */
export type AgencyScope = string | null;

const WITH_AGENCY = sql`SELECT ${userTable.select('u')}, a.code AS agency_code, a.name_lo AS agency_name_lo, a.name_en AS agency_name_en,
       a.capabilities AS agency_capabilities, a.active AS agency_active
  FROM app_user u JOIN agency a ON a.id = u.agency_id`;

/** An active user of an active agency, as an Actor needs them. */
export type ActorRow = PickRow<
  typeof userTable,
  'id' | 'username' | 'agency_id' | 'roles' | 'all_provinces' | 'provinces'
> & { agency_code: string; capabilities: AgencyCapability[] };

/** The same, with what holds a signed-in user to the profile routes. */
export type SessionActorRow = ActorRow & PickRow<typeof userTable, 'must_change_password'> & { mfa_missing: boolean };

const ACTOR = sql`SELECT u.id, u.username, u.agency_id, a.code AS agency_code, a.capabilities, u.roles, u.all_provinces, u.provinces`;
const ACTIVE = sql`FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.status = 'ACTIVE' AND a.active`;

/** The Actor of a row of `userSql.activeActor` or `userSql.sessionActor`. */
export function actorOfRow(u: ActorRow): Actor {
  return {
    userId: u.id,
    username: u.username,
    agencyId: u.agency_id,
    agencyCode: u.agency_code,
    capabilities: u.capabilities,
    roles: u.roles,
    allProvinces: u.all_provinces,
    provinces: u.provinces,
  };
}

const inScope = (scope: AgencyScope): Sql => (scope ? sql`u.agency_id = ${scope}::uuid` : sql`true`);

/** The statements, pure: user.repository.spec.ts snapshots each one. */
export const userSql = {
  byId: (id: string): Sql => sql`${WITH_AGENCY} WHERE u.id = ${id}::uuid`,
  byUsername: (username: string): Sql => sql`${WITH_AGENCY} WHERE u.username = ${username}`,

  /** The user as they are now, when active in an active agency (a job re-reads its requester). */
  activeActor: (id: string): Sql => sql`${ACTOR} ${ACTIVE} AND u.id = ${id}::uuid`,

  /**
   * The caller of an access token, re-read on every request: active, at the token's authorisation
   * version, and with the token's session (refresh-token family) not revoked.
   */
  sessionActor: (id: string, authVersion: number, sessionId: string): Sql =>
    sql`${ACTOR}, u.must_change_password, u.mfa_enabled_at IS NULL AS mfa_missing ${ACTIVE}
          AND u.id = ${id}::uuid AND u.auth_version = ${authVersion}
          AND EXISTS (SELECT 1 FROM refresh_token t WHERE t.family_id = ${sessionId}::uuid AND t.user_id = u.id AND t.revoked_at IS NULL)`,

  /** Users in the administrator's scope, by username. */
  list: (
    scope: AgencyScope,
    f: { agencyId?: string; status?: UserStatus; afterUsername?: string; limit: number },
  ): Sql =>
    sql`${WITH_AGENCY} WHERE ${inScope(scope)}${f.agencyId ? sql` AND u.agency_id = ${f.agencyId}::uuid` : sql``}${f.status ? sql` AND u.status = ${f.status}` : sql``}${
      f.afterUsername !== undefined ? sql` AND u.username > ${f.afterUsername}` : sql``
    } ORDER BY u.username ASC LIMIT ${f.limit}`,

  /** One user in the administrator's scope (out of scope and missing alike), optionally locked. */
  inScope: (scope: AgencyScope, id: string, lock: boolean): Sql =>
    sql`${WITH_AGENCY} WHERE ${inScope(scope)} AND u.id = ${id}::uuid${lock ? sql` FOR UPDATE OF u` : sql``}`,

  otherActiveAdmins: (agencyId: string, exceptUserId: string): Sql =>
    sql`SELECT count(*)::int AS n FROM app_user WHERE agency_id = ${agencyId}::uuid AND status = 'ACTIVE' AND 'AGENCY_ADMIN' = ANY(roles) AND id <> ${exceptUserId}::uuid`,

  insert: (
    u: Pick<
      UserRow,
      | 'username'
      | 'display_name'
      | 'agency_id'
      | 'roles'
      | 'all_provinces'
      | 'provinces'
      | 'language'
      | 'email'
      | 'status'
    >,
  ): Sql =>
    sql`INSERT INTO app_user (username, display_name, agency_id, roles, all_provinces, provinces, language, email, status, password_hash, must_change_password)
        VALUES (${u.username}, ${u.display_name}, ${u.agency_id}::uuid, ${u.roles}, ${u.all_provinces}, ${u.provinces}, ${u.language}, ${u.email}, ${u.status}, NULL, false)
        ON CONFLICT (username) DO NOTHING
        RETURNING id`,

  /** A versioned change by an administrator, within their scope; `authChanged` invalidates every token issued before. */
  update: (scope: AgencyScope, id: string, version: number, changes: UserChanges, authChanged: boolean): Sql =>
    sql`UPDATE app_user u SET ${userTable.set(changes)}${authChanged ? sql`, auth_version = auth_version + 1` : sql``}, version = version + 1, updated_at = now()
         WHERE u.id = ${id}::uuid AND u.version = ${version} AND ${inScope(scope)}`,

  approve: (id: string): Sql =>
    sql`UPDATE app_user SET status = 'INVITED', version = version + 1, updated_at = now() WHERE id = ${id}::uuid`,

  setStatus: (id: string, status: UserStatus): Sql =>
    sql`UPDATE app_user SET status = ${status}, auth_version = auth_version + 1, version = version + 1, updated_at = now() WHERE id = ${id}::uuid`,

  clearPassword: (id: string): Sql =>
    sql`UPDATE app_user SET password_hash = NULL, must_change_password = false, auth_version = auth_version + 1,
               version = version + 1, updated_at = now()
         WHERE id = ${id}::uuid`,

  clearMfa: (id: string): Sql =>
    sql`UPDATE app_user SET mfa_secret_enc = NULL, mfa_pending_secret_enc = NULL, mfa_enabled_at = NULL, mfa_last_step = NULL,
               auth_version = auth_version + 1, version = version + 1, updated_at = now()
         WHERE id = ${id}::uuid`,

  /** ACTIVE users of the caller's agency holding one of `roles`, optionally covering a province. */
  assignable: (agencyId: string, roles: readonly Role[], province: string | undefined, limit: number): Sql =>
    sql`SELECT u.id, u.display_name, u.username, u.roles
          FROM app_user u
         WHERE u.agency_id = ${agencyId}::uuid AND u.status = 'ACTIVE' AND u.roles && ${roles}::text[]${province ? sql` AND (u.all_provinces OR ${province} = ANY(u.provinces))` : sql``}
         ORDER BY u.display_name, u.username
         LIMIT ${limit}`,

  setLanguage: (id: string, language: Language): Sql =>
    sql`UPDATE app_user SET language = ${language} WHERE id = ${id}::uuid`,
  setPasswordHash: (id: string, hash: string): Sql =>
    sql`UPDATE app_user SET password_hash = ${hash} WHERE id = ${id}::uuid`,
  changePassword: (id: string, hash: string): Sql =>
    sql`UPDATE app_user SET password_hash = ${hash}, must_change_password = false WHERE id = ${id}::uuid`,

  /** Claims a TOTP step in the statement that checks it: two requests with one code cannot both pass. */
  claimMfaStep: (id: string, step: number): Sql =>
    sql`UPDATE app_user SET mfa_last_step = ${step} WHERE id = ${id}::uuid AND (mfa_last_step IS NULL OR mfa_last_step < ${step})`,

  /** The first sign-in after an activation: true once. */
  takeFirstSignIn: (id: string): Sql =>
    sql`UPDATE app_user SET notify_first_sign_in = false WHERE id = ${id}::uuid AND notify_first_sign_in`,

  setPendingMfa: (id: string, secretEnc: string): Sql =>
    sql`UPDATE app_user SET mfa_pending_secret_enc = ${secretEnc} WHERE id = ${id}::uuid`,

  enableMfa: (id: string, secretEnc: string, step: number, pendingEnc: string): Sql =>
    sql`UPDATE app_user SET mfa_secret_enc = ${secretEnc}, mfa_pending_secret_enc = NULL, mfa_enabled_at = now(), mfa_last_step = ${step}
         WHERE id = ${id}::uuid AND mfa_enabled_at IS NULL AND mfa_pending_secret_enc = ${pendingEnc}`,

  /**
   * An activation completed: the user's own password, the account active, and MFA enrolled (`enrol`)
   * or its step moved on (`verifiedStep`).
   */
  activate: (
    id: string,
    hash: string,
    mfa: { enrol: { secretEnc: string; step: number } } | { verifiedStep: number } | null,
  ): Sql => {
    const mfaSet =
      mfa === null
        ? sql``
        : 'enrol' in mfa
          ? sql`, mfa_secret_enc = ${mfa.enrol.secretEnc}, mfa_pending_secret_enc = NULL, mfa_enabled_at = now(), mfa_last_step = ${mfa.enrol.step}`
          : sql`, mfa_last_step = GREATEST(coalesce(mfa_last_step, 0), ${mfa.verifiedStep})`;
    return sql`UPDATE app_user SET password_hash = ${hash}, must_change_password = false, notify_first_sign_in = true,
               status = CASE WHEN status = 'INVITED' THEN 'ACTIVE' ELSE status END${mfaSet},
               auth_version = auth_version + 1, version = version + 1, updated_at = now()
         WHERE id = ${id}::uuid AND status IN ('ACTIVE', 'INVITED')`;
  },
};

/** User accounts: their SQL and the encryption binding of the MFA secrets. */
@Injectable()
export class UserRepository {
  constructor(private readonly cipher: FieldCipher) {}

  byId(m: Runner, id: string): Promise<UserWithAgencyRow | undefined> {
    return selectOne<UserWithAgencyRow>(m, userSql.byId(id));
  }

  byUsername(m: Runner, username: string): Promise<UserWithAgencyRow | undefined> {
    return selectOne<UserWithAgencyRow>(m, userSql.byUsername(username));
  }

  async activeActor(m: Runner, id: string): Promise<Actor | null> {
    const u = await selectOne<ActorRow>(m, userSql.activeActor(id));
    return u ? actorOfRow(u) : null;
  }

  sessionActor(m: Runner, id: string, authVersion: number, sessionId: string): Promise<SessionActorRow | undefined> {
    return selectOne<SessionActorRow>(m, userSql.sessionActor(id, authVersion, sessionId));
  }

  list(m: Runner, scope: AgencyScope, f: Parameters<typeof userSql.list>[1]): Promise<UserWithAgencyRow[]> {
    return select<UserWithAgencyRow>(m, userSql.list(scope, f));
  }

  inScope(m: Runner, scope: AgencyScope, id: string, lock: boolean): Promise<UserWithAgencyRow | undefined> {
    return selectOne<UserWithAgencyRow>(m, userSql.inScope(scope, id, lock));
  }

  async otherActiveAdmins(m: Runner, agencyId: string, exceptUserId: string): Promise<number> {
    return (await selectOne<{ n: number }>(m, userSql.otherActiveAdmins(agencyId, exceptUserId)))?.n ?? 0;
  }

  /** The new user's id, or null when the username is taken. */
  async insert(m: Runner, u: Parameters<typeof userSql.insert>[0]): Promise<string | null> {
    return (await selectOne<{ id: string }>(m, userSql.insert(u)))?.id ?? null;
  }

  update(
    m: Runner,
    scope: AgencyScope,
    id: string,
    version: number,
    changes: UserChanges,
    authChanged: boolean,
  ): Promise<number> {
    return exec(m, userSql.update(scope, id, version, changes, authChanged));
  }

  approve(m: Runner, id: string): Promise<number> {
    return exec(m, userSql.approve(id));
  }

  setStatus(m: Runner, id: string, status: UserStatus): Promise<number> {
    return exec(m, userSql.setStatus(id, status));
  }

  clearPassword(m: Runner, id: string): Promise<number> {
    return exec(m, userSql.clearPassword(id));
  }

  clearMfa(m: Runner, id: string): Promise<number> {
    return exec(m, userSql.clearMfa(id));
  }

  assignable(
    m: Runner,
    agencyId: string,
    roles: readonly Role[],
    province: string | undefined,
    limit: number,
  ): Promise<AssignableUserRow[]> {
    return select<AssignableUserRow>(m, userSql.assignable(agencyId, roles, province, limit));
  }

  async setLanguage(m: Runner, id: string, language: Language): Promise<void> {
    await exec(m, userSql.setLanguage(id, language));
  }

  async setPasswordHash(m: Runner, id: string, hash: string): Promise<void> {
    await exec(m, userSql.setPasswordHash(id, hash));
  }

  async changePassword(m: Runner, id: string, hash: string): Promise<void> {
    await exec(m, userSql.changePassword(id, hash));
  }

  async claimMfaStep(m: Runner, id: string, step: number): Promise<boolean> {
    return (await exec(m, userSql.claimMfaStep(id, step))) === 1;
  }

  async takeFirstSignIn(m: Runner, id: string): Promise<boolean> {
    return (await exec(m, userSql.takeFirstSignIn(id))) === 1;
  }

  /** The user's TOTP secret, or null without MFA. */
  mfaSecretOf(u: Pick<UserRow, 'id' | 'mfa_secret_enc'>): string | null {
    return this.cipher.decrypt(u.mfa_secret_enc, MFA_SECRET(u.id));
  }

  pendingMfaSecretOf(u: Pick<UserRow, 'id' | 'mfa_pending_secret_enc'>): string | null {
    return this.cipher.decrypt(u.mfa_pending_secret_enc, MFA_PENDING_SECRET(u.id));
  }

  async setPendingMfa(m: Runner, id: string, secret: string): Promise<void> {
    await exec(m, userSql.setPendingMfa(id, this.cipher.encrypt(secret, MFA_PENDING_SECRET(id))));
  }

  /** Turns MFA on with `secret` if the pending secret is still `pendingEnc`; false when it changed meanwhile. */
  async enableMfa(m: Runner, id: string, secret: string, step: number, pendingEnc: string): Promise<boolean> {
    return (await exec(m, userSql.enableMfa(id, this.cipher.encrypt(secret, MFA_SECRET(id)), step, pendingEnc))) === 1;
  }

  /** Completes an activation (userSql.activate); false when the account is no longer ACTIVE or INVITED. */
  async activate(
    m: Runner,
    id: string,
    hash: string,
    mfa: { enrol: { secret: string; step: number } } | { verifiedStep: number } | null,
  ): Promise<boolean> {
    const stored =
      mfa && 'enrol' in mfa
        ? { enrol: { secretEnc: this.cipher.encrypt(mfa.enrol.secret, MFA_SECRET(id)), step: mfa.enrol.step } }
        : mfa;
    return (await exec(m, userSql.activate(id, hash, stored))) === 1;
  }
}
