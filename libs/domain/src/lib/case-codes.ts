/**
 * Coded values of the case record shared by the API and the portal. Codes follow HTCDS v2.0
 * (docs/reference.md "HTCDS fields") in upper snake case, plus the Lao practice codes
 * (docs/domain.md "Case codes").
 * Each list's Lao and English labels stand next to it.
 */
import {
  DATA_CATEGORIES,
  FAMILY_TRACING_EVENT_KINDS,
  FOLLOW_UP_EVENT_KINDS,
  HANDOFF_EVENT_KINDS,
  PLAN_EVENT_KINDS,
  TRANSFER_EVENT_KINDS,
  type DataCategory,
} from './enums';
import type { LabelMap } from './i18n';

/** HTCDS `vic_TypeOfExploitation` + FORCED_CRIMINALITY, FRAUDULENT_MARRIAGE (Lao practice). */
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
export const EXPLOITATION_TYPE_LABELS: LabelMap<ExploitationType> = {
  FORCED_LABOUR: { lo: 'ການບັງຄັບອອກແຮງງານ', en: 'Forced labour' },
  SEXUAL_EXPLOITATION: { lo: 'ການຂູດຮີດທາງເພດ', en: 'Sexual exploitation' },
  CHILD_LABOUR: { lo: 'ການໃຊ້ແຮງງານເດັກ', en: 'Child labour' },
  FORCED_MARRIAGE: { lo: 'ການບັງຄັບແຕ່ງງານ', en: 'Forced marriage' },
  SERVITUDE: { lo: 'ການເປັນຂ້າທາດ', en: 'Servitude' },
  FORCED_MILITARY: { lo: 'ການບັງຄັບເປັນທະຫານ', en: 'Forced military service' },
  ORGAN_REMOVAL: { lo: 'ການເອົາອະໄວຍະວະ', en: 'Organ removal' },
  FORCED_BEGGING: { lo: 'ການບັງຄັບຂໍທານ', en: 'Forced begging' },
  FORCED_ADOPTION: { lo: 'ການບັງຄັບຮັບເອົາເປັນລູກລ້ຽງ', en: 'Forced adoption' },
  SURROGACY: { lo: 'ການຮັບຈ້າງຕັ້ງທ້ອງແທນ', en: 'Surrogacy' },
  FORCED_CRIMINALITY: { lo: 'ການບັງຄັບໃຫ້ກະທຳຜິດ', en: 'Forced criminality' },
  FRAUDULENT_MARRIAGE: { lo: 'ການແຕ່ງງານແບບຫຼອກລວງ', en: 'Fraudulent marriage' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

/** HTCDS `vic_MethodsOfControl` ∪ the definitions file / CTDC values (docs/reference.md "HTCDS fields"). */
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
export const MEANS_OF_CONTROL_LABELS: LabelMap<MeansOfControl> = {
  PHYSICAL_THREATS: { lo: 'ການຂົ່ມຂູ່ທາງຮ່າງກາຍ', en: 'Threats of physical harm' },
  THREATS_LAW_ENFORCEMENT: { lo: 'ຂົ່ມຂູ່ວ່າຈະແຈ້ງເຈົ້າໜ້າທີ່', en: 'Threats of law enforcement action' },
  THREATENS_CHILDREN_FAMILY: { lo: 'ຂົ່ມຂູ່ລູກ ຫຼື ຄອບຄົວ', en: 'Threats to children or family' },
  DEBT_BONDAGE: { lo: 'ການຜູກມັດດ້ວຍໜີ້ສິນ', en: 'Debt bondage' },
  FALSE_PROMISES: { lo: 'ຄຳສັນຍາທີ່ບໍ່ເປັນຈິງ', en: 'False promises' },
  PHYSICAL_ABUSE: { lo: 'ການທຳຮ້າຍຮ່າງກາຍ', en: 'Physical abuse' },
  SEXUAL_ABUSE: { lo: 'ການລ່ວງລະເມີດທາງເພດ', en: 'Sexual abuse' },
  TAKES_EARNINGS: { lo: 'ເອົາລາຍໄດ້ໄປ', en: 'Takes earnings' },
  RESTRICTS_FINANCIAL_ACCESS: { lo: 'ຈຳກັດການເຂົ້າເຖິງເງິນ', en: 'Restricts access to money' },
  RESTRICTS_MEDICAL_CARE: { lo: 'ຈຳກັດການປິ່ນປົວ', en: 'Restricts medical care' },
  RESTRICTS_MOVEMENT: { lo: 'ຈຳກັດການເຄື່ອນໄຫວ', en: 'Restricts movement' },
  WITHHOLDS_NECESSITIES: { lo: 'ກັກສິ່ງຈຳເປັນໃນການດຳລົງຊີວິດ', en: 'Withholds necessities' },
  PSYCHOLOGICAL_ABUSE: { lo: 'ການທາລຸນທາງຈິດໃຈ', en: 'Psychological abuse' },
  PSYCHOACTIVE_SUBSTANCES: { lo: 'ໃຊ້ສານເສບຕິດ', en: 'Psychoactive substances' },
  EXCESSIVE_WORKING_HOURS: { lo: 'ເວລາເຮັດວຽກເກີນກຳນົດ', en: 'Excessive working hours' },
  WITHHOLDS_DOCUMENTS: { lo: 'ຍຶດເອກະສານ', en: 'Withholds documents' },
  USES_CHILDREN: { lo: 'ໃຊ້ເດັກ', en: 'Uses children' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

/** HTCDS `hte_Type`. */
export const JOURNEY_STAGES = ['RECRUITMENT', 'TRANSIT', 'EXPLOITATION'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/** HTCDS `per_RoleInProcess`. */
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

/** Relation of a perpetrator to the victim (HTCDS `vic_RelationshipToTrafficker` refined as in CTDC). */
export const PERPETRATOR_RELATIONS = [
  'INTIMATE_PARTNER',
  'FAMILY',
  'FRIEND',
  'ACQUAINTANCE',
  'STRANGER',
  'OTHER',
  'UNKNOWN',
] as const;
export type PerpetratorRelation = (typeof PERPETRATOR_RELATIONS)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** CHILD, RESTRICTED, NON_PUNISHMENT (docs/domain.md "Case flags"). */
export const CASE_FLAGS = ['CHILD', 'RESTRICTED', 'NON_PUNISHMENT'] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];
/** The flags a supervisor sets and lifts with a reason (CHILD follows the screening's facts). */
export const SETTABLE_CASE_FLAGS = ['RESTRICTED', 'NON_PUNISHMENT'] as const;
export type SettableCaseFlag = (typeof SETTABLE_CASE_FLAGS)[number];

/** The victim's willingness to testify (prosecution handoff, legal category). */
export const TESTIFY_ANSWERS = ['YES', 'NO', 'UNDECIDED'] as const;
export type TestifyAnswer = (typeof TESTIFY_ANSWERS)[number];

/** The case's own timeline event kinds (written by the case routes). */
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
  'IDENTIFICATION_REQUESTED',
  'IDENTIFICATION_REQUEST_CANCELLED',
  'CLOSURE_REQUESTED',
  'CLOSURE_RETURNED',
  'FLAG_SET',
  'FLAG_LIFTED',
  ...PLAN_EVENT_KINDS,
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** The status moves POST /cases/:id/transition takes: OPEN→ACTIVE, ACTIVE→FOLLOW_UP, FOLLOW_UP→ACTIVE. */
export const STATUS_ACTIONS = ['ACTIVATE', 'START_FOLLOW_UP', 'RESUME'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/** The formal identification decision (POST /cases/:id/identification). */
export const IDENTIFICATION_DECISIONS = ['IDENTIFIED', 'NOT_IDENTIFIED'] as const;
export type IdentificationDecision = (typeof IDENTIFICATION_DECISIONS)[number];

/** Every kind of event on a case's timeline, whichever feature writes it (one writer in the API). */
export const TIMELINE_EVENT_KINDS = [
  ...CASE_EVENT_KINDS,
  'REFERRAL_CREATED',
  'REFERRAL_ACCEPTED',
  'REFERRAL_DECLINED',
  'REFERRAL_SERVICE_RECORDED',
  'REFERRAL_COMPLETED',
  'REFERRAL_CANCELLED',
  ...TRANSFER_EVENT_KINDS,
  ...FAMILY_TRACING_EVENT_KINDS,
  'REFERRAL_REASSIGNED',
  'REFERRAL_NOTE_ADDED',
  ...HANDOFF_EVENT_KINDS,
  'CONSENT_GRANTED',
  'CONSENT_WITHDRAWN',
  'PERSON_MERGED',
  'PERSON_MERGE_UNDONE',
  'ATTACHMENT_ADDED',
  ...FOLLOW_UP_EVENT_KINDS,
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

/** A note belongs to one data category; never IDENTITY (a note is read by everyone who sees the case's notes). */
export const NOTE_CATEGORIES: readonly DataCategory[] = DATA_CATEGORIES.filter((c) => c !== 'IDENTITY');
