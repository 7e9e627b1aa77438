/**
 * Response and request shapes of the case-transfer routes (docs/workflows.md "Case transfer"), shared
 * by the API and the portal. Lists and details carry the case number, agency codes and province
 * codes, never a name of the person.
 */
import type { DataCategory } from './enums';
import type {
  DeclineReason,
  FormerLeadAccess,
  TransferAction,
  TransferKind,
  TransferStatus,
  Urgency,
} from './workflows';

export interface TransferSummaryView {
  id: string;
  caseId: string;
  caseNumber: string;
  kind: TransferKind;
  fromAgency: { id: string; code: string };
  toAgency: { id: string; code: string };
  fromProvinceCode: string;
  toProvinceCode: string;
  urgency: Urgency;
  status: TransferStatus;
  /** accept or decline by then (requested + URGENCY_SLA_HOURS) */
  respondBy: string;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TransferDetailView extends TransferSummaryView {
  requestedBy: { id: string; username: string | null; displayName: string | null };
  reason: string | null;
  /** the categories that go with a lead transfer (CASE_SUMMARY always); every category for a province transfer */
  categories: DataCategory[];
  consentIds: string[];
  formerLeadAccess: FormerLeadAccess;
  /** what the former lead keeps after an accepted lead transfer (empty when none) */
  retainedCategories: DataCategory[];
  assignedTo: { id: string; username: string | null; displayName: string | null } | null;
  declineReason: DeclineReason | null;
  /** the decline or cancellation text */
  note: string | null;
  respondedAt: string | null;
  allowedActions: TransferAction[];
}

/** POST /cases/:caseId/transfers */
export interface CreateTransferRequest {
  /** the receiving agency: another agency (a lead transfer) or the case's own lead agency (a province transfer) */
  toAgencyId: string;
  /** the province office that takes the case; defaults to the case's province (required for a province transfer) */
  toProvinceCode?: string;
  urgency: Urgency;
  reason: string;
  /** a lead transfer's packet for the preview (CASE_SUMMARY always added), each covered by an active REFERRAL_SHARING consent for the receiver */
  categories: DataCategory[];
  /** the victim's choice for the former lead; defaults to RETAIN */
  formerLeadAccess?: FormerLeadAccess;
}

export interface TransferVersionRequest {
  version: number;
}

/** POST /transfers/:id/accept */
export interface AcceptTransferRequest extends TransferVersionRequest {
  /** a worker of the receiving agency whose scope covers the province the case goes to (default: the caller) */
  assigneeId?: string;
}

/** POST /transfers/:id/decline */
export interface DeclineTransferRequest extends TransferVersionRequest {
  reason: DeclineReason;
  note?: string;
}

/** POST /transfers/:id/cancel */
export interface CancelTransferRequest extends TransferVersionRequest {
  reason: string;
}
