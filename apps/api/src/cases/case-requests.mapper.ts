import type { ClosureRequestView, IdentificationRequestView } from '@ctms/domain';
import type { ClosureRequestRow, IdentificationRequestRow } from './case-requests.repository';

const userRef = (id: string | null, username: string | null, displayName: string | null) =>
  id ? { id, username, displayName } : null;

const requester = (r: IdentificationRequestRow | ClosureRequestRow) => ({
  id: r.requested_by_id,
  username: r.requested_by_username,
  displayName: r.requested_by_display_name,
});

/** An identification request row into its libs/domain view, with the caller's actions (asked of the machine by the service). */
export function toIdentificationRequestView(
  r: IdentificationRequestRow,
  allowedActions: IdentificationRequestView['allowedActions'],
): IdentificationRequestView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    status: r.status,
    fromAgency: { code: r.from_agency_code },
    toAgency: { code: r.to_agency_code },
    requestedBy: requester(r),
    requestedAt: r.requested_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    decision: r.decision,
    version: r.version,
    allowedActions,
  };
}

/** A closure request row into its view; `texts` are its note and comment, decrypted by the repository. */
export function toClosureRequestView(
  r: ClosureRequestRow,
  texts: { note: string | null; comment: string | null },
  allowedActions: ClosureRequestView['allowedActions'],
): ClosureRequestView {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    requestedBy: requester(r),
    requestedAt: r.requested_at.toISOString(),
    decidedBy: userRef(r.decided_by_id, r.decided_by_username, r.decided_by_display_name),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    note: texts.note,
    comment: texts.comment,
    version: r.version,
    allowedActions,
  };
}
