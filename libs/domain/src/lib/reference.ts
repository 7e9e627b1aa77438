/**
 * Reference data shared by the API (seeding, validation) and the portal (pick lists): provinces,
 * service types, the seed agencies and the demo accounts (docs/access.md "Demo accounts").
 *
 * Sources: `../reference/lao-provinces.json` (see docs/reference.md "Provinces"); service types
 * from docs/reference.md "Service types"; agencies from docs/reference.md "Agencies of Lao PDR".
 * The ILO indicators JSON is loaded and typed in indicators.ts (`ILO_INDICATORS`,
 * `indicatorByCode`).
 *
 * Pure TypeScript: no framework, no Node built-ins (this file is bundled into the portal too).
 */
import provinceData from '../reference/lao-provinces.json';
import type { AgencyCapability, AgencyType, Language, Role } from './enums';

// ---------------------------------------------------------------------------------------------
// Provinces
// ---------------------------------------------------------------------------------------------

/** The 18 national province codes (17 provinces + Vientiane Capital), in the official order. */
export const PROVINCE_CODES = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
] as const;
export type ProvinceCode = (typeof PROVINCE_CODES)[number];

export interface Province {
  /** national 2-digit code, e.g. "01"; key on this or on `iso`, never on the English name */
  readonly code: ProvinceCode;
  /** ISO 3166-2, e.g. "LA-VT" */
  readonly iso: string;
  readonly nameLo: string;
  readonly nameEn: string;
  /** Lao-script variants and other Latin spellings, for search and matching */
  readonly variants: readonly string[];
  readonly nameLoVariants: readonly string[];
  readonly otherSpellings: readonly string[];
  readonly isoRomanisation: string;
}

export function isProvinceCode(v: unknown): v is ProvinceCode {
  return typeof v === 'string' && (PROVINCE_CODES as readonly string[]).includes(v);
}

function loadProvinces(): Province[] {
  return provinceData.provinces.map((p) => {
    if (!isProvinceCode(p.code)) throw new Error(`lao-provinces.json: unknown province code ${p.code}`);
    return Object.freeze({
      code: p.code,
      iso: p.iso,
      nameLo: p.name_lo,
      nameEn: p.name_en,
      variants: Object.freeze([...p.name_lo_variants, ...p.other_spellings]),
      nameLoVariants: Object.freeze([...p.name_lo_variants]),
      otherSpellings: Object.freeze([...p.other_spellings]),
      isoRomanisation: p.iso_romanisation,
    });
  });
}

export const PROVINCES: readonly Province[] = Object.freeze(loadProvinces());
export const PROVINCE_SOURCE: string = provinceData.source;

export function provinceByCode(code: string): Province | undefined {
  return PROVINCES.find((p) => p.code === code);
}

export function provinceByIso(iso: string): Province | undefined {
  const wanted = iso.toUpperCase();
  return PROVINCES.find((p) => p.iso === wanted);
}

// ---------------------------------------------------------------------------------------------
// Service types (referral enum, docs/reference.md "Service types")
// ---------------------------------------------------------------------------------------------

