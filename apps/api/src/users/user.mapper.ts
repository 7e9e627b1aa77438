import { MeView, permissionsOf, UserView } from '@ctms/domain';
import type { UserWithAgencyRow } from './user.repository';

/** The only shape a user takes in a response. */
export function toUserView(u: UserWithAgencyRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    agency: { id: u.agency_id, code: u.agency_code, nameLo: u.agency_name_lo, nameEn: u.agency_name_en },
    roles: [...u.roles],
    allProvinces: u.all_provinces,
    provinces: [...u.provinces],
    language: u.language,
    status: u.status,
    mfaEnabled: u.mfa_enabled_at !== null,
    email: u.email,
    version: u.version,
  };
}

/** `mfaRequired`: the deployment requires MFA (MFA_REQUIRED); a user without it is then held to the profile routes. */
export function toMeView(u: UserWithAgencyRow, mfaRequired: boolean): MeView {
  return {
    ...toUserView(u),
    permissions: [...permissionsOf({ roles: u.roles, capabilities: u.agency_capabilities })],
    mustChangePassword: u.must_change_password,
    mfaSetupRequired: mfaRequired && u.mfa_enabled_at === null,
  };
}
