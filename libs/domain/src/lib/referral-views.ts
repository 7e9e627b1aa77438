/**
 * Response shapes of the referral routes, shared by the API (which builds them with explicit
 * mappers from query rows) and the portal (which reads them). No name, phone or document number of
 * the person ever appears here (lists carry the case number only).
 */
import type { DataCategory } from './enums';
import type { ServiceType } from './reference';
import type { DeclineReason, ReferralAction, ReferralOutcome, ReferralStatus, Urgency } from './workflows';

export interface ReferralSummaryView {
  id: string;
  caseId: string;
  caseNumber: string;
  fromAgency: { code: string };
  toAgency: { code: string };
  serviceTypes: ServiceType[];
  urgency: Urgency;
  status: ReferralStatus;
  /** accept or decline by then (created + the acknowledgement SLA of its urgency) */
  acknowledgeBy: string;
  /** once accepted: the first service is due by then (accepted + the services SLA of its urgency) */
  servicesDueBy: string | null;
  /** PENDING past acknowledgeBy, or ACCEPTED (no service yet) past servicesDueBy */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ReferralServiceView {
  id: string;
  serviceType: ServiceType;
  deliveredOn: string;
  provider: string | null;
  notes: string | null;
  recordedBy: { id: string; username: string | null; displayName: string | null };
  recordedAt: string;
}

export interface ReferralHistoryEntryView {
  kind: string;
  at: string;
  actor: { username: string | null; displayName: string | null; agencyCode: string | null } | null;
  /** the status the referral moved to, when the event changed it */
  status: ReferralStatus | null;
  details: Record<string, unknown> | null;
}

export interface ReferralDetailView extends ReferralSummaryView {
  fromAgency: { id: string; code: string };
  toAgency: { id: string; code: string };
  /** displayName: the person's name, which the portal shows */
  sentBy: { id: string; username: string | null; displayName: string | null };
  reason: string | null;
  /** the packet as requested (CASE_SUMMARY always included) */
  categories: DataCategory[];
  /** what the receiving agency sees of the case right now (narrowed by status and by the consents in force) */
  effectiveCategories: DataCategory[];
  consentIds: string[];
  assignedTo: { id: string; username: string | null; displayName: string | null } | null;
  acknowledgedAt: string | null;
  closedAt: string | null;
  declineReason: DeclineReason | null;
  outcome: ReferralOutcome | null;
  /** the decline, outcome or cancellation text */
  note: string | null;
  services: ReferralServiceView[];
  history: ReferralHistoryEntryView[];
  allowedActions: ReferralAction[];
}

/** A note on a referral: both agencies read and write them (stored encrypted). */
export interface ReferralNoteView {
  id: string;
  body: string;
  author: { id: string; username: string | null; displayName: string | null; agencyCode: string | null };
  createdAt: string;
}

/** The SLA hours per urgency: acknowledgement (accept or decline) and services (first service after acceptance). */
export interface SlaSettingView {
  urgency: Urgency;
  acknowledgeHours: number;
  servicesHours: number;
  updatedAt: string | null;
}

export interface ServiceDirectoryEntryView {
  id: string;
  code: string;
  nameLo: string;
  nameEn: string;
  serviceTypes: ServiceType[];
  provinces: string[];
}

// ---------------------------------------------------------------------------------------------
// Requests

/** POST /cases/:caseId/referrals */
export interface CreateReferralRequest {
  toAgencyId: string;
  serviceTypes: ServiceType[];
  urgency: Urgency;
  reason: string;
  /** the packet (CASE_SUMMARY is always added) */
  categories: DataCategory[];
}

export interface ReferralVersionRequest {
  version: number;
}

/** POST /referrals/:id/accept */
export interface AcceptReferralRequest extends ReferralVersionRequest {
  assigneeId?: string;
}

/** POST /referrals/:id/decline */
export interface DeclineReferralRequest extends ReferralVersionRequest {
  reason: DeclineReason;
  note?: string;
}

/** POST /referrals/:id/services */
export interface RecordServiceRequest extends ReferralVersionRequest {
  serviceType: ServiceType;
  deliveredOn: string;
  provider?: string;
  notes?: string;
}

/** POST /referrals/:id/complete */
export interface CompleteReferralRequest extends ReferralVersionRequest {
  outcome: ReferralOutcome;
  note?: string;
}

/** POST /referrals/:id/cancel */
export interface CancelReferralRequest extends ReferralVersionRequest {
  reason: string;
}

/** POST /referrals/:id/reassign (a supervisor of the receiving agency) */
export interface ReassignReferralRequest extends ReferralVersionRequest {
  assigneeId: string;
}

/** POST /referrals/:id/notes */
export interface AddReferralNoteRequest {
  body: string;
}

/** PUT /admin/sla-settings: every urgency, both clocks */
export interface UpdateSlaSettingsRequest {
  settings: { urgency: Urgency; acknowledgeHours: number; servicesHours: number }[];
}
