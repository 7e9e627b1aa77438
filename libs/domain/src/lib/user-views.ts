/**
 * Wire shapes of the user and agency routes besides the account views in api-types.ts (UserView,
 * MeView, AgencyView): colleagues to assign work to, active agencies, and the administrators'
 * request bodies.
 */
import type { AgencyCapability, AgencyType, Language, Role } from './enums';
import type { AgencyRef } from './api-types';

/** A colleague a supervisor may assign work to: no e-mail, no scope, no status (all are ACTIVE). */
export interface AssignableUserView {
  id: string;
  displayName: string;
  username: string;
  roles: Role[];
}

/** GET /users/assignable */
export interface AssignableUsersView {
  items: AssignableUserView[];
}

/** GET /reference/agencies: the active agencies, with what they do and where. */
export interface ReferenceAgencyView extends AgencyRef {
  capabilities: AgencyCapability[];
  serviceTypes: string[];
  provinces: string[];
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Administrative actions on an account give a reason (audited). */
export interface ReasonRequest {
  reason: string;
}

/** POST /admin/users: the one-time activation link goes to `email`; no password is ever set here. */
export interface CreateUserRequest {
  username: string;
  displayName: string;
  email: string;
  roles: Role[];
  allProvinces?: boolean;
  provinces?: string[];
  language?: Language;
  /** system administrators only: another agency */
  agencyId?: string;
}

/** PATCH /admin/users/:id (with `version`) */
export interface UpdateUserRequest {
  displayName?: string;
  roles?: Role[];
  allProvinces?: boolean;
  provinces?: string[];
  language?: Language;
  email?: string;
}

/** POST /admin/agencies */
export interface CreateAgencyRequest {
  code: string;
  nameLo: string;
  nameEn: string;
  type: AgencyType;
  capabilities: AgencyCapability[];
  serviceTypes: string[];
  provinces: string[];
}

/** PATCH /admin/agencies/:id (with `version`) */
export interface UpdateAgencyRequest extends Partial<Omit<CreateAgencyRequest, 'code'>> {
  active?: boolean;
}
