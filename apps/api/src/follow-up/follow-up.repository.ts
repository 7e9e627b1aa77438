import { Injectable } from '@nestjs/common';
import type { AssessmentScores, VisitKind, VisitOutcome, VisitWith } from '@ctms/domain';
import { followUpCase, followUpRecord, followUpReferralActive, caseLead } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type RowOf } from '../platform/database/table';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/** A visit or contact on a case by one agency: codes plain, the place and the worker's words encrypted (decision 0032). */
export const followUpVisitTable = table('follow_up_visit', {
  id: col('uuid'),
  case_id: col('uuid'),
  agency_id: col('uuid'),
  recorded_by_id: col('uuid'),
  visited_on: col('date'),
  kind: col('varchar').of<VisitKind>(),
  with_whom: col('_text').of<VisitWith[]>(),
  outcome: col('varchar').of<VisitOutcome>(),
  /** JSON {provinceCode, districtCode} (CONTACT_LOCATION), bound to (follow_up_visit, place_enc, id) */
  place_enc: col('text'),
  outcome_note_enc: col('text').nullable(),
  next_visit_due: col('date').nullable(),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
  version: col('int4'),
});

/** A reintegration assessment by one agency: its scores and notes encrypted (HEALTH). */
export const reintegrationAssessmentTable = table('reintegration_assessment', {
  id: col('uuid'),
  case_id: col('uuid'),
  agency_id: col('uuid'),
  recorded_by_id: col('uuid'),
  assessed_on: col('date'),
  visit_id: col('uuid').nullable(),
  scores_enc: col('text'),
  notes_enc: col('text').nullable(),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
  version: col('int4'),
});

/** Who wrote a record: joined for the views. */
type Author = { agency_code: string; recorded_by_username: string | null; recorded_by_display_name: string | null };
export type VisitRow = RowOf<typeof followUpVisitTable> & Author & { overdue: boolean } & KeysetRow;
export type AssessmentRow = RowOf<typeof reintegrationAssessmentTable> & Author & KeysetRow;

/** The case as the follow-up sees it: the facts the editor rule reads, and the caller's relation. */
export type FollowUpCaseRow = {
  id: string;
  status: string;
  province_code: string;
  lead_agency_id: string;
  assigned_to_id: string | null;
  relation: 'LEAD_AGENCY' | 'REFERRAL_ACTIVE' | 'REFERRAL_COMPLETED';
};

/** What a visit's writer gives, in plaintext (the repository encrypts). */
export interface VisitInput {
  visitedOn: string;
  provinceCode: string;
  districtCode: string | null;
  kind: VisitKind;
  withWhom: VisitWith[];
  outcome: VisitOutcome;
  outcomeNote: string | null;
  nextVisitDue: string | null;
}

export interface AssessmentInput {
  assessedOn: string;
  visitId: string | null;
  scores: AssessmentScores;
  notes: string | null;
}

export const visitKeyset = keyset('v.created_at', 'v.id');
export const assessmentKeyset = keyset('x.created_at', 'x.id');

/** Today in Laos, as SQL (the dates of the follow-up are Lao calendar dates). */
export const LAO_TODAY = raw(`(now() AT TIME ZONE 'Asia/Vientiane')::date`);

/**
 * A visit `v` is overdue on `today`: its next visit was due before today and its agency has recorded
 * no later visit of the case since. The overdue reminders of the SLA scan use the same condition.
 */
export function visitOverdue(v: string, today: Sql): Sql {
  const a = raw(v);
  return sql`(${a}.next_visit_due IS NOT NULL AND ${a}.next_visit_due < ${today}
    AND NOT EXISTS (SELECT 1 FROM follow_up_visit lv WHERE lv.case_id = ${a}.case_id AND lv.agency_id = ${a}.agency_id AND lv.id <> ${a}.id
                     AND (lv.visited_on > ${a}.visited_on OR (lv.visited_on = ${a}.visited_on AND lv.created_at > ${a}.created_at))))`;
}

const AUTHOR = raw(
  'a.code AS agency_code, u.username AS recorded_by_username, u.display_name AS recorded_by_display_name',
);

const VISIT = sql`${followUpVisitTable.select('v')}, ${AUTHOR}, ${visitOverdue('v', LAO_TODAY)} AS overdue, ${visitKeyset.key}
  FROM follow_up_visit v JOIN case_record c ON c.id = v.case_id JOIN agency a ON a.id = v.agency_id LEFT JOIN app_user u ON u.id = v.recorded_by_id`;

const ASSESSMENT = sql`${reintegrationAssessmentTable.select('x')}, ${AUTHOR}, ${assessmentKeyset.key}
  FROM reintegration_assessment x JOIN case_record c ON c.id = x.case_id JOIN agency a ON a.id = x.agency_id LEFT JOIN app_user u ON u.id = x.recorded_by_id`;

