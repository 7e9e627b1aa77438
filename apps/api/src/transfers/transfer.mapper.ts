import { DATA_CATEGORIES, type DataCategory, type TransferAction } from '@ctms/domain';
import type { TransferDetailRow, TransferRepository, TransferSummaryRow } from './transfer.repository';
import type { TransferDetailView, TransferSummaryView } from '@ctms/domain';

const ordered = (cats: readonly string[]): DataCategory[] => DATA_CATEGORIES.filter((c) => cats.includes(c));

/** Rows into the transfer views of libs/domain; the encrypted texts are read through the repository's binding. */
export function toTransferSummary(t: TransferSummaryRow): TransferSummaryView {
  return {
    id: t.id,
    caseId: t.case_id,
    caseNumber: t.case_number,
    kind: t.from_agency_id === t.to_agency_id ? 'PROVINCE' : 'LEAD_AGENCY',
    fromAgency: { id: t.from_agency_id, code: t.from_agency_code },
    toAgency: { id: t.to_agency_id, code: t.to_agency_code },
    fromProvinceCode: t.from_province_code,
    toProvinceCode: t.to_province_code,
    urgency: t.urgency,
    status: t.status,
    respondBy: t.respond_by.toISOString(),
    overdue: t.status === 'REQUESTED' && t.respond_by.getTime() < Date.now(),
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
    version: t.version,
  };
}

export function toTransferDetail(
  repo: Pick<TransferRepository, 'decrypt'>,
  t: TransferDetailRow,
  allowedActions: TransferAction[],
): TransferDetailView {
  return {
    ...toTransferSummary(t),
    requestedBy: { id: t.requested_by_id, username: t.requested_username, displayName: t.requested_display_name },
    reason: repo.decrypt(t, 'reason_enc', t.reason_enc),
    categories: ordered(t.categories),
    consentIds: t.consent_ids,
    formerLeadAccess: t.former_lead_access,
    retainedCategories: ordered(t.retained_categories),
    assignedTo: t.assigned_to_id
      ? { id: t.assigned_to_id, username: t.assigned_username, displayName: t.assigned_display_name }
      : null,
    declineReason: t.decline_reason,
    note: repo.decrypt(t, 'notes_enc', t.notes_enc),
    respondedAt: t.responded_at ? t.responded_at.toISOString() : null,
    allowedActions,
  };
}
