/**
 * Wire shapes of the case routes (GET/PATCH/POST /cases…): the views the API's mappers build from
 * query rows and the portal reads, and the request bodies the API's DTO classes implement. No view
 * carries the person's name: a case names its person by id, for the callers whose relation carries
 * IDENTITY.
 */
import type { DataCategory } from './enums';
import type {
  ExploitationType,
  IdentificationDecision,
  JourneyStage,
  MeansOfControl,
  PerpetratorRelation,
  PerpetratorRole,
  RiskLevel,
  StatusAction,
  TestifyAnswer,
} from './case-codes';
import type { HtcdsSupportPlanType, ServiceType } from './reference';
import type { SettableCaseFlag } from './case-codes';
import type {
  CaseAction,
  CaseStatus,
  ClosureReason,
  ClosureRequestAction,
  ClosureRequestStatus,
  IdentificationAction,
  IdentificationRequestAction,
  IdentificationRequestStatus,
  IdentificationStatus,
} from './workflows';

/** A user as a case names them (the username may be gone when the account was removed). */
export interface CaseUserRefView {
  id: string;
  username: string | null;
  /** the person's name, which the portal shows */
  displayName: string | null;
}

export interface CaseSummaryView {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  identificationStatus: IdentificationStatus;
  provinceCode: string;
  leadAgency: { code: string };
  /** displayName: the person's name, which the portal shows (the username is for search and audit filters) */
  assignedTo: { id: string; username: string; displayName: string } | null;
  /** CaseFlag codes */
  flags: string[];
  /** ExploitationType codes */
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

/** The HEALTH category of a case record as stored (each key optional: what was entered). */
export interface CaseHealthView {
  medical?: string | null;
  psychological?: string | null;
  notes?: string | null;
}

/** The CONTACT_LOCATION category of a case record. */
export interface CaseContactView {
  currentShelter?: string | null;
  safeContact?: string | null;
  notes?: string | null;
}

/** The LEGAL_PROCEEDINGS category of a case record. */
export interface CaseLegalView {
  willingToTestify?: string | null;
  notes?: string | null;
}

/** The support plan (lead agency only). */
export interface CasePlanView {
  types?: string[] | null;
  objectives?: string | null;
  actionPlan?: string | null;
  plannedEndDate?: string | null;
  actualEndDate?: string | null;
}

export interface IdentificationView {
  id: string;
  decision: string;
  decidedOn: string;
  decidedBy: CaseUserRefView;
  agency: { code: string | null };
  reasons: string;
  recordedAt: string;
}

/** Relations that open a case (the access rules): the caller's relation decides what the detail carries. */
export const CASE_RELATIONS = [
  'LEAD_AGENCY',
  'REFERRAL_PENDING',
  'REFERRAL_ACTIVE',
  'REFERRAL_COMPLETED',
  'REFERRAL_CLOSED',
  'HANDOFF',
  'TRANSFER_PENDING',
  'FORMER_LEAD',
  'IDENTIFICATION_REQUEST',
] as const;
export type CaseRelation = (typeof CASE_RELATIONS)[number];

/** What the caller may do with the case now (the portal offers only these). */
export interface CaseAllowedActions {
  case: CaseAction[];
  identification: IdentificationAction[];
  edit: boolean;
  assign: boolean;
  accessLog: boolean;
  /** send the case to the formal identification agency (lead without the capability, none open) */
  requestIdentification: boolean;
  /** ask a supervisor to close (the case editor, none open) */
  requestClosure: boolean;
  /**
   * hand the case off to the prosecutor: the lead's case editor, or the agency that formally
   * identified the victim on an identification request (decision 0024); never a closed case
   */
  handoff: boolean;
  /** set or lift RESTRICTED and NON_PUNISHMENT (a supervisor of the lead agency) */
  flags: boolean;
  /** refer the case to another agency: the lead's assigned caseworker or supervisor (referral:create), never a closed case */
  refer: boolean;
}

/** An identification request as the lead agency and the asked agency see it: codes and ids, no personal data. */
export interface IdentificationRequestView {
  id: string;
  caseId: string;
  caseNumber: string;
  status: IdentificationRequestStatus;
  fromAgency: { code: string };
  toAgency: { code: string };
  requestedBy: CaseUserRefView;
  requestedAt: string;
  /** when the asked agency should have decided */
  dueAt: string;
  decidedAt: string | null;
  /** IDENTIFIED or NOT_IDENTIFIED once decided */
  decision: string | null;
  version: number;
  allowedActions: IdentificationRequestAction[];
}

/** A closure request on a case (lead agency only). */
export interface ClosureRequestView {
  id: string;
  status: ClosureRequestStatus;
  reason: ClosureReason;
  requestedBy: CaseUserRefView;
  requestedAt: string;
  decidedBy: CaseUserRefView | null;
  decidedAt: string | null;
  /** the requester's note (OTHER) and the supervisor's comment (RETURN), decrypted */
  note: string | null;
  comment: string | null;
  version: number;
  allowedActions: ClosureRequestAction[];
}

/**
 * One case as the caller's relation allows. The summary keys are always there; each optional key is
 * present only when the relation carries its category (IDENTITY → personId, CONTACT_LOCATION →
 * contact, EXPLOITATION_ACCOUNT → exploitation, HEALTH → health, PERPETRATORS → perpetrators,
 * LEGAL_PROCEEDINGS → legal) or, for plan and identification, for the lead agency only.
 */
export interface CaseDetailView extends CaseSummaryView {
  relation: CaseRelation;
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
  health?: CaseHealthView | null;
  contact?: CaseContactView | null;
  legal?: CaseLegalView | null;
  plan?: CasePlanView | null;
  identification?: IdentificationView | null;
  /** the open or latest identification request (lead agency and asked agency) */
  identificationRequest?: IdentificationRequestView | null;
  /** the open or latest closure request (lead agency) */
  closureRequest?: ClosureRequestView | null;
  /** users named on a RESTRICTED case (lead agency) */
  restrictedTo?: CaseUserRefView[];
  allowedActions: CaseAllowedActions;
}

export interface CaseNoteView {
  id: string;
  /** a DataCategory other than IDENTITY */
  category: string;
  body: string;
  author: CaseUserRefView;
  createdAt: string;
}

export interface CaseEventView {
  id: string;
  /** a TimelineEventKind */
  kind: string;
  at: string;
  actor: CaseUserRefView | null;
  details: Record<string, unknown> | null;
}

export interface AccessLogEntryView {
  seq: string;
  at: string;
  actor: { id: string | null; username: string | null; displayName: string | null; agencyCode: string | null };
  action: string;
  outcome: string;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** A yes/no filter as a query string carries it: `true` keeps the cases that have it, `false` those that do not. */
export type CaseFilterSwitch = 'true' | 'false';

/**
 * GET /cases query (besides limit and cursor); also the filters of POST /cases/search and of a saved
 * filter. `assignedTo` is a user id or `me`. None carries personal data.
 */
export interface CaseListQuery {
  status?: CaseStatus;
  province?: string;
  assignedTo?: string;
  /** `true`: nobody is assigned */
  unassigned?: CaseFilterSwitch;
  riskLevel?: RiskLevel;
  /** the CHILD flag */
  child?: CaseFilterSwitch;
  /** the RESTRICTED flag */
  restricted?: CaseFilterSwitch;
  identification?: IdentificationStatus;
  /** `true`: a plan task or an expected follow-up visit of the case is past its due day (Lao time) */
  overdue?: CaseFilterSwitch;
  /** `recent` (the default): most recently changed first; `due`: the cases with something due, earliest first */
  sort?: CaseListSort;
}

/** How the case list is ordered (CaseListQuery.sort). */
export const CASE_LIST_SORTS = ['recent', 'due'] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

/** The filter names of CaseListQuery, in the order the portal shows them. */
export const CASE_LIST_FILTERS = [
  'status',
  'province',
  'assignedTo',
  'unassigned',
  'riskLevel',
  'child',
  'restricted',
  'identification',
  'overdue',
  'sort',
] as const satisfies readonly (keyof CaseListQuery)[];

/**
 * A case number as printed (`VT-2026-00042`): province suffix, year, sequence (a letter may lead the
 * sequence: the synthetic data's `AT-2021-S0000039`).
 */
export const CASE_NUMBER_RE = /^[A-Z0-9]{2,3}-[0-9]{4}-[A-Z]?[0-9]{4,7}$/;

/** The case number a search text is (trimmed, upper-cased), or null when it is not one (then it is a name). */
export function asCaseNumber(text: string): string | null {
  const t = text.trim().toUpperCase();
  return CASE_NUMBER_RE.test(t) ? t : null;
}

/**
 * POST /cases/search: exactly one of an exact case number (`VT-2026-00042`) or a person's name (Lao
 * or Latin, matched on the keyed name indexes of the duplicate search), with the list's filters and
 * keyset page. The name travels only in this body, never in a URL.
 */
export interface CaseSearchRequest extends CaseListQuery {
  number?: string;
  name?: string;
  limit?: number;
  cursor?: string;
}

/** A user's saved case-list filter: a label of their own and the filters (never a search term). */
export interface SavedCaseFilterView {
  id: string;
  label: string;
  filters: CaseListQuery;
  createdAt: string;
}

/** POST /case-filters */
export interface SavedCaseFilterRequest {
  label: string;
  filters: CaseListQuery;
}

/** Every change of a case names the version it was read at. */
export interface VersionedRequest {
  version: number;
}

export interface JourneyEventRequest {
  stage: JourneyStage;
  place?: string;
  date?: string;
  description?: string;
}

export interface ExploitationRequest {
  narrative?: string;
  journeyEvents?: JourneyEventRequest[];
  meansOfControl?: MeansOfControl[];
}

export interface PerpetratorRequest {
  role: PerpetratorRole;
  relationToVictim?: PerpetratorRelation;
  description?: string;
}

export interface CaseHealthRequest {
  medical?: string;
  psychological?: string;
  notes?: string;
}

export interface CaseContactRequest {
  currentShelter?: string;
  safeContact?: string;
  notes?: string;
}

export interface CaseLegalRequest {
  willingToTestify?: TestifyAnswer;
  notes?: string;
}

export interface CasePlanRequest {
  types?: HtcdsSupportPlanType[];
  objectives?: string;
  actionPlan?: string;
  plannedEndDate?: string;
  actualEndDate?: string;
}

/** PATCH /cases/:id (with `version`): a key left out stays, null clears it, a category object replaces the category. */
export interface UpdateCaseRequest {
  exploitationTypes?: ExploitationType[] | null;
  destinationCountries?: string[] | null;
  riskLevel?: RiskLevel | null;
  needs?: ServiceType[] | null;
  exploitation?: ExploitationRequest | null;
  perpetrators?: PerpetratorRequest[] | null;
  health?: CaseHealthRequest | null;
  contact?: CaseContactRequest | null;
  legal?: CaseLegalRequest | null;
  plan?: CasePlanRequest | null;
}

/** POST /cases/:id/assign */
export interface AssignCaseRequest extends VersionedRequest {
  userId: string;
}

/** POST /cases/:id/transition */
export interface TransitionCaseRequest extends VersionedRequest {
  action: StatusAction;
}

/** POST /cases/:id/identification */
export interface IdentificationRequest {
  version?: number;
  decision: IdentificationDecision;
  decidedOn: string;
  reasons: string;
}

/** POST /cases/:id/close */
export interface CloseCaseRequest extends VersionedRequest {
  reason: ClosureReason;
  note?: string;
}

/** POST /cases/:id/identification-requests: to the inbox of an agency with FORMAL_IDENTIFICATION */
export interface SendIdentificationRequest {
  toAgencyId: string;
}

/** POST /identification-requests/:id/decide (the asked agency; as POST /cases/:id/identification) */
export interface DecideIdentificationRequest extends VersionedRequest {
  decision: IdentificationDecision;
  decidedOn: string;
  reasons: string;
}

/** POST /identification-requests/:id/cancel (the lead agency) */
export interface CancelIdentificationRequest extends VersionedRequest {
  reason: string;
}

/** GET /identification-requests: the caller's agency's inbox, most due first */
export interface IdentificationRequestListQuery {
  status?: IdentificationRequestStatus;
}

/** POST /cases/:id/closure-requests */
export interface RequestClosureRequest {
  reason: ClosureReason;
  note?: string;
}

/** POST /closure-requests/:id/approve and /return (comment required on return) */
export interface DecideClosureRequest extends VersionedRequest {
  comment?: string;
}

/** POST /cases/:id/flags: set or lift RESTRICTED / NON_PUNISHMENT with a reason */
export interface CaseFlagRequest extends VersionedRequest {
  flag: SettableCaseFlag;
  set: boolean;
  reason: string;
  /** RESTRICTED: the users of the lead agency who may open the case (the actor is always named) */
  userIds?: string[];
}

/** POST /cases/:id/reopen */
export interface ReopenCaseRequest extends VersionedRequest {
  reason: string;
}

/** POST /cases/:id/notes */
export interface CreateNoteRequest {
  body: string;
  category?: DataCategory;
}
