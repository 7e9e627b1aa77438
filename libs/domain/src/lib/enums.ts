/** Coded values shared by the API and the portal. Labels in Lao and English live in i18n.ts. */

export const ROLES = [
  'CASEWORKER',
  'SUPERVISOR',
  'INVESTIGATOR',
  'PROSECUTOR',
  'AGENCY_ADMIN',
  'SYSTEM_ADMIN',
  'ANALYST',
] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_CAPABILITIES = [
  'SCREEN',
  'FORMAL_IDENTIFICATION',
  'INVESTIGATE',
  'RECEIVE_REFERRALS',
  'PROSECUTE',
] as const;
export type AgencyCapability = (typeof AGENCY_CAPABILITIES)[number];

/** HTCDS org_Type values used for agencies. */
export const AGENCY_TYPES = ['GOVERNMENT', 'LAW_ENFORCEMENT', 'PROSECUTION', 'MASS_ORGANISATION', 'NGO', 'INTERNATIONAL_ORGANISATION'] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export const LANGUAGES = ['lo', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const USER_STATUSES = ['ACTIVE', 'LOCKED', 'DISABLED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const DATA_CATEGORIES = [
  'CASE_SUMMARY',
  'IDENTITY',
  'CONTACT_LOCATION',
  'EXPLOITATION_ACCOUNT',
  'HEALTH',
  'PERPETRATORS',
  'LEGAL_PROCEEDINGS',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Categories that are encrypted at rest. */
export const PROTECTED_CATEGORIES: readonly DataCategory[] = DATA_CATEGORIES.filter((c) => c !== 'CASE_SUMMARY');

export const AUDIT_OUTCOMES = ['ALLOWED', 'DENIED', 'FAILED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export function isOneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}
