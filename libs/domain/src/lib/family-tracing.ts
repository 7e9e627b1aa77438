/**
 * Family tracing and return (issue 15 item 3, decision 0033; docs/reference "Lao cross-border return
 * and reintegration process", steps 1–7): a family tracing and assessment request from the lead
 * agency to a province's social welfare office (an agency offering FAMILY_TRACING, addressed to one
 * province), its answer, and the return itself as a record on the case. Codes, the request's machine,
 * labels (Lao and English) and the wire shapes shared by the API and the portal (decision 0020).
 * The event kinds live in enums.ts beside the audit actions they extend (no import cycle).
 */
import type { DataCategory, FAMILY_TRACING_READ_ACTIONS, FamilyTracingEventKind, Role } from './enums';
import type { Label, LabelMap } from './i18n';
import { defineMachine, type MachineContext } from './state-machine';

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

export const FAMILY_TRACING_STATUSES = ['REQUESTED', 'ANSWERED', 'DECLINED', 'WITHDRAWN'] as const;
export type FamilyTracingStatus = (typeof FAMILY_TRACING_STATUSES)[number];
export const FAMILY_TRACING_ACTIONS = ['ANSWER', 'DECLINE', 'WITHDRAW'] as const;
export type FamilyTracingAction = (typeof FAMILY_TRACING_ACTIONS)[number];

/** What the province's social welfare office found (step 3: family tracing and family assessment). */
export const FAMILY_TRACING_ANSWERS = [
  'FAMILY_FOUND_RETURN_ADVISED',
  'FAMILY_FOUND_RETURN_WITH_SUPPORT',
  'FAMILY_FOUND_RETURN_NOT_ADVISED',
  'FAMILY_NOT_FOUND',
] as const;
export type FamilyTracingAnswer = (typeof FAMILY_TRACING_ANSWERS)[number];

/**
 * The categories a tracing packet may carry. CASE_SUMMARY (the sender's questions) always goes;
 * CONTACT_LOCATION carries the family contact details the sender writes. Each needs an active
 * REFERRAL_SHARING consent for the receiving agency, exactly as a referral packet.
 */
export const FAMILY_TRACING_CATEGORIES = [
  'CASE_SUMMARY',
  'CONTACT_LOCATION',
] as const satisfies readonly DataCategory[];
export type FamilyTracingCategory = (typeof FAMILY_TRACING_CATEGORIES)[number];

/** Days the office has to answer; shown as due and used to order the inbox (no SLA clock yet). */
export const FAMILY_TRACING_DUE_DAYS = 30;

/**
 * Where a returnee crossed into Laos: the international checkpoints used for returns. Only the
 * Friendship Bridge (Vientiane–Nong Khai) is named by the sources as the returns' crossing; the
 * others are international checkpoints from background knowledge, `verified: false` until confirmed
 * with MoLSW.
 */
export const CROSSING_POINTS = [
  'FRIENDSHIP_BRIDGE_1_VIENTIANE',
  'FRIENDSHIP_BRIDGE_2_SAVANNAKHET',
  'FRIENDSHIP_BRIDGE_3_THAKHEK',
  'FRIENDSHIP_BRIDGE_4_HUAY_XAI',
  'VANGTAO_CHONGMEK',
  'BOTEN_MOHAN',
  'WATTAY_AIRPORT',
  'OTHER',
] as const;
export type CrossingPoint = (typeof CROSSING_POINTS)[number];

/** Whether the sources name the crossing point as used for returns (docs/reference "Lao cross-border return and reintegration process"). */
export const CROSSING_POINT_VERIFIED: Readonly<Record<CrossingPoint, boolean>> = {
  FRIENDSHIP_BRIDGE_1_VIENTIANE: true,
  FRIENDSHIP_BRIDGE_2_SAVANNAKHET: false,
  FRIENDSHIP_BRIDGE_3_THAKHEK: false,
  FRIENDSHIP_BRIDGE_4_HUAY_XAI: false,
  VANGTAO_CHONGMEK: false,
  BOTEN_MOHAN: false,
  WATTAY_AIRPORT: false,
  OTHER: true,
};

