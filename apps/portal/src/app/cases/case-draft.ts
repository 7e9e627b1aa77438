import { FormBuilder } from '@angular/forms';
import type { CaseDetailView, UpdateCaseRequest } from '@ctms/domain';

/** The parts of the case record that are edited one at a time. */
export const RECORD_SECTIONS = [
  'overview',
  'exploitation',
  'perpetrators',
  'health',
  'contact',
  'legal',
  'plan',
] as const;
export type RecordSection = (typeof RECORD_SECTIONS)[number];

export interface JourneyDraft {
  stage: string;
  place: string;
  date: string;
  description: string;
}
export interface PerpetratorDraft {
  role: string;
  relationToVictim: string;
  description: string;
}

/** Everything editable, as plain form values (strings, never null). */
export interface CaseDraft {
  exploitationTypes: string[];
  destinationCountries: string;
  riskLevel: string;
  needs: string[];
  narrative: string;
  meansOfControl: string[];
  journeyEvents: JourneyDraft[];
  perpetrators: PerpetratorDraft[];
  health: { medical: string; psychological: string; notes: string };
  contact: { currentShelter: string; safeContact: string; notes: string };
  legal: { willingToTestify: string; notes: string };
  plan: { types: string[]; objectives: string; actionPlan: string; plannedEndDate: string; actualEndDate: string };
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');

export function draftFromCase(c: CaseDetailView): CaseDraft {
  return {
    exploitationTypes: [...c.exploitationTypes],
    destinationCountries: c.destinationCountries.join(', '),
    riskLevel: s(c.riskLevel),
    needs: [...c.needs],
    narrative: s(c.exploitation?.narrative),
    meansOfControl: [...(c.exploitation?.meansOfControl ?? [])],
    journeyEvents: (c.exploitation?.journeyEvents ?? []).map((e) => ({
      stage: e.stage,
      place: s(e.place),
      date: s(e.date),
      description: s(e.description),
    })),
    perpetrators: (c.perpetrators ?? []).map((p) => ({
      role: p.role,
      relationToVictim: s(p.relationToVictim),
      description: s(p.description),
    })),
    health: { medical: s(c.health?.medical), psychological: s(c.health?.psychological), notes: s(c.health?.notes) },
    contact: {
      currentShelter: s(c.contact?.currentShelter),
      safeContact: s(c.contact?.safeContact),
      notes: s(c.contact?.notes),
    },
    legal: { willingToTestify: s(c.legal?.willingToTestify), notes: s(c.legal?.notes) },
    plan: {
      types: [...(c.plan?.types ?? [])],
      objectives: s(c.plan?.objectives),
      actionPlan: s(c.plan?.actionPlan),
      plannedEndDate: s(c.plan?.plannedEndDate),
      actualEndDate: s(c.plan?.actualEndDate),
    },
  };
}

const fb = new FormBuilder().nonNullable;

export const journeyGroup = (e: JourneyDraft) =>
  fb.group({ stage: e.stage, place: e.place, date: e.date, description: e.description });
export const perpetratorGroup = (p: PerpetratorDraft) =>
  fb.group({ role: p.role, relationToVictim: p.relationToVictim, description: p.description });

/**
 * The record editor's typed reactive form, filled from a draft; `getRawValue()` is a `CaseDraft`
 * again (what `patchFor` takes). Code lists are one control each holding the chosen codes.
 */
export function recordForm(d: CaseDraft) {
  return fb.group({
    exploitationTypes: fb.control(d.exploitationTypes),
    destinationCountries: d.destinationCountries,
    riskLevel: d.riskLevel,
    needs: fb.control(d.needs),
    narrative: d.narrative,
    meansOfControl: fb.control(d.meansOfControl),
    journeyEvents: fb.array(d.journeyEvents.map(journeyGroup)),
    perpetrators: fb.array(d.perpetrators.map(perpetratorGroup)),
    health: fb.group(d.health),
    contact: fb.group(d.contact),
    legal: fb.group(d.legal),
    plan: fb.group({ ...d.plan, types: fb.control(d.plan.types) }),
  });
}
export type RecordForm = ReturnType<typeof recordForm>;

/** Drops blank strings; an object left with nothing becomes null (the API then clears the category). */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> | null {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') {
      if (v.trim()) out[k] = k.endsWith('Date') || k === 'willingToTestify' ? v.trim() : v;
    } else if (Array.isArray(v)) {
      if (v.length) out[k] = v;
    } else if (v !== null && v !== undefined) out[k] = v;
  }
  return Object.keys(out).length ? (out as Partial<T>) : null;
}

/** "th, CN ,,vn" → ["TH", "CN", "VN"] (unique, in order). */
export function parseCountries(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);
  return [...new Set(codes)];
}

/**
 * The PATCH body for one section: only that section's fields are sent, so the others stay as they are.
 * The form holds the codes its pickers offer as strings; the API validates every one (400 naming the field).
 */
export function patchFor(section: RecordSection, d: CaseDraft): UpdateCaseRequest {
  return formPatch(section, d) as UpdateCaseRequest;
}

function formPatch(section: RecordSection, d: CaseDraft) {
  switch (section) {
    case 'overview': {
      const countries = parseCountries(d.destinationCountries);
      return {
        exploitationTypes: d.exploitationTypes.length ? d.exploitationTypes : null,
        destinationCountries: countries.length ? countries : null,
        riskLevel: d.riskLevel || null,
        needs: d.needs.length ? d.needs : null,
      };
    }
    case 'exploitation': {
      const journeyEvents = d.journeyEvents
        .filter((e) => e.stage)
        .map((e) => compact({ stage: e.stage, place: e.place, date: e.date, description: e.description }) ?? {});
      return { exploitation: compact({ narrative: d.narrative, meansOfControl: d.meansOfControl, journeyEvents }) };
    }
    case 'perpetrators': {
      const list = d.perpetrators.filter((p) => p.role).map((p) => compact({ ...p }) ?? {});
      return { perpetrators: list.length ? list : null };
    }
    case 'health':
      return { health: compact({ ...d.health }) };
    case 'contact':
      return { contact: compact({ ...d.contact }) };
    case 'legal':
      return { legal: compact({ ...d.legal }) };
    case 'plan':
      return { plan: compact({ ...d.plan }) };
  }
}
