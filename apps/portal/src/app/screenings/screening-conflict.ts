import type { IndicatorAnswer } from '@ctms/domain';
import { clean, type Draft, type SectionId } from './screening.logic';
import type { Rec } from './screenings.api';

/*
 * A 409 on a screening save (the copy on the server moved on: the same interviewer in another tab
 * or device) no longer drops the edits made here (issue 17 item 7). Three copies are compared:
 * `base` (the server copy the edits were made on), `mine` (this device) and `theirs` (the server
 * now), field by field in the sections still unsaved here:
 *  - changed only here: kept;
 *  - changed only there: taken;
 *  - changed on both sides to different values: a conflict, which the caseworker settles per field,
 *    seeing both values side by side.
 * Fields are a section's own keys (`recruitment.promisedJob`), one indicator's answer
 * (`indicatorAnswers.DR01`), or the whole section for the assessment and its rationale.
 */

export interface FieldConflict {
  path: string;
  section: SectionId;
  mine: unknown;
  theirs: unknown;
}

export interface Merge {
  /** the server copy with every field only changed here laid over it */
  draft: Draft;
  conflicts: FieldConflict[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(clean(a) ?? null) === JSON.stringify(clean(b) ?? null);

type Fields = Map<string, unknown>;

function fieldsOf(draft: Draft, section: SectionId): Fields {
  const out: Fields = new Map();
  if (section === 'indicatorAnswers') {
    for (const a of draft.indicatorAnswers) out.set(`indicatorAnswers.${a.code}`, a);
  } else if (section === 'interviewerAssessment' || section === 'assessmentRationale') {
    out.set(section, draft[section]);
  } else {
    for (const [k, v] of Object.entries(draft[section] ?? {})) out.set(`${section}.${k}`, v);
  }
  return out;
}

/** Writes one field's value into a draft (undefined removes it). */
export function setField(draft: Draft, section: SectionId, path: string, value: unknown): void {
  if (section === 'indicatorAnswers') {
    const code = path.slice('indicatorAnswers.'.length);
    const rest = draft.indicatorAnswers.filter((a) => a.code !== code);
    draft.indicatorAnswers = value === undefined ? rest : [...rest, value as IndicatorAnswer];
  } else if (section === 'interviewerAssessment' || section === 'assessmentRationale') {
    draft[section] = typeof value === 'string' ? value : null;
  } else {
    const key = path.slice(section.length + 1);
    const rec: Rec = { ...(draft[section] ?? {}) };
    if (value === undefined) delete rec[key];
    else rec[key] = structuredClone(value);
    draft[section] = rec;
  }
}

/** The three-way merge of the unsaved `sections`: what is settled, and what the caseworker must choose. */
export function mergeDrafts(base: Draft, mine: Draft, theirs: Draft, sections: Iterable<SectionId>): Merge {
  const draft: Draft = structuredClone(theirs);
  const conflicts: FieldConflict[] = [];
  for (const section of sections) {
    const b = fieldsOf(base, section);
    const m = fieldsOf(mine, section);
    const t = fieldsOf(theirs, section);
    for (const path of new Set([...b.keys(), ...m.keys(), ...t.keys()])) {
      const mv = m.get(path);
      const tv = t.get(path);
      const bv = b.get(path);
      if (same(mv, tv) || same(mv, bv)) continue; // nothing changed here, or both sides agree: theirs
      if (same(tv, bv))
        setField(draft, section, path, mv); // changed only here: mine
      else conflicts.push({ path, section, mine: mv, theirs: tv });
    }
  }
  return { draft, conflicts };
}

/** The merged draft with the caseworker's choices applied: `keepMine` holds the paths where this device's value wins. */
export function settle(merge: Merge, keepMine: ReadonlySet<string>): Draft {
  const out = structuredClone(merge.draft);
  for (const c of merge.conflicts) if (keepMine.has(c.path)) setField(out, c.section, c.path, c.mine);
  return out;
}