/** Who escorted the returnee (step 7). */
export const RETURN_ESCORTS = [
  'MOLSW',
  'MOPS_ATD',
  'MOPS_IMMIGRATION',
  'LWU',
  'IOM',
  'NGO',
  'HOST_COUNTRY_AGENCY',
  'FAMILY',
  'NONE',
  'OTHER',
] as const;
export type ReturnEscort = (typeof RETURN_ESCORTS)[number];

/** Where the returnee was received (step 6: the Vientiane Transit Center, up to 7 days). */
export const RECEPTION_PLACES = [
  'VIENTIANE_TRANSIT_CENTER',
  'PROVINCIAL_SOCIAL_WELFARE_OFFICE',
  'LWU_CENTRE',
  'NGO_SHELTER',
  'FAMILY_HOME',
  'OTHER',
] as const;
export type ReceptionPlace = (typeof RECEPTION_PLACES)[number];

// ---------------------------------------------------------------------------------------------
// The request's machine
// ---------------------------------------------------------------------------------------------

export interface FamilyTracingContext extends MachineContext {
  /** the actor belongs to the addressed agency and their province scope covers the addressed province */
  readonly actorInAskedOffice: boolean;
  /** the actor is an editor of the case (lead agency, assigned or supervisor): WITHDRAW */
  readonly actorIsCaseEditor: boolean;
  /** ANSWER: the answer code */
  readonly answer?: string | null;
  /** ANSWER: the assessment; DECLINE, WITHDRAW: why */
  readonly reason?: string | null;
}

const CASEWORK: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'INVESTIGATOR'];
const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim().length === 0;
const asked = (ctx: FamilyTracingContext) => (ctx.actorInAskedOffice ? null : 'NOT_ASKED_AGENCY');
const reasonGiven = (ctx: FamilyTracingContext) => (blank(ctx.reason) ? 'REASON_REQUIRED' : null);

/**
 * `REQUESTED` (the lead agency's case editor asks a province office) → `ANSWERED` (a casework user
 * of the asked office, with an answer code and the assessment) | `DECLINED` (the asked office, with
 * a reason) | `WITHDRAWN` (the lead's case editor, with a reason). All three are final.
 */
export const FAMILY_TRACING_MACHINE = defineMachine<FamilyTracingStatus, FamilyTracingAction, FamilyTracingContext>({
  name: 'family-tracing-request',
  states: FAMILY_TRACING_STATUSES,
  initial: 'REQUESTED',
  terminal: ['ANSWERED', 'DECLINED', 'WITHDRAWN'],
  actions: FAMILY_TRACING_ACTIONS,
  transitions: [
    {
      action: 'ANSWER',
      from: ['REQUESTED'],
      to: 'ANSWERED',
      roles: CASEWORK,
      permission: 'referral:respond',
      guard: asked,
      validate: (ctx) =>
        typeof ctx.answer !== 'string' || !(FAMILY_TRACING_ANSWERS as readonly string[]).includes(ctx.answer)
          ? 'OUTCOME_REQUIRED'
          : reasonGiven(ctx),
    },
    {
      action: 'DECLINE',
      from: ['REQUESTED'],
      to: 'DECLINED',
      roles: CASEWORK,
      permission: 'referral:respond',
      guard: asked,
      validate: reasonGiven,
    },
    {
      action: 'WITHDRAW',
      from: ['REQUESTED'],
      to: 'WITHDRAWN',
      roles: CASEWORK,
      permission: 'referral:create',
      guard: (ctx) => (ctx.actorIsCaseEditor ? null : 'NOT_CASE_EDITOR'),
      validate: reasonGiven,
    },
  ],
});

/** Whether a return's handover province moves the case: the lead is offered a prefilled province transfer. */
export function returnMovesCase(handoverProvinceCode: string, caseProvinceCode: string): boolean {
  return handoverProvinceCode !== caseProvinceCode;
}

// ---------------------------------------------------------------------------------------------
// Wire shapes (decision 0020)
// ---------------------------------------------------------------------------------------------

interface UserRef {
  id: string;
  username: string | null;
  displayName: string | null;
}

