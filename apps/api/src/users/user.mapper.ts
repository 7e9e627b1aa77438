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
    version: u.version,
  };
}

export function toMeView(u: UserEntity, agency: AgencyEntity): MeView & { mustChangePassword: boolean } {
  return { ...toUserView(u, agency), permissions: [...permissionsOf(u.roles)], mustChangePassword: u.mustChangePassword };
}
