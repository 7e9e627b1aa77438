/**
 * The workflows of docs/workflows.md as data: screening, case, identification status, referral,
 * prosecution handoff and consent. Each machine has its own context type: the actor's roles, the
 * relations between the actor and the record (computed by the caller from the loaded record), and the
 * input the action carries. Guards check the relations and the record, `validate` checks the input
 * (see state-machine.ts). Labels for every code below are in i18n.ts.
 */
import type { AgencyCapability, Role } from './enums';
import { editorRefusalOf } from './access-rules';
import { defineMachine, type MachineContext, type MachineRefusal } from './state-machine';

// ---------------------------------------------------------------------------------------------
// Coded lists
// ---------------------------------------------------------------------------------------------

/** The seven interview consent questions (docs/domain.md "Interview consent", HTCDS `con_Consent` guidance). */
export const INTERVIEW_CONSENT_QUESTIONS = [
  'CONSENTS_TO_INTERVIEW',
  'INFORMED_OF_PURPOSE',
  'INFORMED_OF_DATA_USE',
  'INFORMED_OF_RESEARCH_USE',
  'INFORMED_OF_RIGHT_OF_ACCESS',
  'INFORMED_OF_RETENTION',
  'INFORMED_OF_WITHDRAWAL',
] as const;
export type InterviewConsentQuestion = (typeof INTERVIEW_CONSENT_QUESTIONS)[number];

export const INTERVIEW_CONSENT_ANSWERS = ['YES', 'NO', 'NOT_APPLICABLE'] as const;
export type InterviewConsentAnswer = (typeof INTERVIEW_CONSENT_ANSWERS)[number];

export type InterviewConsentAnswers = Partial<Record<InterviewConsentQuestion, InterviewConsentAnswer | null>>;

/** True when all seven questions are answered YES: the only way an interview may go on. */
export function interviewConsentComplete(answers: InterviewConsentAnswers | null | undefined): boolean {
  if (!answers) return false;
  return INTERVIEW_CONSENT_QUESTIONS.every((q) => answers[q] === 'YES');
}

export const SCREENING_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'TERMINATED'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];
export const SCREENING_ACTIONS = ['SUBMIT', 'TERMINATE', 'APPROVE', 'RETURN', 'REVISE'] as const;
export type ScreeningAction = (typeof SCREENING_ACTIONS)[number];

