/* Merge bridge (decision 0020): the contract lives in @ctms/domain; this module only re-exports it
 * so that code importing the old path keeps compiling until every import names @ctms/domain. */
export type {
  AgencyRefView,
  ChargeView,
  EvidenceItemView,
  HandoffCaseSummaryView,
  HandoffDetailView,
  HandoffHistoryEntryView,
  HandoffLimitationView,
  HandoffSummaryView,
  ProsecutionView,
  SuspectView,
  VictimExploitationView,
  VictimHealthView,
  VictimIdentityView,
} from '@ctms/domain';
