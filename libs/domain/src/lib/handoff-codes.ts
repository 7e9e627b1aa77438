/**
 * Coded values of the prosecution handoff, shared by the API (which validates against them) and the
 * portal (which offers them). The timeline event kinds are in enums.ts (they are audit actions too).
 */
import type { DataCategory, HandoffEventKind } from './enums';
import type { Label } from './i18n';
import type { HandoffAction } from './workflows';

/** How long OSPP has to acknowledge a handoff (issue 4 §6: receive-by 3 days). Configurable later. */
export const HANDOFF_RECEIVE_BY_DAYS = 3;

/** What a suspect did in the trafficking process (Lao Penal Code art. 215 wording, simplified). */
export const SUSPECT_ROLES = [
  'RECRUITER',
  'TRANSPORTER',
  'HARBOURER',
  'EXPLOITER',
  'FINANCIER',
  'DOCUMENT_FORGER',
  'OTHER',
] as const;
export type SuspectRole = (typeof SUSPECT_ROLES)[number];

export const SUSPECT_STATUSES = ['AT_LARGE', 'ARRESTED', 'DETAINED', 'UNKNOWN'] as const;
export type SuspectStatus = (typeof SUSPECT_STATUSES)[number];

export const WILLINGNESS_TO_TESTIFY = ['YES', 'NO', 'UNDECIDED'] as const;
export type WillingnessToTestify = (typeof WILLINGNESS_TO_TESTIFY)[number];

/** Protection measures the investigator asks the prosecutor and the court for. */
export const PROTECTION_MEASURES = [
  'IDENTITY_CONFIDENTIALITY',
  'CLOSED_HEARING',
  'TESTIMONY_BY_VIDEO',
  'NO_CONFRONTATION_WITH_ACCUSED',
  'SAFE_SHELTER',
  'POLICE_ESCORT',
  'NO_CONTACT_ORDER',
  'INTERPRETER',
  'PSYCHOSOCIAL_SUPPORT',
  'LEGAL_AID',
  'OTHER',
] as const;
export type ProtectionMeasure = (typeof PROTECTION_MEASURES)[number];

/**
 * A charge is an article of Lao law written as a code: `PENAL_CODE_215`, `ANTI_TRAFFICKING_LAW_11`,
 * `CHILD_RIGHTS_LAW_86`, `OTHER_LAW_12` (an optional letter for sub-articles: `PENAL_CODE_215A`).
 */
export const CHARGE_ARTICLE = /^(PENAL_CODE|ANTI_TRAFFICKING_LAW|CHILD_RIGHTS_LAW|OTHER_LAW)_[0-9]{1,3}[A-Z]?$/;

/** Always part of a handoff. */
export const HANDOFF_BASE_CATEGORIES: readonly DataCategory[] = ['CASE_SUMMARY', 'LEGAL_PROCEEDINGS', 'PERPETRATORS'];
/** Only under an active LAW_ENFORCEMENT_SHARING consent for the receiving agency. */
export const HANDOFF_CONSENTED_CATEGORIES: readonly DataCategory[] = ['IDENTITY', 'EXPLOITATION_ACCOUNT', 'HEALTH'];

/** Why a handoff carries less than the full packet. */
export const HANDOFF_LIMITATIONS = ['NO_LAW_ENFORCEMENT_CONSENT', 'PARTIAL_LAW_ENFORCEMENT_CONSENT'] as const;
export type HandoffLimitation = (typeof HANDOFF_LIMITATIONS)[number];

export const HANDOFF_LIMITATION_LABELS: Readonly<Record<HandoffLimitation, Label>> = {
  NO_LAW_ENFORCEMENT_CONSENT: {
    lo: 'ບໍ່ມີການຍິນຍອມໃຫ້ແບ່ງປັນຂໍ້ມູນກັບເຈົ້າໜ້າທີ່ບັງຄັບໃຊ້ກົດໝາຍ: ສຳນວນນີ້ມີພຽງແຕ່ບົດສະຫຼຸບກໍລະນີ, ລາຍການຫຼັກຖານ ແລະ ຜູ້ຕ້ອງສົງໄສ',
    en: 'No law-enforcement sharing consent: this handoff carries only the case summary, the evidence list and the suspects',
  },
  PARTIAL_LAW_ENFORCEMENT_CONSENT: {
    lo: 'ການຍິນຍອມໃຫ້ແບ່ງປັນຂໍ້ມູນກັບເຈົ້າໜ້າທີ່ບັງຄັບໃຊ້ກົດໝາຍບໍ່ຄຸ້ມຄອງທຸກໝວດຂໍ້ມູນ: ບາງໝວດບໍ່ໄດ້ສົ່ງໄປນຳ',
    en: 'The law-enforcement sharing consent does not cover every category: some were left out',
  },
};

/** The timeline event (and audit action) each machine action writes. */
export const HANDOFF_ACTION_EVENT: Readonly<Record<HandoffAction, HandoffEventKind>> = {
  RECEIVE: 'HANDOFF_RECEIVED',
  ACCEPT: 'HANDOFF_ACCEPTED',
  RETURN: 'HANDOFF_RETURNED',
  RESUBMIT: 'HANDOFF_RESUBMITTED',
  CHARGE: 'HANDOFF_CHARGED',
  START_TRIAL: 'HANDOFF_TRIAL_STARTED',
  RECORD_VERDICT: 'HANDOFF_DECIDED',
  CLOSE: 'HANDOFF_CLOSED',
  WITHDRAW: 'HANDOFF_WITHDRAWN',
};
