/**
 * Response shapes of the case routes. Built by explicit mappers from query rows: entities never
 * leave the API, and nothing here carries the person's name.
 */
import type { CaseAction, CaseStatus, DataCategory, IdentificationAction, IdentificationStatus } from '@ctms/domain';

export interface CaseSummaryView {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  identificationStatus: IdentificationStatus;
  provinceCode: string;
  leadAgency: { code: string };
  /** displayName: the person's name, which the portal shows (the username is for search and audit filters) */
  assignedTo: { id: string; username: string; displayName: string } | null;
  flags: string[];
  exploitationTypes: string[];
  openedAt: string;
  updatedAt: string;
  version: number;
}

export interface JourneyEventView {
  stage: string;
  place: string | null;
  date: string | null;
  description: string | null;
}

export interface ExploitationView {
  narrative: string | null;
  journeyEvents: JourneyEventView[];
  meansOfControl: string[];
}

export interface PerpetratorView {
  role: string;
  relationToVictim: string | null;
  description: string | null;
}

export interface IdentificationView {
  id: string;
  decision: string;
  decidedOn: string;
  decidedBy: { id: string; username: string | null; displayName: string | null };
  agency: { code: string | null };
  reasons: string;
  recordedAt: string;
}

/** Relations that open a case (spec/access.md). */
export type CaseRelationView = 'LEAD_AGENCY' | 'REFERRAL_PENDING' | 'REFERRAL_ACTIVE' | 'REFERRAL_COMPLETED' | 'REFERRAL_CLOSED' | 'HANDOFF';

/**
 * One case as the caller's relation allows. The summary keys are always there; each optional key is
 * present only when the relation carries its category (IDENTITY → personId, CONTACT_LOCATION →
 * contact, EXPLOITATION_ACCOUNT → exploitation, HEALTH → health, PERPETRATORS → perpetrators,
 * LEGAL_PROCEEDINGS → legal) or, for plan and identification, for the lead agency only.
 */
export interface CaseDetailView extends CaseSummaryView {
  relation: CaseRelationView;
  visibleCategories: DataCategory[];
  leadAgency: { code: string; id: string };
  destinationCountries: string[];
  riskLevel: string | null;
  needs: string[];
  closedAt: string | null;
  closureReason: string | null;
  personId?: string;
  exploitation?: ExploitationView | null;
  perpetrators?: PerpetratorView[];
  health?: Record<string, unknown> | null;
  contact?: Record<string, unknown> | null;
  legal?: Record<string, unknown> | null;
  plan?: Record<string, unknown> | null;
  identification?: IdentificationView | null;
  /** what the caller may do now (the portal shows only these) */
  allowedActions: {
    case: CaseAction[];
    identification: IdentificationAction[];
    edit: boolean;
    assign: boolean;
    accessLog: boolean;
  };
}

export interface CaseNoteView {
  id: string;
  category: string;
  body: string;
  author: { id: string; username: string | null; displayName: string | null };
  createdAt: string;
}

export interface CaseEventView {
  id: string;
  kind: string;
  at: string;
  actor: { id: string; username: string | null; displayName: string | null } | null;
  details: Record<string, unknown> | null;
}

export interface AccessLogEntryView {
  seq: string;
  at: string;
  actor: { id: string | null; username: string | null; displayName: string | null; agencyCode: string | null };
  action: string;
  outcome: string;
}

/** Every write route answers the case as the caller now sees it. */
export type CaseWriteResult = CaseDetailView;
