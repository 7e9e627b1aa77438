/**
 * ILO/EC "Delphi" operational indicators of trafficking in human beings (2009): indicator catalogue,
 * profiles and the indicative assessment.
 *
 * IMPORTANT: the result of {@link assessIndicators} is an INDICATIVE SCREENING RESULT. It is never a
 * legal status and never a formal identification: in Lao PDR only the MoPS Anti-Trafficking
 * Department formally identifies a victim (docs/reference.md "ILO indicators" and "Agencies of Lao PDR"). Every result therefore
 * carries `label: 'INDICATIVE'` and the {@link RULE_VERSION} it was computed with, so that stored
 * results can be re-read (and re-computed) when the rules change.
 *
 * Sources: `../reference/ilo-indicators.json` and docs/reference.md "ILO indicators". The ADULT_LABOUR and CHILD_LABOUR profiles come from that file (secondary
 * synthesis of the ILO lists, tagged [S]). The ADULT_SEXUAL and CHILD_SEXUAL profiles are DERIVED
 * from them with the known differences (unverified: docs/reference.md "ILO indicators") and are flagged
 * `verified: false`; every result computed with them says `profileVerified: false`.
 *
 * Pure TypeScript: no framework, no Node built-ins (this file is bundled into the portal too).
 */
import iloData from '../reference/ilo-indicators.json';
import type { LabelMap } from './i18n';

/** Version of the indicator data + dimension rule + case rules. Stored with every result. */
export const RULE_VERSION = 'ilo-ec-2009/v1';