export const CASE_STATUSES = ['OPEN', 'ACTIVE', 'FOLLOW_UP', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_ACTIONS = ['ACTIVATE', 'START_FOLLOW_UP', 'RESUME', 'CLOSE', 'REOPEN'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CLOSURE_REASONS = [
  'SERVICES_COMPLETED',
  'REINTEGRATED',
  'TRANSFERRED',
  'LOST_CONTACT',
  'DECEASED',
  'NOT_A_VICTIM',
  'DUPLICATE_MERGED',
  'OTHER',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const IDENTIFICATION_STATUSES = ['POSSIBLE_VICTIM', 'IDENTIFIED', 'NOT_IDENTIFIED'] as const;
export type IdentificationStatus = (typeof IDENTIFICATION_STATUSES)[number];
export const IDENTIFICATION_ACTIONS = ['IDENTIFY', 'NOT_IDENTIFY'] as const;
export type IdentificationAction = (typeof IDENTIFICATION_ACTIONS)[number];

/** An identification request to the formal identification agency's inbox (docs/workflows.md "Identification request"). */
export const IDENTIFICATION_REQUEST_STATUSES = ['REQUESTED', 'DECIDED', 'CANCELLED'] as const;
export type IdentificationRequestStatus = (typeof IDENTIFICATION_REQUEST_STATUSES)[number];
export const IDENTIFICATION_REQUEST_ACTIONS = ['DECIDE', 'CANCEL'] as const;
export type IdentificationRequestAction = (typeof IDENTIFICATION_REQUEST_ACTIONS)[number];
/** Days the formal identification agency has to decide a request (the Transit Centre's seven days). */
export const IDENTIFICATION_REQUEST_DUE_DAYS = 7;

/** A caseworker's request to close a case, decided by a supervisor (docs/workflows.md "Closure request"). */
export const CLOSURE_REQUEST_STATUSES = ['REQUESTED', 'APPROVED', 'RETURNED'] as const;
export type ClosureRequestStatus = (typeof CLOSURE_REQUEST_STATUSES)[number];
export const CLOSURE_REQUEST_ACTIONS = ['APPROVE', 'RETURN'] as const;
export type ClosureRequestAction = (typeof CLOSURE_REQUEST_ACTIONS)[number];

export const REFERRAL_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_ACTIONS = [
  'ACCEPT',
  'DECLINE',
  'START_SERVICE',
  'COMPLETE',
  'CANCEL',
  'REASSIGN',
  'ADD_NOTE',
] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export const DECLINE_REASONS = [
  'NO_CAPACITY',
  'SERVICE_NOT_OFFERED',
  'OUTSIDE_AREA',
  'VICTIM_UNREACHABLE',
  'OTHER',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const REFERRAL_OUTCOMES = [
  'SERVICES_DELIVERED',
  'PARTIALLY_DELIVERED',
  'DECLINED_BY_VICTIM',
  'LOST_CONTACT',
  'REFERRED_ONWARD',
  'OTHER',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const URGENCIES = ['EMERGENCY', 'HIGH', 'ROUTINE'] as const;
export type Urgency = (typeof URGENCIES)[number];
/** Default acknowledgement SLA (accept or decline) per urgency, in hours; configurable by the API. */
export const URGENCY_SLA_HOURS: Readonly<Record<Urgency, number>> = { EMERGENCY: 24, HIGH: 72, ROUTINE: 168 };

/** When a referral sent at `sentAt` must be accepted or declined. */
export function acknowledgeDeadline(
  sentAt: Date,
  urgency: Urgency,
  slaHours: Readonly<Record<Urgency, number>> = URGENCY_SLA_HOURS,
): Date {
  return new Date(sentAt.getTime() + slaHours[urgency] * 3_600_000);
}

/**
 * Default services SLA per urgency, in hours: once a referral is accepted, the receiving agency
 * delivers the first service by then (`servicesDueBy`). The system administrator may change both
 * clocks (GET/PUT /admin/sla-settings); these are the values a new database starts with.
 */
export const SERVICES_SLA_HOURS: Readonly<Record<Urgency, number>> = { EMERGENCY: 72, HIGH: 168, ROUTINE: 336 };

/** The bounds of an SLA setting, in hours: at least one hour, at most 90 days. */
export const SLA_HOURS_MIN = 1;
export const SLA_HOURS_MAX = 2160;

/** Which of a referral's clocks runs: the acknowledgement one, or the services one. */
export type ReferralClock = 'ACKNOWLEDGE' | 'SERVICES';

/**
 * The clock that runs on a referral in `status`, with its deadline: PENDING is due by its
 * acknowledge-by, ACCEPTED (no service recorded yet: the first one moves it to IN_PROGRESS) by its
 * services-due-by; no clock runs otherwise. `T` is a Date (the API) or an ISO string (the portal).
 */
export function referralDeadline<T>(
  status: string,
  acknowledgeBy: T,
  servicesDueBy: T | null,
): { clock: ReferralClock; dueAt: T } | null {
  if (status === 'PENDING') return { clock: 'ACKNOWLEDGE', dueAt: acknowledgeBy };
  if (status === 'ACCEPTED' && servicesDueBy !== null) return { clock: 'SERVICES', dueAt: servicesDueBy };
  return null;
}

/**
 * A referral is overdue while its running clock has run out: PENDING past its acknowledgement
 * deadline, or ACCEPTED (no service recorded yet) past its services deadline. Both agencies'
 * lists and dashboards show it, from this rule.
 */
export function referralOverdue(
  status: string,
  acknowledgeBy: Date | string,
  servicesDueBy: Date | string | null,
  now: Date | number,
): boolean {
  const d = referralDeadline<Date | string>(status, acknowledgeBy, servicesDueBy);
  if (!d) return false;
  const due = typeof d.dueAt === 'string' ? Date.parse(d.dueAt) : d.dueAt.getTime();
  return due < (typeof now === 'number' ? now : now.getTime());
}

/** When an accepted referral's first service is due: accepted + the services SLA of its urgency. */
export function servicesDeadline(
  acceptedAt: Date,
  urgency: Urgency,
  slaHours: Readonly<Record<Urgency, number>> = SERVICES_SLA_HOURS,
): Date {
  return new Date(acceptedAt.getTime() + slaHours[urgency] * 3_600_000);
}

export const HANDOFF_STATUSES = [
  'SUBMITTED',
  'RECEIVED',
  'ACCEPTED',
  'RETURNED',
  'CHARGED',
  'AT_TRIAL',
  'DECIDED',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
export const HANDOFF_ACTIONS = [
  'RECEIVE',
  'ACCEPT',
  'RETURN',
  'RESUBMIT',
  'CHARGE',
  'START_TRIAL',
  'RECORD_VERDICT',
  'CLOSE',
  'WITHDRAW',
] as const;
export type HandoffAction = (typeof HANDOFF_ACTIONS)[number];

export const VERDICTS = ['CONVICTED', 'ACQUITTED', 'DISMISSED'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const CONSENT_TYPES = [
  'INTERVIEW',
  'DATA_PROCESSING',
  'REFERRAL_SHARING',
  'LAW_ENFORCEMENT_SHARING',
  'MEDICAL_EXAM_TREATMENT',
  'HIV_STI_TEST',
  'FAMILY_CONTACT_TRACING',
  'RETURN_REPATRIATION',
  'CROSS_BORDER_TRANSFER',
  'RESEARCH_ANONYMISED',
  'PHOTO_BIOMETRIC',
  'MEDIA',
] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

export const CONSENT_GIVERS = ['SELF', 'PARENT', 'LEGAL_GUARDIAN', 'SOCIAL_WORKER', 'OTHER'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const CONSENT_FORMS = [
  'WRITTEN_SIGNATURE',
  'THUMBPRINT',
  'VERBAL_CERTIFIED_BY_CASEWORKER',
  'AUDIO',
  'VIDEO',
] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];

export const CONSENT_STATUSES = ['ACTIVE', 'WITHDRAWN'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_ACTIONS = ['WITHDRAW'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export const MATCH_REQUEST_STATUSES = ['OPEN', 'LINKED', 'NO_MATCH'] as const;
export type MatchRequestStatus = (typeof MATCH_REQUEST_STATUSES)[number];
export const MATCH_REQUEST_ACTIONS = ['LINK', 'NO_MATCH'] as const;
export type MatchRequestAction = (typeof MATCH_REQUEST_ACTIONS)[number];

/** Every refusal reason a workflow machine can give (the machine's own ones and the guards'). */
export const WORKFLOW_REFUSALS = [
  'UNKNOWN_STATE',
  'UNKNOWN_ACTION',
  'ACTION_NOT_ALLOWED_IN_STATE',
  'ROLE_NOT_ALLOWED',
  'NOT_SCREENING_AGENCY',
  'INTERVIEW_CONSENT_INCOMPLETE',
  'OWN_SCREENING',
  'NOT_LEAD_AGENCY',
  'NOT_CASE_EDITOR',
  'NOT_FORMAL_IDENTIFICATION_AGENCY',
  'NOT_RECEIVING_AGENCY',
  'NOT_SENDER',
  'NOT_ASKED_AGENCY',
  'PERSON_REQUIRED',
  'REASON_REQUIRED',
  'CLOSURE_REASON_REQUIRED',
  'DECLINE_REASON_REQUIRED',
  'OUTCOME_REQUIRED',
  'ASSIGNEE_REQUIRED',
  'DECISION_DATE_REQUIRED',
  'CHARGES_REQUIRED',
  'COURT_REQUIRED',
  'VERDICT_REQUIRED',
  'NOT_IDENTIFICATION_AGENCY',
] as const;
export type WorkflowRefusal = (typeof WORKFLOW_REFUSALS)[number];

// Compile-time proof that the machine's own refusals are in the list above.
const _machineRefusalsListed: readonly WorkflowRefusal[] = [] as readonly MachineRefusal[];
void _machineRefusalsListed;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type Check<S extends string, C extends MachineContext> = (ctx: C, from: S) => WorkflowRefusal | null;

function blank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim().length === 0;
}

function isCode<T extends string>(list: readonly T[], v: string | null | undefined): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

/** A coded reason from `list` is required; `OTHER` also requires the free-text `reason`. */
function codedReason<T extends string>(
  list: readonly T[],
  code: string | null | undefined,
  text: string | null | undefined,
  missing: WorkflowRefusal,
): WorkflowRefusal | null {
  if (!isCode(list, code)) return missing;
  if (code === 'OTHER' && blank(text)) return 'REASON_REQUIRED';
  return null;
}

const requireReason: Check<string, MachineContext & { reason?: string | null }> = (ctx) =>
  blank(ctx.reason) ? 'REASON_REQUIRED' : null;

const CASEWORK_ROLES: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'INVESTIGATOR'];

// ---------------------------------------------------------------------------------------------
// Screening
// ---------------------------------------------------------------------------------------------

export interface ScreeningContext extends MachineContext {
  /** the actor belongs to the agency that holds the screening */
  readonly actorInScreeningAgency: boolean;
  /** the actor is the screening's interviewer (who may never review it) */
  readonly actorIsInterviewer: boolean;
  /** the seven interview consent answers as recorded on the screening */
  readonly interviewConsent?: InterviewConsentAnswers | null;
  /** TERMINATE (required), RETURN (optional comment) */
  readonly reason?: string | null;
}

const inScreeningAgency: Check<ScreeningStatus, ScreeningContext> = (ctx) =>
  ctx.actorInScreeningAgency ? null : 'NOT_SCREENING_AGENCY';
const reviewer: Check<ScreeningStatus, ScreeningContext> = (ctx, from) =>
  inScreeningAgency(ctx, from) ?? (ctx.actorIsInterviewer ? 'OWN_SCREENING' : null);

export const SCREENING_MACHINE = defineMachine<ScreeningStatus, ScreeningAction, ScreeningContext>({
  name: 'screening',
  states: SCREENING_STATUSES,
  initial: 'DRAFT',
  terminal: ['APPROVED', 'TERMINATED'],
  actions: SCREENING_ACTIONS,
  transitions: [
    {
      action: 'SUBMIT',
      from: ['DRAFT'],
      to: 'SUBMITTED',
      roles: CASEWORK_ROLES,
      permission: 'screening:update',
      guard: (ctx, from) =>
        inScreeningAgency(ctx, from) ??
        (interviewConsentComplete(ctx.interviewConsent) ? null : 'INTERVIEW_CONSENT_INCOMPLETE'),
    },
    {
      // The interview stopped (consent refused or withdrawn, or the interviewee ended it): recorded with the reason.
      action: 'TERMINATE',
      from: ['DRAFT'],
      to: 'TERMINATED',
      roles: CASEWORK_ROLES,
      permission: 'screening:update',
      guard: inScreeningAgency,
      validate: requireReason,
    },
    {
      action: 'APPROVE',
      from: ['SUBMITTED'],
      to: 'APPROVED',
      roles: ['SUPERVISOR'],
      permission: 'screening:review',
      guard: reviewer,
    },
    {
      action: 'RETURN',
      from: ['SUBMITTED'],
      to: 'RETURNED',
      roles: ['SUPERVISOR'],
      permission: 'screening:review',
      guard: reviewer,
    },
    {
      action: 'REVISE',
      from: ['RETURNED'],
      to: 'DRAFT',
      roles: CASEWORK_ROLES,
      permission: 'screening:update',
      guard: inScreeningAgency,
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Case
// ---------------------------------------------------------------------------------------------

export interface CaseContext extends MachineContext {
  /** the actor belongs to the case's lead agency and their province scope covers the case */
  readonly actorInLeadAgency: boolean;
  /** the actor is the assigned caseworker */
  readonly actorIsAssigned: boolean;
  /** CLOSE */
  readonly closureReason?: string | null;
  /** REOPEN (required); CLOSE with closure reason OTHER (required) */
  readonly reason?: string | null;
}

const leadAgency: Check<CaseStatus, CaseContext> = (ctx) => (ctx.actorInLeadAgency ? null : 'NOT_LEAD_AGENCY');
const caseEditor: Check<CaseStatus, CaseContext> = (ctx) =>
  editorRefusalOf({ inLeadAgency: ctx.actorInLeadAgency, isAssigned: ctx.actorIsAssigned, roles: ctx.roles });

export const CASE_MACHINE = defineMachine<CaseStatus, CaseAction, CaseContext>({
  name: 'case',
  states: CASE_STATUSES,
  initial: 'OPEN',
  terminal: [],
  actions: CASE_ACTIONS,
  transitions: [
    {
      action: 'ACTIVATE',
      from: ['OPEN'],
      to: 'ACTIVE',
      roles: CASEWORK_ROLES,
      permission: 'case:update',
      guard: caseEditor,
    },
    {
      action: 'START_FOLLOW_UP',
      from: ['ACTIVE'],
      to: 'FOLLOW_UP',
      roles: CASEWORK_ROLES,
      permission: 'case:update',
      guard: caseEditor,
    },
    // Follow-up shows a new need: assistance resumes.
    {
      action: 'RESUME',
      from: ['FOLLOW_UP'],
      to: 'ACTIVE',
      roles: CASEWORK_ROLES,
      permission: 'case:update',
      guard: caseEditor,
    },
    {
      // A case can close from any open state: "not a victim" or "duplicate merged" may be known before assistance starts.
      action: 'CLOSE',
      from: ['OPEN', 'ACTIVE', 'FOLLOW_UP'],
      to: 'CLOSED',
      roles: ['SUPERVISOR'],
      permission: 'case:close',
      guard: leadAgency,
      validate: (ctx) => codedReason(CLOSURE_REASONS, ctx.closureReason, ctx.reason, 'CLOSURE_REASON_REQUIRED'),
    },
    {
      action: 'REOPEN',
      from: ['CLOSED'],
      to: 'OPEN',
      roles: ['SUPERVISOR'],
      permission: 'case:close',
      guard: leadAgency,
      validate: requireReason,
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Identification status (beside the case status)
// ---------------------------------------------------------------------------------------------

export interface IdentificationContext extends MachineContext {
  /** the capabilities of the actor's agency: only one with FORMAL_IDENTIFICATION decides (MoPS ATD) */
  readonly actorCapabilities: readonly AgencyCapability[];
  /** ISO date of the decision */
  readonly decisionDate?: string | null;
  /** the reasons for the decision */
  readonly reason?: string | null;
}

/** The one rule of who may decide a formal identification: an agency with the FORMAL_IDENTIFICATION capability. */
export function formalIdentificationRefusal(capabilities: readonly AgencyCapability[]): WorkflowRefusal | null {
  return capabilities.includes('FORMAL_IDENTIFICATION') ? null : 'NOT_FORMAL_IDENTIFICATION_AGENCY';
}

const identificationInput: Check<IdentificationStatus, IdentificationContext> = (ctx) =>
  blank(ctx.decisionDate) ? 'DECISION_DATE_REQUIRED' : blank(ctx.reason) ? 'REASON_REQUIRED' : null;
const atd: Check<IdentificationStatus, IdentificationContext> = (ctx) =>
  formalIdentificationRefusal(ctx.actorCapabilities);

/**
 * A later decision supersedes the earlier one (which stays in the timeline), so each decision may be
 * taken from any status, including the one it confirms (a new decision with a new date and reasons).
 */
export const IDENTIFICATION_MACHINE = defineMachine<IdentificationStatus, IdentificationAction, IdentificationContext>({
  name: 'identification',
  states: IDENTIFICATION_STATUSES,
  initial: 'POSSIBLE_VICTIM',
  terminal: [],
  actions: IDENTIFICATION_ACTIONS,
  transitions: [
    {
      action: 'IDENTIFY',
      from: ['POSSIBLE_VICTIM', 'NOT_IDENTIFIED', 'IDENTIFIED'],
      to: 'IDENTIFIED',
      roles: ['SUPERVISOR', 'INVESTIGATOR'],
      permission: 'case:identify',
      guard: atd,
      validate: identificationInput,
    },
    {
      action: 'NOT_IDENTIFY',
      from: ['POSSIBLE_VICTIM', 'IDENTIFIED', 'NOT_IDENTIFIED'],
      to: 'NOT_IDENTIFIED',
      roles: ['SUPERVISOR', 'INVESTIGATOR'],
      permission: 'case:identify',
      guard: atd,
      validate: identificationInput,
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Identification request (a case led by an agency without the capability, to the inbox of one with it)
// ---------------------------------------------------------------------------------------------

export interface IdentificationRequestContext extends MachineContext {
  /** the capabilities of the actor's agency (DECIDE: the one rule, formalIdentificationRefusal) */
  readonly actorCapabilities: readonly AgencyCapability[];
  /** the actor belongs to the agency whose inbox holds the request */
  readonly actorInAskedAgency: boolean;
  /** the actor is an editor of the case (lead agency, assigned or supervisor): CANCEL */
  readonly actorIsCaseEditor: boolean;
  /** DECIDE: ISO date of the decision */
  readonly decisionDate?: string | null;
  /** DECIDE: the reasons; CANCEL: why */
  readonly reason?: string | null;
}

/**
 * `REQUESTED` (the lead agency's case editor sends the case to the formal identification agency's
 * inbox; the lead stays where it is) → `DECIDED` (a supervisor or investigator of the asked agency
 * decides IDENTIFIED or NOT_IDENTIFIED with a date and reasons, exactly as IDENTIFICATION_MACHINE
 * asks) or `CANCELLED` (the lead agency, with a reason).
 */
export const IDENTIFICATION_REQUEST_MACHINE = defineMachine<
  IdentificationRequestStatus,
  IdentificationRequestAction,
  IdentificationRequestContext
>({
  name: 'identification-request',
  states: IDENTIFICATION_REQUEST_STATUSES,
  initial: 'REQUESTED',
  terminal: ['DECIDED', 'CANCELLED'],
  actions: IDENTIFICATION_REQUEST_ACTIONS,
  transitions: [
    {
      action: 'DECIDE',
      from: ['REQUESTED'],
      to: 'DECIDED',
      roles: ['SUPERVISOR', 'INVESTIGATOR'],
      permission: 'case:identify',
      guard: (ctx) =>
        (ctx.actorInAskedAgency ? null : 'NOT_IDENTIFICATION_AGENCY') ??
        formalIdentificationRefusal(ctx.actorCapabilities),
      validate: (ctx) =>
        blank(ctx.decisionDate) ? 'DECISION_DATE_REQUIRED' : blank(ctx.reason) ? 'REASON_REQUIRED' : null,
    },
    {
      action: 'CANCEL',
      from: ['REQUESTED'],
      to: 'CANCELLED',
      roles: CASEWORK_ROLES,
      permission: 'case:update',
      guard: (ctx) => (ctx.actorIsCaseEditor ? null : 'NOT_CASE_EDITOR'),
      validate: requireReason,
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Closure request
// ---------------------------------------------------------------------------------------------

export interface ClosureRequestContext extends MachineContext {
  /** the actor belongs to the case's lead agency and their province scope covers the case */
  readonly actorInLeadAgency: boolean;
  /** RETURN: the supervisor's comment */
  readonly reason?: string | null;
}

/**
 * `REQUESTED` (the case editor asks, with a coded closure reason: closureRequestRefusal) →
 * `APPROVED` (a supervisor of the lead agency; the case closes with the requested reason, through
 * CASE_MACHINE's CLOSE) or `RETURNED` (a supervisor, with a comment; the case stays open).
 */
export const CLOSURE_REQUEST_MACHINE = defineMachine<ClosureRequestStatus, ClosureRequestAction, ClosureRequestContext>(
  {
    name: 'closure-request',
    states: CLOSURE_REQUEST_STATUSES,
    initial: 'REQUESTED',
    terminal: ['APPROVED', 'RETURNED'],
    actions: CLOSURE_REQUEST_ACTIONS,
    transitions: [
      {
        action: 'APPROVE',
        from: ['REQUESTED'],
        to: 'APPROVED',
        roles: ['SUPERVISOR'],
        permission: 'case:close',
        guard: (ctx) => (ctx.actorInLeadAgency ? null : 'NOT_LEAD_AGENCY'),
      },
      {
        action: 'RETURN',
        from: ['REQUESTED'],
        to: 'RETURNED',
        roles: ['SUPERVISOR'],
        permission: 'case:close',
        guard: (ctx) => (ctx.actorInLeadAgency ? null : 'NOT_LEAD_AGENCY'),
        validate: requireReason,
      },
    ],
  },
);

/** Checks on a new closure request: a coded closure reason (OTHER with a text). */
export function closureRequestRefusal(
  reason: string | null | undefined,
  note: string | null | undefined,
): WorkflowRefusal | null {
  return codedReason(CLOSURE_REASONS, reason, note, 'CLOSURE_REASON_REQUIRED');
}

// ---------------------------------------------------------------------------------------------
// Referral
// ---------------------------------------------------------------------------------------------

export interface ReferralContext extends MachineContext {
  /** the actor belongs to the agency whose inbox received the referral */
  readonly actorInReceivingAgency: boolean;
  /** the actor belongs to the sending agency (the case's lead agency) */
  readonly actorInSendingAgency: boolean;
  /** ACCEPT: the receiving worker */
  readonly assigneeId?: string | null;
  /** DECLINE */
  readonly declineReason?: string | null;
  /** COMPLETE */
  readonly outcome?: string | null;
  /** CANCEL (required); DECLINE or COMPLETE with code OTHER (required) */
  readonly reason?: string | null;
}

const receiver: Check<ReferralStatus, ReferralContext> = (ctx) =>
  ctx.actorInReceivingAgency ? null : 'NOT_RECEIVING_AGENCY';

export const REFERRAL_MACHINE = defineMachine<ReferralStatus, ReferralAction, ReferralContext>({
  name: 'referral',
  states: REFERRAL_STATUSES,
  initial: 'PENDING',
  terminal: ['DECLINED', 'COMPLETED', 'CANCELLED'],
  actions: REFERRAL_ACTIONS,
  transitions: [
    {
      action: 'ACCEPT',
      from: ['PENDING'],
      to: 'ACCEPTED',
      roles: CASEWORK_ROLES,
      permission: 'referral:respond',
      guard: receiver,
      validate: (ctx) => (blank(ctx.assigneeId) ? 'ASSIGNEE_REQUIRED' : null),
    },
    {
      action: 'DECLINE',
      from: ['PENDING'],
      to: 'DECLINED',
      roles: CASEWORK_ROLES,
      permission: 'referral:respond',
      guard: receiver,
      validate: (ctx) => codedReason(DECLINE_REASONS, ctx.declineReason, ctx.reason, 'DECLINE_REASON_REQUIRED'),
    },
    // Taken when the first service is recorded.
    {
      action: 'START_SERVICE',
      from: ['ACCEPTED'],
      to: 'IN_PROGRESS',
      roles: CASEWORK_ROLES,
      permission: 'referral:respond',
      guard: receiver,
    },
    {
      action: 'COMPLETE',
      from: ['IN_PROGRESS'],
      to: 'COMPLETED',
      roles: CASEWORK_ROLES,
      permission: 'referral:respond',
      guard: receiver,
      validate: (ctx) => codedReason(REFERRAL_OUTCOMES, ctx.outcome, ctx.reason, 'OUTCOME_REQUIRED'),
    },
    {
      action: 'CANCEL',
      from: ['PENDING', 'ACCEPTED', 'IN_PROGRESS'],
      to: 'CANCELLED',
      roles: CASEWORK_ROLES,
      permission: 'referral:create',
      guard: (ctx) => (ctx.actorInSendingAgency ? null : 'NOT_SENDER'),
      validate: requireReason,
    },
    // A supervisor of the receiving agency hands the accepted referral to another of its workers (the status stays).
    ...(['ACCEPTED', 'IN_PROGRESS'] as const).map((s) => ({
      action: 'REASSIGN' as const,
      from: [s],
      to: s,
      roles: ['SUPERVISOR'] as readonly Role[],
      permission: 'case:assign' as const,
      guard: receiver,
      validate: (ctx: ReferralContext) => (blank(ctx.assigneeId) ? 'ASSIGNEE_REQUIRED' : null),
    })),
    // Both sides write notes on an open referral (the status stays); closed referrals keep theirs, read-only.
    ...(['PENDING', 'ACCEPTED', 'IN_PROGRESS'] as const).map((s) => ({
      action: 'ADD_NOTE' as const,
      from: [s],
      to: s,
      roles: CASEWORK_ROLES,
      permission: 'referral:read' as const,
      guard: (ctx: ReferralContext) =>
        ctx.actorInSendingAgency || ctx.actorInReceivingAgency ? null : 'NOT_RECEIVING_AGENCY',
      validate: (ctx: ReferralContext) => requireReason(ctx, s),
    })),
  ],
});

// ---------------------------------------------------------------------------------------------
// Prosecution handoff (MoPS ATD → OSPP)
// ---------------------------------------------------------------------------------------------

export interface HandoffContext extends MachineContext {
  /** the actor belongs to the sending agency (MoPS ATD) */
  readonly actorInSendingAgency: boolean;
  /** the actor belongs to the receiving prosecution office (OSPP) */
  readonly actorInReceivingAgency: boolean;
  /** CHARGE */
  readonly charges?: readonly string[] | null;
  /** START_TRIAL */
  readonly court?: string | null;
  /** RECORD_VERDICT */
  readonly verdict?: string | null;
  /** RETURN, WITHDRAW (required) */
  readonly reason?: string | null;
}

const prosecution: Check<HandoffStatus, HandoffContext> = (ctx) =>
  ctx.actorInReceivingAgency ? null : 'NOT_RECEIVING_AGENCY';
const handoffSender: Check<HandoffStatus, HandoffContext> = (ctx) => (ctx.actorInSendingAgency ? null : 'NOT_SENDER');

export const HANDOFF_MACHINE = defineMachine<HandoffStatus, HandoffAction, HandoffContext>({
  name: 'handoff',
  states: HANDOFF_STATUSES,
  initial: 'SUBMITTED',
  terminal: ['CLOSED', 'WITHDRAWN'],
  actions: HANDOFF_ACTIONS,
  transitions: [
    {
      action: 'RECEIVE',
      from: ['SUBMITTED'],
      to: 'RECEIVED',
      roles: ['PROSECUTOR'],
      permission: 'handoff:prosecute',
      guard: prosecution,
    },
    {
      action: 'ACCEPT',
      from: ['RECEIVED'],
      to: 'ACCEPTED',
      roles: ['PROSECUTOR'],
      permission: 'handoff:prosecute',
      guard: prosecution,
    },
    {
      action: 'RETURN',
      from: ['RECEIVED'],
      to: 'RETURNED',
      roles: ['PROSECUTOR'],
      permission: 'handoff:prosecute',
      guard: prosecution,
      validate: requireReason,
    },
    {
      action: 'RESUBMIT',
      from: ['RETURNED'],
      to: 'SUBMITTED',
      roles: ['INVESTIGATOR'],
      permission: 'handoff:create',
      guard: handoffSender,
    },
    {
      action: 'CHARGE',
      from: ['ACCEPTED'],
      to: 'CHARGED',
      roles: ['PROSECUTOR'],
      permission: 'handoff:prosecute',
      guard: prosecution,
      validate: (ctx) => ((ctx.charges ?? []).some((c) => !blank(c)) ? null : 'CHARGES_REQUIRED'),
    },
    {
      action: 'START_TRIAL',
      from: ['CHARGED'],
      to: 'AT_TRIAL',
      roles: ['PROSECUTOR'],
      permission: 'handoff:prosecute',
      guard: prosecution,
      validate: (ctx) => (blank(ctx.court) ? 'COURT_REQUIRED' : null),
    },
    {
      action: 'RECORD_VERDICT',
      from: ['AT_TRIAL'],
      to: 'DECIDED',
      roles: ['PROSECUTOR'],
      permission: 'handoff:prosecute',
      guard: prosecution,
      validate: (ctx) => (isCode(VERDICTS, ctx.verdict) ? null : 'VERDICT_REQUIRED'),
    },
    {
      action: 'CLOSE',
      from: ['DECIDED'],
      to: 'CLOSED',
      roles: ['PROSECUTOR'],
      permission: 'handoff:prosecute',
      guard: prosecution,
    },
    {
      // A returned handoff the investigator will not resubmit can be withdrawn too.
      action: 'WITHDRAW',
      from: ['SUBMITTED', 'RECEIVED', 'RETURNED'],
      to: 'WITHDRAWN',
      roles: ['INVESTIGATOR'],
      permission: 'handoff:create',
      guard: handoffSender,
      validate: requireReason,
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Consent
// ---------------------------------------------------------------------------------------------

export interface ConsentContext extends MachineContext {
  /** the actor belongs to the case's lead agency */
  readonly actorInLeadAgency: boolean;
  /** WITHDRAW (required) */
  readonly reason?: string | null;
}

/**
 * Consents are never edited, only granted and withdrawn. An expired consent counts as withdrawn: pass
 * `consentEffectiveStatus(...)` as the state, never the stored status alone.
 */
export const CONSENT_MACHINE = defineMachine<ConsentStatus, ConsentAction, ConsentContext>({
  name: 'consent',
  states: CONSENT_STATUSES,
  initial: 'ACTIVE',
  terminal: ['WITHDRAWN'],
  actions: CONSENT_ACTIONS,
  transitions: [
    {
      action: 'WITHDRAW',
      from: ['ACTIVE'],
      to: 'WITHDRAWN',
      roles: CASEWORK_ROLES,
      permission: 'consent:record',
      guard: (ctx) => (ctx.actorInLeadAgency ? null : 'NOT_LEAD_AGENCY'),
      validate: requireReason,
    },
  ],
});

export interface ConsentValidity {
  readonly status: ConsentStatus;
  readonly expiresAt?: Date | string | null;
  readonly withdrawnAt?: Date | string | null;
}

/** True when the consent has an expiry at or before `now`. */
export function isConsentExpired(consent: ConsentValidity, now: Date): boolean {
  if (consent.expiresAt === null || consent.expiresAt === undefined) return false;
  const t = new Date(consent.expiresAt).getTime();
  return !Number.isNaN(t) && t <= now.getTime();
}

/** The status that counts: withdrawn when withdrawn or expired. */
export function consentEffectiveStatus(consent: ConsentValidity, now: Date): ConsentStatus {
  if (consent.status === 'WITHDRAWN' || (consent.withdrawnAt !== null && consent.withdrawnAt !== undefined))
    return 'WITHDRAWN';
  return isConsentExpired(consent, now) ? 'WITHDRAWN' : 'ACTIVE';
}

export function isConsentActive(consent: ConsentValidity, now: Date): boolean {
  return consentEffectiveStatus(consent, now) === 'ACTIVE';
}

// ---------------------------------------------------------------------------------------------
// Match request (a possible duplicate in another agency)
// ---------------------------------------------------------------------------------------------

export interface MatchRequestContext extends MachineContext {
  /** the actor belongs to the agency that was asked (the one that holds the candidates) */
  readonly actorInAskedAgency: boolean;
  /** LINK: the person of the asked agency that is the same person */
  readonly personId?: string | null;
}

/**
 * `OPEN` (a caseworker asked; nothing identifying of the asked agency's persons crosses) → `LINKED`
 * (the asked agency's supervisor names which of its persons it is: the asking agency may then link
 * that person into its screening) or `NO_MATCH` (docs/workflows.md "Match request").
 */
export const MATCH_REQUEST_MACHINE = defineMachine<MatchRequestStatus, MatchRequestAction, MatchRequestContext>({
  name: 'match-request',
  states: MATCH_REQUEST_STATUSES,
  initial: 'OPEN',
  terminal: ['LINKED', 'NO_MATCH'],
  actions: MATCH_REQUEST_ACTIONS,
  transitions: [
    {
      action: 'LINK',
      from: ['OPEN'],
      to: 'LINKED',
      roles: ['SUPERVISOR'],
      permission: 'match:answer',
      guard: (ctx) => (ctx.actorInAskedAgency ? null : 'NOT_ASKED_AGENCY'),
      validate: (ctx) => (blank(ctx.personId) ? 'PERSON_REQUIRED' : null),
    },
    {
      action: 'NO_MATCH',
      from: ['OPEN'],
      to: 'NO_MATCH',
      roles: ['SUPERVISOR'],
      permission: 'match:answer',
      guard: (ctx) => (ctx.actorInAskedAgency ? null : 'NOT_ASKED_AGENCY'),
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Case transfer (lead agency or province office)
// ---------------------------------------------------------------------------------------------

export const TRANSFER_STATUSES = ['REQUESTED', 'ACCEPTED', 'DECLINED', 'CANCELLED'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_ACTIONS = ['ACCEPT', 'DECLINE', 'CANCEL'] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];

/** A lead transfer moves the case to another agency; a province transfer to another province office of the same agency. */
export const TRANSFER_KINDS = ['LEAD_AGENCY', 'PROVINCE'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/**
 * What the victim said the former lead agency may keep after a lead transfer (asked when the consent
 * for the transfer is taken): `RETAIN` the read relation limited to what it held, or `NONE`.
 */
export const FORMER_LEAD_ACCESS = ['RETAIN', 'NONE'] as const;
export type FormerLeadAccess = (typeof FORMER_LEAD_ACCESS)[number];

export interface TransferContext extends MachineContext {
  /** the actor belongs to the receiving agency and its scope covers the province the case goes to */
  readonly actorOnReceivingSide: boolean;
  /** the actor belongs to the sending agency and its scope covers the province the case comes from */
  readonly actorOnSendingSide: boolean;
  /** ACCEPT: the worker of the receiving side who takes the case */
  readonly assigneeId?: string | null;
  /** DECLINE */
  readonly declineReason?: string | null;
  /** CANCEL (required); DECLINE with code OTHER (required) */
  readonly reason?: string | null;
}

const transferReceiver: Check<TransferStatus, TransferContext> = (ctx) =>
  ctx.actorOnReceivingSide ? null : 'NOT_RECEIVING_AGENCY';

/**
 * `REQUESTED` (a supervisor of the lead agency, with a reason and the data categories that go, each
 * covered by an active consent for the receiver) → `ACCEPTED` (a supervisor of the receiving agency
 * or province office, assigning a worker: the receiver becomes the lead) or `DECLINED` (coded
 * reason); `REQUESTED` → `CANCELLED` (the sending side). docs/workflows.md "Case transfer".
 */
export const TRANSFER_MACHINE = defineMachine<TransferStatus, TransferAction, TransferContext>({
  name: 'transfer',
  states: TRANSFER_STATUSES,
  initial: 'REQUESTED',
  terminal: ['ACCEPTED', 'DECLINED', 'CANCELLED'],
  actions: TRANSFER_ACTIONS,
  transitions: [
    {
      action: 'ACCEPT',
      from: ['REQUESTED'],
      to: 'ACCEPTED',
      roles: ['SUPERVISOR'],
      permission: 'case:transfer',
      guard: transferReceiver,
      validate: (ctx) => (blank(ctx.assigneeId) ? 'ASSIGNEE_REQUIRED' : null),
    },
    {
      action: 'DECLINE',
      from: ['REQUESTED'],
      to: 'DECLINED',
      roles: ['SUPERVISOR'],
      permission: 'case:transfer',
      guard: transferReceiver,
      validate: (ctx) => codedReason(DECLINE_REASONS, ctx.declineReason, ctx.reason, 'DECLINE_REASON_REQUIRED'),
    },
    {
      action: 'CANCEL',
      from: ['REQUESTED'],
      to: 'CANCELLED',
      roles: ['SUPERVISOR'],
      permission: 'case:transfer',
      guard: (ctx) => (ctx.actorOnSendingSide ? null : 'NOT_SENDER'),
      validate: requireReason,
    },
  ],
});
