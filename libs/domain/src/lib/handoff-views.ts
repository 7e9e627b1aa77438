/**
 * Wire shapes of the handoff routes: the views the API's mappers build from query rows (entities
 * never leave the API) and the request bodies its DTO classes implement. Lists carry no personal data; the detail carries the victim's
 * identity, exploitation account and health only for the receiving agency under an active
 * LAW_ENFORCEMENT_SHARING consent (the keys are absent otherwise, not null).
 */
import type { DataCategory } from './enums';
import type {
  HandoffLimitation,
  ProtectionMeasure,
  SuspectRole,
  SuspectStatus,
  WillingnessToTestify,
} from './handoff-codes';
import type { PerpetratorRelation } from './case-codes';
import type { Label } from './i18n';
import type { HandoffAction, HandoffStatus, IdentificationStatus, Verdict } from './workflows';

export interface AgencyRefView {
  id: string;
  code: string;
}

export interface HandoffSummaryView {
  id: string;
  caseId: string;
  caseNumber: string;
  status: HandoffStatus;
  /** INCOMING: sent to the caller's agency; OUTGOING: sent by it */
  box: 'INCOMING' | 'OUTGOING';
  fromAgency: AgencyRefView;
  toAgency: AgencyRefView;
  receiveBy: string;
  receivedAt: string | null;
  /** still SUBMITTED after receiveBy */
  overdue: boolean;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface EvidenceItemView {
  description: string;
  attachmentId: string | null;
}

export interface SuspectView {
  name: string | null;
  alias: string | null;
  roleInProcess: string;
  relationToVictim: string;
  status: string;
}

export interface ChargeView {
  article: string;
  description: string | null;
}

export interface ProsecutionView {
  /** every return to the investigator, oldest first */
  returns: { reason: string; at: string }[];
  chargesFiled: ChargeView[];
  court: string | null;
  trialDates: string[];
  verdict: Verdict | null;
  sentence: string | null;
  restitutionOrdered: { amount: number | null; currency: string | null; description: string | null } | null;
  decidedOn: string | null;
  withdrawalReason: string | null;
}

export interface HandoffCaseSummaryView {
  caseNumber: string;
  status: string;
  identificationStatus: IdentificationStatus;
  provinceCode: string;
  flags: string[];
  exploitationTypes: string[];
  openedAt: string;
}

export interface VictimIdentityView {
  givenNameLo: string | null;
  familyNameLo: string | null;
  latinNames: string[];
  nicknames: string[];
  sex: string | null;
  dateOfBirth: string | null;
  dobPrecision: string | null;
  presumedMinor: boolean;
  citizenship: string[];
  documents: { type: string; number: string }[];
}

export interface VictimExploitationView {
  narrative: string | null;
  meansOfControl: string[];
  journeyEvents: { stage: string; place: string | null; date: string | null; description: string | null }[];
}

export interface VictimHealthView {
  medical: string | null;
  psychological: string | null;
  notes: string | null;
}

export interface HandoffHistoryEntryView {
  kind: string;
  at: string;
  actor: { id: string; username: string | null; displayName: string | null; agencyCode: string | null } | null;
  from: string | null;
  to: string | null;
}

export interface HandoffLimitationView {
  code: HandoffLimitation;
  label: Label;
  withheldCategories: DataCategory[];
}

export interface HandoffDetailView extends HandoffSummaryView {
  /** displayName: the person's name, which the portal shows */
  submittedBy: { id: string; username: string | null; displayName: string | null };
  prosecutor: { id: string; username: string | null; displayName: string | null } | null;
  /** the categories the caller receives through this handoff, now */
  categories: DataCategory[];
  /** true when IDENTITY, EXPLOITATION_ACCOUNT or HEALTH is withheld for want of consent */
  limitedByConsent: boolean;
  limitation: HandoffLimitationView | null;
  caseSummary: HandoffCaseSummaryView;
  evidence: EvidenceItemView[];
  suspects: SuspectView[];
  proposedCharges: ChargeView[];
  /** the victim's part of the packet: with EXPLOITATION_ACCOUNT (always for the sender) */
  statementSummary?: string;
  willingToTestify?: string | null;
  protectionMeasures?: string[];
  protectionNote?: string | null;
  /** the receiving agency, under consent only */
  identity?: VictimIdentityView;
  exploitation?: VictimExploitationView | null;
  health?: VictimHealthView | null;
  prosecution: ProsecutionView;
  allowedActions: HandoffAction[];
  /** every status change, oldest first (from the case timeline) */
  history: HandoffHistoryEntryView[];
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface EvidenceItemRequest {
  description: string;
  /** an attachment of the same case */
  attachmentId?: string;
}

export interface SuspectRequest {
  name?: string;
  alias?: string;
  roleInProcess: SuspectRole;
  relationToVictim: PerpetratorRelation;
  status?: SuspectStatus;
}

export interface ChargeRequest {
  /** a CHARGE_ARTICLE code such as PENAL_CODE_215 */
  article: string;
  description?: string;
}

export interface RestitutionRequest {
  amount?: number;
  currency?: string;
  description?: string;
}

/** POST /cases/:caseId/handoffs */
export interface CreateHandoffRequest {
  toAgencyId: string;
  statementSummary: string;
  evidence: EvidenceItemRequest[];
  suspects: SuspectRequest[];
  proposedCharges: ChargeRequest[];
  willingToTestify: WillingnessToTestify;
  protectionMeasures: ProtectionMeasure[];
  protectionNote?: string;
}

/** The packet fields a resubmission may change. */
export type HandoffPacketUpdate = Partial<Omit<CreateHandoffRequest, 'toAgencyId'>>;

export interface HandoffVersionRequest {
  version: number;
}

/** return and withdraw */
export interface HandoffReasonRequest extends HandoffVersionRequest {
  reason: string;
}

/** POST /handoffs/:id/resubmit */
export interface ResubmitHandoffRequest extends HandoffPacketUpdate, HandoffVersionRequest {}

/** POST /handoffs/:id/charge */
export interface ChargeHandoffRequest extends HandoffVersionRequest {
  chargesFiled: ChargeRequest[];
  court?: string;
}

/** POST /handoffs/:id/trial */
export interface TrialHandoffRequest extends HandoffVersionRequest {
  court: string;
  trialDates: string[];
}

/** POST /handoffs/:id/verdict */
export interface VerdictHandoffRequest extends HandoffVersionRequest {
  verdict: Verdict;
  sentence?: string;
  restitutionOrdered?: RestitutionRequest;
  decidedOn: string;
}
