/**
 * Follow-up visits and reintegration monitoring (issue 15 item 2, docs/decisions/0032-follow-up-visits.md):
 * the codes of a visit or contact, and the reintegration assessment as scored items at the three
 * levels of HTCDS v2.0 "Assessment and planning" (individual, household, community), with the pure
 * functions that score a level and compare assessments over time. Lao and English labels.
 *
 * Pure TypeScript: used by the API and bundled into the portal.
 */
import type { LabelMap } from './i18n';

/** How the worker met or reached the person. */
export const VISIT_KINDS = ['HOME_VISIT', 'PHONE', 'OFFICE', 'SCHOOL', 'WORKPLACE', 'OTHER'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Whom the worker spoke with (one or more). */
export const VISIT_WITH = [
  'VICTIM',
  'PARENT_GUARDIAN',
  'FAMILY_MEMBER',
  'COMMUNITY_LEADER',
  'EMPLOYER_TEACHER',
  'OTHER',
] as const;
export type VisitWith = (typeof VISIT_WITH)[number];

/** What came of the visit, as a code (the worker's own words go in the encrypted note). */
export const VISIT_OUTCOMES = ['REACHED', 'CONCERN_RAISED', 'NOT_REACHED', 'MOVED_AWAY', 'DECLINED'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export const VISIT_KIND_LABELS: LabelMap<VisitKind> = {
  HOME_VISIT: { lo: 'ຢ້ຽມຢາມເຮືອນ', en: 'Home visit' },
  PHONE: { lo: 'ໂທລະສັບ', en: 'Phone call' },
  OFFICE: { lo: 'ພົບທີ່ຫ້ອງການ', en: 'Office meeting' },
  SCHOOL: { lo: 'ຢ້ຽມຢາມໂຮງຮຽນ', en: 'School visit' },
  WORKPLACE: { lo: 'ຢ້ຽມຢາມບ່ອນເຮັດວຽກ', en: 'Workplace visit' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const VISIT_WITH_LABELS: LabelMap<VisitWith> = {
  VICTIM: { lo: 'ຜູ້ຖືກເຄາະຮ້າຍ', en: 'The victim' },
  PARENT_GUARDIAN: { lo: 'ພໍ່ແມ່ ຫຼື ຜູ້ປົກຄອງ', en: 'Parent or guardian' },
  FAMILY_MEMBER: { lo: 'ສະມາຊິກຄອບຄົວ', en: 'Family member' },
  COMMUNITY_LEADER: { lo: 'ຜູ້ນຳຊຸມຊົນ', en: 'Community leader' },
  EMPLOYER_TEACHER: { lo: 'ນາຍຈ້າງ ຫຼື ຄູ', en: 'Employer or teacher' },
  OTHER: { lo: 'ອື່ນໆ', en: 'Other' },
};

export const VISIT_OUTCOME_LABELS: LabelMap<VisitOutcome> = {
  REACHED: { lo: 'ພົບ ແລະ ໄດ້ລົມກັນ', en: 'Reached' },
  CONCERN_RAISED: { lo: 'ພົບ, ມີບັນຫາທີ່ຕ້ອງຕິດຕາມ', en: 'Reached, concern raised' },
  NOT_REACHED: { lo: 'ບໍ່ພົບ', en: 'Not reached' },
  MOVED_AWAY: { lo: 'ຍ້າຍອອກໄປແລ້ວ', en: 'Moved away' },
  DECLINED: { lo: 'ບໍ່ຍິນຍອມພົບ', en: 'Declined contact' },
};

// ---------------------------------------------------------------------------------------------
// The reintegration assessment
// ---------------------------------------------------------------------------------------------

/** The three levels of HTCDS v2.0 assessment and planning. */
export const ASSESSMENT_LEVELS = ['INDIVIDUAL', 'HOUSEHOLD', 'COMMUNITY'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/**
 * The scored items, per level. Every item is worded so that a higher score is better (safer, more
 * stable): "household violence" is scored as safety from violence in the household.
 */
export const ASSESSMENT_ITEMS = {
  INDIVIDUAL: ['SAFETY', 'PHYSICAL_HEALTH', 'PSYCHOSOCIAL', 'DOCUMENTATION', 'EDUCATION_SKILLS'],
  HOUSEHOLD: ['INCOME', 'FREE_FROM_VIOLENCE', 'FAIR_TREATMENT', 'HOUSING'],
  COMMUNITY: ['LAW_ENFORCEMENT', 'LOCAL_SUPPORT', 'SERVICES_ACCESS', 'ACCEPTANCE'],
} as const satisfies Record<AssessmentLevel, readonly string[]>;
export type AssessmentItem = (typeof ASSESSMENT_ITEMS)[AssessmentLevel][number];

/** Every item, level by level, in form order. */
export const ALL_ASSESSMENT_ITEMS: readonly AssessmentItem[] = ASSESSMENT_LEVELS.flatMap(
  (l) => ASSESSMENT_ITEMS[l] as readonly AssessmentItem[],
);

export function levelOfItem(item: AssessmentItem): AssessmentLevel {
  const level = ASSESSMENT_LEVELS.find((l) => (ASSESSMENT_ITEMS[l] as readonly string[]).includes(item));
  if (!level) throw new Error(`unknown assessment item ${item}`);
  return level;
}

export function isAssessmentItem(v: unknown): v is AssessmentItem {
  return typeof v === 'string' && (ALL_ASSESSMENT_ITEMS as readonly string[]).includes(v);
}

/** The scale of every item: 1 at serious risk … 4 doing well. */
export const ASSESSMENT_SCORES = [1, 2, 3, 4] as const;
export type AssessmentScore = (typeof ASSESSMENT_SCORES)[number];
export const MIN_ASSESSMENT_SCORE = 1;
export const MAX_ASSESSMENT_SCORE = 4;

export function isAssessmentScore(v: unknown): v is AssessmentScore {
  return typeof v === 'number' && Number.isInteger(v) && v >= MIN_ASSESSMENT_SCORE && v <= MAX_ASSESSMENT_SCORE;
}

/** An assessment's answers: an item left out was not assessed this time. */
export type AssessmentScores = Partial<Record<AssessmentItem, AssessmentScore>>;

export const ASSESSMENT_LEVEL_LABELS: LabelMap<AssessmentLevel> = {
  INDIVIDUAL: { lo: 'ບຸກຄົນ', en: 'Individual' },
  HOUSEHOLD: { lo: 'ຄອບຄົວ', en: 'Household' },
  COMMUNITY: { lo: 'ຊຸມຊົນ', en: 'Community' },
};

export const ASSESSMENT_ITEM_LABELS: LabelMap<AssessmentItem> = {
  SAFETY: { lo: 'ຄວາມປອດໄພ', en: 'Safety' },
  PHYSICAL_HEALTH: { lo: 'ສຸຂະພາບຮ່າງກາຍ', en: 'Physical health' },
  PSYCHOSOCIAL: { lo: 'ສະພາບຈິດໃຈ ແລະ ສັງຄົມ', en: 'Psychosocial wellbeing' },
  DOCUMENTATION: { lo: 'ເອກະສານປະຈຳຕົວ', en: 'Identity documents' },
  EDUCATION_SKILLS: { lo: 'ການສຶກສາ ແລະ ທັກສະອາຊີບ', en: 'Education and skills' },
  INCOME: { lo: 'ລາຍຮັບຂອງຄອບຄົວ', en: 'Household income' },
  FREE_FROM_VIOLENCE: { lo: 'ບໍ່ມີຄວາມຮຸນແຮງໃນຄອບຄົວ', en: 'Free from violence or abuse at home' },
  FAIR_TREATMENT: { lo: 'ບໍ່ຖືກຈຳແນກໃນຄອບຄົວ', en: 'No discrimination in the household' },
  HOUSING: { lo: 'ທີ່ຢູ່ອາໄສ', en: 'Housing' },
  LAW_ENFORCEMENT: { lo: 'ການເຂົ້າເຖິງເຈົ້າໜ້າທີ່ບັງຄັບໃຊ້ກົດໝາຍ', en: 'Access to law enforcement' },
  LOCAL_SUPPORT: { lo: 'ການຊ່ວຍເຫຼືອຈາກອຳນາດການປົກຄອງບ້ານ', en: 'Local governance and support' },
  SERVICES_ACCESS: { lo: 'ການເຂົ້າເຖິງການສຶກສາ ແລະ ບໍລິການ', en: 'Access to education and services' },
  ACCEPTANCE: { lo: 'ການຍອມຮັບຈາກຊຸມຊົນ (ບໍ່ມີການຕີກາ)', en: 'Community acceptance (no stigma)' },
};

export const ASSESSMENT_SCORE_LABELS: Readonly<Record<AssessmentScore, { lo: string; en: string }>> = {
  1: { lo: 'ມີຄວາມສ່ຽງສູງ', en: 'At serious risk' },
  2: { lo: 'ອ່ອນແອ', en: 'Vulnerable' },
  3: { lo: 'ໝັ້ນຄົງ', en: 'Stable' },
  4: { lo: 'ດີ', en: 'Doing well' },
};

/** One level's score: the mean of its assessed items, to two decimals; null when none was assessed. */
export type LevelScores = Record<AssessmentLevel, number | null>;

export function levelScores(scores: AssessmentScores): LevelScores {
  const out = {} as LevelScores;
  for (const level of ASSESSMENT_LEVELS) {
    const values = (ASSESSMENT_ITEMS[level] as readonly AssessmentItem[])
      .map((i) => scores[i])
      .filter((s): s is AssessmentScore => s !== undefined);
    out[level] = values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null;
  }
  return out;
}

export const TREND_DIRECTIONS = ['UP', 'DOWN', 'SAME'] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];

export interface LevelTrend {
  score: number | null;
  /** the change since the level's last earlier score; null for the first score (or none now) */
  change: number | null;
  direction: TrendDirection | null;
}

export interface TrendPoint<K> {
  key: K;
  assessedOn: string;
  levels: Record<AssessmentLevel, LevelTrend>;
}

/**
 * The trend over assessments: each assessment's level scores and, per level, the change since the
 * previous assessment that scored that level (a level skipped once is compared with the one
 * before). Assessments are taken in date order (the same day: input order).
 */
export function assessmentTrend<K>(
  assessments: readonly { key: K; assessedOn: string; scores: AssessmentScores }[],
): TrendPoint<K>[] {
  const sorted = assessments
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.assessedOn < y.a.assessedOn ? -1 : x.a.assessedOn > y.a.assessedOn ? 1 : x.i - y.i))
    .map((x) => x.a);
  const last: Partial<Record<AssessmentLevel, number>> = {};
  return sorted.map((a) => {
    const now = levelScores(a.scores);
    const levels = {} as Record<AssessmentLevel, LevelTrend>;
    for (const level of ASSESSMENT_LEVELS) {
      const score = now[level];
      const before = last[level];
      if (score === null || before === undefined) {
        levels[level] = { score, change: null, direction: null };
      } else {
        const change = Math.round((score - before) * 100) / 100;
        levels[level] = { score, change, direction: change > 0 ? 'UP' : change < 0 ? 'DOWN' : 'SAME' };
      }
      if (score !== null) last[level] = score;
    }
    return { key: a.key, assessedOn: a.assessedOn, levels };
  });
}

/** Problems of an assessment's scores, by field (`scores.<ITEM>`), for the API's 400 and the portal's form. */
export function assessmentScoreProblems(scores: unknown): { field: string; problems: string[] }[] {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores))
    return [{ field: 'scores', problems: ['must be an object of item codes to scores'] }];
  const out: { field: string; problems: string[] }[] = [];
  const entries = Object.entries(scores as Record<string, unknown>);
  for (const [item, score] of entries) {
    if (!isAssessmentItem(item)) out.push({ field: `scores.${item}`, problems: ['is not an assessment item'] });
    else if (!isAssessmentScore(score))
      out.push({
        field: `scores.${item}`,
        problems: [`must be a whole number from ${MIN_ASSESSMENT_SCORE} to ${MAX_ASSESSMENT_SCORE}`],
      });
  }
  if (entries.length === 0) out.push({ field: 'scores', problems: ['must score at least one item'] });
  return out;
}
