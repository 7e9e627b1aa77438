import {
  assessIndicators,
  childFacts,
  INDICATOR_DIMENSIONS,
  indicatorsForProfile,
  INTERVIEW_CONSENT_QUESTIONS,
  profileFor,
  validateIndicatorAnswers,
  type ChildFacts,
  type IndicatorAnswer,
  type IndicatorAssessment,
  type IndicatorDefinition,
  type IndicatorDimension,
  type IndicatorProfileId,
  type ScreeningView,
} from '@ctms/domain';
import type { Rec } from './screenings.api';

/*
 * The wizard's pure logic: the editable copy of a screening, what a save sends, the live indicative
 * result. No Angular here, so all of it is unit-tested.
 */

/** The object sections of a screening, in interview order. */
export const OBJECT_SECTIONS = [
  'interviewConsent',
  'metadata',
  'interpreter',
  'bioData',
  'recruitment',
  'transit',
  'destinationAndExploitation',
  'exit',
  'needsAndRisks',
] as const;
export type ObjectSection = (typeof OBJECT_SECTIONS)[number];
export type SectionId = ObjectSection | 'indicatorAnswers' | 'interviewerAssessment' | 'assessmentRationale';
export const ALL_SECTIONS: readonly SectionId[] = [
  ...OBJECT_SECTIONS,
  'indicatorAnswers',
  'interviewerAssessment',
  'assessmentRationale',
];

/** The editable copy of a screening: plain JSON, the same shape the API takes. */
export interface Draft {
  interviewConsent: Rec;
  metadata: Rec;
  interpreter: Rec;
  bioData: Rec;
  recruitment: Rec;
  transit: Rec;
  destinationAndExploitation: Rec;
  exit: Rec;
  needsAndRisks: Rec;
  indicatorAnswers: IndicatorAnswer[];
  interviewerAssessment: string | null;
  assessmentRationale: string | null;
}

export function emptyDraft(provinceCode: string): Draft {
  return {
    interviewConsent: {},
    metadata: { provinceCode },
    interpreter: {},
    bioData: {},
    recruitment: {},
    transit: {},
    destinationAndExploitation: {},
    exit: {},
    needsAndRisks: {},
    indicatorAnswers: [],
    interviewerAssessment: null,
    assessmentRationale: null,
  };
}

/**
 * Drops what the API would refuse or what means "nothing": null, undefined, blank strings, empty
 * arrays and empty objects (deeply). Array items are kept in place (an emptied row stays a row so
 * that a 400 on `documents.1.number` still points at the row the user sees).
 */
