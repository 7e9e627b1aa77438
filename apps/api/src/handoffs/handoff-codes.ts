/* Merge bridge (decision 0020): the contract lives in @ctms/domain; this module only re-exports it
 * so that code importing the old path keeps compiling until every import names @ctms/domain. */
export {
  CHARGE_ARTICLE,
  HANDOFF_ACTION_EVENT,
  HANDOFF_BASE_CATEGORIES,
  HANDOFF_CONSENTED_CATEGORIES,
  HANDOFF_EVENT_KINDS,
  HANDOFF_LIMITATIONS,
  HANDOFF_LIMITATION_LABELS,
  HANDOFF_RECEIVE_BY_DAYS,
  PROTECTION_MEASURES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
  WILLINGNESS_TO_TESTIFY,
  type HandoffEventKind,
  type HandoffLimitation,
  type ProtectionMeasure,
  type SuspectRole,
  type SuspectStatus,
  type WillingnessToTestify,
} from '@ctms/domain';