export const SERVICE_TYPES = [
  'SHELTER',
  'MEDICAL',
  'PSYCHOSOCIAL',
  'LEGAL_AID',
  'CRIMINAL_JUSTICE_SUPPORT',
  'FAMILY_TRACING',
  'RETURN_REPATRIATION',
  'REINTEGRATION',
  'VOCATIONAL_TRAINING',
  'EDUCATION',
  'FINANCIAL_ASSISTANCE',
  'DOCUMENTATION',
  'INTERPRETATION',
  'CHILD_PROTECTION',
  'SAFETY_PLANNING',
  'OTHER',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** HTCDS v2.0 support plan types (`spl_Type`). */
export const HTCDS_SUPPORT_PLAN_TYPES = [
  'Education',
  'Financial',
  'Health',
  'LabourExploitationRehabilitation',
  'Legal',
  'Livelihood',
  'RightsBasedTraining',
  'SexualExploitationRehabilitation',
  'SocialCare',
] as const;
export type HtcdsSupportPlanType = (typeof HTCDS_SUPPORT_PLAN_TYPES)[number];

export interface ServiceTypeDefinition {
  readonly code: ServiceType;
  readonly nameLo: string;
  readonly nameEn: string;
  /** the HTCDS `spl_Type` values it maps to (empty: no HTCDS equivalent) */
  readonly htcds: readonly HtcdsSupportPlanType[];
}

export const SERVICE_TYPE_DEFINITIONS: readonly ServiceTypeDefinition[] = Object.freeze([
  {
    code: 'SHELTER',
    nameLo: 'ທີ່ພັກອາໄສຊົ່ວຄາວ / ບ່ອນພັກທີ່ປອດໄພ',
    nameEn: 'Temporary shelter / safe accommodation',
    htcds: ['SocialCare'],
  },
  {
    code: 'MEDICAL',
    nameLo: 'ການປິ່ນປົວທາງການແພດ (ສຸກເສີນ, ທົ່ວໄປ, ສຸຂະພາບຈະເລີນພັນ, ກວດ HIV/STI ດ້ວຍການຍິນຍອມ)',
    nameEn: 'Medical care (emergency, general, SRH, HIV/STI testing with consent)',
    htcds: ['Health'],
  },
  {
    code: 'PSYCHOSOCIAL',
    nameLo: 'ການໃຫ້ຄຳປຶກສາ / ການຊ່ວຍເຫຼືອທາງດ້ານຈິດໃຈ ແລະ ສັງຄົມ',
    nameEn: 'Counselling / psychosocial support',
    htcds: ['Health', 'SocialCare'],
  },
  {
    code: 'LEGAL_AID',
    nameLo: 'ການຊ່ວຍເຫຼືອທາງດ້ານກົດໝາຍ (ຂໍ້ມູນ, ຄຳປຶກສາ, ຕົວແທນ, ການຮຽກຮ້ອງຄ່າເສຍຫາຍ)',
    nameEn: 'Legal information, counselling, representation; compensation/restitution claims',
    htcds: ['Legal'],
  },
  {
    code: 'CRIMINAL_JUSTICE_SUPPORT',
    nameLo: 'ການຊ່ວຍເຫຼືອໃນຖານະຜູ້ເສຍຫາຍ-ພະຍານ (ສະໝັກໃຈ; ການຊ່ວຍເຫຼືອບໍ່ມີເງື່ອນໄຂ)',
    nameEn: 'Support as victim-witness (optional; assistance not conditional)',
    htcds: ['Legal'],
  },
  {
    code: 'FAMILY_TRACING',
    nameLo: 'ການຊອກຫາ ແລະ ປະເມີນຄອບຄົວ',
    nameEn: 'Family tracing and family assessment',
    htcds: ['SocialCare'],
  },
  {
    code: 'RETURN_REPATRIATION',
    nameLo: 'ການສົ່ງກັບຄືນ (ຂ້າມຊາຍແດນ ຫຼື ພາຍໃນປະເທດ) ແລະ ການນຳສົ່ງ',
    nameEn: 'Return / repatriation (cross-border or internal), escort',
    htcds: ['SocialCare'],
  },
  {
    code: 'REINTEGRATION',
    nameLo: 'ການເຊື່ອມໂຍງຄືນສູ່ຄອບຄົວ ແລະ ຊຸມຊົນ ແລະ ການຕິດຕາມ',
    nameEn: 'Reintegration package and follow-up',
    htcds: ['Livelihood', 'SocialCare'],
  },
  {
    code: 'VOCATIONAL_TRAINING',
    nameLo: 'ການຝຶກອົບຮົມວິຊາຊີບ ຫຼື ທັກສະ',
    nameEn: 'Vocational or skills training',
    htcds: ['Livelihood'],
  },
  {
    code: 'EDUCATION',
    nameLo: 'ການກັບຄືນເຂົ້າໂຮງຮຽນ / ການສຶກສານອກລະບົບ',
    nameEn: 'Return to school / non-formal education',
    htcds: ['Education'],
  },
  {
    code: 'FINANCIAL_ASSISTANCE',
    nameLo: 'ການຊ່ວຍເຫຼືອທາງດ້ານການເງິນ, ທຶນປະກອບອາຊີບ',
    nameEn: 'Cash grants, small business support',
    htcds: ['Financial'],
  },
  {
    code: 'DOCUMENTATION',
    nameLo: 'ການອອກເອກະສານຄືນໃໝ່ (ບັດປະຈຳຕົວ, ສຳມະໂນຄົວ, ເອກະສານເດີນທາງ)',
    nameEn: 'Replacement of ID, family book, travel document',
    htcds: ['Legal'],
  },
  { code: 'INTERPRETATION', nameLo: 'ການແປພາສາ', nameEn: 'Language support', htcds: [] },
  {
    code: 'CHILD_PROTECTION',
    nameLo: 'ການປົກປ້ອງເດັກ (ແຕ່ງຕັ້ງຜູ້ປົກຄອງ, ການກຳນົດຜົນປະໂຫຍດສູງສຸດຂອງເດັກ)',
    nameEn: 'Guardian appointment, best-interests determination',
    htcds: ['SocialCare'],
  },
  {
    code: 'SAFETY_PLANNING',
    nameLo: 'ການປະເມີນຄວາມສ່ຽງ ແລະ ມາດຕະການປົກປ້ອງ',
    nameEn: 'Risk assessment and protection measures',
    htcds: [],
  },
  { code: 'OTHER', nameLo: 'ອື່ນໆ', nameEn: 'Other', htcds: [] },
] satisfies ServiceTypeDefinition[]);

export function isServiceType(v: unknown): v is ServiceType {
  return typeof v === 'string' && (SERVICE_TYPES as readonly string[]).includes(v);
}

export function serviceTypeByCode(code: string): ServiceTypeDefinition | undefined {
  return SERVICE_TYPE_DEFINITIONS.find((s) => s.code === code);
}

// ---------------------------------------------------------------------------------------------
// Seed agencies
// ---------------------------------------------------------------------------------------------

export const SEED_AGENCY_CODES = ['MOPS_ATD', 'MOPS_DOI', 'LWU', 'MOLSW', 'OSPP', 'IOM', 'NGO_DEMO'] as const;
export type SeedAgencyCode = (typeof SEED_AGENCY_CODES)[number];

export interface SeedAgency {
  readonly code: SeedAgencyCode;
  readonly nameLo: string;
  readonly nameEn: string;
  readonly type: AgencyType;
  readonly capabilities: readonly AgencyCapability[];
  /** services offered to referrals (empty unless the agency can RECEIVE_REFERRALS) */
  readonly serviceTypes: readonly ServiceType[];
  /** province codes covered */
  readonly provinces: readonly ProvinceCode[];
  readonly active: boolean;
}

const ALL_PROVINCES: readonly ProvinceCode[] = PROVINCE_CODES;

export const SEED_AGENCIES: readonly SeedAgency[] = Object.freeze([
  {
    code: 'MOPS_ATD',
    nameLo: 'ກົມຕ້ານການຄ້າມະນຸດ, ກະຊວງປ້ອງກັນຄວາມສະຫງົບ',
    nameEn: 'Ministry of Public Security, Anti-Trafficking Department',
    type: 'LAW_ENFORCEMENT',
    capabilities: ['SCREEN', 'FORMAL_IDENTIFICATION', 'INVESTIGATE'],
    serviceTypes: [],
    provinces: ALL_PROVINCES,
    active: true,
  },
  {
    code: 'MOPS_DOI',
    nameLo: 'ກົມຄຸ້ມຄອງຄົນເຂົ້າ-ອອກເມືອງ, ກະຊວງປ້ອງກັນຄວາມສະຫງົບ',
    nameEn: 'Ministry of Public Security, Department of Immigration',
    type: 'LAW_ENFORCEMENT',
    capabilities: ['SCREEN'],
    serviceTypes: [],
    provinces: ALL_PROVINCES,
    active: true,
  },
  {
    code: 'LWU',
    nameLo: 'ສູນໃຫ້ຄຳປຶກສາ ແລະ ປົກປ້ອງແມ່ຍິງ ແລະ ເດັກ, ສະຫະພັນແມ່ຍິງລາວ',
    nameEn: "Lao Women's Union, Counselling and Protection Centre for Women and Children",
    type: 'MASS_ORGANISATION',
    capabilities: ['SCREEN', 'RECEIVE_REFERRALS'],
    serviceTypes: ['SHELTER', 'PSYCHOSOCIAL', 'LEGAL_AID', 'SAFETY_PLANNING', 'REINTEGRATION', 'VOCATIONAL_TRAINING'],
    provinces: ALL_PROVINCES,
    active: true,
  },
  {
    code: 'MOLSW',
    nameLo: 'ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ',
    nameEn: 'Ministry of Labour and Social Welfare',
    type: 'GOVERNMENT',
    capabilities: ['SCREEN', 'RECEIVE_REFERRALS'],
    serviceTypes: [
      'SHELTER',
      'FAMILY_TRACING',
      'RETURN_REPATRIATION',
      'REINTEGRATION',
      'CHILD_PROTECTION',
      'PSYCHOSOCIAL',
      'VOCATIONAL_TRAINING',
    ],
    provinces: ALL_PROVINCES,
    active: true,
  },
  {
    code: 'OSPP',
    nameLo: 'ອົງການໄອຍະການປະຊາຊົນສູງສຸດ',
    nameEn: "Office of the Supreme People's Prosecutor",
    type: 'PROSECUTION',
    capabilities: ['PROSECUTE'],
    serviceTypes: [],
    provinces: ALL_PROVINCES,
    active: true,
  },
  {
    code: 'IOM',
    nameLo: 'ອົງການສາກົນເພື່ອການເຄື່ອນຍ້າຍຖິ່ນຖານ (IOM) ປະຈຳ ສປປ ລາວ',
    nameEn: 'International Organization for Migration (IOM), Lao PDR',
    type: 'INTERNATIONAL_ORGANISATION',
    capabilities: ['RECEIVE_REFERRALS'],
    serviceTypes: ['RETURN_REPATRIATION', 'REINTEGRATION', 'FINANCIAL_ASSISTANCE', 'MEDICAL'],
    provinces: ALL_PROVINCES,
    active: true,
  },
  {
    // A demo partner modelled on the NGO shelters of docs/reference.md "Service types" (Vientiane,
    // Savannakhet, Champasak): a partner that does not cover every province.
    code: 'NGO_DEMO',
    nameLo: 'ອົງການຈັດຕັ້ງທີ່ບໍ່ແມ່ນລັດຖະບານ (ຕົວຢ່າງ)',
    nameEn: 'Demo NGO partner',
    type: 'NGO',
    capabilities: ['RECEIVE_REFERRALS'],
    serviceTypes: [
      'SHELTER',
      'PSYCHOSOCIAL',
      'REINTEGRATION',
      'VOCATIONAL_TRAINING',
      'EDUCATION',
      'FINANCIAL_ASSISTANCE',
    ],
    provinces: ['01', '13', '16'],
    active: true,
  },
] satisfies SeedAgency[]);

export function seedAgencyByCode(code: string): SeedAgency | undefined {
  return SEED_AGENCIES.find((a) => a.code === code);
}

// ---------------------------------------------------------------------------------------------
// Demo accounts (docs/access.md "Demo accounts"). The password is never here: DEMO_PASSWORD from the environment.
// ---------------------------------------------------------------------------------------------

export interface SeedDemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly agencyCode: SeedAgencyCode;
  readonly roles: readonly Role[];
  /** true: every province; otherwise the province codes in `provinces` (empty for admins and analysts) */
  readonly allProvinces: boolean;
  readonly provinces: readonly ProvinceCode[];
  readonly language: Language;
}

