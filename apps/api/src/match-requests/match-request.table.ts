import type { MatchRequestStatus } from '@ctms/domain';
import { col, table, type RowOf } from '../platform/database/table';

/**
 * One agency asking another whether the person of one of its screenings is a person the other
 * already holds (docs/decisions/0016). The asking side never sees the candidates; the answering
 * side sees the asking side's terms (encrypted, bound to this row) beside its own persons.
 * Indexes: IDX_match_request_incoming/_outgoing (agency, status, updated_at, id), _screening, and
 * the partial _linked (migration AddPersonAccessAndMatchRequests).
 */
export const matchRequestTable = table('match_request', {
  id: col('uuid'),
  from_agency_id: col('uuid'),
  from_user_id: col('uuid'),
  screening_id: col('uuid'),
  to_agency_id: col('uuid'),
  /** the asking side's terms (names, birth date, sex, document), encrypted */
  terms_enc: col('text'),
  /** the answering agency's persons that matched: shown to the answering side only */
  candidate_ids: col('_uuid'),
  status: col('varchar').of<MatchRequestStatus>(),
  linked_person_id: col('uuid').nullable(),
  answered_by_id: col('uuid').nullable(),
  answered_at: col('timestamptz').nullable(),
  comment_enc: col('text').nullable(),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});
export type MatchRequestRow = RowOf<typeof matchRequestTable>;
