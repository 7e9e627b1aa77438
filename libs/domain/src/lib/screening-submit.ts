/**
 * What a screening must hold before the interviewer may submit it: the minimum a supervisor can act
 * on (issue 17, deliver 1). The API refuses a submission that lacks any of it (409
 * SUBMIT_REQUIREMENTS_MISSING, one detail per gap naming the field); the portal shows the same gaps
 * as the hint next to Submit, so both read this one rule.
 */
import type { Label, LabelMap } from './i18n';
import { indicatorByCode, RECRUITMENT_DIMENSIONS, type IndicatorAnswer } from './indicators';

export const SCREENING_SUBMIT_REQUIREMENTS = [
  'NAME_OR_ALIAS',
  'SEX',
  'AGE_OR_BIRTH_YEAR',
  'RECRUITMENT_ANSWERS',
  'EXPLOITATION_ANSWERS',
  'INTERVIEWER_ASSESSMENT',
] as const;
export type ScreeningSubmitRequirement = (typeof SCREENING_SUBMIT_REQUIREMENTS)[number];

/** The field each requirement is about (where the portal's error summary leads). */
export const SCREENING_SUBMIT_FIELDS: Readonly<Record<ScreeningSubmitRequirement, string>> = {
  NAME_OR_ALIAS: 'bioData.givenNameLo',
  SEX: 'bioData.sex',
  AGE_OR_BIRTH_YEAR: 'bioData.dateOfBirth',
  RECRUITMENT_ANSWERS: 'indicatorAnswers',
  EXPLOITATION_ANSWERS: 'indicatorAnswers',
  INTERVIEWER_ASSESSMENT: 'interviewerAssessment',
};

export const SCREENING_SUBMIT_REQUIREMENT_LABELS: LabelMap<ScreeningSubmitRequirement> = {
  NAME_OR_ALIAS: { lo: 'ຊື່ ຫຼື ຊື່ຫຼິ້ນຂອງຜູ້ຖືກສຳພາດ', en: "the interviewee's name or an alias" },
  SEX: { lo: 'ເພດ', en: 'sex' },
  AGE_OR_BIRTH_YEAR: { lo: 'ອາຍຸ ຫຼື ປີເກີດ', en: 'age or year of birth' },
  RECRUITMENT_ANSWERS: {
    lo: 'ຢ່າງໜ້ອຍໜຶ່ງຄຳຕອບກ່ຽວກັບການຊັກຊວນ (ຕົວຊີ້ວັດ)',
    en: 'at least one answer about the recruitment (indicators)',
  },
  EXPLOITATION_ANSWERS: {
    lo: 'ຢ່າງໜ້ອຍໜຶ່ງຄຳຕອບກ່ຽວກັບສະພາບການຂູດຮີດ (ຕົວຊີ້ວັດ)',
    en: 'at least one answer about the conditions of exploitation (indicators)',
  },
  INTERVIEWER_ASSESSMENT: { lo: 'ການປະເມີນຂອງຜູ້ສຳພາດ', en: "the interviewer's assessment" },
} satisfies Record<ScreeningSubmitRequirement, Label>;

/** The parts of a screening the rule reads (bio-data as the API stores it, answers, assessment). */
export interface SubmitCandidate {
  bioData?: {
    personId?: unknown;
    givenNameLo?: unknown;
    nicknames?: unknown;
    sex?: unknown;
    dateOfBirth?: unknown;
    dobPrecision?: unknown;
    ageAtInterview?: unknown;
    presumedMinor?: unknown;
  } | null;
  indicatorAnswers?: readonly Pick<IndicatorAnswer, 'code' | 'answer'>[] | null;
  interviewerAssessment?: string | null;
}

const filled = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/** The Lao given name, or else the first alias (nickname): what names a person created at approval. */
export function givenNameOrAlias(bio: SubmitCandidate['bioData']): string | null {
  if (!bio) return null;
  if (filled(bio.givenNameLo)) return (bio.givenNameLo as string).trim();
  const alias: unknown = Array.isArray(bio.nicknames) ? bio.nicknames.find(filled) : undefined;
  return typeof alias === 'string' ? alias.trim() : null;
}

/** What is still missing before this screening may be submitted, in interview order; [] when nothing. */
export function screeningSubmitGaps(s: SubmitCandidate): ScreeningSubmitRequirement[] {
  const gaps: ScreeningSubmitRequirement[] = [];
  const bio = s.bioData ?? {};
  // a person linked from the duplicate search already has a name, sex and birth date on record
  if (!filled(bio.personId)) {
    if (givenNameOrAlias(bio) === null) gaps.push('NAME_OR_ALIAS');
    if (!filled(bio.sex) || bio.sex === 'UNKNOWN') gaps.push('SEX');
    const dob = filled(bio.dateOfBirth) && filled(bio.dobPrecision) && bio.dobPrecision !== 'UNKNOWN';
    // a presumed minor whose age nobody knows is an answer too (the child protections apply)
    if (!dob && typeof bio.ageAtInterview !== 'number' && bio.presumedMinor !== true) gaps.push('AGE_OR_BIRTH_YEAR');
  }
  const dims = new Set((s.indicatorAnswers ?? []).map((a) => indicatorByCode(a.code)?.dimension));
  if (!RECRUITMENT_DIMENSIONS.some((d) => dims.has(d))) gaps.push('RECRUITMENT_ANSWERS');
  if (!dims.has('EXPLOITATIVE_CONDITIONS')) gaps.push('EXPLOITATION_ANSWERS');
  if (!filled(s.interviewerAssessment)) gaps.push('INTERVIEWER_ASSESSMENT');
  return gaps;
}
