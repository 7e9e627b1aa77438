/**
 * Coded values of the screening interview (sections A–K), shared by the API (which validates
 * against them) and the portal (which offers them). Sources: the interview's sections A–K and the
 * interpreter rules (docs/reference.md "IOM screening interview"), the HTCDS v2.0 picklists in upper
 * snake case, the migration classification and the Lao additions (docs/reference.md "HTCDS fields").
 * The exploitation and control lists are the case's (case-codes.ts). Their Lao and English labels
 * are the portal's for now.
 */

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

/** The interpreter's relation to the interviewee (known or related interpreters are to be rejected). */
export const INTERPRETER_RELATIONS = ['NONE', 'ACQUAINTANCE', 'RELATIVE', 'SAME_COMMUNITY', 'OTHER'] as const;
export type InterpreterRelation = (typeof INTERPRETER_RELATIONS)[number];
export const INTERPRETER_MODES = ['IN_PERSON', 'PHONE', 'VIDEO'] as const;
export type InterpreterMode = (typeof INTERPRETER_MODES)[number];

/** HTCDS `vic_TraffickingStatus` as the interviewer's assessment, plus INCONCLUSIVE and VULNERABLE_MIGRANT. */
export const INTERVIEWER_ASSESSMENTS = [
  'POSSIBLE_VICTIM',
  'NOT_A_VICTIM',
  'INCONCLUSIVE',
  'VULNERABLE_MIGRANT',
] as const;
export type InterviewerAssessment = (typeof INTERVIEWER_ASSESSMENTS)[number];

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
export const IDENTITY_DOCUMENT_TYPES = [
  'NATIONAL_ID',
  'PASSPORT',
  'FAMILY_BOOK',
  'BORDER_PASS',
  'BIRTH_CERTIFICATE',
  'OTHER',
] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];
export const DOCUMENT_HOLDERS = ['SELF', 'EMPLOYER', 'RECRUITER', 'AUTHORITIES', 'LOST', 'OTHER'] as const;
export type DocumentHolder = (typeof DOCUMENT_HOLDERS)[number];
export const AGE_ASSESSMENT_METHODS = [
  'DOCUMENT',
  'SELF_DECLARED',
  'FAMILY_DECLARED',
  'MEDICAL',
  'INTERVIEWER_ESTIMATE',
  'OTHER',
] as const;
export type AgeAssessmentMethod = (typeof AGE_ASSESSMENT_METHODS)[number];

/** HTCDS `vic_RelationshipToTrafficker`. */
export const RECRUITER_RELATIONS = ['FAMILIAL', 'ACQUAINTED', 'UNACQUAINTED', 'UNKNOWN'] as const;
export type RecruiterRelation = (typeof RECRUITER_RELATIONS)[number];
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
export const YES_NO_UNKNOWN = ['YES', 'NO', 'UNKNOWN'] as const;
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];
export const YES_NO_UNKNOWN_NA = ['YES', 'NO', 'UNKNOWN', 'NOT_APPLICABLE'] as const;
export type YesNoUnknownNa = (typeof YES_NO_UNKNOWN_NA)[number];

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
export const TRAVEL_DOCUMENTS_USED = ['OWN', 'FALSE', 'SOMEONE_ELSES', 'NONE', 'UNKNOWN'] as const;
export type TravelDocumentUsed = (typeof TRAVEL_DOCUMENTS_USED)[number];

/** HTCDS `vic_TypeOfSexExploitation`. */
export const SEX_EXPLOITATION_TYPES = [
  'PROSTITUTION',
  'PORNOGRAPHY',
  'REMOTE_INTERACTIVE_SERVICES',
  'PRIVATE_SEXUAL_SERVICES',
] as const;
export type SexExploitationType = (typeof SEX_EXPLOITATION_TYPES)[number];
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
/** How the person left the situation (section G). */
export const EXIT_METHODS = ['ESCAPED', 'RESCUED', 'RELEASED', 'DEPORTED', 'ASSISTED', 'OTHER'] as const;
export type ExitMethod = (typeof EXIT_METHODS)[number];
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

/** Safety risks of section H of the interview. */
export const SAFETY_RISKS = [
  'TRAFFICKER_THREATS',
  'FAMILY_INVOLVEMENT',
  'DEBT_COLLECTORS',
  'RE_TRAFFICKING',
  'OTHER',
] as const;
export type SafetyRisk = (typeof SAFETY_RISKS)[number];
export const PROCEEDINGS_WILLINGNESS = ['YES', 'NO', 'UNDECIDED'] as const;
export type ProceedingsWillingness = (typeof PROCEEDINGS_WILLINGNESS)[number];
