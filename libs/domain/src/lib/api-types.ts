/** Shapes of the API contract (docs/api.md) shared by the API mappers and the portal. No framework here. */
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
  /** where the activation link and notifications go; never shown to anyone but administrators and the user */
  email: string | null;
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

/**
 * Account activation (docs/workflows.md "Account activation", decision 0010): an administrator creates or resets an
 * account; a one-time link goes to the user's own e-mail (never to the administrator); the user
 * chooses their password there (and enrols MFA where it is required). The token travels in the
 * link's fragment (`/activate#token=…`), which browsers never send to a server, and reaches the
 * API only in a POST body.
 */
export const ACTIVATION_PATH = 'activate';
export const ACTIVATION_TTL_HOURS = 72;
export const ACTIVATION_PURPOSES = ['INVITE', 'RESET'] as const;
export type ActivationPurpose = (typeof ACTIVATION_PURPOSES)[number];
/** NONE: a password only; ENROL: set up MFA now (required here); VERIFY: the account keeps its MFA, a current code confirms the reset */
export const ACTIVATION_MFA_STEPS = ['NONE', 'ENROL', 'VERIFY'] as const;
export type ActivationMfaStep = (typeof ACTIVATION_MFA_STEPS)[number];
/** The token as the API takes it: 43 base64url characters (256 random bits). */
export const ACTIVATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** POST /auth/activation/start answers what the activation page needs. */
export interface ActivationStart {
  username: string;
  purpose: ActivationPurpose;
  mfa: ActivationMfaStep;
  /** ENROL: the new secret for the authenticator app, shown once */
  mfaSetup: MfaSetup | null;
  expiresAt: string;
}

/** POST /auth/activation/complete */
export interface ActivationCompleteRequest {
  token: string;
  newPassword: string;
  /** ENROL and VERIFY: the code the app shows now */
  code?: string;
}

/** The link the activation e-mail carries; the token only in the fragment. */
export function activationLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${ACTIVATION_PATH}#token=${token}`;
}

/** The token from a location fragment (`#token=…`), or null. */
export function activationTokenFromFragment(fragment: string): string | null {
  const m = /(?:^#?|&)token=([A-Za-z0-9_-]+)/.exec(fragment);
  const t = m?.[1] ?? null;
  return t && ACTIVATION_TOKEN_PATTERN.test(t) ? t : null;
}
