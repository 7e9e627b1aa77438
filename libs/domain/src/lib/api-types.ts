/** Shapes of the API contract (spec/api.md) shared by the API mappers and the portal. No framework here. */
import type { AgencyCapability, Language, Role, UserStatus } from './enums';
import type { Permission } from './permissions';

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** For validation failures: one entry per bad field. */
  details?: { field: string; problems: string[] }[];
  requestId: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AgencyRef {
  id: string;
  code: string;
  nameLo: string;
  nameEn: string;
}

export interface AgencyView extends AgencyRef {
  type: string;
  capabilities: AgencyCapability[];
  serviceTypes: string[];
  provinces: string[];
  active: boolean;
  version: number;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  agency: AgencyRef;
  roles: Role[];
  /** true: every province; otherwise the province codes in `provinces`. */
  allProvinces: boolean;
  provinces: string[];
  language: Language;
  status: UserStatus;
  version: number;
}

export interface MeView extends UserView {
  permissions: Permission[];
  /** a temporary password set by an administrator: until it is changed, only the profile routes answer */
  mustChangePassword: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
}

export interface LoginResponse extends TokenPair {
  user: MeView;
}
