import { MeView, permissionsOf, UserView } from '@ctms/domain';
import type { AgencyEntity } from '../agencies/agency.entity';
import type { UserEntity } from './user.entity';

/** Entities never leave the API: this is the only shape a user takes in a response. */
export function toUserView(u: UserEntity, agency: AgencyEntity): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    agency: { id: agency.id, code: agency.code, nameLo: agency.nameLo, nameEn: agency.nameEn },
    roles: [...u.roles],
    allProvinces: u.allProvinces,
    provinces: [...u.provinces],
    language: u.language,
    status: u.status,
    mfaEnabled: u.mfaEnabledAt !== null,
    email: u.email,
    version: u.version,
  };
}

/** `mfaRequired`: the deployment requires MFA (MFA_REQUIRED); a user without it is then held to the profile routes. */
export function toMeView(u: UserEntity, agency: AgencyEntity, mfaRequired: boolean): MeView {
  return {
    ...toUserView(u, agency),
    permissions: [...permissionsOf({ roles: u.roles, capabilities: agency.capabilities })],
    mustChangePassword: u.mustChangePassword,
    mfaSetupRequired: mfaRequired && u.mfaEnabledAt === null,
  };
}
