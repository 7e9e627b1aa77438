/**
 * Coded values of the case record. The shared lists come from `@ctms/domain` (the API validates
 * against the same ones); the timeline kinds, status actions and access-log actions shown here are
 * the portal's own. Their Lao and English labels are in `dict-cases.ts`.
 */
export {
  CASE_FLAGS,
  EXPLOITATION_TYPES,
  JOURNEY_STAGES,
  MEANS_OF_CONTROL,
  PERPETRATOR_RELATIONS,
  PERPETRATOR_ROLES,
  RISK_LEVELS,
  TESTIFY_ANSWERS,
  type CaseFlag,
  type ExploitationType,
  type JourneyStage,
  type MeansOfControl,
  type PerpetratorRelation,
  type PerpetratorRole,
  type RiskLevel,
  type TestifyAnswer,
} from '@ctms/domain';

export const CASE_EVENT_KINDS = [
  'CASE_OPENED',
  'SCREENING_ATTACHED',
  'CASE_UPDATED',
  'CASE_ASSIGNED',
  'STATUS_CHANGED',
  'IDENTIFICATION_DECIDED',
  'CASE_CLOSED',
  'CASE_REOPENED',
  'NOTE_ADDED',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const STATUS_ACTIONS = ['ACTIVATE', 'START_FOLLOW_UP', 'RESUME'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/** What the access log records for a case (the API's audit actions on cases, people and consents). */
export const ACCESS_ACTIONS = [
  'CASE_LISTED',
  'CASE_READ',
  'CASE_UPDATED',
  'CASE_ASSIGNED',
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
  'CONSENTS_READ',
  'CONSENT_GRANTED',
  'CONSENT_WITHDRAWN',
  'PERSON_READ',
  'PERSON_CREATED',
  'PERSON_SEARCHED',
  'PERSON_MERGED',
  'PERSON_MERGE_UNDONE',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
