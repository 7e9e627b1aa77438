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
  /** the user signs in with a second factor (TOTP) */
  mfaEnabled: boolean;
  version: number;
}

export interface MeView extends UserView {
  permissions: Permission[];
  /** a temporary password set by an administrator: until it is changed, only the profile routes answer */
  mustChangePassword: boolean;
  /** MFA is required here (MFA_REQUIRED) and not set up yet: until it is, only the profile routes answer */
  mfaSetupRequired: boolean;
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

/** The answer to a right password when the user has MFA: send `mfaToken` with a code to POST /auth/mfa. */
export interface MfaChallenge {
  mfaRequired: true;
  /** short-lived (5 min), good only for POST /auth/mfa */
  mfaToken: string;
}

/** POST /auth/mfa */
export interface MfaLoginRequest {
  mfaToken: string;
  /** the 6 digits the authenticator app shows now */
  code: string;
}

/** POST /me/mfa/setup answers the new secret once, for the authenticator app (QR code or typed). */
export interface MfaSetup {
  /** base32 */
  secret: string;
  /** otpauth://totp/… for a QR code */
  otpauthUri: string;
}

/** TOTP parameters every authenticator app accepts (RFC 6238 defaults). */
export const MFA_CODE_DIGITS = 6;
export const MFA_PERIOD_SECONDS = 30;
/** A code as the API takes it: exactly the digits, nothing else. */
export const MFA_CODE_PATTERN = new RegExp(`^\\d{${MFA_CODE_DIGITS}}$`);