/** The statements, pure: follow-up.repository.spec.ts snapshots each one's text. */
export const followUpSql = {
  /** The case, when the caller may see its follow-up (lead or referral agency), with the caller's relation; locked FOR SHARE to write. */
  caseOf: (actor: Actor, caseId: string, lock: boolean): Sql =>
    sql`SELECT c.id, c.status, c.province_code, c.lead_agency_id, c.assigned_to_id,
               CASE WHEN ${caseLead(actor, 'c')} THEN 'LEAD_AGENCY' WHEN ${followUpReferralActive(actor, 'c')} THEN 'REFERRAL_ACTIVE' ELSE 'REFERRAL_COMPLETED' END AS relation
          FROM case_record c
         WHERE c.id = ${caseId}::uuid AND ${followUpCase(actor, 'c')}
         ${raw(lock ? 'FOR SHARE OF c' : '')}`,

  visits: (actor: Actor, caseId: string, cursor: string | undefined, limit: number | undefined): Sql =>
    sql`SELECT ${VISIT}
         WHERE ${and([sql`v.case_id = ${caseId}::uuid`, followUpRecord(actor, 'CONTACT_LOCATION', 'v', 'c'), visitKeyset.after(cursor)])}
         ORDER BY ${visitKeyset.order} LIMIT ${visitKeyset.limit(limit)}`,

  /** One visit of the case the caller sees (locked to change it). */
  visit: (actor: Actor, caseId: string, id: string, lock: boolean): Sql =>
    sql`SELECT ${VISIT}
         WHERE v.id = ${id}::uuid AND v.case_id = ${caseId}::uuid AND ${followUpRecord(actor, 'CONTACT_LOCATION', 'v', 'c')}
         ${raw(lock ? 'FOR UPDATE OF v' : '')}`,

  insertVisit: (
    actor: Actor,
    id: string,
    caseId: string,
    v: VisitInput,
    placeEnc: string,
    noteEnc: string | null,
  ): Sql =>
    sql`INSERT INTO follow_up_visit (id, case_id, agency_id, recorded_by_id, visited_on, kind, with_whom, outcome, place_enc, outcome_note_enc, next_visit_due, created_at, updated_at)
        VALUES (${id}::uuid, ${caseId}::uuid, ${actor.agencyId}::uuid, ${actor.userId}::uuid, ${v.visitedOn}::date, ${v.kind}, ${v.withWhom}::text[], ${v.outcome},
                ${placeEnc}, ${noteEnc}, ${v.nextVisitDue}::date, clock_timestamp(), clock_timestamp())`,

  /** A versioned update (0 rows: someone else changed it first). */
  updateVisit: (id: string, version: number, v: VisitInput, placeEnc: string, noteEnc: string | null): Sql =>
    sql`UPDATE follow_up_visit SET ${followUpVisitTable.set({
      visited_on: v.visitedOn,
      kind: v.kind,
      with_whom: v.withWhom,
      outcome: v.outcome,
      place_enc: placeEnc,
      outcome_note_enc: noteEnc,
      next_visit_due: v.nextVisitDue,
    })}, version = version + 1, updated_at = clock_timestamp()
         WHERE id = ${id}::uuid AND version = ${version}::int`,

  assessments: (actor: Actor, caseId: string, cursor: string | undefined, limit: number | undefined): Sql =>
    sql`SELECT ${ASSESSMENT}
         WHERE ${and([sql`x.case_id = ${caseId}::uuid`, followUpRecord(actor, 'HEALTH', 'x', 'c'), assessmentKeyset.after(cursor)])}
         ORDER BY ${assessmentKeyset.order} LIMIT ${assessmentKeyset.limit(limit)}`,

  /** The newest `max` assessments the caller sees, for the trend (a case has a few a year). */
  trend: (actor: Actor, caseId: string, max: number): Sql =>
    sql`SELECT ${ASSESSMENT}
         WHERE x.case_id = ${caseId}::uuid AND ${followUpRecord(actor, 'HEALTH', 'x', 'c')}
         ORDER BY x.assessed_on DESC, x.created_at DESC, x.id DESC LIMIT ${max}`,

  assessment: (actor: Actor, caseId: string, id: string, lock: boolean): Sql =>
    sql`SELECT ${ASSESSMENT}
         WHERE x.id = ${id}::uuid AND x.case_id = ${caseId}::uuid AND ${followUpRecord(actor, 'HEALTH', 'x', 'c')}
         ${raw(lock ? 'FOR UPDATE OF x' : '')}`,

  insertAssessment: (
    actor: Actor,
    id: string,
    caseId: string,
    x: AssessmentInput,
    scoresEnc: string,
    notesEnc: string | null,
  ): Sql =>
    sql`INSERT INTO reintegration_assessment (id, case_id, agency_id, recorded_by_id, assessed_on, visit_id, scores_enc, notes_enc, created_at, updated_at)
        VALUES (${id}::uuid, ${caseId}::uuid, ${actor.agencyId}::uuid, ${actor.userId}::uuid, ${x.assessedOn}::date, ${x.visitId}::uuid,
                ${scoresEnc}, ${notesEnc}, clock_timestamp(), clock_timestamp())`,

  updateAssessment: (
    id: string,
    version: number,
    x: AssessmentInput,
    scoresEnc: string,
    notesEnc: string | null,
  ): Sql =>
    sql`UPDATE reintegration_assessment SET ${reintegrationAssessmentTable.set({
      assessed_on: x.assessedOn,
      visit_id: x.visitId,
      scores_enc: scoresEnc,
      notes_enc: notesEnc,
    })}, version = version + 1, updated_at = clock_timestamp()
         WHERE id = ${id}::uuid AND version = ${version}::int`,
};