export const INDICATOR_DIMENSIONS = [
  'DECEPTIVE_RECRUITMENT',
  'COERCIVE_RECRUITMENT',
  'RECRUITMENT_ABUSE_OF_VULNERABILITY',
  'EXPLOITATIVE_CONDITIONS',
  'COERCION_AT_DESTINATION',
  'ABUSE_OF_VULNERABILITY_AT_DESTINATION',
] as const;
export type IndicatorDimension = (typeof INDICATOR_DIMENSIONS)[number];
export const INDICATOR_DIMENSION_LABELS: LabelMap<IndicatorDimension> = {
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

/** The three recruitment dimensions (Palermo "means" during recruitment, transfer and transport). */
export const RECRUITMENT_DIMENSIONS: readonly IndicatorDimension[] = [
  'DECEPTIVE_RECRUITMENT',
  'COERCIVE_RECRUITMENT',
  'RECRUITMENT_ABUSE_OF_VULNERABILITY',
];
/** The two dimensions that show the means kept up at destination. */
export const DESTINATION_MEANS_DIMENSIONS: readonly IndicatorDimension[] = [
  'COERCION_AT_DESTINATION',
  'ABUSE_OF_VULNERABILITY_AT_DESTINATION',
];

export const INDICATOR_STRENGTHS = ['STRONG', 'MEDIUM', 'WEAK'] as const;
export type IndicatorStrength = (typeof INDICATOR_STRENGTHS)[number];
export const INDICATOR_STRENGTH_LABELS: LabelMap<IndicatorStrength> = {
  STRONG: { lo: 'ເຂັ້ມ', en: 'Strong' },
  MEDIUM: { lo: 'ປານກາງ', en: 'Medium' },
  WEAK: { lo: 'ອ່ອນ', en: 'Weak' },
};

export const INDICATOR_ANSWER_VALUES = ['PRESENT', 'ABSENT', 'UNKNOWN'] as const;
/** `UNKNOWN` is never the same as `ABSENT` (docs/reference.md "ILO indicators"); neither counts towards a dimension. */
export type IndicatorAnswerValue = (typeof INDICATOR_ANSWER_VALUES)[number];
export const INDICATOR_ANSWER_LABELS: LabelMap<IndicatorAnswerValue> = {
  PRESENT: { lo: 'ມີ', en: 'Present' },
  ABSENT: { lo: 'ບໍ່ມີ', en: 'Absent' },
  UNKNOWN: { lo: 'ບໍ່ຮູ້', en: 'Unknown' },
};

export const INDICATOR_PROFILES = ['ADULT_LABOUR', 'CHILD_LABOUR', 'ADULT_SEXUAL', 'CHILD_SEXUAL'] as const;
export type IndicatorProfileId = (typeof INDICATOR_PROFILES)[number];
export const INDICATOR_PROFILE_LABELS: LabelMap<IndicatorProfileId> = {
  ADULT_LABOUR: { lo: 'ຜູ້ໃຫຍ່ — ແຮງງານ', en: 'Adult — labour' },
  CHILD_LABOUR: { lo: 'ເດັກ — ແຮງງານ', en: 'Child — labour' },
  ADULT_SEXUAL: { lo: 'ຜູ້ໃຫຍ່ — ທາງເພດ', en: 'Adult — sexual' },
  CHILD_SEXUAL: { lo: 'ເດັກ — ທາງເພດ', en: 'Child — sexual' },
};

export type IndicatorExploitation = 'LABOUR' | 'SEXUAL';

/** Which case-level rule a profile uses. */
export type CaseRule = 'ADULT' | 'CHILD';

export const INDICATIVE_RESULTS = ['POSSIBLE_VICTIM', 'INDICATORS_NOT_MET'] as const;
export type IndicativeResult = (typeof INDICATIVE_RESULTS)[number];
export const INDICATIVE_RESULT_LABELS: LabelMap<IndicativeResult> = {
  POSSIBLE_VICTIM: { lo: 'ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ', en: 'Possible victim' },
  INDICATORS_NOT_MET: { lo: 'ຕົວຊີ້ວັດຍັງບໍ່ພຽງພໍ', en: 'Indicators not met' },
};

/** One interviewer answer. `evidence` is the free text that supports it (kept as typed). */
export interface IndicatorAnswer {
  code: string;
  answer: IndicatorAnswerValue;
  evidence?: string;
}

export interface IndicatorDefinition {
  code: string;
  dimension: IndicatorDimension;
  labelEn: string;
  /** Strength per profile; a profile without an entry does not contain the indicator. */
  strengths: Readonly<Partial<Record<IndicatorProfileId, IndicatorStrength>>>;
  /** Profile-specific English wording (the sexual-exploitation lists reword a few indicators). */
  labelsEn: Readonly<Partial<Record<IndicatorProfileId, string>>>;
  /** Set when the sources disagree on the strength. */
  disputed?: string;
}

export interface IndicatorProfile {
  id: IndicatorProfileId;
  caseRule: CaseRule;
  exploitation: IndicatorExploitation;
  /** false for profiles derived from recollection (docs/reference.md "ILO indicators"). */
  verified: boolean;
  source: string;
}

// ---------------------------------------------------------------------------------------------
// Loading the JSON (validated once, at module load: a malformed file fails loudly, not silently).

interface RawIndicator {
  code: string;
  dimension: string;
  label_en: string;
  strength: Partial<Record<string, string>>;
  disputed?: string;
}

function isStrength(v: unknown): v is IndicatorStrength {
  return typeof v === 'string' && (INDICATOR_STRENGTHS as readonly string[]).includes(v);
}
function isDimension(v: unknown): v is IndicatorDimension {
  return typeof v === 'string' && (INDICATOR_DIMENSIONS as readonly string[]).includes(v);
}

function loadVerified(raw: readonly RawIndicator[]): IndicatorDefinition[] {
  const seen = new Set<string>();
  return raw.map((r) => {
    if (seen.has(r.code)) throw new Error(`ilo-indicators.json: duplicate code ${r.code}`);
    seen.add(r.code);
    if (!isDimension(r.dimension))
      throw new Error(`ilo-indicators.json: ${r.code} has unknown dimension ${r.dimension}`);
    const strengths: Partial<Record<IndicatorProfileId, IndicatorStrength>> = {};
    for (const p of ['ADULT_LABOUR', 'CHILD_LABOUR'] as const) {
      const s = r.strength[p];
      if (s === undefined) continue;
      if (!isStrength(s)) throw new Error(`ilo-indicators.json: ${r.code} has bad ${p} strength ${String(s)}`);
      strengths[p] = s;
    }
    if (strengths.ADULT_LABOUR === undefined)
      throw new Error(`ilo-indicators.json: ${r.code} has no ADULT_LABOUR strength`);
    const def: IndicatorDefinition = {
      code: r.code,
      dimension: r.dimension,
      labelEn: r.label_en,
      strengths,
      labelsEn: {},
    };
    if (r.disputed !== undefined) def.disputed = r.disputed;
    return def;
  });
}

/**
 * Derivation of the unverified sexual-exploitation profiles (docs/reference.md "ILO indicators").
 *
 * ADULT_SEXUAL = ADULT_LABOUR strengths, then:
 *   DR01 reworded ("…nature of the job or location", STRONG); DR03 reworded ("…conditions of
 *   prostitution", MEDIUM); CR03 STRONG; CD07 "Forced tasks or clients" STRONG [S]; CD05 "Threats of
 *   violence against victim" STRONG [U]; EX01 MEDIUM so EXPLOITATIVE_CONDITIONS has no STRONG
 *   indicator [S]; CD15 MEDIUM [U]; AD07 MEDIUM [U].
 * CHILD_SEXUAL = CHILD_LABOUR strengths (so RV08 and EX08 are absent), the same wording changes,
 *   CD07 STRONG and EX06 "Hazardous work" STRONG [S].
 */
const SEXUAL_LABELS: Readonly<Record<string, string>> = {
  DR01: 'Deceived about the nature of the job or location',
  DR03: 'Deceived about conditions of prostitution',
};
const ADULT_SEXUAL_OVERRIDES: Readonly<Record<string, IndicatorStrength>> = {
  DR01: 'STRONG',
  DR03: 'MEDIUM',
  CR03: 'STRONG',
  CD07: 'STRONG',
  CD05: 'STRONG',
  EX01: 'MEDIUM',
  CD15: 'MEDIUM',
  AD07: 'MEDIUM',
};
const CHILD_SEXUAL_OVERRIDES: Readonly<Record<string, IndicatorStrength>> = {
  CD07: 'STRONG',
  EX06: 'STRONG',
};

function derive(defs: IndicatorDefinition[]): IndicatorDefinition[] {
  return defs.map((d) => {
    const strengths = { ...d.strengths };
    const adult = d.strengths.ADULT_LABOUR;
    const child = d.strengths.CHILD_LABOUR;
    if (adult !== undefined) strengths.ADULT_SEXUAL = ADULT_SEXUAL_OVERRIDES[d.code] ?? adult;
    if (child !== undefined) strengths.CHILD_SEXUAL = CHILD_SEXUAL_OVERRIDES[d.code] ?? child;
    const sexualLabel = SEXUAL_LABELS[d.code];
    const labelsEn = sexualLabel === undefined ? {} : { ADULT_SEXUAL: sexualLabel, CHILD_SEXUAL: sexualLabel };
    return { ...d, strengths, labelsEn };
  });
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** Where the indicator data came from (the JSON's own `source` note). */
export const ILO_INDICATOR_SOURCE: string = iloData.source;

/** All 67 indicators with strengths for the four profiles. Frozen. */
export const ILO_INDICATORS: readonly IndicatorDefinition[] = deepFreeze(
  derive(loadVerified(iloData.indicators as readonly RawIndicator[])),
);

const BY_CODE: ReadonlyMap<string, IndicatorDefinition> = new Map(ILO_INDICATORS.map((d) => [d.code, d]));

export const PROFILES: Readonly<Record<IndicatorProfileId, IndicatorProfile>> = deepFreeze({
  ADULT_LABOUR: {
    id: 'ADULT_LABOUR',
    caseRule: 'ADULT',
    exploitation: 'LABOUR',
    verified: true,
    source: 'ILO/EC 2009 adults / labour exploitation, via secondary synthesis (docs/reference.md "ILO indicators")',
  },
  CHILD_LABOUR: {
    id: 'CHILD_LABOUR',
    caseRule: 'CHILD',
    exploitation: 'LABOUR',
    verified: true,
    source: 'ILO/EC 2009 children / labour exploitation, via secondary synthesis (docs/reference.md "ILO indicators")',
  },
  ADULT_SEXUAL: {
    id: 'ADULT_SEXUAL',
    caseRule: 'ADULT',
    exploitation: 'SEXUAL',
    verified: false,
    source: 'UNVERIFIED: derived from ADULT_LABOUR with the known differences (docs/reference.md "ILO indicators")',
  },
  CHILD_SEXUAL: {
    id: 'CHILD_SEXUAL',
    caseRule: 'CHILD',
    exploitation: 'SEXUAL',
    verified: false,
    source: 'UNVERIFIED: derived from CHILD_LABOUR with the known differences (docs/reference.md "ILO indicators")',
  },
});

/** The indicator definition for a code, or undefined when the code is not in the catalogue. */
export function indicatorByCode(code: string): IndicatorDefinition | undefined {
  return BY_CODE.get(code);
}

/** The indicators that belong to a profile (the child lists have no RV08 and no EX08). */
export function indicatorsForProfile(profile: IndicatorProfileId): IndicatorDefinition[] {
  return ILO_INDICATORS.filter((d) => d.strengths[profile] !== undefined);
}

/** English wording of an indicator in a profile (falls back to the labour wording). */
export function indicatorLabelEn(code: string, profile: IndicatorProfileId): string | undefined {
  const d = BY_CODE.get(code);
  return d === undefined ? undefined : (d.labelsEn[profile] ?? d.labelEn);
}

// ---------------------------------------------------------------------------------------------
// Profile selection

/** Age at which a person stops being a child (Palermo Protocol Art. 3(d): under 18). */
export const ADULT_AGE_YEARS = 18;

export interface ProfileInput {
  /** Age in whole or fractional years, if known (estimated ages are fine). */
  ageYears?: number | null;
  /** The presumed-minor flag: when age is uncertain and the person may be a child, treat as a child. */
  presumedMinor: boolean;
  /** Form of exploitation screened for; defaults to LABOUR. SEXUAL picks an UNVERIFIED profile. */
  exploitation?: IndicatorExploitation;
}

/**
 * Picks the indicator profile. The child profile is chosen when the person is under 18 OR presumed a
 * minor (presumption of minority: a known adult age does not override the flag). An unknown age with
 * no presumption gives the adult profile. Throws on a negative or non-finite age.
 */
export function profileFor(input: ProfileInput): IndicatorProfileId {
  const age = input.ageYears;
  if (age !== undefined && age !== null && (!Number.isFinite(age) || age < 0)) {
    throw new RangeError(`profileFor: invalid ageYears ${String(age)}`);
  }
  const child = input.presumedMinor || (age !== undefined && age !== null && age < ADULT_AGE_YEARS);
  const sexual = input.exploitation === 'SEXUAL';
  if (child) return sexual ? 'CHILD_SEXUAL' : 'CHILD_LABOUR';
  return sexual ? 'ADULT_SEXUAL' : 'ADULT_LABOUR';
}

// ---------------------------------------------------------------------------------------------
// Assessment

export interface DimensionResult {
  positive: boolean;
  /** Counts of PRESENT answers by strength in this profile. */
  strong: number;
  medium: number;
  weak: number;
  /** Codes answered PRESENT (catalogue order). */
  present: string[];
  /** Codes answered UNKNOWN (catalogue order): shown in audit views, never treated as ABSENT. */
  unknown: string[];
}

/**
 * An indicative screening result. NOT a legal status and NOT a formal identification: the label is
 * always 'INDICATIVE'. Store it whole, with `ruleVersion` and `profile`.
 */
export interface IndicatorAssessment {
  ruleVersion: string;
  profile: IndicatorProfileId;
  /** false when the profile is one of the derived, unverified sexual-exploitation profiles. */
  profileVerified: boolean;
  caseRule: CaseRule;
  dimensions: Record<IndicatorDimension, DimensionResult>;
  indicativeResult: IndicativeResult;
  label: 'INDICATIVE';
  /**
   * Known codes that the chosen profile does not contain (RV08 and EX08 in the child profiles). They
   * are accepted (the answer may have been recorded before the age was known) but not counted.
   */
  notInProfile: string[];
}

export class IndicatorAnswerError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid indicator answers: ${problems.join('; ')}`);
    this.name = 'IndicatorAnswerError';
  }
}

/**
 * Checks a set of answers without throwing. Returns one message per problem (empty when valid):
 * unknown indicator codes, answer values other than PRESENT/ABSENT/UNKNOWN, codes answered twice,
 * evidence that is not a string.
 */
export function validateIndicatorAnswers(answers: readonly IndicatorAnswer[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const a of answers) {
    const code = (a as { code?: unknown }).code;
    if (typeof code !== 'string' || !BY_CODE.has(code)) {
      problems.push(`unknown indicator code: ${String(code)}`);
      continue;
    }
    if (seen.has(code)) problems.push(`indicator answered more than once: ${code}`);
    seen.add(code);
    if (!(INDICATOR_ANSWER_VALUES as readonly unknown[]).includes(a.answer)) {
      problems.push(`invalid answer for ${code}: ${String(a.answer)}`);
    }
    if (a.evidence !== undefined && typeof a.evidence !== 'string') {
      problems.push(`evidence for ${code} must be text`);
    }
  }
  return problems;
}

/**
 * The ILO/EC dimension rule: a dimension is positive when its PRESENT answers include
 * 2 strong; or 1 strong + 1 medium or weak; or 3 medium; or 2 medium + 1 weak.
 * So weak indicators alone, or 1 medium + any number of weak, never make a dimension positive.
 */
export function isDimensionPositive(counts: { strong: number; medium: number; weak: number }): boolean {
  const { strong, medium, weak } = counts;
  return strong >= 2 || (strong >= 1 && medium + weak >= 1) || medium >= 3 || (medium >= 2 && weak >= 1);
}

/**
 * The case rules from ilo-indicators.json:
 *  ADULT: (DECEPTIVE_RECRUITMENT or COERCIVE_RECRUITMENT or RECRUITMENT_ABUSE_OF_VULNERABILITY)
 *         and EXPLOITATIVE_CONDITIONS and (COERCION_AT_DESTINATION or ABUSE_OF_VULNERABILITY_AT_DESTINATION)
 *  CHILD: (any recruitment dimension positive) and EXPLOITATIVE_CONDITIONS; means at destination are
 *         not required for children.
 */
export function caseRuleMet(rule: CaseRule, positive: (d: IndicatorDimension) => boolean): boolean {
  const recruitment = RECRUITMENT_DIMENSIONS.some(positive);
  const exploitation = positive('EXPLOITATIVE_CONDITIONS');
  if (rule === 'CHILD') return recruitment && exploitation;
  return recruitment && exploitation && DESTINATION_MEANS_DIMENSIONS.some(positive);
}

/**
 * Assesses indicator answers against a profile and returns an INDICATIVE screening result (never a
 * legal status; formal identification is a separate, human decision by the competent authority).
 *
 * Only PRESENT answers count; ABSENT and UNKNOWN never do. Codes that are known but not part of the
 * profile are listed in `notInProfile` and not counted.
 *
 * Error handling: invalid input (see {@link validateIndicatorAnswers}: unknown codes, bad answer
 * values, duplicate codes) THROWS an {@link IndicatorAnswerError} listing every problem. Call
 * `validateIndicatorAnswers` first for a non-throwing check (e.g. in a form).
 */
export function assessIndicators(
  answers: readonly IndicatorAnswer[],
  profile: IndicatorProfileId,
): IndicatorAssessment {
  const prof = (PROFILES as Partial<Record<string, IndicatorProfile>>)[profile];
  if (prof === undefined) throw new IndicatorAnswerError([`unknown profile: ${String(profile)}`]);
  const problems = validateIndicatorAnswers(answers);
  if (problems.length > 0) throw new IndicatorAnswerError(problems);

  const byCode = new Map(answers.map((a) => [a.code, a.answer]));
  const dimensions = {} as Record<IndicatorDimension, DimensionResult>;
  for (const d of INDICATOR_DIMENSIONS) {
    dimensions[d] = { positive: false, strong: 0, medium: 0, weak: 0, present: [], unknown: [] };
  }
  const notInProfile: string[] = [];
  for (const def of ILO_INDICATORS) {
    const answer = byCode.get(def.code);
    if (answer === undefined) continue;
    const strength = def.strengths[profile];
    if (strength === undefined) {
      notInProfile.push(def.code);
      continue;
    }
    const dim = dimensions[def.dimension];
    if (answer === 'UNKNOWN') dim.unknown.push(def.code);
    if (answer !== 'PRESENT') continue;
    dim.present.push(def.code);
    if (strength === 'STRONG') dim.strong++;
    else if (strength === 'MEDIUM') dim.medium++;
    else dim.weak++;
  }
  for (const d of INDICATOR_DIMENSIONS) dimensions[d].positive = isDimensionPositive(dimensions[d]);

  const met = caseRuleMet(prof.caseRule, (d) => dimensions[d].positive);
  return {
    ruleVersion: RULE_VERSION,
    profile,
    profileVerified: prof.verified,
    caseRule: prof.caseRule,
    dimensions,
    indicativeResult: met ? 'POSSIBLE_VICTIM' : 'INDICATORS_NOT_MET',
    label: 'INDICATIVE',
    notInProfile,
  };
}

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
