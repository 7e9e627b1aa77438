/* Merge bridge (decision 0020): the contract lives in @ctms/domain; this module only re-exports it
 * so that code importing the old path keeps compiling until every import names @ctms/domain. */
export type {
  AccessLogEntryView,
  CaseDetailView,
  CaseEventView,
  CaseNoteView,
  CaseRelation as CaseRelationView,
  CaseSummaryView,
  ExploitationView,
  IdentificationView,
  JourneyEventView,
  PerpetratorView,
} from '@ctms/domain';
import type { CaseDetailView } from '@ctms/domain';

/** Every write route answers the case as the caller now sees it. */
export type CaseWriteResult = CaseDetailView;
