import {
  PROVINCE_CODES,
  provinceByCode,
  type ProvinceCode,
  EXPLOITATION_TYPES,
  RISK_LEVELS,
  type PersonIdentityInput,
} from '@ctms/domain';
import { drawName, type SyntheticName } from './names';
import { Rng } from './rng';

/** Reference rows the plan draws from (read from the database, in a fixed order). */
export interface Refs {
  agencies: { id: string; code: string }[];
  /** synthetic caseworkers and supervisors, by agency code */
  staff: Record<string, { id: string; username: string; roles: string[] }[]>;
}

/** Returnee flows: the border provinces with Thailand and the capital weigh most. */
export const PROVINCE_WEIGHTS: readonly (readonly [ProvinceCode, number])[] = PROVINCE_CODES.map(
  (c): readonly [ProvinceCode, number] => {
    const heavy: Partial<Record<ProvinceCode, number>> = {
      '13': 22,
      '16': 16,
      '01': 14,
      '05': 9,
      '10': 7,
      '12': 6,
      '14': 5,
      '11': 4,
      '06': 3,
      '03': 3,
      '08': 3,
    };
    return [c, heavy[c] ?? 1];
  },
);

export const LEAD_AGENCIES: readonly (readonly [string, number])[] = [
  ['MOPS_ATD', 40],
  ['LWU', 25],
  ['MOLSW', 20],
  ['NGO_DEMO', 10],
  ['MOPS_DOI', 5],
];
const RECEIVING = ['LWU', 'MOLSW', 'NGO_DEMO', 'IOM', 'MOPS_ATD'];
const REFERRAL_STATUSES_W: readonly (readonly [string, number])[] = [
  ['PENDING', 15],
  ['ACCEPTED', 15],
  ['DECLINED', 8],
  ['IN_PROGRESS', 25],
  ['COMPLETED', 30],
  ['CANCELLED', 7],
];
const HANDOFF_STATUSES_W: readonly (readonly [string, number])[] = [
  ['SUBMITTED', 15],
  ['RECEIVED', 15],
  ['ACCEPTED', 15],
  ['RETURNED', 5],
  ['CHARGED', 15],
  ['AT_TRIAL', 10],
  ['DECIDED', 10],
  ['CLOSED', 10],
  ['WITHDRAWN', 5],
];
const CASE_STATUS_W: readonly (readonly [string, number])[] = [
  ['OPEN', 15],
  ['ACTIVE', 40],
  ['FOLLOW_UP', 20],
  ['CLOSED', 25],
];
const DESTINATIONS = ['TH', 'TH', 'TH', 'CN', 'MY', 'KR', 'JP', 'VN'];
const SERVICES = [
  'SHELTER',
  'MEDICAL',
  'PSYCHOSOCIAL',
  'LEGAL_AID',
  'FAMILY_TRACING',
  'REINTEGRATION',
  'VOCATIONAL_TRAINING',
  'EDUCATION',
  'FINANCIAL_ASSISTANCE',
];
const EPOCH = Date.UTC(2021, 0, 1);
const SPAN_MS = 5 * 365 * 86_400_000;
const HOUR = 3_600_000;

export interface PlannedPerson {
  id: string;
  identity: PersonIdentityInput;
  name: SyntheticName;
  agencyId: string;
  createdAt: Date;
}

export interface PlannedCase {
  index: number;
  id: string;
  caseNumber: string;
  province: ProvinceCode;
  leadAgencyId: string;
  leadAgencyCode: string;
  assignedTo: { id: string; username: string } | null;
  supervisor: { id: string; username: string } | null;
  status: string;
  identificationStatus: string;
  exploitationTypes: string[];
  destinations: string[];
  riskLevel: string | null;
  flags: string[];
  openedAt: Date;
  closedAt: Date | null;
  closureReason: string | null;
  person: PlannedPerson;
  /** persons screened in the same intake who did not become a case (2.5 persons per case in all) */
  others: PlannedPerson[];
  consents: {
    id: string;
    type: string;
    status: string;
    agencyIds: string[];
    purposes: string[];
    categories: string[];
    grantedAt: Date;
  }[];
  referrals: { id: string; toAgencyId: string; status: string; urgency: string; services: string[]; createdAt: Date }[];
  handoffs: { id: string; toAgencyId: string; status: string; createdAt: Date }[];
  notes: { id: string; at: Date; body: string }[];
}