const visitBinding = (rowId: string, column: 'place_enc' | 'outcome_note_enc') => ({
  table: 'follow_up_visit',
  column,
  rowId,
});
const assessmentBinding = (rowId: string, column: 'scores_enc' | 'notes_enc') => ({
  table: 'reintegration_assessment',
  column,
  rowId,
});

/** Follow-up visits and reintegration assessments (decision 0018): the SQL, and the encryption with its binding. */
@Injectable()
export class FollowUpRepository {
  constructor(private readonly cipher: FieldCipher) {}

  caseOf(m: Runner, actor: Actor, caseId: string, lock = false): Promise<FollowUpCaseRow | undefined> {
    return selectOne<FollowUpCaseRow>(m, followUpSql.caseOf(actor, caseId, lock));
  }

  visits(m: Runner, actor: Actor, caseId: string, cursor?: string, limit?: number): Promise<VisitRow[]> {
    return select<VisitRow>(m, followUpSql.visits(actor, caseId, cursor, limit));
  }

  visit(m: Runner, actor: Actor, caseId: string, id: string, lock = false): Promise<VisitRow | undefined> {
    return selectOne<VisitRow>(m, followUpSql.visit(actor, caseId, id, lock));
  }

  async insertVisit(m: Runner, actor: Actor, id: string, caseId: string, v: VisitInput): Promise<void> {
    const [place, note] = this.visitSecrets(id, v);
    await exec(m, followUpSql.insertVisit(actor, id, caseId, v, place, note));
  }

  /** false: the version was stale. */
  async updateVisit(m: Runner, id: string, version: number, v: VisitInput): Promise<boolean> {
    const [place, note] = this.visitSecrets(id, v);
    return (await exec(m, followUpSql.updateVisit(id, version, v, place, note))) === 1;
  }

  assessments(m: Runner, actor: Actor, caseId: string, cursor?: string, limit?: number): Promise<AssessmentRow[]> {
    return select<AssessmentRow>(m, followUpSql.assessments(actor, caseId, cursor, limit));
  }

  trend(m: Runner, actor: Actor, caseId: string, max: number): Promise<AssessmentRow[]> {
    return select<AssessmentRow>(m, followUpSql.trend(actor, caseId, max));
  }

  assessment(m: Runner, actor: Actor, caseId: string, id: string, lock = false): Promise<AssessmentRow | undefined> {
    return selectOne<AssessmentRow>(m, followUpSql.assessment(actor, caseId, id, lock));
  }

  async insertAssessment(m: Runner, actor: Actor, id: string, caseId: string, x: AssessmentInput): Promise<void> {
    const [scores, notes] = this.assessmentSecrets(id, x);
    await exec(m, followUpSql.insertAssessment(actor, id, caseId, x, scores, notes));
  }

  async updateAssessment(m: Runner, id: string, version: number, x: AssessmentInput): Promise<boolean> {
    const [scores, notes] = this.assessmentSecrets(id, x);
    return (await exec(m, followUpSql.updateAssessment(id, version, x, scores, notes))) === 1;
  }

  /** The visit's place and note in plaintext. */
  visitPlain(r: VisitRow): { provinceCode: string; districtCode: string | null; outcomeNote: string | null } {
    const place = this.cipher.decryptJson<{ provinceCode: string; districtCode: string | null }>(
      r.place_enc,
      visitBinding(r.id, 'place_enc'),
    );
    if (!place) throw new Error('follow_up_visit.place_enc is empty');
    const outcomeNote = this.cipher.decrypt(r.outcome_note_enc, visitBinding(r.id, 'outcome_note_enc'));
    return { provinceCode: place.provinceCode, districtCode: place.districtCode, outcomeNote };
  }

  /** The assessment's scores and notes in plaintext. */
  assessmentPlain(r: AssessmentRow): { scores: AssessmentScores; notes: string | null } {
    const scores = this.cipher.decryptJson<AssessmentScores>(r.scores_enc, assessmentBinding(r.id, 'scores_enc'));
    return { scores: scores ?? {}, notes: this.cipher.decrypt(r.notes_enc, assessmentBinding(r.id, 'notes_enc')) };
  }

  private visitSecrets(id: string, v: VisitInput): [string, string | null] {
    const place = { provinceCode: v.provinceCode, districtCode: v.districtCode };
    return [
      this.cipher.encryptJson(place, visitBinding(id, 'place_enc')) ?? '',
      this.cipher.encrypt(v.outcomeNote, visitBinding(id, 'outcome_note_enc')),
    ];
  }

  private assessmentSecrets(id: string, x: AssessmentInput): [string, string | null] {
    return [
      this.cipher.encryptJson(x.scores, assessmentBinding(id, 'scores_enc')) ?? '',
      this.cipher.encrypt(x.notes, assessmentBinding(id, 'notes_enc')),
    ];
  }
}
