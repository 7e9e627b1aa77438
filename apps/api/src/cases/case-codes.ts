/**
 * Coded values of the case record: the shared lists live in `@ctms/domain`; the timeline's event
 * kinds are the API's own.
 */
export {
  CASE_FLAGS,
  EXPLOITATION_TYPES,
  JOURNEY_STAGES,
  MEANS_OF_CONTROL,
  PERPETRATOR_RELATIONS,
  PERPETRATOR_ROLES,
  RISK_LEVELS,
  type CaseFlag,
  type ExploitationType,
  type JourneyStage,
  type MeansOfControl,
  type PerpetratorRelation,
  type PerpetratorRole,
  type RiskLevel,
} from '@ctms/domain';

/** Timeline event kinds. */
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
