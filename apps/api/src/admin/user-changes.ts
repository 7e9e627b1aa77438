import type { UserChanges, UserWithAgencyRow } from '../users/user.repository';
import { sameSet } from './admin-db';
import type { UpdateUserDto } from './dto/user.dto';

/** What an update request changes of a user account, worked out before any check runs (nothing is written here). */
export interface UserDiff {
  /** the columns to set, in the order the request's fields are listed below */
  changes: UserChanges;
  /** the request's field names that change something (the audit row's `fields`) */
  fields: string[];
  rolesChanged: boolean;
  allChanged: boolean;
  provincesChanged: boolean;
  /** roles or province scope: every token issued before the change stops working (auth_version) */
  authChanged: boolean;
  emailChanged: boolean;
  nextAll: boolean;
  nextProvinces: string[];
}

export function diffUser(u: UserWithAgencyRow, dto: UpdateUserDto): UserDiff {
  const changes: UserChanges = {};
  const fields: string[] = [];
  const set = <K extends keyof UserChanges>(column: K, field: string, value: UserChanges[K]) => {
    changes[column] = value;
    fields.push(field);
  };

  const nextAll = dto.allProvinces ?? u.all_provinces;
  // switching to "all provinces" drops the list unless one is sent (and then refused)
  const nextProvinces = dto.provinces ?? (dto.allProvinces === true ? [] : u.provinces);
  const rolesChanged = dto.roles !== undefined && !sameSet(dto.roles, u.roles);
  const allChanged = nextAll !== u.all_provinces;
  const provincesChanged = !sameSet(nextProvinces, u.provinces);
  const emailChanged = dto.email !== undefined && dto.email !== u.email;

  if (emailChanged) set('email', 'email', dto.email);
  if (dto.displayName !== undefined && dto.displayName !== u.display_name)
    set('display_name', 'displayName', dto.displayName);
  if (dto.language !== undefined && dto.language !== u.language) set('language', 'language', dto.language);
  if (rolesChanged) set('roles', 'roles', dto.roles);
  if (allChanged) set('all_provinces', 'allProvinces', nextAll);
  if (provincesChanged) set('provinces', 'provinces', nextProvinces);
  return {
    changes,
    fields,
    rolesChanged,
    allChanged,
    provincesChanged,
    authChanged: rolesChanged || allChanged || provincesChanged,
    emailChanged,
    nextAll,
    nextProvinces,
  };
}
