/**
 * Lao and English labels for every coded value of the domain. Lao first: the portal shows `lo` by
 * default. Labels are data here so the API (notifications, exports) and the portal share them.
 * Terms follow docs/domain.md and docs/reference.md and the wording already used in permissions.ts.
 */
import {
  AGENCY_CAPABILITIES,
  AGENCY_TYPES,
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  DATA_CATEGORIES,
  LANGUAGES,
  ROLES,
  USER_STATUSES,
  type AgencyCapability,
  type AgencyType,
  type AuditAction,
  type AuditOutcome,
  type DataCategory,
  type Language,
  type Role,
  type UserStatus,
} from './enums';
import { FAMILY_TRACING_AUDIT_WORDS, FAMILY_TRACING_LABELLED_LISTS } from './family-tracing';
import { ALL_PERMISSIONS, PERMISSIONS, type Permission } from './permissions';
import { PLAN_EVENT_LABELS } from './case-plan';
import { PASSWORD_PROBLEMS, type PasswordProblem } from './password-policy';
import {
  HTCDS_SUPPORT_PLAN_TYPES,
  PROVINCE_CODES,
  PROVINCES,
  SEED_AGENCIES,
  SEED_AGENCY_CODES,
  SERVICE_TYPE_DEFINITIONS,
  SERVICE_TYPES,
  type HtcdsSupportPlanType,
  type ProvinceCode,
  type SeedAgencyCode,
  type ServiceType,
} from './reference';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  CLOSURE_REASONS,
  CONSENT_ACTIONS,
  CONSENT_FORMS,
  CONSENT_GIVERS,
  CONSENT_STATUSES,
  CONSENT_TYPES,
  DECLINE_REASONS,
  HANDOFF_ACTIONS,
  HANDOFF_STATUSES,
  IDENTIFICATION_ACTIONS,
  IDENTIFICATION_STATUSES,
  INTERVIEW_CONSENT_ANSWERS,
  INTERVIEW_CONSENT_QUESTIONS,
  MATCH_REQUEST_ACTIONS,
  MATCH_REQUEST_STATUSES,
  REFERRAL_ACTIONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  FORMER_LEAD_ACCESS,
  TRANSFER_ACTIONS,
  TRANSFER_KINDS,
  TRANSFER_STATUSES,
  type FormerLeadAccess,
  type TransferAction,
  type TransferKind,
  type TransferStatus,
  SCREENING_ACTIONS,
  SCREENING_STATUSES,
  URGENCIES,
  VERDICTS,
  WORKFLOW_REFUSALS,
  type CaseAction,
  type CaseStatus,
  type ClosureReason,
  type ConsentAction,
  type ConsentForm,
  type ConsentGiver,
  type ConsentStatus,
  type ConsentType,
  type MatchRequestAction,
  type MatchRequestStatus,
  CLOSURE_REQUEST_ACTIONS,
  CLOSURE_REQUEST_STATUSES,
  IDENTIFICATION_REQUEST_ACTIONS,
  IDENTIFICATION_REQUEST_STATUSES,
  type ClosureRequestAction,
  type ClosureRequestStatus,
  type IdentificationRequestAction,
  type IdentificationRequestStatus,
  type DeclineReason,
  type HandoffAction,
  type HandoffStatus,
  type IdentificationAction,
  type IdentificationStatus,
  type InterviewConsentAnswer,
  type InterviewConsentQuestion,
  type ReferralAction,
  type ReferralOutcome,
  type ReferralStatus,
  type ScreeningAction,
  type ScreeningStatus,
  type Urgency,
  type Verdict,
  type WorkflowRefusal,
} from './workflows';
import {
  EXPORT_KINDS,
  EXPORT_REVIEW_ACTIONS,
  EXPORT_STATUSES,
  type ExportKind,
  type ExportReviewAction,
  type ExportStatus,
} from './export-views';

export interface Label {
  readonly lo: string;
  readonly en: string;
}
export type LabelMap<T extends string> = Readonly<Record<T, Label>>;

/** The label of `code` in `lang`; falls back to English, then to the code itself for unknown codes. */
export function label<T extends string>(map: LabelMap<T>, code: T | string, lang: Language): string {
  const entry = Object.prototype.hasOwnProperty.call(map, code)
    ? (map as Readonly<Record<string, Label>>)[code]
    : undefined;
  if (!entry) return code;
  return entry[lang] || entry.en || code;
}

// ---------------------------------------------------------------------------------------------
// enums.ts
// ---------------------------------------------------------------------------------------------

export const ROLE_LABELS: LabelMap<Role> = {
  CASEWORKER: { lo: 'ພະນັກງານຄຸ້ມຄອງກໍລະນີ', en: 'Caseworker' },
  SUPERVISOR: { lo: 'ຫົວໜ້າໜ່ວຍງານ', en: 'Supervisor' },
  INVESTIGATOR: { lo: 'ເຈົ້າໜ້າທີ່ສືບສວນ-ສອບສວນ', en: 'Investigator' },
  PROSECUTOR: { lo: 'ພະນັກງານໄອຍະການ', en: 'Prosecutor' },
  AGENCY_ADMIN: { lo: 'ຜູ້ບໍລິຫານຜູ້ໃຊ້ຂອງອົງການ', en: 'Agency administrator' },
  SYSTEM_ADMIN: { lo: 'ຜູ້ບໍລິຫານລະບົບ', en: 'System administrator' },
  ANALYST: { lo: 'ນັກວິເຄາະຂໍ້ມູນ', en: 'Analyst' },
};

export const AGENCY_CAPABILITY_LABELS: LabelMap<AgencyCapability> = {
  SCREEN: { lo: 'ຄັດກອງຜູ້ທີ່ອາດຖືກເຄາະຮ້າຍ', en: 'Screens possible victims' },
  FORMAL_IDENTIFICATION: { lo: 'ກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍຢ່າງເປັນທາງການ', en: 'Formally identifies victims' },
  INVESTIGATE: { lo: 'ສືບສວນ-ສອບສວນ', en: 'Investigates' },
  RECEIVE_REFERRALS: { lo: 'ຮັບການສົ່ງຕໍ່', en: 'Receives referrals' },
  PROSECUTE: { lo: 'ດຳເນີນຄະດີ', en: 'Prosecutes' },
};

export const AGENCY_TYPE_LABELS: LabelMap<AgencyType> = {
  GOVERNMENT: { lo: 'ອົງການລັດ', en: 'Government' },
  LAW_ENFORCEMENT: { lo: 'ອົງການບັງຄັບໃຊ້ກົດໝາຍ', en: 'Law enforcement' },
  PROSECUTION: { lo: 'ອົງການໄອຍະການ', en: 'Prosecution' },
  MASS_ORGANISATION: { lo: 'ອົງການຈັດຕັ້ງມະຫາຊົນ', en: 'Mass organisation' },
  NGO: { lo: 'ອົງການຈັດຕັ້ງທີ່ບໍ່ແມ່ນລັດຖະບານ', en: 'Non-governmental organisation' },
  INTERNATIONAL_ORGANISATION: { lo: 'ອົງການຈັດຕັ້ງສາກົນ', en: 'International organisation' },
};

export const LANGUAGE_LABELS: LabelMap<Language> = {
  lo: { lo: 'ພາສາລາວ', en: 'Lao' },
  en: { lo: 'ພາສາອັງກິດ', en: 'English' },
};

export const USER_STATUS_LABELS: LabelMap<UserStatus> = {
  ACTIVE: { lo: 'ໃຊ້ງານໄດ້', en: 'Active' },
  INVITED: { lo: 'ລໍຖ້າຜູ້ໃຊ້ເປີດນຳໃຊ້ບັນຊີ', en: 'Waiting for the user to activate' },
  PENDING_APPROVAL: { lo: 'ລໍຖ້າຜູ້ບໍລິຫານອົງການອະນຸມັດ', en: "Waiting for the agency administrator's approval" },
  LOCKED: { lo: 'ຖືກລັອກ', en: 'Locked' },
  DISABLED: { lo: 'ຖືກປິດການນຳໃຊ້', en: 'Disabled' },
};

export const DATA_CATEGORY_LABELS: LabelMap<DataCategory> = {
  CASE_SUMMARY: { lo: 'ສະຫຼຸບກໍລະນີ', en: 'Case summary' },
  IDENTITY: { lo: 'ຂໍ້ມູນຕົວຕົນ', en: 'Identity' },
  CONTACT_LOCATION: { lo: 'ຂໍ້ມູນຕິດຕໍ່ ແລະ ທີ່ຢູ່', en: 'Contact and location' },
  EXPLOITATION_ACCOUNT: { lo: 'ເລື່ອງລາວການຖືກຂູດຮີດ', en: 'Account of exploitation' },
  HEALTH: { lo: 'ຂໍ້ມູນສຸຂະພາບ', en: 'Health' },
  PERPETRATORS: { lo: 'ຜູ້ກະທຳຜິດ', en: 'Perpetrators' },
  LEGAL_PROCEEDINGS: { lo: 'ການດຳເນີນຄະດີ', en: 'Legal proceedings' },
};