export interface FamilyTracingRequestView {
  id: string;
  caseId: string;
  caseNumber: string;
  status: FamilyTracingStatus;
  fromAgency: { code: string };
  toAgency: { code: string };
  /** the province whose office is asked */
  provinceCode: string;
  /** the packet as sent (CASE_SUMMARY always) */
  categories: FamilyTracingCategory[];
  /** the packet's categories the caller reads now: all for the lead; for the asked office those still consented */
  sharedCategories: FamilyTracingCategory[];
  /** CONTACT_LOCATION: null when not in the packet or no longer consented */
  familyContact: string | null;
  /** CASE_SUMMARY: the sender's questions */
  questions: string | null;
  requestedBy: UserRef;
  requestedAt: string;
  dueAt: string;
  answer: FamilyTracingAnswer | null;
  /** the assessment (ANSWERED), the decline or withdrawal reason */
  answerText: string | null;
  answeredBy: UserRef | null;
  answeredAt: string | null;
  version: number;
  allowedActions: FamilyTracingAction[];
}

/** The province transfer a return offers when the handover province is not the case's province. */
export interface ReturnTransferOffer {
  /** the case's lead agency: a province transfer stays in the agency */
  toAgencyId: string;
  toProvinceCode: string;
  /** the caller may request the transfer now (a supervisor with case:transfer, no transfer open) */
  allowed: boolean;
}

export interface CaseReturnView {
  id: string;
  caseId: string;
  returnedOn: string;
  crossingPoint: CrossingPoint;
  escort: ReturnEscort;
  receptionPlace: ReceptionPlace;
  handoverProvinceCode: string;
  note: string | null;
  recordedBy: UserRef;
  recordedAt: string;
  /** non-null while the handover province differs from the case's province */
  transferOffer: ReturnTransferOffer | null;
}

/** GET /cases/:id/family-tracing: the lead agency's view of the case's tracing requests and returns. */
export interface CaseFamilyTracingView {
  requests: FamilyTracingRequestView[];
  returns: CaseReturnView[];
  /** SEND: the caller may send a tracing request; RECORD_RETURN: may record a return */
  allowedActions: ('SEND' | 'RECORD_RETURN')[];
}

/** POST /cases/:id/family-tracing-requests */
export interface SendFamilyTracingRequest {
  /** an active agency that offers FAMILY_TRACING and covers the province (MoLSW) */
  toAgencyId: string;
  provinceCode: string;
  /** CASE_SUMMARY is always added; each must be covered by an active REFERRAL_SHARING consent for the agency */
  categories: FamilyTracingCategory[];
  /** CONTACT_LOCATION (required when the packet carries it): family members, village, phone */
  familyContact?: string;
  /** CASE_SUMMARY: what the office should find out */
  questions: string;
}

/** POST /family-tracing-requests/:id/answer */
export interface AnswerFamilyTracingRequest {
  version: number;
  answer: FamilyTracingAnswer;
  /** the family assessment, encrypted at rest */
  assessment: string;
}

/** POST /family-tracing-requests/:id/decline and /withdraw */
export interface CloseFamilyTracingRequest {
  version: number;
  reason: string;
}

export const FAMILY_TRACING_BOXES = ['incoming', 'outgoing'] as const;
export type FamilyTracingBox = (typeof FAMILY_TRACING_BOXES)[number];

/** GET /family-tracing-requests (keyset-paged, most due first) */
export interface FamilyTracingListQuery {
  box: FamilyTracingBox;
  status?: FamilyTracingStatus;
  cursor?: string;
  limit?: number;
}

