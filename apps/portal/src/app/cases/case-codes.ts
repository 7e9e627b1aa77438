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

