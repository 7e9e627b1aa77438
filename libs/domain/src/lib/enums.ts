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
export const AGENCY_TYPES = [
  'GOVERNMENT',
  'LAW_ENFORCEMENT',
  'PROSECUTION',
  'MASS_ORGANISATION',
  'NGO',
  'INTERNATIONAL_ORGANISATION',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export const LANGUAGES = ['lo', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * ACTIVE: may sign in (once it has a password of its own). INVITED: created, the activation link is
 * out, no password yet. PENDING_APPROVAL: created by the system administrator in an agency whose
 * administrator must approve it before the activation link goes out (decision 0010).
 */
export const USER_STATUSES = ['ACTIVE', 'INVITED', 'PENDING_APPROVAL', 'LOCKED', 'DISABLED'] as const;
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

/** Timeline event kinds of a handoff on its case (codes only in the details, never a protected value); each is also the audit action of the change. */
export const HANDOFF_EVENT_KINDS = [
  'HANDOFF_SUBMITTED',
  'HANDOFF_RECEIVED',
  'HANDOFF_ACCEPTED',
  'HANDOFF_RETURNED',
  'HANDOFF_RESUBMITTED',
  'HANDOFF_CHARGED',
  'HANDOFF_TRIAL_STARTED',
  'HANDOFF_DECIDED',
  'HANDOFF_CLOSED',
  'HANDOFF_WITHDRAWN',
] as const;
export type HandoffEventKind = (typeof HANDOFF_EVENT_KINDS)[number];

/** The steps of a case transfer: each is a timeline event of the case and an audit action. */
export const TRANSFER_EVENT_KINDS = [
  'TRANSFER_REQUESTED',
  'TRANSFER_ACCEPTED',
  'TRANSFER_DECLINED',
  'TRANSFER_CANCELLED',
] as const;
export type TransferEventKind = (typeof TRANSFER_EVENT_KINDS)[number];

/** The structured case plan's writes: each is a timeline event of the case and an audit action (decision 0031). */
export const PLAN_EVENT_KINDS = [
  'PLAN_GOAL_ADDED',
  'PLAN_GOAL_UPDATED',
  'PLAN_TASK_ADDED',
  'PLAN_TASK_UPDATED',
  'PLAN_SUBMITTED',
  'PLAN_APPROVED',
  'PLAN_RETURNED',
] as const;
export type PlanEventKind = (typeof PLAN_EVENT_KINDS)[number];
/** Follow-up visits and reintegration assessments on a case (decision 0032): timeline events of the case. */
export const FOLLOW_UP_EVENT_KINDS = [
  'VISIT_RECORDED',
  'VISIT_UPDATED',
  'ASSESSMENT_RECORDED',
  'ASSESSMENT_UPDATED',
] as const;
export type FollowUpEventKind = (typeof FOLLOW_UP_EVENT_KINDS)[number];

/** The audit actions of the follow-up routes: the reads of the lists and the trend, and each write. */
export const FOLLOW_UP_AUDIT_ACTIONS = [
  'VISITS_READ',
  'VISIT_RECORDED',
  'VISIT_UPDATED',
  'ASSESSMENTS_READ',
  'ASSESSMENT_TREND_READ',
  'ASSESSMENT_RECORDED',
  'ASSESSMENT_UPDATED',
] as const;
/** Family tracing and return (family-tracing.ts, decision 0033): each is a timeline event of the case and an audit action. */
export const FAMILY_TRACING_EVENT_KINDS = [
  'FAMILY_TRACING_REQUESTED',
  'FAMILY_TRACING_ANSWERED',
  'FAMILY_TRACING_DECLINED',
  'FAMILY_TRACING_WITHDRAWN',
  'RETURN_RECORDED',
] as const;
export type FamilyTracingEventKind = (typeof FAMILY_TRACING_EVENT_KINDS)[number];
/** Audit actions of the family tracing reads (no timeline event). */
export const FAMILY_TRACING_READ_ACTIONS = ['FAMILY_TRACING_LISTED', 'FAMILY_TRACING_READ'] as const;

/**
 * Every action the API writes to the audit log. The API's audit writer takes only these, and the
 * portal labels each one in Lao and English, so a supervisor never reads a bare code.
 */
export const AUDIT_ACTIONS = [
  // sign-in and sessions
  'LOGIN_SUCCEEDED',
  'LOGIN_FAILED',
  'LOGIN_MFA_CHALLENGED',
  'MFA_SETUP_STARTED',
  'MFA_ENABLED',
  'LOGOUT',
  'PASSWORD_CHANGED',
  'CREDENTIAL_CHECK_FAILED',
  'ACCOUNT_ACTIVATED',
  'REFRESH_TOKEN_REUSED',
  'PERMISSION_DENIED',
  /** a refused request on a route that names no action of its own (the access layer's 404 or 409) */
  'REQUEST_DENIED',
  // administration
  'USER_CREATED',
  'USER_UPDATED',
  'USER_DISABLED',
  'USER_ENABLED',
  'USER_PASSWORD_RESET',
  'USER_MFA_RESET',
  'USER_APPROVED',
  'ACTIVATION_SENT',
  'AGENCY_CREATED',
  'AGENCY_UPDATED',
  // screenings
  'SCREENING_CREATED',
  'SCREENING_READ',
  'SCREENING_UPDATED',
  'SCREENING_SUBMITTED',
  'SCREENING_RETURNED',
  'SCREENING_APPROVED',
  'SCREENING_TERMINATED',
  // cases, their records, consents and people
  'CASE_LISTED',
  'CASE_SEARCHED',
  'CASE_FILTER_SAVED',
  'CASE_FILTER_DELETED',
  'CASE_READ',
  'CASE_UPDATED',
  'CASE_ASSIGNED',
  'CASELOAD_READ',
  'WORK_ITEMS_READ',
  'CASE_STATUS_CHANGED',
  'CASE_IDENTIFICATION_DECIDED',
  'CASE_CLOSED',
  'CASE_REOPENED',
  'CASE_NOTES_READ',
  'CASE_NOTE_ADDED',
  'CASE_TIMELINE_READ',
  'CASE_ACCESS_LOG_READ',
  'CASE_OPENED',
  'CASE_SCREENING_ATTACHED',
  'CASE_IDENTIFICATION_REQUESTED',
  'IDENTIFICATION_REQUESTS_LISTED',
  'IDENTIFICATION_REQUEST_CANCELLED',
  'CASE_CLOSURE_REQUESTED',
  'CASE_CLOSURE_APPROVED',
  'CASE_CLOSURE_RETURNED',
  'CASE_FLAG_SET',
  'CASE_FLAG_LIFTED',
  // the structured case plan (decision 0031)
  ...PLAN_EVENT_KINDS,
  'PLAN_READ',
  'CONSENTS_READ',
  'CONSENT_GRANTED',
  'CONSENT_WITHDRAWN',
  'PERSON_READ',
  'PERSON_CREATED',
  'PERSON_SEARCHED',
  'PERSON_MERGED',
  'PERSON_MERGE_UNDONE',
  'MATCH_REQUESTS_LISTED',
  'MATCH_REQUEST_CREATED',
  'MATCH_REQUEST_READ',
  'MATCH_REQUEST_LINKED',
  'MATCH_REQUEST_NO_MATCH',
  'ATTACHMENTS_LISTED',
  'ATTACHMENT_UPLOADED',
  'ATTACHMENT_DOWNLOADED',
  // referrals
  'REFERRALS_LISTED',
  'REFERRAL_CREATED',
  'REFERRAL_READ',
  'REFERRAL_ACCEPTED',
  'REFERRAL_DECLINED',
  'REFERRAL_SERVICE_RECORDED',
  'REFERRAL_COMPLETED',
  'REFERRAL_CANCELLED',
  // case transfers (lead agency or province office)
  'TRANSFERS_LISTED',
  'TRANSFER_READ',
  ...TRANSFER_EVENT_KINDS,
  ...FAMILY_TRACING_EVENT_KINDS,
  ...FAMILY_TRACING_READ_ACTIONS,
  'REFERRAL_REASSIGNED',
  'REFERRAL_NOTES_READ',
  'REFERRAL_NOTE_ADDED',
  'REFERRAL_PRINTED',
  'SLA_SETTINGS_READ',
  'SLA_SETTINGS_UPDATED',
  // follow-up visits and reintegration assessments (decision 0032)
  ...FOLLOW_UP_AUDIT_ACTIONS,
  // handoffs to prosecution
  'HANDOFF_LISTED',
  'HANDOFF_READ',
  ...HANDOFF_EVENT_KINDS,
  // exports, the audit log and statistics
  'EXPORT_REQUESTED',
  'EXPORT_APPROVED',
  'EXPORT_DECLINED',
  'EXPORT_GENERATED',
  'EXPORT_FAILED',
  'EXPORT_DOWNLOADED',
  'AUDIT_READ',
  'STATS_READ',
  // the system itself
  'REFERENCE_DATA_SEEDED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isOneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}
