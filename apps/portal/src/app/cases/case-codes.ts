/**
 * Coded values of the case record: `@ctms/domain`'s (the API validates against the same ones),
 * re-exported for the case screens. Their Lao and English labels are in `dict-cases.ts`.
 */
export {
  CASE_EVENT_KINDS,
  CASE_FLAGS,
  EXPLOITATION_TYPES,
  JOURNEY_STAGES,
  MEANS_OF_CONTROL,
  PERPETRATOR_RELATIONS,
  PERPETRATOR_ROLES,
  RISK_LEVELS,
  STATUS_ACTIONS,
  TESTIFY_ANSWERS,
  type CaseEventKind,
  type CaseFlag,
  type ExploitationType,
  type JourneyStage,
  type MeansOfControl,
  type PerpetratorRelation,
  type PerpetratorRole,
  type RiskLevel,
  type StatusAction,
  type TestifyAnswer,
} from '@ctms/domain';