export const AUDIT_OUTCOME_LABELS: LabelMap<AuditOutcome> = {
  ALLOWED: { lo: 'ອະນຸຍາດ', en: 'Allowed' },
  DENIED: { lo: 'ປະຕິເສດ', en: 'Denied' },
  FAILED: { lo: 'ລົ້ມເຫຼວ', en: 'Failed' },
};

/** What each audited action is called in the access log and the audit page. */
export const AUDIT_ACTION_LABELS: LabelMap<AuditAction> = {
  LOGIN_SUCCEEDED: { lo: 'ເຂົ້າສູ່ລະບົບ', en: 'Signed in' },
  LOGIN_FAILED: { lo: 'ເຂົ້າສູ່ລະບົບບໍ່ສຳເລັດ', en: 'Failed sign-in' },
  LOGIN_MFA_CHALLENGED: { lo: 'ລະຫັດຜ່ານຖືກ, ຖາມລະຫັດຢືນຢັນ', en: 'Password right, code asked' },
  MFA_SETUP_STARTED: { lo: 'ເລີ່ມຕັ້ງການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ', en: 'Started setting up two-step sign-in' },
  MFA_ENABLED: { lo: 'ເປີດການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ', en: 'Turned on two-step sign-in' },
  CREDENTIAL_CHECK_FAILED: { lo: 'ລະຫັດຜ່ານ ຫຼື ລະຫັດຢືນຢັນປັດຈຸບັນບໍ່ຖືກຕ້ອງ', en: 'Wrong current password or code' },
  ACCOUNT_ACTIVATED: {
    lo: 'ຜູ້ໃຊ້ຕັ້ງລະຫັດຜ່ານຂອງຕົນ ແລະ ເປີດນຳໃຊ້ບັນຊີ',
    en: 'User set their own password and activated the account',
  },
  LOGOUT: { lo: 'ອອກຈາກລະບົບ', en: 'Signed out' },
  PASSWORD_CHANGED: { lo: 'ປ່ຽນລະຫັດຜ່ານ', en: 'Changed the password' },
  REFRESH_TOKEN_REUSED: { lo: 'ໃຊ້ເຊດຊັນເກົ່າຊ້ຳ (ອາດຖືກລັກ)', en: 'Reused an old session (possible theft)' },
  PERMISSION_DENIED: { lo: 'ບໍ່ມີສິດ', en: 'Permission refused' },
  REQUEST_DENIED: { lo: 'ຄຳຮ້ອງຖືກປະຕິເສດ', en: 'Request refused' },
  USER_CREATED: { lo: 'ສ້າງຜູ້ໃຊ້', en: 'Created a user' },
  USER_UPDATED: { lo: 'ແກ້ໄຂຜູ້ໃຊ້', en: 'Changed a user' },
  USER_DISABLED: { lo: 'ປິດບັນຊີຜູ້ໃຊ້', en: 'Disabled a user' },
  USER_ENABLED: { lo: 'ເປີດບັນຊີຜູ້ໃຊ້ຄືນ', en: 'Re-enabled a user' },
  USER_PASSWORD_RESET: { lo: 'ຕັ້ງລະຫັດຜ່ານໃໝ່ໃຫ້ຜູ້ໃຊ້', en: "Reset a user's password" },
  USER_MFA_RESET: { lo: 'ຍົກເລີກການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນຂອງຜູ້ໃຊ້', en: "Reset a user's two-step sign-in" },
  USER_APPROVED: { lo: 'ອະນຸມັດບັນຊີຜູ້ໃຊ້ໃໝ່', en: 'Approved a new account' },
  ACTIVATION_SENT: { lo: 'ສົ່ງລິ້ງເປີດນຳໃຊ້ບັນຊີໃຫ້ຜູ້ໃຊ້', en: 'Sent the activation link to the user' },
  AGENCY_CREATED: { lo: 'ສ້າງອົງການ', en: 'Created an agency' },
  AGENCY_UPDATED: { lo: 'ແກ້ໄຂອົງການ', en: 'Changed an agency' },
  SCREENING_CREATED: { lo: 'ເລີ່ມການຄັດກອງ', en: 'Started a screening' },
  SCREENING_READ: { lo: 'ເປີດເບິ່ງການຄັດກອງ', en: 'Opened a screening' },
  SCREENING_UPDATED: { lo: 'ແກ້ໄຂການຄັດກອງ', en: 'Changed a screening' },
  SCREENING_SUBMITTED: { lo: 'ສົ່ງການຄັດກອງໃຫ້ກວດກາ', en: 'Submitted a screening' },
  SCREENING_RETURNED: { lo: 'ສົ່ງການຄັດກອງຄືນ', en: 'Returned a screening' },
  SCREENING_APPROVED: { lo: 'ອະນຸມັດການຄັດກອງ', en: 'Approved a screening' },
  SCREENING_TERMINATED: { lo: 'ຢຸດການຄັດກອງ', en: 'Terminated a screening' },
  CASE_LISTED: { lo: 'ເບິ່ງລາຍການກໍລະນີ', en: 'Listed cases' },
  CASE_SEARCHED: { lo: 'ຄົ້ນຫາກໍລະນີ', en: 'Searched for cases' },
  CASE_FILTER_SAVED: { lo: 'ບັນທຶກຕົວກອງ', en: 'Saved a case filter' },
  CASE_FILTER_DELETED: { lo: 'ລຶບຕົວກອງ', en: 'Deleted a case filter' },
  CASE_READ: { lo: 'ເປີດເບິ່ງກໍລະນີ', en: 'Opened the case' },
  CASE_UPDATED: { lo: 'ແກ້ໄຂກໍລະນີ', en: 'Changed the case' },
  CASE_ASSIGNED: { lo: 'ມອບໝາຍກໍລະນີ', en: 'Assigned the case' },
  CASELOAD_READ: { lo: 'ເບິ່ງພາລະວຽກຂອງພະນັກງານ', en: "Read the agency's caseload" },
  WORK_ITEMS_READ: { lo: 'ເບິ່ງວຽກປະຈຳວັນ', en: 'Read own work for the day' },
  CASE_STATUS_CHANGED: { lo: 'ປ່ຽນສະຖານະ', en: 'Changed the status' },
  CASE_IDENTIFICATION_DECIDED: { lo: 'ຕັດສິນການກຳນົດຕົວຕົນ', en: 'Decided the identification' },
  CASE_CLOSED: { lo: 'ປິດກໍລະນີ', en: 'Closed the case' },
  CASE_REOPENED: { lo: 'ເປີດກໍລະນີຄືນໃໝ່', en: 'Reopened the case' },
  CASE_NOTES_READ: { lo: 'ອ່ານບັນທຶກ', en: 'Read the notes' },
  CASE_NOTE_ADDED: { lo: 'ເພີ່ມບັນທຶກ', en: 'Added a note' },
  CASE_TIMELINE_READ: { lo: 'ເບິ່ງລຳດັບເຫດການ', en: 'Read the timeline' },
  CASE_ACCESS_LOG_READ: { lo: 'ເບິ່ງບັນທຶກການເຂົ້າເຖິງ', en: 'Read the access log' },
  CASE_OPENED: { lo: 'ເປີດກໍລະນີ', en: 'Opened a new case' },
  CASE_SCREENING_ATTACHED: { lo: 'ຕິດຄັດການຄັດກອງ', en: 'Attached a screening' },
  CASE_IDENTIFICATION_REQUESTED: {
    lo: 'ສົ່ງກໍລະນີເພື່ອຂໍການກຳນົດຕົວຕົນ',
    en: 'Sent the case for formal identification',
  },
  IDENTIFICATION_REQUESTS_LISTED: { lo: 'ເບິ່ງລາຍການຄຳຮ້ອງຂໍການກຳນົດຕົວຕົນ', en: 'Listed identification requests' },
  IDENTIFICATION_REQUEST_CANCELLED: { lo: 'ຍົກເລີກຄຳຮ້ອງຂໍການກຳນົດຕົວຕົນ', en: 'Cancelled an identification request' },
  CASE_CLOSURE_REQUESTED: { lo: 'ຂໍປິດກໍລະນີ', en: 'Requested closure' },
  CASE_CLOSURE_APPROVED: { lo: 'ອະນຸມັດການປິດກໍລະນີ', en: 'Approved the closure' },
  CASE_CLOSURE_RETURNED: { lo: 'ສົ່ງຄຳຮ້ອງຂໍປິດກໍລະນີຄືນ', en: 'Returned the closure request' },
  CASE_FLAG_SET: { lo: 'ໝາຍກໍລະນີ', en: 'Set a case flag' },
  CASE_FLAG_LIFTED: { lo: 'ຍົກເລີກເຄື່ອງໝາຍກໍລະນີ', en: 'Lifted a case flag' },
  CONSENTS_READ: { lo: 'ອ່ານການຍິນຍອມ', en: 'Read the consents' },
  CONSENT_GRANTED: { lo: 'ບັນທຶກການຍິນຍອມ', en: 'Recorded a consent' },
  CONSENT_WITHDRAWN: { lo: 'ຖອນການຍິນຍອມ', en: 'Withdrew a consent' },
  PERSON_READ: { lo: 'ເບິ່ງຕົວຕົນຂອງບຸກຄົນ', en: 'Viewed the identity' },
  PERSON_CREATED: { lo: 'ບັນທຶກບຸກຄົນໃໝ່', en: 'Recorded the person' },
  PERSON_SEARCHED: { lo: 'ຄົ້ນຫາບຸກຄົນ', en: 'Searched for the person' },
  PERSON_MERGED: { lo: 'ລວມຂໍ້ມູນບຸກຄົນ', en: 'Merged person records' },
  PERSON_MERGE_UNDONE: { lo: 'ຍົກເລີກການລວມຂໍ້ມູນບຸກຄົນ', en: 'Undid a merge of person records' },
  MATCH_REQUESTS_LISTED: { lo: 'ເບິ່ງລາຍການຄຳຮ້ອງກວດບຸກຄົນຊໍ້າ', en: 'Listed match requests' },
  MATCH_REQUEST_CREATED: {
    lo: 'ສົ່ງຄຳຮ້ອງກວດບຸກຄົນຊໍ້າໄປອົງການອື່ນ',
    en: 'Asked another agency about a possible match',
  },
  MATCH_REQUEST_READ: { lo: 'ເປີດຄຳຮ້ອງກວດບຸກຄົນຊໍ້າ', en: 'Opened a match request' },
  MATCH_REQUEST_LINKED: { lo: 'ຕອບຄຳຮ້ອງ: ແມ່ນບຸກຄົນດຽວກັນ', en: 'Answered a match request: same person' },
  MATCH_REQUEST_NO_MATCH: { lo: 'ຕອບຄຳຮ້ອງ: ບໍ່ແມ່ນບຸກຄົນດຽວກັນ', en: 'Answered a match request: no match' },
  ATTACHMENTS_LISTED: { lo: 'ເບິ່ງລາຍການເອກະສານຄັດຕິດ', en: 'Listed the files' },
  ATTACHMENT_UPLOADED: { lo: 'ອັບໂຫຼດເອກະສານ', en: 'Uploaded a file' },
  ATTACHMENT_DOWNLOADED: { lo: 'ດາວໂຫຼດເອກະສານ', en: 'Downloaded a file' },
  REFERRALS_LISTED: { lo: 'ເບິ່ງລາຍການສົ່ງຕໍ່', en: 'Listed referrals' },
  REFERRAL_CREATED: { lo: 'ສົ່ງຕໍ່', en: 'Referred' },
  REFERRAL_READ: { lo: 'ເປີດເບິ່ງການສົ່ງຕໍ່', en: 'Opened a referral' },
  REFERRAL_ACCEPTED: { lo: 'ຮັບການສົ່ງຕໍ່', en: 'Accepted a referral' },
  REFERRAL_DECLINED: { lo: 'ປະຕິເສດການສົ່ງຕໍ່', en: 'Declined a referral' },
  REFERRAL_SERVICE_RECORDED: { lo: 'ບັນທຶກການບໍລິການ', en: 'Recorded a service' },
  REFERRAL_COMPLETED: { lo: 'ສຳເລັດການສົ່ງຕໍ່', en: 'Completed a referral' },
  REFERRAL_CANCELLED: { lo: 'ຍົກເລີກການສົ່ງຕໍ່', en: 'Cancelled a referral' },
  TRANSFERS_LISTED: { lo: 'ເບິ່ງລາຍການໂອນກໍລະນີ', en: 'Listed case transfers' },
  TRANSFER_READ: { lo: 'ເປີດເບິ່ງການໂອນກໍລະນີ', en: 'Opened a case transfer' },
  TRANSFER_REQUESTED: { lo: 'ຂໍໂອນກໍລະນີ', en: 'Requested a case transfer' },
  TRANSFER_ACCEPTED: { lo: 'ຮັບການໂອນກໍລະນີ', en: 'Accepted a case transfer' },
  TRANSFER_DECLINED: { lo: 'ປະຕິເສດການໂອນກໍລະນີ', en: 'Declined a case transfer' },
  TRANSFER_CANCELLED: { lo: 'ຍົກເລີກການໂອນກໍລະນີ', en: 'Cancelled a case transfer' },
  ...FAMILY_TRACING_AUDIT_WORDS,
  REFERRAL_REASSIGNED: { lo: 'ມອບໝາຍພະນັກງານຂອງການສົ່ງຕໍ່ໃໝ່', en: 'Reassigned a referral' },
  REFERRAL_NOTES_READ: { lo: 'ອ່ານບັນທຶກຂອງການສົ່ງຕໍ່', en: 'Read the notes of a referral' },
  REFERRAL_NOTE_ADDED: { lo: 'ຂຽນບັນທຶກໃນການສົ່ງຕໍ່', en: 'Wrote a note on a referral' },
  VISITS_READ: { lo: 'ເບິ່ງການຢ້ຽມຢາມຕິດຕາມ', en: 'Read follow-up visits' },
  VISIT_RECORDED: { lo: 'ບັນທຶກການຢ້ຽມຢາມຕິດຕາມ', en: 'Recorded a follow-up visit' },
  VISIT_UPDATED: { lo: 'ແກ້ໄຂການຢ້ຽມຢາມຕິດຕາມ', en: 'Changed a follow-up visit' },
  ASSESSMENTS_READ: { lo: 'ເບິ່ງການປະເມີນການເຊື່ອມໂຍງຄືນສູ່ສັງຄົມ', en: 'Read reintegration assessments' },
  ASSESSMENT_TREND_READ: { lo: 'ເບິ່ງແນວໂນ້ມການປະເມີນ', en: 'Read the assessment trend' },
  ASSESSMENT_RECORDED: { lo: 'ບັນທຶກການປະເມີນການເຊື່ອມໂຍງຄືນສູ່ສັງຄົມ', en: 'Recorded a reintegration assessment' },
  ASSESSMENT_UPDATED: { lo: 'ແກ້ໄຂການປະເມີນການເຊື່ອມໂຍງຄືນສູ່ສັງຄົມ', en: 'Changed a reintegration assessment' },
  REFERRAL_PRINTED: { lo: 'ພິມການສົ່ງຕໍ່', en: 'Printed a referral' },
  SLA_SETTINGS_READ: { lo: 'ເບິ່ງກຳນົດເວລາຕອບຮັບ', en: 'Read the SLA settings' },
  SLA_SETTINGS_UPDATED: { lo: 'ປ່ຽນກຳນົດເວລາຕອບຮັບ', en: 'Changed the SLA settings' },
  HANDOFF_LISTED: { lo: 'ເບິ່ງລາຍການສຳນວນ', en: 'Listed handoffs' },
  HANDOFF_READ: { lo: 'ເປີດເບິ່ງສຳນວນ', en: 'Opened a handoff' },
  HANDOFF_SUBMITTED: { lo: 'ມອບສຳນວນ', en: 'Handed off' },
  HANDOFF_RECEIVED: { lo: 'ໄດ້ຮັບສຳນວນ', en: 'Received a handoff' },
  HANDOFF_ACCEPTED: { lo: 'ຮັບສຳນວນ', en: 'Accepted a handoff' },
  HANDOFF_RETURNED: { lo: 'ສົ່ງສຳນວນຄືນ', en: 'Returned a handoff' },
  HANDOFF_RESUBMITTED: { lo: 'ສົ່ງສຳນວນຄືນໃໝ່', en: 'Resubmitted a handoff' },
  HANDOFF_CHARGED: { lo: 'ຟ້ອງ', en: 'Charged' },
  HANDOFF_TRIAL_STARTED: { lo: 'ເລີ່ມການພິຈາລະນາຄະດີ', en: 'Trial started' },
  HANDOFF_DECIDED: { lo: 'ມີຄຳຕັດສິນ', en: 'Verdict recorded' },
  HANDOFF_CLOSED: { lo: 'ປິດສຳນວນ', en: 'Closed a handoff' },
  HANDOFF_WITHDRAWN: { lo: 'ຖອນສຳນວນ', en: 'Withdrew a handoff' },
  ...PLAN_EVENT_LABELS,
  PLAN_READ: { lo: 'ເປີດເບິ່ງແຜນຊ່ວຍເຫຼືອ', en: 'Opened a case plan' },
  EXPORT_REQUESTED: { lo: 'ຂໍສົ່ງອອກຂໍ້ມູນ', en: 'Requested an export' },
  EXPORT_APPROVED: { lo: 'ອະນຸມັດການສົ່ງອອກ', en: 'Approved an export' },
  EXPORT_DECLINED: { lo: 'ບໍ່ອະນຸມັດການສົ່ງອອກ', en: 'Declined an export' },
  EXPORT_GENERATED: { lo: 'ສ້າງໄຟລ໌ສົ່ງອອກແລ້ວ', en: 'Export file made' },
  EXPORT_FAILED: { lo: 'ການສົ່ງອອກລົ້ມເຫຼວ', en: 'Export failed' },
  EXPORT_DOWNLOADED: { lo: 'ດາວໂຫຼດໄຟລ໌ສົ່ງອອກ', en: 'Downloaded an export' },
  AUDIT_READ: { lo: 'ເບິ່ງບັນທຶກການກວດສອບ', en: 'Read the audit log' },
  STATS_READ: { lo: 'ເບິ່ງສະຖິຕິ', en: 'Read the statistics' },
  REFERENCE_DATA_SEEDED: { lo: 'ໂຫຼດຂໍ້ມູນອ້າງອີງ', en: 'Loaded the reference data' },
};