function demo(
  username: string,
  displayName: string,
  agencyCode: SeedAgencyCode,
  role: Role,
  scope: 'ALL' | 'NONE' | ProvinceCode,
): SeedDemoUser {
  return Object.freeze({
    username,
    displayName,
    agencyCode,
    roles: Object.freeze([role]),
    allProvinces: scope === 'ALL',
    provinces: Object.freeze(scope === 'ALL' || scope === 'NONE' ? [] : [scope]),
    language: 'lo',
  });
}

export const SEED_DEMO_USERS: readonly SeedDemoUser[] = Object.freeze([
  demo('atd.caseworker', 'ສົມພອນ ວົງສະຫວັນ', 'MOPS_ATD', 'CASEWORKER', '01'),
  demo('atd.bokeo', 'ບຸນມີ ແສງຈັນ', 'MOPS_ATD', 'CASEWORKER', '05'),
  demo('atd.supervisor', 'ຄຳພອນ ພົມມະຈັກ', 'MOPS_ATD', 'SUPERVISOR', 'ALL'),
  demo('atd.investigator', 'ວິໄລພອນ ສີສຸວັນ', 'MOPS_ATD', 'INVESTIGATOR', 'ALL'),
  demo('doi.caseworker', 'ທອງສະໄໝ ແກ້ວມະນີ', 'MOPS_DOI', 'CASEWORKER', '01'),
  demo('doi.supervisor', 'ສົມສັກ ວົງພະຈັນ', 'MOPS_DOI', 'SUPERVISOR', 'ALL'),
  demo('lwu.caseworker', 'ມະນີວອນ ສຸລິຍະ', 'LWU', 'CASEWORKER', '01'),
  demo('lwu.supervisor', 'ບົວສອນ ພິລາວົງ', 'LWU', 'SUPERVISOR', 'ALL'),
  demo('molsw.caseworker', 'ສີສຸກ ໄຊຍະວົງ', 'MOLSW', 'CASEWORKER', '01'),
  demo('molsw.supervisor', 'ແສງເດືອນ ອິນທະວົງ', 'MOLSW', 'SUPERVISOR', 'ALL'),
  demo('ospp.prosecutor', 'ພູວົງ ຈັນທະລາ', 'OSPP', 'PROSECUTOR', 'ALL'),
  demo('ngo.caseworker', 'ດາວວອນ ສຸດທິວົງ', 'NGO_DEMO', 'CASEWORKER', '01'),
  demo('lwu.admin', 'ພອນສະຫວັນ ແກ້ວວົງສາ', 'LWU', 'AGENCY_ADMIN', 'NONE'),
  demo('sysadmin', 'ສຸກສະຫວັດ ມະນີວົງ', 'IOM', 'SYSTEM_ADMIN', 'NONE'),
  demo('analyst', 'ອານຸສອນ ພົມມະລາດ', 'IOM', 'ANALYST', 'NONE'),
]);

/** A seed user as the permission rule reads it: their roles and their agency's capabilities. */
export function seedUserSubject(u: Pick<SeedDemoUser, 'roles' | 'agencyCode'>): {
  roles: readonly Role[];
  capabilities: readonly AgencyCapability[];
} {
  return { roles: u.roles, capabilities: seedAgencyByCode(u.agencyCode)?.capabilities ?? [] };
}
