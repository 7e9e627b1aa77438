import { districtInProvince, isBorderCrossingCode, validateIndicatorAnswers, type IndicatorAnswer } from '@ctms/domain';
import { ValidationFailed } from '../platform/http/errors';
import type { Actor } from '../platform/http/request-context';
import type { ScreeningSectionsDto } from './dto/screening.dto';
import { plain, screeningDateProblemsOf, stableJson } from './screening-rules';
import type { ScreeningRow } from './screening.repository';
import type { ScreeningContent } from './screening-content';

/** The sections of a screening the interviewer saves; a save reports which of them changed. */
export const SECTION_NAMES = [
  'metadata',
  'interpreter',
  'interviewConsent',
  'bioData',
  'recruitment',
  'transit',
  'destinationAndExploitation',
  'exit',
  'needsAndRisks',
  'indicatorAnswers',
  'interviewerAssessment',
  'assessmentRationale',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

const CONTENT_SECTIONS = [
  'interpreter',
  'bioData',
  'recruitment',
  'transit',
  'destinationAndExploitation',
  'exit',
  'needsAndRisks',
] as const;

/** The decrypted, editable state of a screening: what a save computes from and writes back. */
export interface Working {
  provinceCode: string;
  district: string | null;
  facilityType: string | null;
  crossingPoint: string | null;
  referralSource: string | null;
  interviewAt: string | null;
  interviewLanguage: string | null;
  interviewConsent: Record<string, string>;
  content: ScreeningContent;
  indicators: IndicatorAnswer[];
  interviewerAssessment: string | null;
}

export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** A new draft's state: only the province. */
export function emptyWorking(provinceCode: string): Working {
  return {
    provinceCode,
    district: null,
    facilityType: null,
    crossingPoint: null,
    referralSource: null,
    interviewAt: null,
    interviewLanguage: null,
    interviewConsent: {},
    content: {},
    indicators: [],
    interviewerAssessment: null,
  };
}

/** The state of a stored screening, from its row and its decrypted content and indicators. */
export function workingOf(row: ScreeningRow, content: ScreeningContent, indicators: IndicatorAnswer[]): Working {
  return {
    provinceCode: row.province_code,
    district: row.district,
    facilityType: row.facility_type,
    crossingPoint: row.crossing_point,
    referralSource: row.referral_source,
    interviewAt: iso(row.interview_at),
    interviewLanguage: row.interview_language,
    interviewConsent: row.interview_consent ?? {},
    content: legacyCrossingPointsMoved(content),
    indicators,
    interviewerAssessment: row.interviewer_assessment,
  };
}

/**
 * Applies the sections sent to the current state: a section sent replaces that section, a section
 * left out stays, null clears it. Returns the names of the sections that really changed.
 */
export function applySections(
  current: Working,
  dto: ScreeningSectionsDto,
  actor: Actor,
): { next: Working; changed: SectionName[] } {
  const next: Working = {
    ...current,
    content: { ...current.content },
    interviewConsent: { ...current.interviewConsent },
  };
  const before = sectionsOf(current);
  if (dto.metadata !== undefined) {
    const md = plain(dto.metadata) ?? {};
    if (md.provinceCode !== undefined && md.provinceCode !== null) {
      if (!actor.allProvinces && !actor.provinces.includes(md.provinceCode)) {
        throw new ValidationFailed([{ field: 'metadata.provinceCode', problems: ['is outside your province scope'] }]);
      }
      next.provinceCode = md.provinceCode;
    }
    next.district = md.district ?? null;
    if (next.district !== null && !districtInProvince(next.district, next.provinceCode)) {
      throw new ValidationFailed([
        { field: 'metadata.district', problems: ['must be a district of metadata.provinceCode'] },
      ]);
    }
    next.facilityType = md.facilityType ?? null;
    next.crossingPoint = md.crossingPoint ?? null;
    next.referralSource = md.referralSource ?? null;
    next.interviewAt = md.interviewAt ? new Date(md.interviewAt).toISOString() : null;
    next.interviewLanguage = md.interviewLanguage ?? null;
    const extra = {
      othersPresent: md.othersPresent,
      preferredInterviewerGender: md.preferredInterviewerGender,
      preferredInterviewerGenderHonoured: md.preferredInterviewerGenderHonoured,
      crossingPointDetail: md.crossingPointDetail,
      districtDetail: md.districtDetail,
    };
    next.content.metadataExtra = plain(extra);
  }
  if (dto.interviewConsent !== undefined) next.interviewConsent = { ...(plain(dto.interviewConsent) ?? {}) };
  for (const s of CONTENT_SECTIONS) {
    const v = dto[s];
    if (v === undefined) continue;
    if (v === null) delete next.content[s];
    else (next.content as Record<string, unknown>)[s] = plain(v);
  }
  if (dto.indicatorAnswers !== undefined) {
    const answers = plain(dto.indicatorAnswers) ?? [];
    const problems = validateIndicatorAnswers(answers);
    if (problems.length) throw new ValidationFailed([{ field: 'indicatorAnswers', problems }]);
    next.indicators = answers;
  }
  if (dto.interviewerAssessment !== undefined) next.interviewerAssessment = dto.interviewerAssessment;
  if (dto.assessmentRationale !== undefined) {
    if (dto.assessmentRationale === null) delete next.content.assessmentRationale;
    else next.content.assessmentRationale = dto.assessmentRationale;
  }
  const dateProblems = screeningDateProblemsOf(next.content, next.interviewAt);
  if (dateProblems.length) throw new ValidationFailed(dateProblems);
  const after = sectionsOf(next);
  const changed = SECTION_NAMES.filter((s) => stableJson(before[s]) !== stableJson(after[s]));
  return { next, changed };
}

function sectionsOf(w: Working): Record<SectionName, unknown> {
  return {
    metadata: [
      w.provinceCode,
      w.district,
      w.facilityType,
      w.crossingPoint,
      w.referralSource,
      w.interviewAt,
      w.interviewLanguage,
      w.content.metadataExtra ?? null,
    ],
    interpreter: w.content.interpreter ?? null,
    interviewConsent: w.interviewConsent,
    bioData: w.content.bioData ?? null,
    recruitment: w.content.recruitment ?? null,
    transit: w.content.transit ?? null,
    destinationAndExploitation: w.content.destinationAndExploitation ?? null,
    exit: w.content.exit ?? null,
    needsAndRisks: w.content.needsAndRisks ?? null,
    indicatorAnswers: w.indicators,
    interviewerAssessment: w.interviewerAssessment,
    assessmentRationale: w.content.assessmentRationale ?? null,
  };
}

/**
 * Transit crossing points were free text before they became codes (decision 0017): an entry that is
 * not a code is moved into `crossingPointsDetail` when read, so that it is shown, kept on the next
 * save and never refused by the code check.
 */
function legacyCrossingPointsMoved(content: ScreeningContent): ScreeningContent {
  const transit = content.transit;
  const points = transit?.crossingPoints;
  if (!transit || !Array.isArray(points) || points.every(isBorderCrossingCode)) return content;
  const codes = points.filter(isBorderCrossingCode);
  const texts = points.filter((p): p is string => typeof p === 'string' && !isBorderCrossingCode(p));
  const detail = [typeof transit.crossingPointsDetail === 'string' ? transit.crossingPointsDetail : '', ...texts]
    .filter((t) => t.trim() !== '')
    .join('\n');
  const next: Record<string, unknown> = { ...transit, crossingPointsDetail: detail };
  if (codes.length) next['crossingPoints'] = codes;
  else delete next['crossingPoints'];
  return { ...content, transit: next };
}
