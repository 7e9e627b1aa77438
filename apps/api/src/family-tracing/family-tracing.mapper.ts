import type { CaseReturnView, FamilyTracingRequestView, ReturnTransferOffer } from '@ctms/domain';
import type { CaseReturnRow, FamilyTracingRow } from './family-tracing.repository';

const userRef = (id: string | null, username: string | null, displayName: string | null) =>
  id ? { id, username, displayName } : null;

/** A request row into its view; `texts` decrypted by the repository (a contact the caller may not read is already null). */
export function toFamilyTracingView(
  r: FamilyTracingRow,
  texts: { questions: string; familyContact: string | null; answerText: string | null },
  allowedActions: FamilyTracingRequestView['allowedActions'],
): FamilyTracingRequestView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    status: r.status,
    fromAgency: { code: r.from_agency_code },
    toAgency: { code: r.to_agency_code },
    provinceCode: r.province_code,
    categories: r.categories,
    sharedCategories: r.shared_categories,
    familyContact: texts.familyContact,
    questions: r.shared_categories.includes('CASE_SUMMARY') ? texts.questions : null,
    requestedBy: { id: r.requested_by_id, username: r.requested_by_username, displayName: r.requested_by_display_name },
    requestedAt: r.requested_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    answer: r.answer,
    answerText: texts.answerText,
    answeredBy: userRef(r.answered_by_id, r.answered_by_username, r.answered_by_display_name),
    answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
    version: r.version,
    allowedActions,
  };
}

/** A return row into its view, with the province transfer it offers (null when the case is already in that province). */
export function toCaseReturnView(
  r: CaseReturnRow,
  note: string | null,
  transferOffer: ReturnTransferOffer | null,
): CaseReturnView {
  return {
    id: r.id,
    caseId: r.case_id,
    returnedOn: r.returned_on,
    crossingPoint: r.crossing_point,
    escort: r.escort,
    receptionPlace: r.reception_place,
    handoverProvinceCode: r.handover_province_code,
    note,
    recordedBy: { id: r.recorded_by_id, username: r.recorded_by_username, displayName: r.recorded_by_display_name },
    recordedAt: r.recorded_at.toISOString(),
    transferOffer,
  };
}
