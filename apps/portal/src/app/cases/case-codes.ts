/**
 * Coded values of the case record, as the API's `apps/api/src/cases/case-codes.ts` lists them (the
 * domain library does not carry them yet). Their Lao and English labels are in `dict-cases.ts`.
 */
export const EXPLOITATION_TYPES = [
  'FORCED_LABOUR',
  'SEXUAL_EXPLOITATION',
  'CHILD_LABOUR',
  'FORCED_MARRIAGE',
  'SERVITUDE',
  'FORCED_MILITARY',
  'ORGAN_REMOVAL',
  'FORCED_BEGGING',
  'FORCED_ADOPTION',
  'SURROGACY',
  'FORCED_CRIMINALITY',
  'FRAUDULENT_MARRIAGE',
  'OTHER',
] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

export const MEANS_OF_CONTROL = [
  'PHYSICAL_THREATS',
  'THREATS_LAW_ENFORCEMENT',
  'THREATENS_CHILDREN_FAMILY',
  'DEBT_BONDAGE',
  'FALSE_PROMISES',
  'PHYSICAL_ABUSE',
  'SEXUAL_ABUSE',
  'TAKES_EARNINGS',
  'RESTRICTS_FINANCIAL_ACCESS',
  'RESTRICTS_MEDICAL_CARE',
  'RESTRICTS_MOVEMENT',
  'WITHHOLDS_NECESSITIES',
  'PSYCHOLOGICAL_ABUSE',
  'PSYCHOACTIVE_SUBSTANCES',
  'EXCESSIVE_WORKING_HOURS',
  'WITHHOLDS_DOCUMENTS',
  'USES_CHILDREN',
  'OTHER',
] as const;
export type MeansOfControl = (typeof MEANS_OF_CONTROL)[number];

export const JOURNEY_STAGES = ['RECRUITMENT', 'TRANSIT', 'EXPLOITATION'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

export const PERPETRATOR_ROLES = [
  'TRAVELLING_PARTNER',
  'TRANSPORTER',
  'RECRUITER_OR_INTERMEDIARY',
  'BROKER_TRAVEL_AGENT',
  'TRANSFERRED_INDIVIDUAL',
  'HARBOURED_INDIVIDUAL',
  'SOLD_INDIVIDUAL',
  'BOUGHT_INDIVIDUAL',
  'RECEIVED_INDIVIDUAL',
  'CONTROLLED_INDIVIDUAL',
  'SMUGGLER',
  'ABUSER',
  'KIDNAPPER',
  'EXPLOITER',
  'OTHER',
] as const;
export type PerpetratorRole = (typeof PERPETRATOR_ROLES)[number];

export const PERPETRATOR_RELATIONS = ['INTIMATE_PARTNER', 'FAMILY', 'FRIEND', 'ACQUAINTANCE', 'STRANGER', 'OTHER', 'UNKNOWN'] as const;
export type PerpetratorRelation = (typeof PERPETRATOR_RELATIONS)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CASE_FLAGS = ['CHILD', 'RESTRICTED', 'NON_PUNISHMENT'] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

export const CASE_EVENT_KINDS = [
  'CASE_OPENED',
  'SCREENING_ATTACHED',
  'CASE_UPDATED',
  'CASE_ASSIGNED',
  'STATUS_CHANGED',
  'IDENTIFICATION_DECIDED',
  'CASE_CLOSED',
  'CASE_REOPENED',
  'NOTE_ADDED',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const TESTIFY_ANSWERS = ['YES', 'NO', 'UNDECIDED'] as const;
export type TestifyAnswer = (typeof TESTIFY_ANSWERS)[number];

export const STATUS_ACTIONS = ['ACTIVATE', 'START_FOLLOW_UP', 'RESUME'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/** What the access log records for a case (the API's audit actions on cases, people and consents). */
export const ACCESS_ACTIONS = [
  'CASE_LISTED',
  'CASE_READ',
  'CASE_UPDATED',
  'CASE_ASSIGNED',
  'CASE_STATUS_CHANGED',
  'CASE_IDENTIFICATION_DECIDED',
  'CASE_CLOSED',
  'CASE_REOPENED',
  'CASE_NOTES_READ',
  'CASE_NOTE_ADDED',
  'CASE_TIMELINE_READ',
  'CASE_ACCESS_LOG_READ',
  'CASE_OPENED',
  'CASE_SCREENING_ATTACHED',
  'CONSENTS_READ',
  'CONSENT_GRANTED',
  'CONSENT_WITHDRAWN',
  'PERSON_READ',
  'PERSON_CREATED',
  'PERSON_SEARCHED',
  'PERSON_MERGED',
  'PERSON_MERGE_UNDONE',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
