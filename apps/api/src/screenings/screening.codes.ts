/**
 * Coded values of the screening interview that `@ctms/domain` does not list yet (they belong there,
 * with labels, once the portal needs them; kept here meanwhile). Sources: the interview's sections
 * A–K and the interpreter rules (docs/reference.md "IOM screening interview"), the HTCDS v2.0
 * picklists in upper snake case, the migration classification and the Lao additions
 * (docs/reference.md "HTCDS fields"). The exploitation and control lists carry the
 * same values as cases/case-codes.ts.
 */

/** Where the interview took place (section A). */
export const FACILITY_TYPES = ['BORDER_CHECKPOINT', 'TRANSIT_CENTRE', 'SHELTER', 'POLICE_STATION', 'HOSPITAL', 'EMBASSY', 'COMMUNITY', 'OTHER'] as const;

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

/** Roles of other persons present at the interview (section A). */
export const PRESENT_PERSON_ROLES = ['CASEWORKER', 'SOCIAL_WORKER', 'POLICE', 'PARENT', 'LEGAL_GUARDIAN', 'FAMILY_MEMBER', 'LAWYER', 'EMPLOYER', 'OTHER'] as const;

/** The interpreter's relation to the interviewee (known or related interpreters are to be rejected). */
export const INTERPRETER_RELATIONS = ['NONE', 'ACQUAINTANCE', 'RELATIVE', 'SAME_COMMUNITY', 'OTHER'] as const;
export const INTERPRETER_MODES = ['IN_PERSON', 'PHONE', 'VIDEO'] as const;

/** HTCDS `vic_TraffickingStatus` as the interviewer's assessment, plus INCONCLUSIVE and VULNERABLE_MIGRANT. */
export const INTERVIEWER_ASSESSMENTS = ['POSSIBLE_VICTIM', 'NOT_A_VICTIM', 'INCONCLUSIVE', 'VULNERABLE_MIGRANT'] as const;
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

/** A child's interview consent is given by one of these, never by the child alone (docs/domain.md "The child rule"). */
export const CHILD_CONSENT_GIVERS = ['PARENT', 'LEGAL_GUARDIAN', 'SOCIAL_WORKER'] as const;

/** HTCDS `prs_Gender`. */
export const SEXES = ['FEMININE', 'MASCULINE', 'TRANS_FEMININE', 'TRANS_MASCULINE', 'NON_CONFORMING', 'UNKNOWN'] as const;
/** HTCDS `prs_MaritalStatus`. */
export const MARITAL_STATUSES = ['SINGLE', 'MARRIED', 'WIDOWED', 'DIVORCED', 'SEPARATED', 'REGISTERED_PARTNERSHIP', 'UNKNOWN'] as const;
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
export const IDENTITY_DOCUMENT_TYPES = ['NATIONAL_ID', 'PASSPORT', 'FAMILY_BOOK', 'BORDER_PASS', 'BIRTH_CERTIFICATE', 'OTHER'] as const;
export const DOCUMENT_HOLDERS = ['SELF', 'EMPLOYER', 'RECRUITER', 'AUTHORITIES', 'LOST', 'OTHER'] as const;
export const AGE_ASSESSMENT_METHODS = ['DOCUMENT', 'SELF_DECLARED', 'FAMILY_DECLARED', 'MEDICAL', 'INTERVIEWER_ESTIMATE', 'OTHER'] as const;

/** HTCDS `vic_RelationshipToTrafficker`. */
export const RECRUITER_RELATIONS = ['FAMILIAL', 'ACQUAINTED', 'UNACQUAINTED', 'UNKNOWN'] as const;
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
export const YES_NO_UNKNOWN = ['YES', 'NO', 'UNKNOWN'] as const;
export const YES_NO_UNKNOWN_NA = ['YES', 'NO', 'UNKNOWN', 'NOT_APPLICABLE'] as const;

export const TRANSPORT_MEANS = ['ON_FOOT', 'MOTORBIKE', 'CAR', 'BUS', 'TRUCK', 'BOAT', 'TRAIN', 'AIR', 'OTHER'] as const;
export const TRAVEL_DOCUMENTS_USED = ['OWN', 'FALSE', 'SOMEONE_ELSES', 'NONE', 'UNKNOWN'] as const;

export { EXPLOITATION_TYPES, MEANS_OF_CONTROL } from '@ctms/domain';
/** HTCDS `vic_TypeOfSexExploitation`. */
export const SEX_EXPLOITATION_TYPES = ['PROSTITUTION', 'PORNOGRAPHY', 'REMOTE_INTERACTIVE_SERVICES', 'PRIVATE_SEXUAL_SERVICES'] as const;
/** ISIC v4 sections (HTCDS `vic_ForcedLabourIndustry`, tier 1). */
export const INDUSTRY_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U'] as const;
/** How the person left the situation (section G). */
export const EXIT_METHODS = ['ESCAPED', 'RESCUED', 'RELEASED', 'DEPORTED', 'ASSISTED', 'OTHER'] as const;
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

/** Safety risks named in section H. */
export const SAFETY_RISKS = ['TRAFFICKER_THREATS', 'FAMILY_INVOLVEMENT', 'DEBT_COLLECTORS', 'RE_TRAFFICKING', 'OTHER'] as const;
export const PROCEEDINGS_WILLINGNESS = ['YES', 'NO', 'UNDECIDED'] as const;