// ---------------------------------------------------------------------------------------------
// permissions.ts (labels kept beside the catalogue; exposed here as a map like the others)
// ---------------------------------------------------------------------------------------------

export const PERMISSION_LABELS: LabelMap<Permission> = Object.fromEntries(
  ALL_PERMISSIONS.map((p) => [p, { lo: PERMISSIONS[p].lo, en: PERMISSIONS[p].en }]),
) as Record<Permission, Label>;

// ---------------------------------------------------------------------------------------------
// Screening
// ---------------------------------------------------------------------------------------------

export const SCREENING_STATUS_LABELS: LabelMap<ScreeningStatus> = {
  DRAFT: { lo: 'ຮ່າງ', en: 'Draft' },
  SUBMITTED: { lo: 'ສົ່ງໃຫ້ກວດກາແລ້ວ', en: 'Submitted' },
  APPROVED: { lo: 'ອະນຸມັດແລ້ວ', en: 'Approved' },
  RETURNED: { lo: 'ສົ່ງຄືນເພື່ອແກ້ໄຂ', en: 'Returned' },
  TERMINATED: { lo: 'ຢຸດການສຳພາດແລ້ວ', en: 'Terminated' },
};

export const SCREENING_ACTION_LABELS: LabelMap<ScreeningAction> = {
  SUBMIT: { lo: 'ສົ່ງໃຫ້ກວດກາ', en: 'Submit' },
  TERMINATE: { lo: 'ຢຸດການສຳພາດ', en: 'Terminate interview' },
  APPROVE: { lo: 'ອະນຸມັດ', en: 'Approve' },
  RETURN: { lo: 'ສົ່ງຄືນເພື່ອແກ້ໄຂ', en: 'Return for more information' },
  REVISE: { lo: 'ແກ້ໄຂຄືນ', en: 'Revise' },
};

