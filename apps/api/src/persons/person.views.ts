/* Merge bridge (decision 0020): the contract lives in @ctms/domain; this module only re-exports it
 * so that code importing the old path keeps compiling until every import names @ctms/domain. */
export {
  PERSON_MATCH_REASONS,
  type PersonCandidateView,
  type PersonMatchReason,
  type PersonMergeView,
  type PersonSearchResultView,
  type PersonTombstoneView,
  type PersonView,
} from '@ctms/domain';
