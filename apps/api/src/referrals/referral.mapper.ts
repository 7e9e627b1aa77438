import {
  DATA_CATEGORIES,
  referralOverdue,
  type ReferralAction,
  type ReferralStatus,
  type ReferralDetailView,
  type ReferralHistoryEntryView,
  type ReferralNoteView,
  type ReferralServiceView,
  type ReferralSummaryView,
} from '@ctms/domain';
import type { FieldCipher } from '../platform/crypto/field-cipher';
import type {
  ReferralDetailRow,
  ReferralHistoryRow,
  ReferralNoteRow,
  ReferralServiceRow,
  ReferralSummaryRow,
} from './referral.repository';

/** Rows into the referral views of libs/domain; the encrypted columns are read with their binding (table, column, row id). */
export function toReferralSummary(r: ReferralSummaryRow): ReferralSummaryView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    fromAgency: { code: r.from_agency_code },
    toAgency: { code: r.to_agency_code },
    serviceTypes: r.service_types,
    urgency: r.urgency,
    status: r.status,
    acknowledgeBy: r.acknowledge_by.toISOString(),
    servicesDueBy: r.services_due_by ? r.services_due_by.toISOString() : null,
    overdue: referralOverdue(r.status, r.acknowledge_by, r.services_due_by, new Date()),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

export function toReferralDetail(
  cipher: FieldCipher,
  r: ReferralDetailRow,
  services: ReferralServiceRow[],
  history: ReferralHistoryRow[],
  allowedActions: ReferralAction[],
): ReferralDetailView {
  return {
    ...toReferralSummary(r),
    fromAgency: { id: r.from_agency_id, code: r.from_agency_code },
    toAgency: { id: r.to_agency_id, code: r.to_agency_code },
    sentBy: { id: r.from_user_id, username: r.from_username, displayName: r.from_display_name },
    reason: cipher.decrypt(r.reason_enc, { table: 'referral', column: 'reason_enc', rowId: r.id }),
    categories: r.categories,
    effectiveCategories: DATA_CATEGORIES.filter((c) => (r.effective_categories ?? []).includes(c)),
    consentIds: r.consent_ids,
    assignedTo: r.assigned_to_id
      ? { id: r.assigned_to_id, username: r.assigned_username, displayName: r.assigned_display_name }
      : null,
    acknowledgedAt: r.acknowledged_at ? r.acknowledged_at.toISOString() : null,
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    declineReason: r.decline_reason,
    outcome: r.outcome,
    note: cipher.decrypt(r.notes_enc, { table: 'referral', column: 'notes_enc', rowId: r.id }),
    services: services.map((s) => toReferralService(cipher, s)),
    history: history.map(toReferralHistory),
    allowedActions,
  };
}

function toReferralService(cipher: FieldCipher, s: ReferralServiceRow): ReferralServiceView {
  const bind = (column: string) => ({ table: 'referral_service', column, rowId: s.id });
  return {
    id: s.id,
    serviceType: s.service_type,
    deliveredOn: s.delivered_on,
    provider: s.provider_enc ? cipher.decrypt(s.provider_enc, bind('provider_enc')) : s.provider,
    notes: cipher.decrypt(s.notes_enc, bind('notes_enc')),
    recordedBy: { id: s.recorded_by_id, username: s.recorded_by_username, displayName: s.recorded_by_display_name },
    recordedAt: s.created_at.toISOString(),
  };
}

function toReferralHistory(h: ReferralHistoryRow): ReferralHistoryEntryView {
  const to = h.details?.['to'];
  return {
    kind: h.kind,
    at: h.at.toISOString(),
    actor:
      h.actor_username || h.actor_agency_code
        ? { username: h.actor_username, displayName: h.actor_display_name, agencyCode: h.actor_agency_code }
        : null,
    status: typeof to === 'string' ? (to as ReferralStatus) : null,
    details: h.details,
  };
}

export function toReferralNote(cipher: FieldCipher, n: ReferralNoteRow): ReferralNoteView {
  return {
    id: n.id,
    body: cipher.decrypt(n.body_enc, { table: 'referral_note', column: 'body_enc', rowId: n.id }) ?? '',
    author: {
      id: n.author_id,
      username: n.author_username,
      displayName: n.author_display_name,
      agencyCode: n.author_agency_code,
    },
    createdAt: n.created_at.toISOString(),
  };
}