/** POST /cases/:id/returns */
export interface RecordReturnRequest {
  /** ISO date, not in the future */
  returnedOn: string;
  crossingPoint: CrossingPoint;
  escort: ReturnEscort;
  receptionPlace: ReceptionPlace;
  handoverProvinceCode: string;
  /** required when a code is OTHER; encrypted at rest */
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Labels (registered in i18n.ts LABELLED_LISTS)
// ---------------------------------------------------------------------------------------------

export const FAMILY_TRACING_AUDIT_WORDS: LabelMap<
  FamilyTracingEventKind | (typeof FAMILY_TRACING_READ_ACTIONS)[number]
> = {
  FAMILY_TRACING_REQUESTED: { lo: 'ສົ່ງຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວ', en: 'Sent a family tracing request' },
  FAMILY_TRACING_ANSWERED: { lo: 'ຕອບຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວ', en: 'Answered a family tracing request' },
  FAMILY_TRACING_DECLINED: { lo: 'ປະຕິເສດຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວ', en: 'Declined a family tracing request' },
  FAMILY_TRACING_WITHDRAWN: { lo: 'ຖອນຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວ', en: 'Withdrew a family tracing request' },
  RETURN_RECORDED: { lo: 'ບັນທຶກການສົ່ງກັບຄືນ', en: 'Recorded the return' },
  FAMILY_TRACING_LISTED: { lo: 'ເບິ່ງລາຍການຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວ', en: 'Listed family tracing requests' },
  FAMILY_TRACING_READ: { lo: 'ເປີດເບິ່ງຄຳຮ້ອງຂໍຊອກຫາຄອບຄົວ', en: 'Opened a family tracing request' },
};

export const FAMILY_TRACING_STATUS_LABELS: LabelMap<FamilyTracingStatus> = {
  REQUESTED: { lo: 'ລໍຖ້າຄຳຕອບ', en: 'Waiting for an answer' },
  ANSWERED: { lo: 'ຕອບແລ້ວ', en: 'Answered' },
  DECLINED: { lo: 'ປະຕິເສດແລ້ວ', en: 'Declined' },
  WITHDRAWN: { lo: 'ຖອນແລ້ວ', en: 'Withdrawn' },
};

export const FAMILY_TRACING_ACTION_LABELS: LabelMap<FamilyTracingAction> = {
  ANSWER: { lo: 'ຕອບຜົນການຊອກຫາຄອບຄົວ', en: 'Answer' },
  DECLINE: { lo: 'ປະຕິເສດ', en: 'Decline' },
  WITHDRAW: { lo: 'ຖອນຄຳຮ້ອງ', en: 'Withdraw the request' },
};

export const FAMILY_TRACING_ANSWER_LABELS: LabelMap<FamilyTracingAnswer> = {
  FAMILY_FOUND_RETURN_ADVISED: { lo: 'ພົບຄອບຄົວ, ແນະນຳໃຫ້ກັບຄືນ', en: 'Family found, return advised' },
  FAMILY_FOUND_RETURN_WITH_SUPPORT: {
    lo: 'ພົບຄອບຄົວ, ກັບຄືນໄດ້ພ້ອມການຊ່ວຍເຫຼືອ',
    en: 'Family found, return with support',
  },
  FAMILY_FOUND_RETURN_NOT_ADVISED: { lo: 'ພົບຄອບຄົວ, ບໍ່ແນະນຳໃຫ້ກັບຄືນ', en: 'Family found, return not advised' },
  FAMILY_NOT_FOUND: { lo: 'ບໍ່ພົບຄອບຄົວ', en: 'Family not found' },
};

export const FAMILY_TRACING_BOX_LABELS: LabelMap<FamilyTracingBox> = {
  incoming: { lo: 'ຂໍມາຫາຫ້ອງການຂອງພວກເຮົາ', en: 'Asked of our office' },
  outgoing: { lo: 'ພວກເຮົາສົ່ງໄປ', en: 'Sent by us' },
};

export const CROSSING_POINT_LABELS: LabelMap<CrossingPoint> = {
  FRIENDSHIP_BRIDGE_1_VIENTIANE: {
    lo: 'ຂົວມິດຕະພາບ 1 ນະຄອນຫຼວງວຽງຈັນ–ໜອງຄາຍ',
    en: 'Friendship Bridge I, Vientiane–Nong Khai',
  },
  FRIENDSHIP_BRIDGE_2_SAVANNAKHET: {
    lo: 'ຂົວມິດຕະພາບ 2 ສະຫວັນນະເຂດ–ມຸກດາຫານ',
    en: 'Friendship Bridge II, Savannakhet–Mukdahan',
  },
  FRIENDSHIP_BRIDGE_3_THAKHEK: {
    lo: 'ຂົວມິດຕະພາບ 3 ທ່າແຂກ–ນະຄອນພະນົມ',
    en: 'Friendship Bridge III, Thakhek–Nakhon Phanom',
  },
  FRIENDSHIP_BRIDGE_4_HUAY_XAI: {
    lo: 'ຂົວມິດຕະພາບ 4 ຫ້ວຍຊາຍ–ຊຽງຂອງ',
    en: 'Friendship Bridge IV, Huay Xai–Chiang Khong',
  },
  VANGTAO_CHONGMEK: { lo: 'ດ່ານວັງເຕົ່າ–ຊ່ອງເມັກ', en: 'Vangtao–Chong Mek' },
  BOTEN_MOHAN: { lo: 'ດ່ານບໍ່ເຕັນ–ບໍ່ຫານ', en: 'Boten–Mohan' },
  WATTAY_AIRPORT: { lo: 'ສະໜາມບິນສາກົນວັດໄຕ', en: 'Wattay International Airport' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const RETURN_ESCORT_LABELS: LabelMap<ReturnEscort> = {
  MOLSW: { lo: 'ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ', en: 'Ministry of Labour and Social Welfare' },
  MOPS_ATD: { lo: 'ກົມຕຳຫຼວດຕ້ານການຄ້າມະນຸດ', en: 'Anti-Trafficking Department (police)' },
  MOPS_IMMIGRATION: { lo: 'ຕຳຫຼວດກວດຄົນເຂົ້າ-ອອກເມືອງ', en: 'Immigration police' },
  LWU: { lo: 'ສະຫະພັນແມ່ຍິງລາວ', en: "Lao Women's Union" },
  IOM: { lo: 'ອົງການສາກົນເພື່ອການເຄື່ອນຍ້າຍຖິ່ນຖານ (IOM)', en: 'IOM' },
  NGO: { lo: 'ອົງການຈັດຕັ້ງທີ່ບໍ່ຂຶ້ນກັບລັດ', en: 'NGO' },
  HOST_COUNTRY_AGENCY: { lo: 'ອົງການຂອງປະເທດປາຍທາງ', en: 'Agency of the former host country' },
  FAMILY: { lo: 'ຄອບຄົວ', en: 'Family' },
  NONE: { lo: 'ບໍ່ມີຜູ້ນຳສົ່ງ', en: 'No escort' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const RECEPTION_PLACE_LABELS: LabelMap<ReceptionPlace> = {
  VIENTIANE_TRANSIT_CENTER: { lo: 'ສູນຮັບ-ສົ່ງ ນະຄອນຫຼວງວຽງຈັນ', en: 'Vientiane Transit Center' },
  PROVINCIAL_SOCIAL_WELFARE_OFFICE: {
    lo: 'ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມແຂວງ',
    en: 'Provincial social welfare office',
  },
  LWU_CENTRE: {
    lo: 'ສູນໃຫ້ຄຳປຶກສາ ແລະ ປົກປ້ອງແມ່ຍິງ ແລະ ເດັກ',
    en: 'LWU Counselling and Protection Centre',
  },
  NGO_SHELTER: { lo: 'ສູນພັກພິງຂອງອົງການຈັດຕັ້ງທີ່ບໍ່ຂຶ້ນກັບລັດ', en: 'NGO shelter' },
  FAMILY_HOME: { lo: 'ເຮືອນຄອບຄົວ', en: 'Family home' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

/** The lists above, for i18n.ts LABELLED_LISTS (every code labelled, no label without a code). */
export const FAMILY_TRACING_LABELLED_LISTS: readonly {
  name: string;
  codes: readonly string[];
  labels: Readonly<Record<string, Label>>;
}[] = [
  { name: 'FAMILY_TRACING_STATUSES', codes: FAMILY_TRACING_STATUSES, labels: FAMILY_TRACING_STATUS_LABELS },
  { name: 'FAMILY_TRACING_ACTIONS', codes: FAMILY_TRACING_ACTIONS, labels: FAMILY_TRACING_ACTION_LABELS },
  { name: 'FAMILY_TRACING_ANSWERS', codes: FAMILY_TRACING_ANSWERS, labels: FAMILY_TRACING_ANSWER_LABELS },
  { name: 'FAMILY_TRACING_BOXES', codes: FAMILY_TRACING_BOXES, labels: FAMILY_TRACING_BOX_LABELS },
  { name: 'CROSSING_POINTS', codes: CROSSING_POINTS, labels: CROSSING_POINT_LABELS },
  { name: 'RETURN_ESCORTS', codes: RETURN_ESCORTS, labels: RETURN_ESCORT_LABELS },
  { name: 'RECEPTION_PLACES', codes: RECEPTION_PLACES, labels: RECEPTION_PLACE_LABELS },
];