export const INTERVIEW_CONSENT_QUESTION_LABELS: LabelMap<InterviewConsentQuestion> = {
  CONSENTS_TO_INTERVIEW: {
    lo: 'ບຸກຄົນດັ່ງກ່າວຍິນຍອມ (ຫຼື ເດັກເຫັນດີ) ເຂົ້າຮ່ວມການສຳພາດບໍ?',
    en: 'Does the individual consent (or, for a child, assent) to the interview?',
  },
  INFORMED_OF_PURPOSE: {
    lo: 'ບຸກຄົນດັ່ງກ່າວໄດ້ຮັບແຈ້ງກ່ຽວກັບຈຸດປະສົງຂອງການສຳພາດແລ້ວບໍ?',
    en: 'Has the individual been informed of the purpose of the interview?',
  },
  INFORMED_OF_DATA_USE: {
    lo: 'ໄດ້ຮັບແຈ້ງກ່ຽວກັບການນຳໃຊ້ຂໍ້ມູນທີ່ເກັບກຳໃນການສຳພາດ ທັງໃນປັດຈຸບັນ ແລະ ທີ່ອາດມີໃນອະນາຄົດແລ້ວບໍ?',
    en: 'Has the individual been informed of the actual and potential use of the data gathered in the interview?',
  },
  INFORMED_OF_RESEARCH_USE: {
    lo: 'ໄດ້ຮັບແຈ້ງກ່ຽວກັບການນຳໃຊ້ຂໍ້ມູນທີ່ບໍ່ລະບຸຕົວຕົນເພື່ອການຄົ້ນຄວ້າແລ້ວບໍ?',
    en: 'Has the individual been informed of the use of non-identifying data for research purposes?',
  },
  INFORMED_OF_RIGHT_OF_ACCESS: {
    lo: 'ໄດ້ຮັບແຈ້ງກ່ຽວກັບສິດໃນການຂໍເບິ່ງຂໍ້ມູນສ່ວນບຸກຄົນຂອງຕົນໄດ້ທຸກເວລາແລ້ວບໍ?',
    en: 'Has the individual been informed of the right to request their personal data at any time?',
  },
  INFORMED_OF_RETENTION: {
    lo: 'ໄດ້ຮັບແຈ້ງວ່າຂໍ້ມູນຈະຖືກເກັບຮັກສາໄວ້ດົນປານໃດແລ້ວບໍ?',
    en: 'Has the individual been informed how long the data will be stored?',
  },
  INFORMED_OF_WITHDRAWAL: {
    lo: 'ໄດ້ຮັບແຈ້ງກ່ຽວກັບຂັ້ນຕອນການຖອນການຍິນຍອມແລ້ວບໍ?',
    en: 'Has the individual been informed of the process for withdrawing consent?',
  },
};

export const INTERVIEW_CONSENT_ANSWER_LABELS: LabelMap<InterviewConsentAnswer> = {
  YES: { lo: 'ແມ່ນ', en: 'Yes' },
  NO: { lo: 'ບໍ່', en: 'No' },
  NOT_APPLICABLE: { lo: 'ບໍ່ກ່ຽວຂ້ອງ', en: 'Not applicable' },
};

// ---------------------------------------------------------------------------------------------
// Case and identification
// ---------------------------------------------------------------------------------------------

export const CASE_STATUS_LABELS: LabelMap<CaseStatus> = {
  OPEN: { lo: 'ເປີດ', en: 'Open' },
  ACTIVE: { lo: 'ກຳລັງໃຫ້ການຊ່ວຍເຫຼືອ', en: 'Active' },
  FOLLOW_UP: { lo: 'ຕິດຕາມ', en: 'Follow-up' },
  CLOSED: { lo: 'ປິດແລ້ວ', en: 'Closed' },
};

export const CASE_ACTION_LABELS: LabelMap<CaseAction> = {
  ACTIVATE: { lo: 'ເລີ່ມໃຫ້ການຊ່ວຍເຫຼືອ', en: 'Start assistance' },
  START_FOLLOW_UP: { lo: 'ເລີ່ມການຕິດຕາມ', en: 'Start follow-up' },
  RESUME: { lo: 'ກັບມາໃຫ້ການຊ່ວຍເຫຼືອຄືນ', en: 'Resume assistance' },
  CLOSE: { lo: 'ປິດກໍລະນີ', en: 'Close case' },
  REOPEN: { lo: 'ເປີດກໍລະນີຄືນ', en: 'Reopen case' },
};

