import type {
  AgeAssessmentMethod,
  DobPrecision,
  DocumentHolder,
  EducationLevel,
  ExitMethod,
  ExploitationType,
  FacilityType,
  IdentityDocumentType,
  IndustrySection,
  InterpreterMode,
  InterpreterRelation,
  InterviewerAssessment,
  Label,
  LabelMap,
  MaritalStatus,
  MeansOfControl,
  MigrationStatus,
  PersonMatchReason,
  PresentPersonRole,
  ProceedingsWillingness,
  RecruiterRelation,
  RecruitmentMethod,
  ReferralSource,
  SafetyRisk,
  Sex,
  SexExploitationType,
  TerminationReason,
  TransportMeans,
  TravelDocumentUsed,
  WebsiteOrApp,
  YesNoUnknown,
  YesNoUnknownNa,
} from '@ctms/domain';

/*
 * Lao and English labels of the screening interview's coded lists. The codes are `@ctms/domain`'s
 * (screening-codes.ts, which the API validates against): each map is keyed by its code type, so a
 * code added or renamed there breaks this build until it has its label here. The labels are the
 * portal's until they move to the shared library.
 */
type Labels = Readonly<Record<string, Label>>;

export const FACILITY_TYPES: LabelMap<FacilityType> = {
  BORDER_CHECKPOINT: { lo: 'ດ່ານຊາຍແດນ', en: 'Border checkpoint' },
  TRANSIT_CENTRE: { lo: 'ສູນພັກເຊົາຊົ່ວຄາວ', en: 'Transit centre' },
  SHELTER: { lo: 'ເຮືອນພັກ', en: 'Shelter' },
  POLICE_STATION: { lo: 'ປ້ອມ/ສະຖານີຕຳຫຼວດ', en: 'Police station' },
  HOSPITAL: { lo: 'ໂຮງໝໍ', en: 'Hospital' },
  EMBASSY: { lo: 'ສະຖານທູດ', en: 'Embassy' },
  COMMUNITY: { lo: 'ຊຸມຊົນ', en: 'Community' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const REFERRAL_SOURCES: LabelMap<ReferralSource> = {
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

export const PRESENT_PERSON_ROLES: LabelMap<PresentPersonRole> = {
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

export const INTERPRETER_RELATIONS: LabelMap<InterpreterRelation> = {
  NONE: { lo: 'ບໍ່ຮູ້ຈັກກັນ', en: 'None' },
  ACQUAINTANCE: { lo: 'ຄົນຮູ້ຈັກ', en: 'Acquaintance' },
  RELATIVE: { lo: 'ຍາດພີ່ນ້ອງ', en: 'Relative' },
  SAME_COMMUNITY: { lo: 'ຢູ່ຊຸມຊົນດຽວກັນ', en: 'Same community' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const INTERPRETER_MODES: LabelMap<InterpreterMode> = {
  IN_PERSON: { lo: 'ຕໍ່ໜ້າ', en: 'In person' },
  PHONE: { lo: 'ທາງໂທລະສັບ', en: 'By phone' },
  VIDEO: { lo: 'ທາງວິດີໂອ', en: 'By video' },
};

export const INTERVIEWER_ASSESSMENTS: LabelMap<InterviewerAssessment> = {
  POSSIBLE_VICTIM: { lo: 'ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Possible victim' },
  NOT_A_VICTIM: { lo: 'ບໍ່ແມ່ນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Not a victim' },
  INCONCLUSIVE: { lo: 'ຍັງບໍ່ແນ່ນອນ', en: 'Inconclusive' },
  VULNERABLE_MIGRANT: { lo: 'ແຮງງານເຄື່ອນຍ້າຍທີ່ມີຄວາມສ່ຽງ', en: 'Vulnerable migrant' },
};

export const TERMINATION_REASONS: LabelMap<TerminationReason> = {
  CONSENT_REFUSED: { lo: 'ບໍ່ຍິນຍອມ', en: 'Consent refused' },
  CONSENT_WITHDRAWN: { lo: 'ຖອນການຍິນຍອມ', en: 'Consent withdrawn' },
  INTERVIEWEE_ENDED: { lo: 'ຜູ້ຖືກສຳພາດຂໍຢຸດ', en: 'The interviewee ended the interview' },
  SAFETY_CONCERN: { lo: 'ມີຄວາມສ່ຽງດ້ານຄວາມປອດໄພ', en: 'Safety concern' },
  INTERPRETER_UNAVAILABLE: { lo: 'ບໍ່ມີນາຍພາສາ', en: 'No interpreter available' },
  DUPLICATE: { lo: 'ຊ້ຳກັບການຄັດກອງອື່ນ', en: 'Duplicate' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const SEXES: LabelMap<Sex> = {
  FEMININE: { lo: 'ຍິງ', en: 'Female' },
  MASCULINE: { lo: 'ຊາຍ', en: 'Male' },
  TRANS_FEMININE: { lo: 'ຍິງຂ້າມເພດ', en: 'Trans woman' },
  TRANS_MASCULINE: { lo: 'ຊາຍຂ້າມເພດ', en: 'Trans man' },
  NON_CONFORMING: { lo: 'ບໍ່ລະບຸເພດ', en: 'Gender non-conforming' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

export const MARITAL_STATUSES: LabelMap<MaritalStatus> = {
  SINGLE: { lo: 'ໂສດ', en: 'Single' },
  MARRIED: { lo: 'ແຕ່ງງານແລ້ວ', en: 'Married' },
  WIDOWED: { lo: 'ໝ້າຍ', en: 'Widowed' },
  DIVORCED: { lo: 'ຢ່າຮ້າງ', en: 'Divorced' },
  SEPARATED: { lo: 'ແຍກກັນຢູ່', en: 'Separated' },
  REGISTERED_PARTNERSHIP: { lo: 'ຄູ່ຊີວິດທີ່ຈົດທະບຽນ', en: 'Registered partnership' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

export const EDUCATION_LEVELS: LabelMap<EducationLevel> = {
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

export const IDENTITY_DOCUMENT_TYPES: LabelMap<IdentityDocumentType> = {
  NATIONAL_ID: { lo: 'ບັດປະຈຳຕົວ', en: 'National ID card' },
  PASSPORT: { lo: 'ໜັງສືຜ່ານແດນ', en: 'Passport' },
  FAMILY_BOOK: { lo: 'ປຶ້ມສຳມະໂນຄົວ', en: 'Family book' },
  BORDER_PASS: { lo: 'ບັດຜ່ານແດນ', en: 'Border pass' },
  BIRTH_CERTIFICATE: { lo: 'ໃບແຈ້ງເກີດ', en: 'Birth certificate' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const DOCUMENT_HOLDERS: LabelMap<DocumentHolder> = {
  SELF: { lo: 'ຕົນເອງ', en: 'The person' },
  EMPLOYER: { lo: 'ນາຍຈ້າງ', en: 'Employer' },
  RECRUITER: { lo: 'ຜູ້ຊັກຊວນ', en: 'Recruiter' },
  AUTHORITIES: { lo: 'ເຈົ້າໜ້າທີ່', en: 'Authorities' },
  LOST: { lo: 'ເສຍ', en: 'Lost' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const AGE_ASSESSMENT_METHODS: LabelMap<AgeAssessmentMethod> = {
  DOCUMENT: { lo: 'ຈາກເອກະສານ', en: 'From a document' },
  SELF_DECLARED: { lo: 'ຕົນເອງແຈ້ງ', en: 'Self-declared' },
  FAMILY_DECLARED: { lo: 'ຄອບຄົວແຈ້ງ', en: 'Declared by family' },
  MEDICAL: { lo: 'ການກວດທາງການແພດ', en: 'Medical assessment' },
  INTERVIEWER_ESTIMATE: { lo: 'ຜູ້ສຳພາດປະເມີນ', en: "Interviewer's estimate" },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const DOB_PRECISIONS: LabelMap<DobPrecision> = {
  DAY: { lo: 'ຮູ້ວັນທີແນ່ນອນ', en: 'Exact day' },
  MONTH: { lo: 'ຮູ້ແຕ່ເດືອນ ແລະ ປີ', en: 'Month and year only' },
  YEAR: { lo: 'ຮູ້ແຕ່ປີ', en: 'Year only' },
  ESTIMATED: { lo: 'ປະມານເອົາ', en: 'Estimated' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

export const RECRUITER_RELATIONS: LabelMap<RecruiterRelation> = {
  FAMILIAL: { lo: 'ຍາດພີ່ນ້ອງ', en: 'Family' },
  ACQUAINTED: { lo: 'ຄົນຮູ້ຈັກ', en: 'Acquaintance' },
  UNACQUAINTED: { lo: 'ຄົນບໍ່ຮູ້ຈັກ', en: 'Stranger' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

export const RECRUITMENT_METHODS: LabelMap<RecruitmentMethod> = {
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

const app = (name: string): Label => ({ lo: name, en: name });
export const WEBSITES_AND_APPS: LabelMap<WebsiteOrApp> = {
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

export const YES_NO_UNKNOWN: LabelMap<YesNoUnknown> = {
  YES: { lo: 'ແມ່ນ', en: 'Yes' },
  NO: { lo: 'ບໍ່', en: 'No' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};
export const YES_NO_UNKNOWN_NA: LabelMap<YesNoUnknownNa> = {
  ...YES_NO_UNKNOWN,
  NOT_APPLICABLE: { lo: 'ບໍ່ກ່ຽວຂ້ອງ', en: 'Not applicable' },
};

export const TRANSPORT_MEANS: LabelMap<TransportMeans> = {
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

export const TRAVEL_DOCUMENTS_USED: LabelMap<TravelDocumentUsed> = {
  OWN: { lo: 'ເອກະສານຂອງຕົນເອງ', en: 'Own documents' },
  FALSE: { lo: 'ເອກະສານປອມ', en: 'False documents' },
  SOMEONE_ELSES: { lo: 'ເອກະສານຂອງຄົນອື່ນ', en: "Someone else's documents" },
  NONE: { lo: 'ບໍ່ມີເອກະສານ', en: 'No documents' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

export const EXPLOITATION_TYPES: LabelMap<ExploitationType> = {
  FORCED_LABOUR: { lo: 'ການບັງຄັບອອກແຮງງານ', en: 'Forced labour' },
  SEXUAL_EXPLOITATION: { lo: 'ການຂູດຮີດທາງເພດ', en: 'Sexual exploitation' },
  CHILD_LABOUR: { lo: 'ການໃຊ້ແຮງງານເດັກ', en: 'Child labour' },
  FORCED_MARRIAGE: { lo: 'ການບັງຄັບແຕ່ງງານ', en: 'Forced marriage' },
  SERVITUDE: { lo: 'ການເປັນທາດຮັບໃຊ້', en: 'Servitude' },
  FORCED_MILITARY: { lo: 'ການບັງຄັບເປັນທະຫານ', en: 'Forced military service' },
  ORGAN_REMOVAL: { lo: 'ການຕັດເອົາອະໄວຍະວະ', en: 'Organ removal' },
  FORCED_BEGGING: { lo: 'ການບັງຄັບຂໍທານ', en: 'Forced begging' },
  FORCED_ADOPTION: { lo: 'ການບັງຄັບຮັບເປັນລູກບຸນທຳ', en: 'Forced adoption' },
  SURROGACY: { lo: 'ການຮັບຈ້າງອຸ້ມທ້ອງ', en: 'Surrogacy' },
  FORCED_CRIMINALITY: { lo: 'ການບັງຄັບໃຫ້ກະທຳຜິດ', en: 'Forced criminality' },
  FRAUDULENT_MARRIAGE: { lo: 'ການແຕ່ງງານແບບຫຼອກລວງ', en: 'Fraudulent marriage' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const SEX_EXPLOITATION_TYPES: LabelMap<SexExploitationType> = {
  PROSTITUTION: { lo: 'ການຄ້າປະເວນີ', en: 'Prostitution' },
  PORNOGRAPHY: { lo: 'ສື່ລາມົກ', en: 'Pornography' },
  REMOTE_INTERACTIVE_SERVICES: { lo: 'ບໍລິການທາງເພດຜ່ານອອນລາຍ', en: 'Remote interactive services' },
  PRIVATE_SEXUAL_SERVICES: { lo: 'ບໍລິການທາງເພດສ່ວນຕົວ', en: 'Private sexual services' },
};

export const INDUSTRY_SECTIONS: LabelMap<IndustrySection> = {
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

export const MEANS_OF_CONTROL: LabelMap<MeansOfControl> = {
  PHYSICAL_THREATS: { lo: 'ການຂົ່ມຂູ່ທາງຮ່າງກາຍ', en: 'Physical threats' },
  THREATS_LAW_ENFORCEMENT: { lo: 'ຂູ່ວ່າຈະແຈ້ງເຈົ້າໜ້າທີ່', en: 'Threats of law enforcement' },
  THREATENS_CHILDREN_FAMILY: { lo: 'ຂົ່ມຂູ່ລູກ ຫຼື ຄອບຄົວ', en: 'Threatens children or family' },
  DEBT_BONDAGE: { lo: 'ການຜູກມັດດ້ວຍໜີ້ສິນ', en: 'Debt bondage' },
  FALSE_PROMISES: { lo: 'ຄຳສັນຍາປອມ', en: 'False promises' },
  PHYSICAL_ABUSE: { lo: 'ການທຳຮ້າຍຮ່າງກາຍ', en: 'Physical abuse' },
  SEXUAL_ABUSE: { lo: 'ການລ່ວງລະເມີດທາງເພດ', en: 'Sexual abuse' },
  TAKES_EARNINGS: { lo: 'ເອົາລາຍໄດ້ໄປ', en: 'Takes earnings' },
  RESTRICTS_FINANCIAL_ACCESS: { lo: 'ຈຳກັດການເຂົ້າເຖິງເງິນ', en: 'Restricts access to money' },
  RESTRICTS_MEDICAL_CARE: { lo: 'ຈຳກັດການປິ່ນປົວ', en: 'Restricts medical care' },
  RESTRICTS_MOVEMENT: { lo: 'ຈຳກັດການເຄື່ອນໄຫວ', en: 'Restricts movement' },
  WITHHOLDS_NECESSITIES: { lo: 'ບໍ່ໃຫ້ສິ່ງຈຳເປັນ', en: 'Withholds necessities' },
  PSYCHOLOGICAL_ABUSE: { lo: 'ການທຳຮ້າຍທາງຈິດໃຈ', en: 'Psychological abuse' },
  PSYCHOACTIVE_SUBSTANCES: { lo: 'ໃຊ້ສານເສບຕິດ', en: 'Psychoactive substances' },
  EXCESSIVE_WORKING_HOURS: { lo: 'ເຮັດວຽກເກີນເວລາ', en: 'Excessive working hours' },
  WITHHOLDS_DOCUMENTS: { lo: 'ຢຶດເອກະສານ', en: 'Withholds documents' },
  USES_CHILDREN: { lo: 'ໃຊ້ເດັກເປັນເຄື່ອງມື', en: 'Uses children' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const EXIT_METHODS: LabelMap<ExitMethod> = {
  ESCAPED: { lo: 'ໜີອອກມາເອງ', en: 'Escaped' },
  RESCUED: { lo: 'ຖືກຊ່ວຍເຫຼືອອອກມາ', en: 'Rescued' },
  RELEASED: { lo: 'ຖືກປ່ອຍຕົວ', en: 'Released' },
  DEPORTED: { lo: 'ຖືກສົ່ງກັບ', en: 'Deported' },
  ASSISTED: { lo: 'ໄດ້ຮັບການຊ່ວຍເຫຼືອໃຫ້ກັບ', en: 'Assisted return' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const MIGRATION_STATUSES: LabelMap<MigrationStatus> = {
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

export const SAFETY_RISKS: LabelMap<SafetyRisk> = {
  TRAFFICKER_THREATS: { lo: 'ການຂົ່ມຂູ່ຈາກຜູ້ຄ້າມະນຸດ', en: 'Threats from traffickers' },
  FAMILY_INVOLVEMENT: { lo: 'ຄອບຄົວມີສ່ວນຮ່ວມ', en: 'Family involvement' },
  DEBT_COLLECTORS: { lo: 'ຜູ້ທວງໜີ້', en: 'Debt collectors' },
  RE_TRAFFICKING: { lo: 'ສ່ຽງຖືກຄ້າອີກ', en: 'Risk of re-trafficking' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const PROCEEDINGS_WILLINGNESS: LabelMap<ProceedingsWillingness> = {
  YES: { lo: 'ແມ່ນ', en: 'Yes' },
  NO: { lo: 'ບໍ່', en: 'No' },
  UNDECIDED: { lo: 'ຍັງບໍ່ຕັດສິນໃຈ', en: 'Undecided' },
};

export const PREFERRED_GENDERS: Labels = {
  ANY: { lo: 'ໃຜກໍໄດ້', en: 'Any' },
  FEMALE: { lo: 'ຍິງ', en: 'Female' },
  MALE: { lo: 'ຊາຍ', en: 'Male' },
};

export const INDICATOR_ANSWERS: Labels = {
  PRESENT: { lo: 'ມີ', en: 'Present' },
  ABSENT: { lo: 'ບໍ່ມີ', en: 'Absent' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

export const INDICATIVE_RESULTS: Labels = {
  POSSIBLE_VICTIM: { lo: 'ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Possible victim' },
  INDICATORS_NOT_MET: { lo: 'ຕົວຊີ້ວັດຍັງບໍ່ພຽງພໍ', en: 'Indicators not met' },
};

export const INDICATOR_DIMENSION_LABELS: Labels = {
  DECEPTIVE_RECRUITMENT: { lo: 'ການຊັກຊວນແບບຫຼອກລວງ', en: 'Deceptive recruitment' },
  COERCIVE_RECRUITMENT: { lo: 'ການຊັກຊວນແບບບັງຄັບ', en: 'Coercive recruitment' },
  RECRUITMENT_ABUSE_OF_VULNERABILITY: {
    lo: 'ການສວຍໃຊ້ຄວາມອ່ອນແອໃນການຊັກຊວນ',
    en: 'Recruitment by abuse of vulnerability',
  },
  EXPLOITATIVE_CONDITIONS: { lo: 'ສະພາບການຂູດຮີດ', en: 'Exploitative conditions' },
  COERCION_AT_DESTINATION: { lo: 'ການບັງຄັບຢູ່ປາຍທາງ', en: 'Coercion at destination' },
  ABUSE_OF_VULNERABILITY_AT_DESTINATION: {
    lo: 'ການສວຍໃຊ້ຄວາມອ່ອນແອຢູ່ປາຍທາງ',
    en: 'Abuse of vulnerability at destination',
  },
};

export const INDICATOR_STRENGTH_LABELS: Labels = {
  STRONG: { lo: 'ເຂັ້ມ', en: 'Strong' },
  MEDIUM: { lo: 'ປານກາງ', en: 'Medium' },
  WEAK: { lo: 'ອ່ອນ', en: 'Weak' },
};

export const INDICATOR_PROFILE_LABELS: Labels = {
  ADULT_LABOUR: { lo: 'ຜູ້ໃຫຍ່ — ແຮງງານ', en: 'Adult — labour' },
  CHILD_LABOUR: { lo: 'ເດັກ — ແຮງງານ', en: 'Child — labour' },
  ADULT_SEXUAL: { lo: 'ຜູ້ໃຫຍ່ — ທາງເພດ', en: 'Adult — sexual' },
  CHILD_SEXUAL: { lo: 'ເດັກ — ທາງເພດ', en: 'Child — sexual' },
};

/** Lao wording of the ILO/EC indicators (the English wording comes from `@ctms/domain`). */
export const INDICATOR_LABELS_LO: Readonly<Record<string, string>> = {
  DR01: 'ຖືກຫຼອກລວງກ່ຽວກັບລັກສະນະວຽກ, ສະຖານທີ່ ຫຼື ນາຍຈ້າງ',
  DR02: 'ຖືກຫຼອກລວງກ່ຽວກັບຄ່າຈ້າງ ຫຼື ລາຍໄດ້',
  DR03: 'ຖືກຫຼອກລວງກ່ຽວກັບເງື່ອນໄຂການເຮັດວຽກ',
  DR04: 'ຖືກຫຼອກລວງກ່ຽວກັບເນື້ອໃນ ຫຼື ຄວາມຖືກຕ້ອງຕາມກົດໝາຍຂອງສັນຍາຈ້າງ',
  DR05: 'ຖືກຫຼອກລວງກ່ຽວກັບທີ່ພັກ ແລະ ສະພາບການເປັນຢູ່',
  DR06: 'ຖືກຫຼອກລວງກ່ຽວກັບເອກະສານ ຫຼື ການໄດ້ສະຖານະແຮງງານຖືກກົດໝາຍ',
  DR07: 'ຖືກຫຼອກລວງກ່ຽວກັບເງື່ອນໄຂການເດີນທາງ ແລະ ການຈັດຫາງານ',
  DR08: 'ຖືກຫຼອກລວງກ່ຽວກັບການໄດ້ພົບຄອບຄົວ',
  DR09: 'ຖືກຫຼອກລວງດ້ວຍຄຳສັນຍາແຕ່ງງານ ຫຼື ຮັບເປັນລູກບຸນທຳ',
  DR10: 'ຖືກຫຼອກລວງກ່ຽວກັບໂອກາດທາງການສຶກສາ',
  CR01: 'ຖືກໃຊ້ຄວາມຮຸນແຮງ',
  CR02: 'ຖືກຂົ່ມຂູ່ວ່າຈະໃຊ້ຄວາມຮຸນແຮງ',
  CR03: 'ຖືກລັກພາຕົວ, ບັງຄັບແຕ່ງງານ, ບັງຄັບຮັບເປັນລູກບຸນທຳ ຫຼື ຖືກຂາຍ',
  CR04: 'ການຜູກມັດດ້ວຍໜີ້ສິນ',
  CR05: 'ຖືກຢຶດເອກະສານ',
  CR06: 'ຖືກແຍກໂດດດ່ຽວ, ກັກຂັງ ຫຼື ຕິດຕາມ',
  CR07: 'ຖືກຂູ່ວ່າຈະແຈ້ງເຈົ້າໜ້າທີ່',
  CR08: 'ຖືກຂູ່ວ່າຈະບອກຄອບຄົວ, ຊຸມຊົນ ຫຼື ສາທາລະນະ',
  CR09: 'ຄວາມຮຸນແຮງຕໍ່ຄອບຄົວ (ຂົ່ມຂູ່ ຫຼື ເກີດຂຶ້ນແທ້)',
  CR10: 'ຖືກກັກເງິນໄວ້',
  RV01: 'ສວຍໃຊ້ສະຖານະການຄອບຄົວທີ່ຫຍຸ້ງຍາກ',
  RV02: 'ສວຍໃຊ້ສະຖານະທີ່ຜິດກົດໝາຍ',
  RV03: 'ສວຍໃຊ້ການຂາດການສຶກສາ (ພາສາ)',
  RV04: 'ສວຍໃຊ້ການຂາດຂໍ້ມູນຂ່າວສານ',
  RV05: 'ຢູ່ໃຕ້ການຄວບຄຸມຂອງຜູ້ຂູດຮີດ',
  RV06: 'ເຫດຜົນທາງເສດຖະກິດ',
  RV07: 'ຂໍ້ມູນປອມກ່ຽວກັບການຍ້າຍຖິ່ນທີ່ປະສົບຜົນສຳເລັດ',
  RV08: 'ຂໍ້ມູນປອມກ່ຽວກັບກົດໝາຍ ແລະ ທັດສະນະຂອງເຈົ້າໜ້າທີ່',
  RV09: 'ສະຖານະການຄອບຄົວ',
  RV10: 'ສະຖານະການສ່ວນຕົວ',
  RV11: 'ການເພິ່ງພາທາງຈິດໃຈ ແລະ ອາລົມ',
  RV12: 'ສາຍພົວພັນກັບເຈົ້າໜ້າທີ່ ຫຼື ສະຖານະທາງກົດໝາຍ',
  RV13: 'ຄວາມຫຍຸ້ງຍາກໃນອະດີດ',
  RV14: 'ຄວາມຫຍຸ້ງຍາກໃນການຈັດການເດີນທາງ',
  RV15: 'ສວຍໃຊ້ຄວາມເຊື່ອທາງວັດທະນະທຳ ຫຼື ສາສະໜາ',
  RV16: 'ສະພາບການທົ່ວໄປ',
  EX01: 'ເຮັດວຽກຫຼາຍມື້ ຫຼື ຫຼາຍຊົ່ວໂມງເກີນໄປ',
  EX02: 'ເງິນເດືອນຕ່ຳ ຫຼື ບໍ່ໄດ້ຮັບເງິນເດືອນ',
  EX03: 'ການບິດເບືອນຄ່າຈ້າງ',
  EX04: 'ສະພາບການເປັນຢູ່ທີ່ບໍ່ດີ',
  EX05: 'ສະພາບການເຮັດວຽກທີ່ບໍ່ດີຫຼາຍ',
  EX06: 'ວຽກທີ່ເປັນອັນຕະລາຍ',
  EX07: 'ບໍ່ເຄົາລົບກົດໝາຍແຮງງານ ຫຼື ສັນຍາທີ່ໄດ້ເຊັນ',
  EX08: 'ບໍ່ມີການປົກປ້ອງທາງສັງຄົມ (ສັນຍາ, ປະກັນສັງຄົມ ແລະ ອື່ນໆ)',
  EX09: 'ບໍ່ໄດ້ເຂົ້າເຖິງການສຶກສາ',
  CD01: 'ຖືກຢຶດເອກະສານ',
  CD02: 'ການຜູກມັດດ້ວຍໜີ້ສິນ',
  CD03: 'ຖືກແຍກໂດດດ່ຽວ, ກັກຂັງ ຫຼື ຕິດຕາມ',
  CD04: 'ຖືກໃຊ້ຄວາມຮຸນແຮງ',
  CD05: 'ຖືກຂົ່ມຂູ່ວ່າຈະໃຊ້ຄວາມຮຸນແຮງ',
  CD06: 'ຖືກບັງຄັບໃຫ້ເຮັດກິດຈະກຳຜິດກົດໝາຍ',
  CD07: 'ຖືກບັງຄັບໃຫ້ເຮັດວຽກ ຫຼື ຮັບແຂກ',
  CD08: 'ຢູ່ໃຕ້ອິດທິພົນຢ່າງແຮງ',
  CD09: 'ຖືກບັງຄັບໃຫ້ເຮັດຕໍ່ຕ້ານເພື່ອນຮ່ວມງານ',
  CD10: 'ຖືກບັງຄັບໃຫ້ຕົວະເຈົ້າໜ້າທີ່, ຄອບຄົວ ແລະ ອື່ນໆ',
  CD11: 'ຖືກຂູ່ວ່າຈະແຈ້ງເຈົ້າໜ້າທີ່',
  CD12: 'ຖືກຂູ່ວ່າຈະໃຫ້ເຮັດວຽກໃນສະພາບທີ່ຮ້າຍແຮງກວ່າເກົ່າ',
  CD13: 'ຄວາມຮຸນແຮງຕໍ່ຄອບຄົວ (ຂົ່ມຂູ່ ຫຼື ເກີດຂຶ້ນແທ້)',
  CD14: 'ຖືກກັກຄ່າຈ້າງໄວ້',
  CD15: 'ຖືກຂູ່ວ່າຈະບອກຄອບຄົວ, ຊຸມຊົນ ຫຼື ສາທາລະນະ',
  AD01: 'ການເພິ່ງພາຜູ້ຂູດຮີດ',
  AD02: 'ຄວາມຫຍຸ້ງຍາກໃນການດຳລົງຊີວິດໃນເຂດທີ່ບໍ່ຄຸ້ນເຄີຍ',
  AD03: 'ເຫດຜົນທາງເສດຖະກິດ',
  AD04: 'ສະຖານະການຄອບຄົວ',
  AD05: 'ສາຍພົວພັນກັບເຈົ້າໜ້າທີ່ ຫຼື ສະຖານະທາງກົດໝາຍ',
  AD06: 'ຄວາມຫຍຸ້ງຍາກໃນອະດີດ',
  AD07: 'ລັກສະນະສ່ວນຕົວ',
};

/** Profile-specific Lao rewording (the sexual-exploitation profiles reword DR01 and DR03). */
export const SEXUAL_INDICATOR_LABELS_LO: Readonly<Record<string, string>> = {
  DR01: 'ຖືກຫຼອກລວງກ່ຽວກັບລັກສະນະວຽກ ຫຼື ສະຖານທີ່',
  DR03: 'ຖືກຫຼອກລວງກ່ຽວກັບເງື່ອນໄຂຂອງການຄ້າປະເວນີ',
};

export const MATCH_REASONS: LabelMap<PersonMatchReason> = {
  LAO_KEY_EXACT: { lo: 'ຊື່ພາສາລາວກົງກັນ', en: 'Lao name matches' },
  LAO_KEY_SIMILAR: { lo: 'ຊື່ພາສາລາວຄ້າຍກັນ', en: 'Lao name is similar' },
  LATIN_KEY_EXACT: { lo: 'ຊື່ອັກສອນລາແຕັງກົງກັນ', en: 'Latin-script name matches' },
  LATIN_KEY_SIMILAR: { lo: 'ຊື່ອັກສອນລາແຕັງຄ້າຍກັນ', en: 'Latin-script name is similar' },
  NICKNAME: { lo: 'ຊື່ຫຼິ້ນກົງກັນ', en: 'Nickname matches' },
  PREVIOUS_NAME: { lo: 'ຊື່ເກົ່າກົງກັນ', en: 'Previous name matches' },
  DOCUMENT: { lo: 'ເລກເອກະສານກົງກັນ', en: 'Document number matches' },
  BIRTH_YEAR: { lo: 'ປີເກີດກົງກັນ', en: 'Birth year matches' },
};

/** A handful of countries the interviews meet most, by ISO 3166 code (others are typed as codes). */
export const COUNTRIES: Labels = {
  LA: { lo: 'ລາວ', en: 'Laos' },
  TH: { lo: 'ໄທ', en: 'Thailand' },
  CN: { lo: 'ຈີນ', en: 'China' },
  VN: { lo: 'ຫວຽດນາມ', en: 'Vietnam' },
  MM: { lo: 'ມຽນມາ', en: 'Myanmar' },
  KH: { lo: 'ກຳປູເຈຍ', en: 'Cambodia' },
  MY: { lo: 'ມາເລເຊຍ', en: 'Malaysia' },
  KR: { lo: 'ເກົາຫຼີໃຕ້', en: 'South Korea' },
  JP: { lo: 'ຍີ່ປຸ່ນ', en: 'Japan' },
};