export function clean(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => clean(x) ?? {});
    return items.length ? items : undefined;
  }
  if (v && typeof v === 'object') {
    const out: Rec = {};
    for (const [k, x] of Object.entries(v as Rec)) {
      const c = clean(x);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' && v.trim() === '') return undefined;
  return v;
}

function rec(v: unknown): Rec {
  const c = clean(v);
  return c && typeof c === 'object' && !Array.isArray(c) ? (c as Rec) : {};
}

/** The editable copy of a server view (read-only and computed fields left out). */
export function draftFromView(view: ScreeningView): Draft {
  const consent = rec(view.interviewConsent);
  delete consent['complete'];
  return {
    interviewConsent: consent,
    metadata: { ...rec(view.metadata), provinceCode: view.metadata.provinceCode },
    interpreter: rec(view.interpreter),
    bioData: rec(view.bioData),
    recruitment: rec(view.recruitment),
    transit: rec(view.transit),
    destinationAndExploitation: rec(view.destinationAndExploitation),
    exit: rec(view.exit),
    needsAndRisks: rec(view.needsAndRisks),
    indicatorAnswers: (view.indicatorAnswers ?? []).map((a) => ({ ...a })),
    interviewerAssessment: view.interviewerAssessment ?? null,
    assessmentRationale: view.assessmentRationale ?? null,
  };
}

/** The body of a save: each named section, cleaned; an emptied section is sent as null (cleared). */
export function sectionsBody(draft: Draft, sections: Iterable<SectionId>): Rec {
  const body: Rec = {};
  for (const s of sections) {
    if (s === 'indicatorAnswers') {
      const answers = draft.indicatorAnswers.map((a) =>
        a.evidence?.trim() ? { ...a, evidence: a.evidence.trim() } : { code: a.code, answer: a.answer },
      );
      body[s] = answers.length ? answers : null;
    } else if (s === 'interviewerAssessment' || s === 'assessmentRationale') {
      body[s] = clean(draft[s]) ?? null;
    } else {
      const c = clean(draft[s]);
      // metadata is never cleared: it carries the province, which decides who may see the screening
      body[s] = c ?? (s === 'metadata' ? { provinceCode: draft.metadata['provinceCode'] } : null);
    }
  }
  return body;
}

/** Local edits laid over a server copy: each section edited on this device replaces the server's. */
export function applySections(draft: Draft, sections: Partial<Draft>): Draft {
  const out: Draft = { ...draft };
  for (const s of ALL_SECTIONS) {
    if (Object.prototype.hasOwnProperty.call(sections, s))
      (out as unknown as Rec)[s] = structuredClone((sections as Rec)[s]);
  }
  return out;
}

export function pickSections(draft: Draft, sections: Iterable<SectionId>): Partial<Draft> {
  const out: Rec = {};
  for (const s of sections) out[s] = structuredClone(draft[s]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Consent

export type ConsentState = 'COMPLETE' | 'UNANSWERED' | 'REFUSED';

/** COMPLETE: all seven YES. REFUSED: any answer other than YES (the interview cannot go on). */
export function consentState(consent: Rec | null | undefined): ConsentState {
  const answers = INTERVIEW_CONSENT_QUESTIONS.map((q) => consent?.[q]);
  if (answers.some((a) => typeof a === 'string' && a !== 'YES')) return 'REFUSED';
  return answers.every((a) => a === 'YES') ? 'COMPLETE' : 'UNANSWERED';
}

// ---------------------------------------------------------------------------------------------
// Age, child, profile, indicative result

/**
 * The child rule (`childFacts` of `@ctms/domain`, the API's own) applied to the draft: at the
 * interview's time when it is entered, else now. Only the bio-data's presumption counts here; the
 * API adds a linked person's.
 */
export function draftChildFacts(draft: Draft, now = new Date()): ChildFacts {
  const at = typeof draft.metadata['interviewAt'] === 'string' ? new Date(draft.metadata['interviewAt']) : null;
  return childFacts(draft.bioData, at, false, now);
}

export function draftProfile(draft: Draft, now = new Date()): IndicatorProfileId {
  const f = draftChildFacts(draft, now);
  return profileFor({ ageYears: f.ageYears, presumedMinor: f.presumedMinor });
}

export interface IndicatorGroup {
  dimension: IndicatorDimension;
  indicators: IndicatorDefinition[];
}

/** Every indicator of the profile, grouped by dimension in catalogue order. */
export function indicatorGroups(profile: IndicatorProfileId): IndicatorGroup[] {
  const all = indicatorsForProfile(profile);
  return INDICATOR_DIMENSIONS.map((dimension) => ({
    dimension,
    indicators: all.filter((d) => d.dimension === dimension),
  })).filter((g) => g.indicators.length > 0);
}

/** The live INDICATIVE result for the answers (invalid answers are left out rather than thrown on). */
export function liveAssessment(answers: readonly IndicatorAnswer[], profile: IndicatorProfileId): IndicatorAssessment {
  const codesOnly = answers.map((a) => ({ code: a.code, answer: a.answer }));
  const valid =
    validateIndicatorAnswers(codesOnly).length === 0
      ? codesOnly
      : codesOnly.filter((a) => validateIndicatorAnswers([a]).length === 0);
  return assessIndicators(valid, profile);
}

/** Sets (or with null, removes) one indicator answer, keeping the evidence unless removed. */
export function setIndicatorAnswer(
  answers: readonly IndicatorAnswer[],
  code: string,
  answer: IndicatorAnswer['answer'] | null,
  evidence?: string,
): IndicatorAnswer[] {
  const rest = answers.filter((a) => a.code !== code);
  if (answer === null) return rest;
  const prev = answers.find((a) => a.code === code);
  const ev = evidence ?? prev?.evidence;
  return [...rest, ev !== undefined ? { code, answer, evidence: ev } : { code, answer }];
}

// ---------------------------------------------------------------------------------------------
// Dates and times: the interview happens in Laos (UTC+07:00 all year, no daylight saving)

const LAO_OFFSET_MS = 7 * 3_600_000;

/** ISO instant → the `datetime-local` value in Lao time ('YYYY-MM-DDTHH:mm'). */
export function toLaoLocalInput(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + LAO_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value, read as Lao time → ISO 8601 with its zone ('…+07:00'); '' → null. */
export function fromLaoLocalInput(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?$/.exec(value);
  return m ? `${m[1]}T${m[2]}:00+07:00` : null;
}

// ---------------------------------------------------------------------------------------------
// Errors

/** 400 details by field path ('bioData.documents.0.number' → problems). */
export function errorsByField(details: readonly { field: string; problems: string[] }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of details) (out[d.field] ??= []).push(...d.problems);
  return out;
}

/** The search input of the duplicate check from the bio-data (null when there is no name to search). */
export function duplicateSearchInput(bio: Rec): { name: string; dateOfBirth?: string; documentNumber?: string } | null {
  const lao = [bio['givenNameLo'], bio['familyNameLo']]
    .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
    .join(' ');
  const latin = Array.isArray(bio['latinNames'])
    ? (bio['latinNames'].find((x) => typeof x === 'string' && x.trim() !== '') as string | undefined)
    : undefined;
  const name = (lao || latin || '').trim();
  if (!name) return null;
  const out: { name: string; dateOfBirth?: string; documentNumber?: string } = { name };
  const dob = bio['dateOfBirth'];
  if (typeof dob === 'string' && /^\d{4}/.test(dob) && bio['dobPrecision'] !== 'UNKNOWN')
    out.dateOfBirth = dob.slice(0, 4);
  const docs = Array.isArray(bio['documents']) ? (bio['documents'] as Rec[]) : [];
  const doc = docs.find((d) => typeof d['number'] === 'string' && d['number'].trim() !== '');
  if (doc) out.documentNumber = (doc['number'] as string).trim();
  return out;
}

/** The section a field path belongs to ('bioData.documents.0.number' → 'bioData'). */
export function sectionOfField(path: string): SectionId {
  return path.split('.')[0] as SectionId;
}

/**
 * A 400 names its fields: the sections sent that hold none of them were valid and may be sent again
 * on their own, so that one bad field never holds back the rest of the interview.
 */
export function splitBySection(
  sent: Iterable<SectionId>,
  details: readonly { field: string }[],
): { invalid: SectionId[]; valid: SectionId[] } {
  const bad = new Set(details.map((d) => sectionOfField(d.field)));
  const all = [...sent];
  // a 400 that names no section we sent (a malformed body) holds everything back
  if (!all.some((s) => bad.has(s))) return { invalid: all, valid: [] };
  return { invalid: all.filter((s) => bad.has(s)), valid: all.filter((s) => !bad.has(s)) };
}
