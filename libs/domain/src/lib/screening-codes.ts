/**
 * Coded values of the screening interview (sections A–K), shared by the API (which validates
 * against them) and the portal (which offers them). Sources: the interview's sections A–K and the
 * interpreter rules (docs/reference.md "IOM screening interview"), the HTCDS v2.0 picklists in upper
 * snake case, the migration classification and the Lao additions (docs/reference.md "HTCDS fields").
 * The exploitation and control lists are the case's (case-codes.ts). Each list's Lao and English
 * labels stand next to it.
 */
import {
  EXPLOITATION_TYPE_LABELS,
  MEANS_OF_CONTROL_LABELS,
  type ExploitationType,
  type MeansOfControl,
} from './case-codes';
import type { Label, LabelMap } from './i18n';

/** Where the interview took place (section A). */
export const FACILITY_TYPES = [
  'BORDER_CHECKPOINT',
  'TRANSIT_CENTRE',
  'SHELTER',
  'POLICE_STATION',
  'HOSPITAL',
  'EMBASSY',
  'COMMUNITY',
  'OTHER',
] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];
export const FACILITY_TYPE_LABELS: LabelMap<FacilityType> = {
  BORDER_CHECKPOINT: { lo: 'ດ່ານຊາຍແດນ', en: 'Border checkpoint' },
  TRANSIT_CENTRE: { lo: 'ສູນພັກເຊົາຊົ່ວຄາວ', en: 'Transit centre' },
  SHELTER: { lo: 'ເຮືອນພັກ', en: 'Shelter' },
  POLICE_STATION: { lo: 'ປ້ອມ/ສະຖານີຕຳຫຼວດ', en: 'Police station' },
  HOSPITAL: { lo: 'ໂຮງໝໍ', en: 'Hospital' },
  EMBASSY: { lo: 'ສະຖານທູດ', en: 'Embassy' },
  COMMUNITY: { lo: 'ຊຸມຊົນ', en: 'Community' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

/** Who brought the person to the interview (section A). */
export const REFERRAL_SOURCES = [
  'SELF',
  'POLICE_ATD',
  'IMMIGRATION',
  'LWU',
  'MOLSW',
  'HOTLINE',
  'NGO',
  'INTERNATIONAL_ORGANISATION',
  'FAMILY_COMMUNITY',
  'OFFICIAL_REPATRIATION',
  'OTHER',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const REFERRAL_SOURCE_LABELS: LabelMap<ReferralSource> = {
  SELF: { lo: 'ມາເອງ', en: 'Self-referred' },
  POLICE_ATD: { lo: 'ຕຳຫຼວດຕ້ານການຄ້າມະນຸດ', en: 'Anti-trafficking police' },
  IMMIGRATION: { lo: 'ຕຳຫຼວດກວດຄົນເຂົ້າ-ອອກເມືອງ', en: 'Immigration' },
  LWU: { lo: 'ສະຫະພັນແມ່ຍິງລາວ', en: "Lao Women's Union" },
  MOLSW: { lo: 'ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ', en: 'Ministry of Labour and Social Welfare' },
  HOTLINE: { lo: 'ສາຍດ່ວນ', en: 'Hotline' },
  NGO: { lo: 'ອົງການຈັດຕັ້ງທີ່ບໍ່ຂຶ້ນກັບລັດ', en: 'NGO' },
  INTERNATIONAL_ORGANISATION: { lo: 'ອົງການສາກົນ', en: 'International organisation' },
  FAMILY_COMMUNITY: { lo: 'ຄອບຄົວ ຫຼື ຊຸມຊົນ', en: 'Family or community' },
  OFFICIAL_REPATRIATION: { lo: 'ການສົ່ງກັບຢ່າງເປັນທາງການ', en: 'Official repatriation' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

/** Roles of other persons present at the interview (section A). */
export const PRESENT_PERSON_ROLES = [
  'CASEWORKER',
  'SOCIAL_WORKER',
  'POLICE',
  'PARENT',
  'LEGAL_GUARDIAN',
  'FAMILY_MEMBER',
  'LAWYER',
  'EMPLOYER',
  'OTHER',
] as const;
export type PresentPersonRole = (typeof PRESENT_PERSON_ROLES)[number];
export const PRESENT_PERSON_ROLE_LABELS: LabelMap<PresentPersonRole> = {
  CASEWORKER: { lo: 'ພະນັກງານຄຸ້ມຄອງກໍລະນີ', en: 'Caseworker' },
  SOCIAL_WORKER: { lo: 'ພະນັກງານສັງຄົມສົງເຄາະ', en: 'Social worker' },
  POLICE: { lo: 'ຕຳຫຼວດ', en: 'Police' },
  PARENT: { lo: 'ພໍ່ ຫຼື ແມ່', en: 'Parent' },
  LEGAL_GUARDIAN: { lo: 'ຜູ້ປົກຄອງຕາມກົດໝາຍ', en: 'Legal guardian' },
  FAMILY_MEMBER: { lo: 'ສະມາຊິກຄອບຄົວ', en: 'Family member' },
  LAWYER: { lo: 'ທະນາຍຄວາມ', en: 'Lawyer' },
  EMPLOYER: { lo: 'ນາຍຈ້າງ', en: 'Employer' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

/** The interpreter's relation to the interviewee (known or related interpreters are to be rejected). */
export const INTERPRETER_RELATIONS = ['NONE', 'ACQUAINTANCE', 'RELATIVE', 'SAME_COMMUNITY', 'OTHER'] as const;
export type InterpreterRelation = (typeof INTERPRETER_RELATIONS)[number];
export const INTERPRETER_RELATION_LABELS: LabelMap<InterpreterRelation> = {
  NONE: { lo: 'ບໍ່ຮູ້ຈັກກັນ', en: 'None' },
  ACQUAINTANCE: { lo: 'ຄົນຮູ້ຈັກ', en: 'Acquaintance' },
  RELATIVE: { lo: 'ຍາດພີ່ນ້ອງ', en: 'Relative' },
  SAME_COMMUNITY: { lo: 'ຢູ່ຊຸມຊົນດຽວກັນ', en: 'Same community' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};
export const INTERPRETER_MODES = ['IN_PERSON', 'PHONE', 'VIDEO'] as const;
export type InterpreterMode = (typeof INTERPRETER_MODES)[number];
export const INTERPRETER_MODE_LABELS: LabelMap<InterpreterMode> = {
  IN_PERSON: { lo: 'ຕໍ່ໜ້າ', en: 'In person' },
  PHONE: { lo: 'ທາງໂທລະສັບ', en: 'By phone' },
  VIDEO: { lo: 'ທາງວິດີໂອ', en: 'By video' },
};

/** HTCDS `vic_TraffickingStatus` as the interviewer's assessment, plus INCONCLUSIVE and VULNERABLE_MIGRANT. */
export const INTERVIEWER_ASSESSMENTS = [
  'POSSIBLE_VICTIM',
  'NOT_A_VICTIM',
  'INCONCLUSIVE',
  'VULNERABLE_MIGRANT',
] as const;
export type InterviewerAssessment = (typeof INTERVIEWER_ASSESSMENTS)[number];
export const INTERVIEWER_ASSESSMENT_LABELS: LabelMap<InterviewerAssessment> = {
  POSSIBLE_VICTIM: { lo: 'ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Possible victim' },
  NOT_A_VICTIM: { lo: 'ບໍ່ແມ່ນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Not a victim' },
  INCONCLUSIVE: { lo: 'ຍັງບໍ່ແນ່ນອນ', en: 'Inconclusive' },
  VULNERABLE_MIGRANT: { lo: 'ແຮງງານເຄື່ອນຍ້າຍທີ່ມີຄວາມສ່ຽງ', en: 'Vulnerable migrant' },
};

/** Why an interview stopped (TERMINATED). */
export const TERMINATION_REASONS = [
  'CONSENT_REFUSED',
  'CONSENT_WITHDRAWN',
  'INTERVIEWEE_ENDED',
  'SAFETY_CONCERN',
  'INTERPRETER_UNAVAILABLE',
  'DUPLICATE',
  'OTHER',
] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];
export const TERMINATION_REASON_LABELS: LabelMap<TerminationReason> = {
  CONSENT_REFUSED: { lo: 'ບໍ່ຍິນຍອມ', en: 'Consent refused' },
  CONSENT_WITHDRAWN: { lo: 'ຖອນການຍິນຍອມ', en: 'Consent withdrawn' },
  INTERVIEWEE_ENDED: { lo: 'ຜູ້ຖືກສຳພາດຂໍຢຸດ', en: 'The interviewee ended the interview' },
  SAFETY_CONCERN: { lo: 'ມີຄວາມສ່ຽງດ້ານຄວາມປອດໄພ', en: 'Safety concern' },
  INTERPRETER_UNAVAILABLE: { lo: 'ບໍ່ມີນາຍພາສາ', en: 'No interpreter available' },
  DUPLICATE: { lo: 'ຊ້ຳກັບການຄັດກອງອື່ນ', en: 'Duplicate' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

/** A child's interview consent is given by one of these, never by the child alone (docs/domain.md "The child rule"). */
export const CHILD_CONSENT_GIVERS = ['PARENT', 'LEGAL_GUARDIAN', 'SOCIAL_WORKER'] as const;
export type ChildConsentGiver = (typeof CHILD_CONSENT_GIVERS)[number];

/** HTCDS `prs_Gender`. */
export const SEXES = [
  'FEMININE',
  'MASCULINE',
  'TRANS_FEMININE',
  'TRANS_MASCULINE',
  'NON_CONFORMING',
  'UNKNOWN',
] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: LabelMap<Sex> = {
  FEMININE: { lo: 'ຍິງ', en: 'Female' },
  MASCULINE: { lo: 'ຊາຍ', en: 'Male' },
  TRANS_FEMININE: { lo: 'ຄົນຂ້າມເພດ (ຍິງ)', en: 'Trans feminine' },
  TRANS_MASCULINE: { lo: 'ຄົນຂ້າມເພດ (ຊາຍ)', en: 'Trans masculine' },
  NON_CONFORMING: { lo: 'ບໍ່ລະບຸເພດ', en: 'Gender non-conforming' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};
/** The interview's wording of the trans codes (the case record's differs; see the note at the end). */
export const INTERVIEW_SEX_LABELS: LabelMap<Sex> = {
  ...SEX_LABELS,
  TRANS_FEMININE: { lo: 'ຍິງຂ້າມເພດ', en: 'Trans woman' },
  TRANS_MASCULINE: { lo: 'ຊາຍຂ້າມເພດ', en: 'Trans man' },
};
/** HTCDS `prs_MaritalStatus`. */
export const MARITAL_STATUSES = [
  'SINGLE',
  'MARRIED',
  'WIDOWED',
  'DIVORCED',
  'SEPARATED',
  'REGISTERED_PARTNERSHIP',
  'UNKNOWN',
] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];
export const MARITAL_STATUS_LABELS: LabelMap<MaritalStatus> = {
  SINGLE: { lo: 'ໂສດ', en: 'Single' },
  MARRIED: { lo: 'ແຕ່ງງານແລ້ວ', en: 'Married' },
  WIDOWED: { lo: 'ໝ້າຍ', en: 'Widowed' },
  DIVORCED: { lo: 'ຢ່າຮ້າງ', en: 'Divorced' },
  SEPARATED: { lo: 'ແຍກກັນຢູ່', en: 'Separated' },
  REGISTERED_PARTNERSHIP: { lo: 'ຄູ່ຊີວິດທີ່ຈົດທະບຽນ', en: 'Registered partnership' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};
/** ISCED 2011 levels (HTCDS `prs_HighestLevelOfEducation`) plus NONE and UNKNOWN. */
export const EDUCATION_LEVELS = [
  'NONE',
  'EARLY_CHILDHOOD',
  'PRIMARY',
  'LOWER_SECONDARY',
  'UPPER_SECONDARY',
  'POST_SECONDARY_NON_TERTIARY',
  'SHORT_CYCLE_TERTIARY',
  'BACHELORS',
  'MASTERS',
  'DOCTORAL',
  'UNKNOWN',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_LABELS: LabelMap<EducationLevel> = {
  NONE: { lo: 'ບໍ່ໄດ້ຮຽນ', en: 'None' },
  EARLY_CHILDHOOD: { lo: 'ອະນຸບານ', en: 'Early childhood' },
  PRIMARY: { lo: 'ປະຖົມ', en: 'Primary' },
  LOWER_SECONDARY: { lo: 'ມັດທະຍົມຕອນຕົ້ນ', en: 'Lower secondary' },
  UPPER_SECONDARY: { lo: 'ມັດທະຍົມຕອນປາຍ', en: 'Upper secondary' },
  POST_SECONDARY_NON_TERTIARY: { lo: 'ວິຊາຊີບຫຼັງມັດທະຍົມ', en: 'Post-secondary (non-tertiary)' },
  SHORT_CYCLE_TERTIARY: { lo: 'ຊັ້ນສູງ', en: 'Short-cycle tertiary' },
  BACHELORS: { lo: 'ປະລິນຍາຕີ', en: "Bachelor's" },
  MASTERS: { lo: 'ປະລິນຍາໂທ', en: "Master's" },
  DOCTORAL: { lo: 'ປະລິນຍາເອກ', en: 'Doctoral' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};
export const IDENTITY_DOCUMENT_TYPES = [
  'NATIONAL_ID',
  'PASSPORT',
  'FAMILY_BOOK',
  'BORDER_PASS',
  'BIRTH_CERTIFICATE',
  'OTHER',
] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];
export const IDENTITY_DOCUMENT_TYPE_LABELS: LabelMap<IdentityDocumentType> = {
  NATIONAL_ID: { lo: 'ບັດປະຈຳຕົວ', en: 'National ID card' },
  PASSPORT: { lo: 'ໜັງສືຜ່ານແດນ', en: 'Passport' },
  FAMILY_BOOK: { lo: 'ປຶ້ມສຳມະໂນຄົວ', en: 'Family book' },
  BORDER_PASS: { lo: 'ບັດຜ່ານແດນ', en: 'Border pass' },
  BIRTH_CERTIFICATE: { lo: 'ໃບແຈ້ງເກີດ', en: 'Birth certificate' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};
export const DOCUMENT_HOLDERS = ['SELF', 'EMPLOYER', 'RECRUITER', 'AUTHORITIES', 'LOST', 'OTHER'] as const;
export type DocumentHolder = (typeof DOCUMENT_HOLDERS)[number];
export const DOCUMENT_HOLDER_LABELS: LabelMap<DocumentHolder> = {
  SELF: { lo: 'ຕົນເອງ', en: 'The person' },
  EMPLOYER: { lo: 'ນາຍຈ້າງ', en: 'Employer' },
  RECRUITER: { lo: 'ຜູ້ຊັກຊວນ', en: 'Recruiter' },
  AUTHORITIES: { lo: 'ເຈົ້າໜ້າທີ່', en: 'Authorities' },
  LOST: { lo: 'ເສຍ', en: 'Lost' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};
export const AGE_ASSESSMENT_METHODS = [
  'DOCUMENT',
  'SELF_DECLARED',
  'FAMILY_DECLARED',
  'MEDICAL',
  'INTERVIEWER_ESTIMATE',
  'OTHER',
] as const;
export type AgeAssessmentMethod = (typeof AGE_ASSESSMENT_METHODS)[number];
export const AGE_ASSESSMENT_METHOD_LABELS: LabelMap<AgeAssessmentMethod> = {
  DOCUMENT: { lo: 'ຈາກເອກະສານ', en: 'From a document' },
  SELF_DECLARED: { lo: 'ຕົນເອງແຈ້ງ', en: 'Self-declared' },
  FAMILY_DECLARED: { lo: 'ຄອບຄົວແຈ້ງ', en: 'Declared by family' },
  MEDICAL: { lo: 'ການກວດທາງການແພດ', en: 'Medical assessment' },
  INTERVIEWER_ESTIMATE: { lo: 'ຜູ້ສຳພາດປະເມີນ', en: "Interviewer's estimate" },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

/** HTCDS `vic_RelationshipToTrafficker`. */
export const RECRUITER_RELATIONS = ['FAMILIAL', 'ACQUAINTED', 'UNACQUAINTED', 'UNKNOWN'] as const;
export type RecruiterRelation = (typeof RECRUITER_RELATIONS)[number];
export const RECRUITER_RELATION_LABELS: LabelMap<RecruiterRelation> = {
  FAMILIAL: { lo: 'ຍາດພີ່ນ້ອງ', en: 'Family' },
  ACQUAINTED: { lo: 'ຄົນຮູ້ຈັກ', en: 'Acquaintance' },
  UNACQUAINTED: { lo: 'ຄົນບໍ່ຮູ້ຈັກ', en: 'Stranger' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};
/** HTCDS `vic_MethodOfRecruitment`. */
export const RECRUITMENT_METHODS = [
  'AT_A_PLACE_OF_BUSINESS',
  'AT_AN_EDUCATIONAL_INSTITUTION',
  'AT_WORK',
  'ONLINE_SOCIAL_NETWORKS',
  'ONLINE_ADVERTISEMENT',
  'TELEVISION_ADVERT',
  'NEWSPAPER_ADVERT',
  'FAMILY_OR_FAMILY_EVENTS',
  'FRIENDS_OR_SOCIAL_EVENTS',
  'OTHER',
] as const;
export type RecruitmentMethod = (typeof RECRUITMENT_METHODS)[number];
export const RECRUITMENT_METHOD_LABELS: LabelMap<RecruitmentMethod> = {
  AT_A_PLACE_OF_BUSINESS: { lo: 'ຢູ່ສະຖານທີ່ທຸລະກິດ', en: 'At a place of business' },
  AT_AN_EDUCATIONAL_INSTITUTION: { lo: 'ຢູ່ສະຖານການສຶກສາ', en: 'At a school or college' },
  AT_WORK: { lo: 'ຢູ່ບ່ອນເຮັດວຽກ', en: 'At work' },
  ONLINE_SOCIAL_NETWORKS: { lo: 'ສື່ສັງຄົມອອນລາຍ', en: 'Online social networks' },
  ONLINE_ADVERTISEMENT: { lo: 'ໂຄສະນາອອນລາຍ', en: 'Online advertisement' },
  TELEVISION_ADVERT: { lo: 'ໂຄສະນາທາງໂທລະທັດ', en: 'Television advert' },
  NEWSPAPER_ADVERT: { lo: 'ໂຄສະນາທາງໜັງສືພິມ', en: 'Newspaper advert' },
  FAMILY_OR_FAMILY_EVENTS: { lo: 'ຄອບຄົວ ຫຼື ງານຄອບຄົວ', en: 'Family or family events' },
  FRIENDS_OR_SOCIAL_EVENTS: { lo: 'ໝູ່ເພື່ອນ ຫຼື ງານສັງຄົມ', en: 'Friends or social events' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};
/** HTCDS `vic_RecruitmentWebsitesAndApps`. */
export const WEBSITES_AND_APPS = [
  'FACEBOOK',
  'INSTAGRAM',
  'WHATSAPP',
  'TELEGRAM',
  'FACEBOOK_MESSENGER',
  'VIBER',
  'SNAPCHAT',
  'LINE',
  'FOUR_SALE',
  'WECHAT',
  'QQ',
  'QZONE',
  'TIKTOK',
  'TWITTER',
  'OTHER',
] as const;
export type WebsiteOrApp = (typeof WEBSITES_AND_APPS)[number];
/** An app's name is the same in Lao and English. */
const app = (name: string): Label => ({ lo: name, en: name });
export const WEBSITE_OR_APP_LABELS: LabelMap<WebsiteOrApp> = {
  FACEBOOK: app('Facebook'),
  INSTAGRAM: app('Instagram'),
  WHATSAPP: app('WhatsApp'),
  TELEGRAM: app('Telegram'),
  FACEBOOK_MESSENGER: app('Messenger'),
  VIBER: app('Viber'),
  SNAPCHAT: app('Snapchat'),
  LINE: app('LINE'),
  FOUR_SALE: app('4sale'),
  WECHAT: app('WeChat'),
  QQ: app('QQ'),
  QZONE: app('Qzone'),
  TIKTOK: app('TikTok'),
  TWITTER: app('X (Twitter)'),
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};
export const YES_NO_UNKNOWN = ['YES', 'NO', 'UNKNOWN'] as const;
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];
export const YES_NO_UNKNOWN_LABELS: LabelMap<YesNoUnknown> = {
  YES: { lo: 'ແມ່ນ', en: 'Yes' },
  NO: { lo: 'ບໍ່', en: 'No' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};
export const YES_NO_UNKNOWN_NA = ['YES', 'NO', 'UNKNOWN', 'NOT_APPLICABLE'] as const;
export type YesNoUnknownNa = (typeof YES_NO_UNKNOWN_NA)[number];
export const YES_NO_UNKNOWN_NA_LABELS: LabelMap<YesNoUnknownNa> = {
  ...YES_NO_UNKNOWN_LABELS,
  NOT_APPLICABLE: { lo: 'ບໍ່ກ່ຽວຂ້ອງ', en: 'Not applicable' },
};

export const TRANSPORT_MEANS = [
  'ON_FOOT',
  'MOTORBIKE',
  'CAR',
  'BUS',
  'TRUCK',
  'BOAT',
  'TRAIN',
  'AIR',
  'OTHER',
] as const;
export type TransportMeans = (typeof TRANSPORT_MEANS)[number];
export const TRANSPORT_MEANS_LABELS: LabelMap<TransportMeans> = {
  ON_FOOT: { lo: 'ຍ່າງ', en: 'On foot' },
  MOTORBIKE: { lo: 'ລົດຈັກ', en: 'Motorbike' },
  CAR: { lo: 'ລົດໃຫຍ່', en: 'Car' },
  BUS: { lo: 'ລົດເມ', en: 'Bus' },
  TRUCK: { lo: 'ລົດບັນທຸກ', en: 'Truck' },
  BOAT: { lo: 'ເຮືອ', en: 'Boat' },
  TRAIN: { lo: 'ລົດໄຟ', en: 'Train' },
  AIR: { lo: 'ຍົນ', en: 'Air' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};
export const TRAVEL_DOCUMENTS_USED = ['OWN', 'FALSE', 'SOMEONE_ELSES', 'NONE', 'UNKNOWN'] as const;
export type TravelDocumentUsed = (typeof TRAVEL_DOCUMENTS_USED)[number];
export const TRAVEL_DOCUMENT_USED_LABELS: LabelMap<TravelDocumentUsed> = {
  OWN: { lo: 'ເອກະສານຂອງຕົນເອງ', en: 'Own documents' },
  FALSE: { lo: 'ເອກະສານປອມ', en: 'False documents' },
  SOMEONE_ELSES: { lo: 'ເອກະສານຂອງຄົນອື່ນ', en: "Someone else's documents" },
  NONE: { lo: 'ບໍ່ມີເອກະສານ', en: 'No documents' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

/** HTCDS `vic_TypeOfSexExploitation`. */
export const SEX_EXPLOITATION_TYPES = [
  'PROSTITUTION',
  'PORNOGRAPHY',
  'REMOTE_INTERACTIVE_SERVICES',
  'PRIVATE_SEXUAL_SERVICES',
] as const;
export type SexExploitationType = (typeof SEX_EXPLOITATION_TYPES)[number];
export const SEX_EXPLOITATION_TYPE_LABELS: LabelMap<SexExploitationType> = {
  PROSTITUTION: { lo: 'ການຄ້າປະເວນີ', en: 'Prostitution' },
  PORNOGRAPHY: { lo: 'ສື່ລາມົກ', en: 'Pornography' },
  REMOTE_INTERACTIVE_SERVICES: { lo: 'ບໍລິການທາງເພດຜ່ານອອນລາຍ', en: 'Remote interactive services' },
  PRIVATE_SEXUAL_SERVICES: { lo: 'ບໍລິການທາງເພດສ່ວນຕົວ', en: 'Private sexual services' },
};
/** ISIC v4 sections (HTCDS `vic_ForcedLabourIndustry`, tier 1). */
export const INDUSTRY_SECTIONS = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
] as const;
export type IndustrySection = (typeof INDUSTRY_SECTIONS)[number];
export const INDUSTRY_SECTION_LABELS: LabelMap<IndustrySection> = {
  A: { lo: 'ກະສິກຳ, ປ່າໄມ້ ແລະ ການປະມົງ', en: 'Agriculture, forestry and fishing' },
  B: { lo: 'ບໍ່ແຮ່', en: 'Mining and quarrying' },
  C: { lo: 'ອຸດສາຫະກຳປຸງແຕ່ງ', en: 'Manufacturing' },
  D: { lo: 'ໄຟຟ້າ ແລະ ອາຍແກັສ', en: 'Electricity and gas' },
  E: { lo: 'ນ້ຳປະປາ ແລະ ການຈັດການສິ່ງເສດເຫຼືອ', en: 'Water supply and waste' },
  F: { lo: 'ການກໍ່ສ້າງ', en: 'Construction' },
  G: { lo: 'ການຄ້າຂາຍຍົກ ແລະ ຂາຍຍ່ອຍ', en: 'Wholesale and retail trade' },
  H: { lo: 'ການຂົນສົ່ງ ແລະ ສາງ', en: 'Transport and storage' },
  I: { lo: 'ທີ່ພັກ ແລະ ຮ້ານອາຫານ', en: 'Accommodation and food service' },
  J: { lo: 'ຂໍ້ມູນຂ່າວສານ ແລະ ການສື່ສານ', en: 'Information and communication' },
  K: { lo: 'ການເງິນ ແລະ ການປະກັນໄພ', en: 'Finance and insurance' },
  L: { lo: 'ອະສັງຫາລິມະຊັບ', en: 'Real estate' },
  M: { lo: 'ວິຊາຊີບ ແລະ ວິທະຍາສາດ', en: 'Professional and scientific' },
  N: { lo: 'ການບໍລິຫານ ແລະ ບໍລິການສະໜັບສະໜູນ', en: 'Administrative and support services' },
  O: { lo: 'ການບໍລິຫານລັດ', en: 'Public administration' },
  P: { lo: 'ການສຶກສາ', en: 'Education' },
  Q: { lo: 'ສາທາລະນະສຸກ ແລະ ວຽກງານສັງຄົມ', en: 'Health and social work' },
  R: { lo: 'ສິລະປະ ແລະ ການບັນເທີງ', en: 'Arts and entertainment' },
  S: { lo: 'ບໍລິການອື່ນໆ', en: 'Other services' },
  T: { lo: 'ວຽກບ້ານ (ແມ່ບ້ານ)', en: 'Domestic work in households' },
  U: { lo: 'ອົງການສາກົນ', en: 'Extraterritorial organisations' },
};
/** How the person left the situation (section G). */
export const EXIT_METHODS = ['ESCAPED', 'RESCUED', 'RELEASED', 'DEPORTED', 'ASSISTED', 'OTHER'] as const;
export type ExitMethod = (typeof EXIT_METHODS)[number];
export const EXIT_METHOD_LABELS: LabelMap<ExitMethod> = {
  ESCAPED: { lo: 'ໜີອອກມາເອງ', en: 'Escaped' },
  RESCUED: { lo: 'ຖືກຊ່ວຍເຫຼືອອອກມາ', en: 'Rescued' },
  RELEASED: { lo: 'ຖືກປ່ອຍຕົວ', en: 'Released' },
  DEPORTED: { lo: 'ຖືກສົ່ງກັບ', en: 'Deported' },
  ASSISTED: { lo: 'ໄດ້ຮັບການຊ່ວຍເຫຼືອໃຫ້ກັບ', en: 'Assisted return' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};
/** HTCDS migration and protection classification (docs/reference.md "HTCDS fields"). */
export const MIGRATION_STATUSES = [
  'FAMILY_MIGRANT',
  'VISITOR_TOURIST_MIGRANT',
  'LABOUR_MIGRANT',
  'STUDENT_MIGRANT',
  'IRREGULAR_MIGRANT',
  'ASYLUM_SEEKER',
  'REFUGEE',
  'COMPLEMENTARY_PROTECTION',
  'STATELESS_PERSON',
  'ENVIRONMENTAL_MIGRANT',
  'VULNERABLE_MIGRANT',
  'STRANDED_MIGRANT',
  'FORCED_MIGRANT',
  'DEPORTEE',
  'EX_COMBATANT',
  'INTERNALLY_DISPLACED_PERSON',
  'SEPARATED_OR_UNACCOMPANIED_CHILD',
  'RETURNEE',
] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];
export const MIGRATION_STATUS_LABELS: LabelMap<MigrationStatus> = {
  FAMILY_MIGRANT: { lo: 'ຍ້າຍຖິ່ນຕາມຄອບຄົວ', en: 'Family migrant' },
  VISITOR_TOURIST_MIGRANT: { lo: 'ນັກທ່ອງທ່ຽວ', en: 'Visitor or tourist' },
  LABOUR_MIGRANT: { lo: 'ແຮງງານເຄື່ອນຍ້າຍ', en: 'Labour migrant' },
  STUDENT_MIGRANT: { lo: 'ນັກຮຽນ', en: 'Student' },
  IRREGULAR_MIGRANT: { lo: 'ຍ້າຍຖິ່ນຜິດກົດໝາຍ', en: 'Irregular migrant' },
  ASYLUM_SEEKER: { lo: 'ຜູ້ຂໍລີ້ໄພ', en: 'Asylum seeker' },
  REFUGEE: { lo: 'ຊາວອົບພະຍົບ', en: 'Refugee' },
  COMPLEMENTARY_PROTECTION: { lo: 'ການປົກປ້ອງເສີມ', en: 'Complementary protection' },
  STATELESS_PERSON: { lo: 'ບຸກຄົນບໍ່ມີສັນຊາດ', en: 'Stateless person' },
  ENVIRONMENTAL_MIGRANT: { lo: 'ຍ້າຍຖິ່ນຍ້ອນສິ່ງແວດລ້ອມ', en: 'Environmental migrant' },
  VULNERABLE_MIGRANT: { lo: 'ຜູ້ຍ້າຍຖິ່ນທີ່ມີຄວາມສ່ຽງ', en: 'Vulnerable migrant' },
  STRANDED_MIGRANT: { lo: 'ຜູ້ຍ້າຍຖິ່ນທີ່ຕົກຄ້າງ', en: 'Stranded migrant' },
  FORCED_MIGRANT: { lo: 'ຖືກບັງຄັບໃຫ້ຍ້າຍຖິ່ນ', en: 'Forced migrant' },
  DEPORTEE: { lo: 'ຜູ້ຖືກສົ່ງກັບ', en: 'Deportee' },
  EX_COMBATANT: { lo: 'ອະດີດນັກຮົບ', en: 'Ex-combatant' },
  INTERNALLY_DISPLACED_PERSON: { lo: 'ຜູ້ພັດຖິ່ນພາຍໃນ', en: 'Internally displaced person' },
  SEPARATED_OR_UNACCOMPANIED_CHILD: { lo: 'ເດັກທີ່ພັດພາກ ຫຼື ບໍ່ມີຜູ້ດູແລ', en: 'Separated or unaccompanied child' },
  RETURNEE: { lo: 'ຜູ້ກັບຄືນ', en: 'Returnee' },
};

/** Safety risks of section H of the interview. */
export const SAFETY_RISKS = [
  'TRAFFICKER_THREATS',
  'FAMILY_INVOLVEMENT',
  'DEBT_COLLECTORS',
  'RE_TRAFFICKING',
  'OTHER',
] as const;
export type SafetyRisk = (typeof SAFETY_RISKS)[number];
export const SAFETY_RISK_LABELS: LabelMap<SafetyRisk> = {
  TRAFFICKER_THREATS: { lo: 'ການຂົ່ມຂູ່ຈາກຜູ້ຄ້າມະນຸດ', en: 'Threats from traffickers' },
  FAMILY_INVOLVEMENT: { lo: 'ຄອບຄົວມີສ່ວນຮ່ວມ', en: 'Family involvement' },
  DEBT_COLLECTORS: { lo: 'ຜູ້ທວງໜີ້', en: 'Debt collectors' },
  RE_TRAFFICKING: { lo: 'ສ່ຽງຖືກຄ້າອີກ', en: 'Risk of re-trafficking' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};
export const PROCEEDINGS_WILLINGNESS = ['YES', 'NO', 'UNDECIDED'] as const;
export type ProceedingsWillingness = (typeof PROCEEDINGS_WILLINGNESS)[number];
export const PROCEEDINGS_WILLINGNESS_LABELS: LabelMap<ProceedingsWillingness> = {
  YES: { lo: 'ແມ່ນ', en: 'Yes' },
  NO: { lo: 'ບໍ່', en: 'No' },
  UNDECIDED: { lo: 'ຍັງບໍ່ຕັດສິນໃຈ', en: 'Undecided' },
};

/** The interviewee's preferred interviewer gender (section A). */
export const PREFERRED_INTERVIEWER_GENDERS = ['ANY', 'FEMALE', 'MALE'] as const;
export type PreferredInterviewerGender = (typeof PREFERRED_INTERVIEWER_GENDERS)[number];
export const PREFERRED_INTERVIEWER_GENDER_LABELS: LabelMap<PreferredInterviewerGender> = {
  ANY: { lo: 'ໃຜກໍໄດ້', en: 'Any' },
  FEMALE: { lo: 'ຍິງ', en: 'Female' },
  MALE: { lo: 'ຊາຍ', en: 'Male' },
};

/*
 * The exploitation and control lists are the case's (case-codes.ts, with their labels). The interview
 * words some of their codes differently; until one wording is chosen, these keep the interview's.
 */
export const INTERVIEW_EXPLOITATION_TYPE_LABELS: LabelMap<ExploitationType> = {
  ...EXPLOITATION_TYPE_LABELS,
  SERVITUDE: { lo: 'ການເປັນທາດຮັບໃຊ້', en: 'Servitude' },
  ORGAN_REMOVAL: { lo: 'ການຕັດເອົາອະໄວຍະວະ', en: 'Organ removal' },
  FORCED_ADOPTION: { lo: 'ການບັງຄັບຮັບເປັນລູກບຸນທຳ', en: 'Forced adoption' },
  SURROGACY: { lo: 'ການຮັບຈ້າງອຸ້ມທ້ອງ', en: 'Surrogacy' },
};
export const INTERVIEW_MEANS_OF_CONTROL_LABELS: LabelMap<MeansOfControl> = {
  ...MEANS_OF_CONTROL_LABELS,
  PHYSICAL_THREATS: { lo: 'ການຂົ່ມຂູ່ທາງຮ່າງກາຍ', en: 'Physical threats' },
  THREATS_LAW_ENFORCEMENT: { lo: 'ຂູ່ວ່າຈະແຈ້ງເຈົ້າໜ້າທີ່', en: 'Threats of law enforcement' },
  THREATENS_CHILDREN_FAMILY: { lo: 'ຂົ່ມຂູ່ລູກ ຫຼື ຄອບຄົວ', en: 'Threatens children or family' },
  FALSE_PROMISES: { lo: 'ຄຳສັນຍາປອມ', en: 'False promises' },
  WITHHOLDS_NECESSITIES: { lo: 'ບໍ່ໃຫ້ສິ່ງຈຳເປັນ', en: 'Withholds necessities' },
  PSYCHOLOGICAL_ABUSE: { lo: 'ການທຳຮ້າຍທາງຈິດໃຈ', en: 'Psychological abuse' },
  EXCESSIVE_WORKING_HOURS: { lo: 'ເຮັດວຽກເກີນເວລາ', en: 'Excessive working hours' },
  WITHHOLDS_DOCUMENTS: { lo: 'ຢຶດເອກະສານ', en: 'Withholds documents' },
  USES_CHILDREN: { lo: 'ໃຊ້ເດັກເປັນເຄື່ອງມື', en: 'Uses children' },
};