export const CLOSURE_REASON_LABELS: LabelMap<ClosureReason> = {
  SERVICES_COMPLETED: { lo: 'ໃຫ້ບໍລິການສຳເລັດແລ້ວ', en: 'Services completed' },
  REINTEGRATED: { lo: 'ກັບຄືນສູ່ຄອບຄົວ ແລະ ຊຸມຊົນແລ້ວ', en: 'Reintegrated' },
  TRANSFERRED: { lo: 'ໂອນໃຫ້ອົງການອື່ນ', en: 'Transferred' },
  LOST_CONTACT: { lo: 'ຂາດການຕິດຕໍ່', en: 'Lost contact' },
  DECEASED: { lo: 'ເສຍຊີວິດ', en: 'Deceased' },
  NOT_A_VICTIM: { lo: 'ບໍ່ແມ່ນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Not a victim' },
  DUPLICATE_MERGED: { lo: 'ຊໍ້າກັນ, ລວມເຂົ້າກັນແລ້ວ', en: 'Duplicate, merged' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const IDENTIFICATION_STATUS_LABELS: LabelMap<IdentificationStatus> = {
  POSSIBLE_VICTIM: { lo: 'ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Possible victim' },
  IDENTIFIED: { lo: 'ກຳນົດວ່າເປັນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Identified as a victim' },
  NOT_IDENTIFIED: { lo: 'ກຳນົດວ່າບໍ່ແມ່ນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Not identified as a victim' },
};

export const IDENTIFICATION_ACTION_LABELS: LabelMap<IdentificationAction> = {
  IDENTIFY: { lo: 'ກຳນົດວ່າເປັນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Identify as a victim' },
  NOT_IDENTIFY: { lo: 'ກຳນົດວ່າບໍ່ແມ່ນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Decide not a victim' },
};

// ---------------------------------------------------------------------------------------------
// Referral
// ---------------------------------------------------------------------------------------------

export const REFERRAL_STATUS_LABELS: LabelMap<ReferralStatus> = {
  PENDING: { lo: 'ລໍຖ້າການຕອບຮັບ', en: 'Pending' },
  ACCEPTED: { lo: 'ຮັບແລ້ວ', en: 'Accepted' },
  DECLINED: { lo: 'ປະຕິເສດແລ້ວ', en: 'Declined' },
  IN_PROGRESS: { lo: 'ກຳລັງໃຫ້ບໍລິການ', en: 'In progress' },
  COMPLETED: { lo: 'ສຳເລັດແລ້ວ', en: 'Completed' },
  CANCELLED: { lo: 'ຍົກເລີກແລ້ວ', en: 'Cancelled' },
};

export const REFERRAL_ACTION_LABELS: LabelMap<ReferralAction> = {
  ACCEPT: { lo: 'ຮັບການສົ່ງຕໍ່', en: 'Accept' },
  DECLINE: { lo: 'ປະຕິເສດ', en: 'Decline' },
  START_SERVICE: { lo: 'ບັນທຶກການໃຫ້ບໍລິການຄັ້ງທຳອິດ', en: 'Record first service' },
  COMPLETE: { lo: 'ສຳເລັດການສົ່ງຕໍ່', en: 'Complete' },
  CANCEL: { lo: 'ຍົກເລີກການສົ່ງຕໍ່', en: 'Cancel' },
  REASSIGN: { lo: 'ມອບໝາຍພະນັກງານໃໝ່', en: 'Reassign the worker' },
  ADD_NOTE: { lo: 'ຂຽນບັນທຶກ', en: 'Write a note' },
};

export const DECLINE_REASON_LABELS: LabelMap<DeclineReason> = {
  NO_CAPACITY: { lo: 'ບໍ່ມີຄວາມສາມາດຮອງຮັບ', en: 'No capacity' },
  SERVICE_NOT_OFFERED: { lo: 'ບໍ່ມີບໍລິການນີ້', en: 'Service not offered' },
  OUTSIDE_AREA: { lo: 'ຢູ່ນອກເຂດຮັບຜິດຊອບ', en: 'Outside our area' },
  VICTIM_UNREACHABLE: { lo: 'ບໍ່ສາມາດຕິດຕໍ່ຜູ້ຖືກເຄາະຮ້າຍໄດ້', en: 'Victim unreachable' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const REFERRAL_OUTCOME_LABELS: LabelMap<ReferralOutcome> = {
  SERVICES_DELIVERED: { lo: 'ໃຫ້ບໍລິການຄົບຖ້ວນ', en: 'Services delivered' },
  PARTIALLY_DELIVERED: { lo: 'ໃຫ້ບໍລິການໄດ້ບາງສ່ວນ', en: 'Partially delivered' },
  DECLINED_BY_VICTIM: { lo: 'ຜູ້ຖືກເຄາະຮ້າຍປະຕິເສດການບໍລິການ', en: 'Declined by the victim' },
  LOST_CONTACT: { lo: 'ຂາດການຕິດຕໍ່', en: 'Lost contact' },
  REFERRED_ONWARD: { lo: 'ສົ່ງຕໍ່ໄປອົງການອື່ນ', en: 'Referred onward' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const URGENCY_LABELS: LabelMap<Urgency> = {
  EMERGENCY: { lo: 'ສຸກເສີນ (ພາຍໃນ 24 ຊົ່ວໂມງ)', en: 'Emergency (within 24 hours)' },
  HIGH: { lo: 'ດ່ວນ (ພາຍໃນ 72 ຊົ່ວໂມງ)', en: 'High (within 72 hours)' },
  ROUTINE: { lo: 'ປົກກະຕິ (ພາຍໃນ 7 ວັນ)', en: 'Routine (within 7 days)' },
};

// ---------------------------------------------------------------------------------------------
// Prosecution handoff
// ---------------------------------------------------------------------------------------------

export const HANDOFF_STATUS_LABELS: LabelMap<HandoffStatus> = {
  SUBMITTED: { lo: 'ສົ່ງແລ້ວ', en: 'Submitted' },
  RECEIVED: { lo: 'ໄດ້ຮັບແລ້ວ', en: 'Received' },
  ACCEPTED: { lo: 'ຮັບດຳເນີນຄະດີແລ້ວ', en: 'Prosecution opened' },
  RETURNED: { lo: 'ສົ່ງຄືນ', en: 'Returned' },
  CHARGED: { lo: 'ສັ່ງຟ້ອງແລ້ວ', en: 'Charged' },
  AT_TRIAL: { lo: 'ກຳລັງພິຈາລະນາຢູ່ສານ', en: 'At trial' },
  DECIDED: { lo: 'ສານຕັດສິນແລ້ວ', en: 'Decided' },
  CLOSED: { lo: 'ປິດແລ້ວ', en: 'Closed' },
  WITHDRAWN: { lo: 'ຖອນແລ້ວ', en: 'Withdrawn' },
};

export const HANDOFF_ACTION_LABELS: LabelMap<HandoffAction> = {
  RECEIVE: { lo: 'ຢືນຢັນການຮັບສຳນວນ', en: 'Acknowledge receipt' },
  ACCEPT: { lo: 'ຮັບດຳເນີນຄະດີ', en: 'Open prosecution' },
  RETURN: { lo: 'ສົ່ງສຳນວນຄືນ', en: 'Return to investigator' },
  RESUBMIT: { lo: 'ສົ່ງສຳນວນຄືນໃໝ່', en: 'Resubmit' },
  CHARGE: { lo: 'ບັນທຶກການສັ່ງຟ້ອງ', en: 'Record charges' },
  START_TRIAL: { lo: 'ເລີ່ມການພິຈາລະນາຄະດີ', en: 'Record trial' },
  RECORD_VERDICT: { lo: 'ບັນທຶກຄຳຕັດສິນ', en: 'Record verdict' },
  CLOSE: { lo: 'ປິດສຳນວນ', en: 'Close' },
  WITHDRAW: { lo: 'ຖອນສຳນວນ', en: 'Withdraw' },
};

export const VERDICT_LABELS: LabelMap<Verdict> = {
  CONVICTED: { lo: 'ຕັດສິນລົງໂທດ', en: 'Convicted' },
  ACQUITTED: { lo: 'ຕັດສິນວ່າບໍ່ມີຄວາມຜິດ', en: 'Acquitted' },
  DISMISSED: { lo: 'ຍົກຟ້ອງ', en: 'Dismissed' },
};

// ---------------------------------------------------------------------------------------------
// Consent
// ---------------------------------------------------------------------------------------------

export const CONSENT_TYPE_LABELS: LabelMap<ConsentType> = {
  INTERVIEW: { lo: 'ການສຳພາດ', en: 'Interview' },
  DATA_PROCESSING: { lo: 'ການບັນທຶກ ແລະ ປະມວນຜົນຂໍ້ມູນສ່ວນບຸກຄົນ', en: 'Data processing' },
  REFERRAL_SHARING: { lo: 'ການແບ່ງປັນຂໍ້ມູນເພື່ອການສົ່ງຕໍ່', en: 'Sharing for a referral' },
  LAW_ENFORCEMENT_SHARING: { lo: 'ການແບ່ງປັນຂໍ້ມູນໃຫ້ເຈົ້າໜ້າທີ່ບັງຄັບໃຊ້ກົດໝາຍ', en: 'Sharing with law enforcement' },
  MEDICAL_EXAM_TREATMENT: { lo: 'ການກວດ ແລະ ປິ່ນປົວທາງການແພດ', en: 'Medical examination and treatment' },
  HIV_STI_TEST: { lo: 'ການກວດ HIV ແລະ ພະຍາດຕິດຕໍ່ທາງເພດສຳພັນ', en: 'HIV/STI test' },
  FAMILY_CONTACT_TRACING: { lo: 'ການຕິດຕໍ່ ແລະ ຊອກຫາຄອບຄົວ', en: 'Family contact and tracing' },
  RETURN_REPATRIATION: { lo: 'ການສົ່ງກັບຄືນ', en: 'Return / repatriation' },
  CROSS_BORDER_TRANSFER: { lo: 'ການສົ່ງຂໍ້ມູນໄປຕ່າງປະເທດ', en: 'Cross-border data transfer' },
  RESEARCH_ANONYMISED: { lo: 'ການນຳໃຊ້ຂໍ້ມູນທີ່ບໍ່ລະບຸຕົວຕົນເພື່ອການຄົ້ນຄວ້າ', en: 'Anonymised research use' },
  PHOTO_BIOMETRIC: { lo: 'ຮູບຖ່າຍ ແລະ ຂໍ້ມູນຊີວະມິຕິ', en: 'Photographs and biometrics' },
  MEDIA: { lo: 'ການນຳໃຊ້ໃນສື່ມວນຊົນ', en: 'Media use' },
};

export const CONSENT_GIVER_LABELS: LabelMap<ConsentGiver> = {
  SELF: { lo: 'ຕົນເອງ', en: 'Self' },
  PARENT: { lo: 'ພໍ່ ຫຼື ແມ່', en: 'Parent' },
  LEGAL_GUARDIAN: { lo: 'ຜູ້ປົກຄອງຕາມກົດໝາຍ', en: 'Legal guardian' },
  SOCIAL_WORKER: { lo: 'ພະນັກງານສັງຄົມສົງເຄາະ', en: 'Social worker' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const CONSENT_FORM_LABELS: LabelMap<ConsentForm> = {
  WRITTEN_SIGNATURE: { lo: 'ເປັນລາຍລັກອັກສອນ, ມີລາຍເຊັນ', en: 'Written, signed' },
  THUMBPRINT: { lo: 'ພິມລາຍນິ້ວມື', en: 'Thumbprint' },
  VERBAL_CERTIFIED_BY_CASEWORKER: {
    lo: 'ດ້ວຍວາຈາ, ຢັ້ງຢືນໂດຍພະນັກງານຄຸ້ມຄອງກໍລະນີ',
    en: 'Verbal, certified by the caseworker',
  },
  AUDIO: { lo: 'ບັນທຶກສຽງ', en: 'Audio recording' },
  VIDEO: { lo: 'ບັນທຶກວິດີໂອ', en: 'Video recording' },
};

export const CONSENT_STATUS_LABELS: LabelMap<ConsentStatus> = {
  ACTIVE: { lo: 'ມີຜົນບັງຄັບໃຊ້', en: 'Active' },
  WITHDRAWN: { lo: 'ຖອນແລ້ວ ຫຼື ໝົດອາຍຸ', en: 'Withdrawn or expired' },
};

export const CONSENT_ACTION_LABELS: LabelMap<ConsentAction> = {
  WITHDRAW: { lo: 'ຖອນການຍິນຍອມ', en: 'Withdraw consent' },
};

export const MATCH_REQUEST_STATUS_LABELS: LabelMap<MatchRequestStatus> = {
  OPEN: { lo: 'ລໍຖ້າຄຳຕອບ', en: 'Waiting for an answer' },
  LINKED: { lo: 'ແມ່ນບຸກຄົນດຽວກັນ', en: 'Same person' },
  NO_MATCH: { lo: 'ບໍ່ແມ່ນບຸກຄົນດຽວກັນ', en: 'No match' },
};

export const IDENTIFICATION_REQUEST_STATUS_LABELS: LabelMap<IdentificationRequestStatus> = {
  REQUESTED: { lo: 'ລໍຖ້າການກຳນົດຕົວຕົນ', en: 'Waiting for identification' },
  DECIDED: { lo: 'ຕັດສິນແລ້ວ', en: 'Decided' },
  CANCELLED: { lo: 'ຍົກເລີກແລ້ວ', en: 'Cancelled' },
};

export const IDENTIFICATION_REQUEST_ACTION_LABELS: LabelMap<IdentificationRequestAction> = {
  DECIDE: { lo: 'ຕັດສິນການກຳນົດຕົວຕົນ', en: 'Decide the identification' },
  CANCEL: { lo: 'ຍົກເລີກຄຳຮ້ອງ', en: 'Cancel the request' },
};

export const CLOSURE_REQUEST_STATUS_LABELS: LabelMap<ClosureRequestStatus> = {
  REQUESTED: { lo: 'ລໍຖ້າການອະນຸມັດປິດ', en: 'Closure requested' },
  APPROVED: { lo: 'ອະນຸມັດແລ້ວ', en: 'Approved' },
  RETURNED: { lo: 'ສົ່ງຄືນແລ້ວ', en: 'Returned' },
};

export const CLOSURE_REQUEST_ACTION_LABELS: LabelMap<ClosureRequestAction> = {
  APPROVE: { lo: 'ອະນຸມັດການປິດກໍລະນີ', en: 'Approve closure' },
  RETURN: { lo: 'ສົ່ງຄືນພ້ອມຄຳເຫັນ', en: 'Return with a comment' },
};

export const MATCH_REQUEST_ACTION_LABELS: LabelMap<MatchRequestAction> = {
  LINK: { lo: 'ແມ່ນບຸກຄົນນີ້', en: 'This is the person' },
  NO_MATCH: { lo: 'ບໍ່ມີບຸກຄົນດຽວກັນ', en: 'No match' },
};

// ---------------------------------------------------------------------------------------------
// Case transfer
// ---------------------------------------------------------------------------------------------

export const TRANSFER_STATUS_LABELS: LabelMap<TransferStatus> = {
  REQUESTED: { lo: 'ລໍຖ້າການຕອບຮັບ', en: 'Requested' },
  ACCEPTED: { lo: 'ຮັບແລ້ວ', en: 'Accepted' },
  DECLINED: { lo: 'ປະຕິເສດແລ້ວ', en: 'Declined' },
  CANCELLED: { lo: 'ຍົກເລີກແລ້ວ', en: 'Cancelled' },
};

export const TRANSFER_ACTION_LABELS: LabelMap<TransferAction> = {
  ACCEPT: { lo: 'ຮັບການໂອນ', en: 'Accept the transfer' },
  DECLINE: { lo: 'ປະຕິເສດການໂອນ', en: 'Decline the transfer' },
  CANCEL: { lo: 'ຍົກເລີກການໂອນ', en: 'Cancel the transfer' },
};

export const TRANSFER_KIND_LABELS: LabelMap<TransferKind> = {
  LEAD_AGENCY: { lo: 'ໂອນໃຫ້ອົງການອື່ນຮັບຜິດຊອບ', en: 'To another lead agency' },
  PROVINCE: { lo: 'ໂອນໄປຫ້ອງການແຂວງອື່ນ', en: "To another province's office" },
};

export const FORMER_LEAD_ACCESS_LABELS: LabelMap<FormerLeadAccess> = {
  RETAIN: { lo: 'ອົງການເດີມຍັງເບິ່ງຂໍ້ມູນທີ່ມີຢູ່ແລ້ວໄດ້', en: 'The former lead keeps reading what it held' },
  NONE: {
    lo: 'ອົງການເດີມບໍ່ເບິ່ງຫຍັງອີກ (ຕາມການຍິນຍອມຂອງຜູ້ຖືກເຄາະຮ້າຍ)',
    en: "The former lead keeps nothing (the victim's consent)",
  },
};

// ---------------------------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------------------------

export const EXPORT_KIND_LABELS: LabelMap<ExportKind> = {
  CASE_LIST_CSV: { lo: 'ລາຍການກໍລະນີ (CSV)', en: 'Case list (CSV)' },
  CASE_LIST_XLSX: { lo: 'ລາຍການກໍລະນີ (Excel)', en: 'Case list (Excel)' },
  CASE_FILE_PDF: { lo: 'ແຟ້ມກໍລະນີ (PDF)', en: 'Case file (PDF)' },
};

export const EXPORT_STATUS_LABELS: LabelMap<ExportStatus> = {
  AWAITING_APPROVAL: { lo: 'ລໍຖ້າການອະນຸມັດ', en: 'Awaiting approval' },
  QUEUED: { lo: 'ຢູ່ໃນຄິວ', en: 'Queued' },
  RUNNING: { lo: 'ກຳລັງສ້າງໄຟລ໌', en: 'Being made' },
  READY: { lo: 'ພ້ອມດາວໂຫຼດ', en: 'Ready to download' },
  DOWNLOADED: { lo: 'ດາວໂຫຼດແລ້ວ', en: 'Downloaded' },
  EXPIRED: { lo: 'ໝົດອາຍຸແລ້ວ', en: 'Expired' },
  FAILED: { lo: 'ລົ້ມເຫຼວ', en: 'Failed' },
  DECLINED: { lo: 'ບໍ່ໄດ້ຮັບອະນຸມັດ', en: 'Declined' },
};

export const EXPORT_REVIEW_ACTION_LABELS: LabelMap<ExportReviewAction> = {
  APPROVE: { lo: 'ອະນຸມັດ', en: 'Approve' },
  DECLINE: { lo: 'ບໍ່ອະນຸມັດ', en: 'Decline' },
};

// ---------------------------------------------------------------------------------------------
// Refusals and problems
// ---------------------------------------------------------------------------------------------

export const WORKFLOW_REFUSAL_LABELS: LabelMap<WorkflowRefusal> = {
  UNKNOWN_STATE: { lo: 'ສະຖານະບໍ່ຖືກຕ້ອງ', en: 'Unknown status' },
  UNKNOWN_ACTION: { lo: 'ການດຳເນີນການບໍ່ຖືກຕ້ອງ', en: 'Unknown action' },
  ACTION_NOT_ALLOWED_IN_STATE: {
    lo: 'ບໍ່ສາມາດດຳເນີນການນີ້ໃນສະຖານະປັດຈຸບັນ',
    en: 'This action is not possible in the current status',
  },
  ROLE_NOT_ALLOWED: { lo: 'ບົດບາດຂອງທ່ານບໍ່ມີສິດດຳເນີນການນີ້', en: 'Your role may not take this action' },
  NOT_SCREENING_AGENCY: {
    lo: 'ທ່ານບໍ່ແມ່ນພະນັກງານຂອງອົງການທີ່ເຮັດການຄັດກອງນີ້',
    en: 'You are not in the agency that holds this screening',
  },
  INTERVIEW_CONSENT_INCOMPLETE: {
    lo: 'ການຍິນຍອມໃຫ້ສຳພາດບໍ່ຄົບ: ທັງເຈັດຄຳຖາມຕ້ອງຕອບວ່າ "ແມ່ນ"',
    en: 'Interview consent is incomplete: all seven answers must be YES',
  },
  OWN_SCREENING: { lo: 'ທ່ານບໍ່ສາມາດກວດກາການຄັດກອງທີ່ທ່ານສຳພາດເອງ', en: 'You cannot review a screening you conducted' },
  NOT_LEAD_AGENCY: {
    lo: 'ທ່ານບໍ່ແມ່ນພະນັກງານຂອງອົງການທີ່ຮັບຜິດຊອບກໍລະນີນີ້',
    en: 'You are not in the lead agency of this case',
  },
  NOT_CASE_EDITOR: {
    lo: 'ມີແຕ່ພະນັກງານທີ່ຖືກມອບໝາຍ ຫຼື ຫົວໜ້າໜ່ວຍງານເທົ່ານັ້ນທີ່ແກ້ໄຂກໍລະນີນີ້ໄດ້',
    en: 'Only the assigned caseworker or a supervisor may change this case',
  },
  NOT_FORMAL_IDENTIFICATION_AGENCY: {
    lo: 'ມີແຕ່ກົມຕ້ານການຄ້າມະນຸດ ກະຊວງປ້ອງກັນຄວາມສະຫງົບ ເທົ່ານັ້ນທີ່ກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍຢ່າງເປັນທາງການ',
    en: 'Only the MoPS Anti-Trafficking Department formally identifies victims',
  },
  NOT_RECEIVING_AGENCY: { lo: 'ທ່ານບໍ່ແມ່ນພະນັກງານຂອງອົງການທີ່ໄດ້ຮັບ', en: 'You are not in the receiving agency' },
  NOT_SENDER: { lo: 'ມີແຕ່ອົງການທີ່ສົ່ງເທົ່ານັ້ນທີ່ດຳເນີນການນີ້ໄດ້', en: 'Only the sending agency may do this' },
  NOT_ASKED_AGENCY: { lo: 'ມີແຕ່ອົງການທີ່ຖືກຖາມເທົ່ານັ້ນທີ່ຕອບໄດ້', en: 'Only the agency that was asked may answer' },
  NOT_IDENTIFICATION_AGENCY: {
    lo: 'ມີແຕ່ອົງການທີ່ໄດ້ຮັບຄຳຮ້ອງເທົ່ານັ້ນທີ່ຕັດສິນໄດ້',
    en: 'Only the agency the request was sent to decides',
  },
  PERSON_REQUIRED: { lo: 'ກະລຸນາເລືອກບຸກຄົນ', en: 'Choose the person' },
  REASON_REQUIRED: { lo: 'ກະລຸນາລະບຸເຫດຜົນ', en: 'A reason is required' },
  CLOSURE_REASON_REQUIRED: { lo: 'ກະລຸນາເລືອກເຫດຜົນການປິດກໍລະນີ', en: 'Choose a closure reason' },
  DECLINE_REASON_REQUIRED: { lo: 'ກະລຸນາເລືອກເຫດຜົນການປະຕິເສດ', en: 'Choose a decline reason' },
  OUTCOME_REQUIRED: { lo: 'ກະລຸນາເລືອກຜົນໄດ້ຮັບ', en: 'Choose an outcome' },
  ASSIGNEE_REQUIRED: { lo: 'ກະລຸນາເລືອກພະນັກງານຮັບຜິດຊອບ', en: 'Choose the worker to assign' },
  DECISION_DATE_REQUIRED: { lo: 'ກະລຸນາລະບຸວັນທີຕັດສິນ', en: 'The decision date is required' },
  CHARGES_REQUIRED: { lo: 'ກະລຸນາລະບຸຂໍ້ກ່າວຫາ', en: 'Record at least one charge' },
  COURT_REQUIRED: { lo: 'ກະລຸນາລະບຸສານ', en: 'The court is required' },
  VERDICT_REQUIRED: { lo: 'ກະລຸນາເລືອກຄຳຕັດສິນ', en: 'Choose a verdict' },
};

export const PASSWORD_PROBLEM_LABELS: LabelMap<PasswordProblem> = {
  TOO_SHORT: { lo: 'ລະຫັດຜ່ານສັ້ນເກີນໄປ: ຢ່າງໜ້ອຍ 12 ຕົວອັກສອນ', en: 'Too short: at least 12 characters' },
  TOO_LONG: { lo: 'ລະຫັດຜ່ານຍາວເກີນໄປ: ບໍ່ເກີນ 256 ຕົວອັກສອນ', en: 'Too long: at most 256 characters' },
  COMMON: { lo: 'ລະຫັດຜ່ານນີ້ຖືກນຳໃຊ້ທົ່ວໄປເກີນໄປ', en: 'This password is too common' },
  CONTEXT: {
    lo: 'ລະຫັດຜ່ານຕ້ອງບໍ່ມີຊື່ຜູ້ໃຊ້, ຊື່ຂອງທ່ານ ຫຼື ຊື່ລະບົບ',
    en: 'Do not use your username, your name or the name of the system',
  },
  REUSED: { lo: 'ລະຫັດຜ່ານໃໝ່ຕ້ອງແຕກຕ່າງຈາກລະຫັດຜ່ານເກົ່າ', en: 'Must be different from the password it replaces' },
};

// ---------------------------------------------------------------------------------------------
// Reference data (labels derived from reference.ts so they cannot drift)
// ---------------------------------------------------------------------------------------------

export const SERVICE_TYPE_LABELS: LabelMap<ServiceType> = Object.fromEntries(
  SERVICE_TYPE_DEFINITIONS.map((s) => [s.code, { lo: s.nameLo, en: s.nameEn }]),
) as Record<ServiceType, Label>;

export const PROVINCE_LABELS: LabelMap<ProvinceCode> = Object.fromEntries(
  PROVINCES.map((p) => [p.code, { lo: p.nameLo, en: p.nameEn }]),
) as Record<ProvinceCode, Label>;

export const SEED_AGENCY_LABELS: LabelMap<SeedAgencyCode> = Object.fromEntries(
  SEED_AGENCIES.map((a) => [a.code, { lo: a.nameLo, en: a.nameEn }]),
) as Record<SeedAgencyCode, Label>;

export const HTCDS_SUPPORT_PLAN_TYPE_LABELS: LabelMap<HtcdsSupportPlanType> = {
  Education: { lo: 'ການສຶກສາ', en: 'Education' },
  Financial: { lo: 'ການເງິນ', en: 'Financial' },
  Health: { lo: 'ສຸຂະພາບ', en: 'Health' },
  LabourExploitationRehabilitation: { lo: 'ການຟື້ນຟູຈາກການຖືກຂູດຮີດແຮງງານ', en: 'Labour exploitation rehabilitation' },
  Legal: { lo: 'ກົດໝາຍ', en: 'Legal' },
  Livelihood: { lo: 'ການປະກອບອາຊີບ', en: 'Livelihood' },
  RightsBasedTraining: { lo: 'ການຝຶກອົບຮົມກ່ຽວກັບສິດ', en: 'Rights-based training' },
  SexualExploitationRehabilitation: { lo: 'ການຟື້ນຟູຈາກການຖືກຂູດຮີດທາງເພດ', en: 'Sexual exploitation rehabilitation' },
  SocialCare: { lo: 'ການດູແລທາງສັງຄົມ', en: 'Social care' },
};

// ---------------------------------------------------------------------------------------------
// Catalogue: every coded list with its labels (for tests, the reference API and tooling)
// ---------------------------------------------------------------------------------------------

export interface LabelledList {
  readonly name: string;
  readonly codes: readonly string[];
  readonly labels: Readonly<Record<string, Label>>;
}

export const LABELLED_LISTS: readonly LabelledList[] = [
  { name: 'ROLES', codes: ROLES, labels: ROLE_LABELS },
  { name: 'AGENCY_CAPABILITIES', codes: AGENCY_CAPABILITIES, labels: AGENCY_CAPABILITY_LABELS },
  { name: 'AGENCY_TYPES', codes: AGENCY_TYPES, labels: AGENCY_TYPE_LABELS },
  { name: 'LANGUAGES', codes: LANGUAGES, labels: LANGUAGE_LABELS },
  { name: 'USER_STATUSES', codes: USER_STATUSES, labels: USER_STATUS_LABELS },
  { name: 'DATA_CATEGORIES', codes: DATA_CATEGORIES, labels: DATA_CATEGORY_LABELS },
  { name: 'AUDIT_OUTCOMES', codes: AUDIT_OUTCOMES, labels: AUDIT_OUTCOME_LABELS },
  { name: 'AUDIT_ACTIONS', codes: AUDIT_ACTIONS, labels: AUDIT_ACTION_LABELS },
  { name: 'ALL_PERMISSIONS', codes: ALL_PERMISSIONS, labels: PERMISSION_LABELS },
  { name: 'SCREENING_STATUSES', codes: SCREENING_STATUSES, labels: SCREENING_STATUS_LABELS },
  { name: 'SCREENING_ACTIONS', codes: SCREENING_ACTIONS, labels: SCREENING_ACTION_LABELS },
  {
    name: 'INTERVIEW_CONSENT_QUESTIONS',
    codes: INTERVIEW_CONSENT_QUESTIONS,
    labels: INTERVIEW_CONSENT_QUESTION_LABELS,
  },
  { name: 'INTERVIEW_CONSENT_ANSWERS', codes: INTERVIEW_CONSENT_ANSWERS, labels: INTERVIEW_CONSENT_ANSWER_LABELS },
  { name: 'CASE_STATUSES', codes: CASE_STATUSES, labels: CASE_STATUS_LABELS },
  { name: 'CASE_ACTIONS', codes: CASE_ACTIONS, labels: CASE_ACTION_LABELS },
  { name: 'CLOSURE_REASONS', codes: CLOSURE_REASONS, labels: CLOSURE_REASON_LABELS },
  { name: 'IDENTIFICATION_STATUSES', codes: IDENTIFICATION_STATUSES, labels: IDENTIFICATION_STATUS_LABELS },
  { name: 'IDENTIFICATION_ACTIONS', codes: IDENTIFICATION_ACTIONS, labels: IDENTIFICATION_ACTION_LABELS },
  { name: 'REFERRAL_STATUSES', codes: REFERRAL_STATUSES, labels: REFERRAL_STATUS_LABELS },
  { name: 'REFERRAL_ACTIONS', codes: REFERRAL_ACTIONS, labels: REFERRAL_ACTION_LABELS },
  { name: 'DECLINE_REASONS', codes: DECLINE_REASONS, labels: DECLINE_REASON_LABELS },
  { name: 'REFERRAL_OUTCOMES', codes: REFERRAL_OUTCOMES, labels: REFERRAL_OUTCOME_LABELS },
  { name: 'URGENCIES', codes: URGENCIES, labels: URGENCY_LABELS },
  { name: 'HANDOFF_STATUSES', codes: HANDOFF_STATUSES, labels: HANDOFF_STATUS_LABELS },
  { name: 'HANDOFF_ACTIONS', codes: HANDOFF_ACTIONS, labels: HANDOFF_ACTION_LABELS },
  { name: 'VERDICTS', codes: VERDICTS, labels: VERDICT_LABELS },
  { name: 'CONSENT_TYPES', codes: CONSENT_TYPES, labels: CONSENT_TYPE_LABELS },
  { name: 'CONSENT_GIVERS', codes: CONSENT_GIVERS, labels: CONSENT_GIVER_LABELS },
  { name: 'CONSENT_FORMS', codes: CONSENT_FORMS, labels: CONSENT_FORM_LABELS },
  { name: 'CONSENT_STATUSES', codes: CONSENT_STATUSES, labels: CONSENT_STATUS_LABELS },
  { name: 'CONSENT_ACTIONS', codes: CONSENT_ACTIONS, labels: CONSENT_ACTION_LABELS },
  { name: 'MATCH_REQUEST_STATUSES', codes: MATCH_REQUEST_STATUSES, labels: MATCH_REQUEST_STATUS_LABELS },
  { name: 'MATCH_REQUEST_ACTIONS', codes: MATCH_REQUEST_ACTIONS, labels: MATCH_REQUEST_ACTION_LABELS },
  { name: 'TRANSFER_STATUSES', codes: TRANSFER_STATUSES, labels: TRANSFER_STATUS_LABELS },
  { name: 'TRANSFER_ACTIONS', codes: TRANSFER_ACTIONS, labels: TRANSFER_ACTION_LABELS },
  { name: 'TRANSFER_KINDS', codes: TRANSFER_KINDS, labels: TRANSFER_KIND_LABELS },
  { name: 'FORMER_LEAD_ACCESS', codes: FORMER_LEAD_ACCESS, labels: FORMER_LEAD_ACCESS_LABELS },
  {
    name: 'IDENTIFICATION_REQUEST_STATUSES',
    codes: IDENTIFICATION_REQUEST_STATUSES,
    labels: IDENTIFICATION_REQUEST_STATUS_LABELS,
  },
  {
    name: 'IDENTIFICATION_REQUEST_ACTIONS',
    codes: IDENTIFICATION_REQUEST_ACTIONS,
    labels: IDENTIFICATION_REQUEST_ACTION_LABELS,
  },
  { name: 'CLOSURE_REQUEST_STATUSES', codes: CLOSURE_REQUEST_STATUSES, labels: CLOSURE_REQUEST_STATUS_LABELS },
  { name: 'CLOSURE_REQUEST_ACTIONS', codes: CLOSURE_REQUEST_ACTIONS, labels: CLOSURE_REQUEST_ACTION_LABELS },
  { name: 'EXPORT_KINDS', codes: EXPORT_KINDS, labels: EXPORT_KIND_LABELS },
  { name: 'EXPORT_STATUSES', codes: EXPORT_STATUSES, labels: EXPORT_STATUS_LABELS },
  { name: 'EXPORT_REVIEW_ACTIONS', codes: EXPORT_REVIEW_ACTIONS, labels: EXPORT_REVIEW_ACTION_LABELS },
  { name: 'WORKFLOW_REFUSALS', codes: WORKFLOW_REFUSALS, labels: WORKFLOW_REFUSAL_LABELS },
  { name: 'PASSWORD_PROBLEMS', codes: PASSWORD_PROBLEMS, labels: PASSWORD_PROBLEM_LABELS },
  { name: 'SERVICE_TYPES', codes: SERVICE_TYPES, labels: SERVICE_TYPE_LABELS },
  { name: 'PROVINCE_CODES', codes: PROVINCE_CODES, labels: PROVINCE_LABELS },
  { name: 'SEED_AGENCY_CODES', codes: SEED_AGENCY_CODES, labels: SEED_AGENCY_LABELS },
  { name: 'HTCDS_SUPPORT_PLAN_TYPES', codes: HTCDS_SUPPORT_PLAN_TYPES, labels: HTCDS_SUPPORT_PLAN_TYPE_LABELS },
  ...FAMILY_TRACING_LABELLED_LISTS,
];