function agencyId(refs: Refs, code: string): string {
  const a = refs.agencies.find((x) => x.code === code);
  if (!a) throw new Error(`agency ${code} missing: seed the reference data first`);
  return a.id;
}

function person(rng: Rng, refs: Refs, leadCode: string, province: ProvinceCode, at: Date, sex: string): PlannedPerson {
  const name = drawName(rng);
  const precision = rng.weighted([
    ['DAY', 35],
    ['YEAR', 30],
    ['ESTIMATED', 20],
    ['MONTH', 5],
    ['UNKNOWN', 10],
  ] as const);
  const year = 1975 + rng.int(35);
  const dob = `${year}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
  const identity: PersonIdentityInput = {
    givenNameLo: name.givenNameLo,
    familyNameLo: name.familyNameLo,
    latinNames: name.latinNames,
    nicknames: name.nicknames,
    sex,
    dobPrecision: precision,
    ...(precision === 'UNKNOWN'
      ? {}
      : { dateOfBirth: precision === 'YEAR' || precision === 'ESTIMATED' ? `${year}-01-01` : dob }),
    presumedMinor: year > 2007,
    citizenship: ['LA'],
    homeProvince: province,
    homeVillage: `ບ້ານ ${rng.pick(['ໂພນສະຫວັນ', 'ນາໄຊ', 'ດອນຕິ້ວ', 'ຫ້ວຍຊາຍ', 'ນາຄູນ', 'ທົ່ງມັ່ນ', 'ໜອງບົວ'])}`,
    ...(rng.chance(0.4)
      ? {
          documents: [
            {
              type: rng.pick(['NATIONAL_ID', 'PASSPORT', 'FAMILY_BOOK']),
              number: `P${String(rng.int(1e7)).padStart(7, '0')}`,
            },
          ],
        }
      : {}),
    ...(rng.chance(0.5) ? { phone: `+856 20 ${String(5_000_000 + rng.int(4_999_999))}` } : {}),
  };
  return { id: rng.uuid(), identity, name, agencyId: agencyId(refs, leadCode), createdAt: at };
}

/** Everything about case number `index` (0-based), drawn from (seed, index) alone. */
export function planCase(seed: number, index: number, refs: Refs): PlannedCase {
  const rng = new Rng(seed, index);
  const province = rng.weighted(PROVINCE_WEIGHTS);
  const leadCode = rng.weighted(LEAD_AGENCIES);
  const leadAgencyId = agencyId(refs, leadCode);
  const staff = refs.staff[leadCode] ?? [];
  const caseworkers = staff.filter((u) => u.roles.includes('CASEWORKER'));
  const supervisors = staff.filter((u) => u.roles.includes('SUPERVISOR'));
  const openedAt = new Date(EPOCH + rng.int(SPAN_MS));
  const status = rng.weighted(CASE_STATUS_W);
  const sex = rng.weighted([
    ['FEMALE', 65],
    ['MALE', 34],
    ['OTHER', 1],
  ] as const);
  const main = person(rng, refs, leadCode, province, openedAt, sex);
  const others: PlannedPerson[] = [];
  const extra = index % 2 === 0 ? 2 : 1;
  for (let k = 0; k < extra; k++)
    others.push(
      person(
        rng,
        refs,
        leadCode,
        province,
        new Date(openedAt.getTime() - rng.int(30) * HOUR),
        rng.chance(0.6) ? 'FEMALE' : 'MALE',
      ),
    );
  const iso = provinceByCode(province)?.iso.split('-')[1] ?? province;
  const year = openedAt.getUTCFullYear();
  const id = rng.uuid();
  const consentIds = [rng.uuid(), rng.uuid()];
  const receivers = RECEIVING.filter((c) => c !== leadCode);
  const referrals: PlannedCase['referrals'] = [];
  const nRef = rng.weighted([
    [0, 10],
    [1, 30],
    [2, 30],
    [3, 20],
    [4, 10],
  ] as const);
  for (let k = 0; k < nRef; k++) {
    referrals.push({
      id: rng.uuid(),
      toAgencyId: agencyId(refs, rng.pick(receivers)),
      status: rng.weighted(REFERRAL_STATUSES_W),
      urgency: rng.weighted([
        ['EMERGENCY', 10],
        ['HIGH', 30],
        ['ROUTINE', 60],
      ] as const),
      services: [rng.pick(SERVICES), rng.pick(SERVICES)].filter((s, i, a) => a.indexOf(s) === i),
      createdAt: new Date(openedAt.getTime() + (1 + rng.int(2000)) * HOUR),
    });
  }
  const handoffs: PlannedCase['handoffs'] = rng.chance(0.2)
    ? [
        {
          id: rng.uuid(),
          toAgencyId: agencyId(refs, 'OSPP'),
          status: rng.weighted(HANDOFF_STATUSES_W),
          createdAt: new Date(openedAt.getTime() + (24 + rng.int(3000)) * HOUR),
        },
      ]
    : [];
  const notes: PlannedCase['notes'] = [];
  const nNotes = 1 + rng.int(3);
  for (let k = 0; k < nNotes; k++) {
    notes.push({
      id: rng.uuid(),
      at: new Date(openedAt.getTime() + (k + 1) * 48 * HOUR),
      body: `ບັນທຶກ ${k + 1}: ${rng.pick(['ໄດ້ພົບຜູ້ເຄາະຮ້າຍທີ່ສູນພັກເຊົາ', 'ຄອບຄົວໄດ້ຮັບການແຈ້ງ', 'ກວດສຸຂະພາບແລ້ວ', 'ສະເໜີການຝຶກອົບຮົມວິຊາຊີບ'])} — ${main.name.latinNames[0] ?? ''} interviewed at ${rng.pick(['the shelter', 'the border post', 'home'])}`,
    });
  }
  const closed = status === 'CLOSED';
  return {
    index,
    id,
    caseNumber: `${iso}-${year}-S${String(index).padStart(7, '0')}`,
    province,
    leadAgencyId,
    leadAgencyCode: leadCode,
    assignedTo: caseworkers.length > 0 && rng.chance(0.9) ? rng.pick(caseworkers) : null,
    supervisor: supervisors.length > 0 ? rng.pick(supervisors) : null,
    status,
    identificationStatus: rng.weighted([
      ['POSSIBLE_VICTIM', 50],
      ['IDENTIFIED', 40],
      ['NOT_IDENTIFIED', 10],
    ] as const),
    exploitationTypes: [rng.pick(EXPLOITATION_TYPES)],
    destinations: [rng.pick(DESTINATIONS)],
    riskLevel: rng.chance(0.8) ? rng.pick(RISK_LEVELS) : null,
    flags: main.identity.presumedMinor ? ['CHILD'] : [],
    openedAt,
    closedAt: closed ? new Date(openedAt.getTime() + (200 + rng.int(5000)) * HOUR) : null,
    closureReason: closed ? rng.pick(['SERVICES_COMPLETED', 'REINTEGRATED', 'LOST_CONTACT', 'TRANSFERRED']) : null,
    person: main,
    others,
    consents: [
      {
        id: consentIds[0] ?? '',
        type: 'REFERRAL_SHARING',
        status: rng.chance(0.05) ? 'WITHDRAWN' : 'ACTIVE',
        agencyIds: [...new Set(referrals.map((r) => r.toAgencyId))],
        purposes: ['REFERRAL_SHARING'],
        categories: ['CASE_SUMMARY', 'IDENTITY', 'CONTACT_LOCATION', 'HEALTH'],
        grantedAt: new Date(openedAt.getTime() + HOUR),
      },
      {
        id: consentIds[1] ?? '',
        type: 'DATA_PROCESSING',
        status: 'ACTIVE',
        agencyIds: [leadAgencyId],
        purposes: ['DATA_PROCESSING'],
        categories: ['CASE_SUMMARY', 'IDENTITY'],
        grantedAt: new Date(openedAt.getTime() + HOUR),
      },
    ],
    referrals,
    handoffs,
    notes,
  };
}
