import { Injectable } from '@nestjs/common';
import type {
  CaseStatus,
  CrossingPoint,
  FamilyTracingAnswer,
  FamilyTracingCategory,
  FamilyTracingStatus,
  ReceptionPlace,
  ReturnEscort,
} from '@ctms/domain';
import { caseLead, caseReturn, familyTracingOffice, familyTracingRequest } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow } from '../platform/database/table';
import { staleVersion } from '../platform/http/errors';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';

/**
 * A family tracing and assessment request to a province's social welfare office (decision 0033):
 * the sender's questions (CASE_SUMMARY) and the family contact details (CONTACT_LOCATION) encrypted,
 * the office's assessment, decline or the sender's withdrawal reason in `answer_text_enc`.
 */
export const familyTracingRequestTable = table('family_tracing_request', {
  id: col('uuid'),
  case_id: col('uuid'),
  from_agency_id: col('uuid'),
  to_agency_id: col('uuid'),
  province_code: col('varchar'),
  status: col('varchar').of<FamilyTracingStatus>(),
  categories: col('_text').of<FamilyTracingCategory[]>(),
  consent_ids: col('_uuid'),
  questions_enc: col('text'),
  family_contact_enc: col('text').nullable(),
  requested_by_id: col('uuid'),
  requested_at: col('timestamptz'),
  due_at: col('timestamptz'),
  answer: col('varchar').of<FamilyTracingAnswer>().nullable(),
  answer_text_enc: col('text').nullable(),
  answered_by_id: col('uuid').nullable(),
  answered_at: col('timestamptz').nullable(),
  version: col('int4'),
  updated_at: col('timestamptz'),
});

/** The return of the person as a record of the case (recorded once, never changed); the note encrypted. */
export const caseReturnTable = table('case_return', {
  id: col('uuid'),
  case_id: col('uuid'),
  agency_id: col('uuid'),
  returned_on: col('date'),
  crossing_point: col('varchar').of<CrossingPoint>(),
  escort: col('varchar').of<ReturnEscort>(),
  reception_place: col('varchar').of<ReceptionPlace>(),
  handover_province_code: col('varchar'),
  note_enc: col('text').nullable(),
  recorded_by_id: col('uuid'),
  recorded_at: col('timestamptz'),
});

export type FamilyTracingRow = PickRow<
  typeof familyTracingRequestTable,
  | 'id'
  | 'case_id'
  | 'from_agency_id'
  | 'to_agency_id'
  | 'province_code'
  | 'status'
  | 'categories'
  | 'questions_enc'
  | 'family_contact_enc'
  | 'requested_by_id'
  | 'requested_at'
  | 'due_at'
  | 'answer'
  | 'answer_text_enc'
  | 'answered_by_id'
  | 'answered_at'
  | 'version'
> & {
  case_number: string;
  case_status: CaseStatus;
  lead_agency_id: string;
  case_province_code: string;
  assigned_to_id: string | null;
  from_agency_code: string;
  to_agency_code: string;
  requested_by_username: string | null;
  requested_by_display_name: string | null;
  answered_by_username: string | null;
  answered_by_display_name: string | null;
  /** the packet's categories the caller reads now (the lead: all; the office: those still consented) */
  shared_categories: FamilyTracingCategory[];
};

/** `returned_on` is read as YYYY-MM-DD text (to_char), never a driver Date. */
export type CaseReturnRow = PickRow<
  typeof caseReturnTable,
  | 'id'
  | 'case_id'
  | 'returned_on'
  | 'crossing_point'
  | 'escort'
  | 'reception_place'
  | 'handover_province_code'
  | 'note_enc'
  | 'recorded_by_id'
  | 'recorded_at'
> & {
  recorded_by_username: string | null;
  recorded_by_display_name: string | null;
};

export interface NewFamilyTracing {
  id: string;
  caseId: string;
  toAgencyId: string;
  provinceCode: string;
  categories: FamilyTracingCategory[];
  consentIds: string[];
  questions: string;
  familyContact: string | null;
  dueDays: number;
}

export interface NewReturn {
  id: string;
  caseId: string;
  returnedOn: string;
  crossingPoint: CrossingPoint;
  escort: ReturnEscort;
  receptionPlace: ReceptionPlace;
  handoverProvinceCode: string;
  note: string | null;
}

/**
 * The categories of request `ft` (case `c` joined) the caller reads: the lead agency all of the
 * packet; the asked office CASE_SUMMARY and the packet's categories an active REFERRAL_SHARING
 * consent for the office still covers (read now, as case_relation_categories reads a referral's),
 * and CASE_SUMMARY only once the sender withdrew the request.
 */
function sharedCategories(actor: Actor): Sql {
  return sql`CASE WHEN ${caseLead(actor, 'c')} THEN ft.categories
                  WHEN ft.status = 'WITHDRAWN' THEN ARRAY['CASE_SUMMARY']::text[]
                  ELSE ARRAY(SELECT k FROM unnest(ft.categories) k
                              WHERE k = 'CASE_SUMMARY' OR k = ANY(case_consented_categories(ft.case_id, ft.to_agency_id, 'REFERRAL_SHARING'))) END`;
}

const FT = sql`ft.id, ft.case_id, ft.from_agency_id, ft.to_agency_id, ft.province_code, ft.status, ft.categories, ft.questions_enc,
  CASE WHEN 'CONTACT_LOCATION' = ANY(x.shared_categories) THEN ft.family_contact_enc END AS family_contact_enc,
  ft.requested_by_id, ft.requested_at, ft.due_at, ft.answer, ft.answer_text_enc, ft.answered_by_id, ft.answered_at, ft.version,
  c.case_number, c.status AS case_status, c.lead_agency_id, c.province_code AS case_province_code, c.assigned_to_id,
  fa.code AS from_agency_code, ta.code AS to_agency_code, ru.username AS requested_by_username, ru.display_name AS requested_by_display_name,
  au.username AS answered_by_username, au.display_name AS answered_by_display_name, x.shared_categories`;

function ftFrom(actor: Actor): Sql {
  return sql`FROM family_tracing_request ft JOIN case_record c ON c.id = ft.case_id
    JOIN agency fa ON fa.id = ft.from_agency_id JOIN agency ta ON ta.id = ft.to_agency_id
    LEFT JOIN app_user ru ON ru.id = ft.requested_by_id LEFT JOIN app_user au ON au.id = ft.answered_by_id
    CROSS JOIN LATERAL (SELECT ${sharedCategories(actor)} AS shared_categories) x`;
}

const RET = sql`r.id, r.case_id, to_char(r.returned_on, 'YYYY-MM-DD') AS returned_on, r.crossing_point, r.escort, r.reception_place,
  r.handover_province_code, r.note_enc, r.recorded_by_id, r.recorded_at, u.username AS recorded_by_username, u.display_name AS recorded_by_display_name`;

/** The statements, pure: family-tracing.repository.spec.ts snapshots each one's text. */
export const familyTracingSql = {
  /** A request the caller sees (the asked office in scope over the addressed province, or the lead agency); `lock` for a write. */
  load: (actor: Actor, id: string, lock: boolean): Sql =>
    sql`SELECT ${FT} ${ftFrom(actor)}
         WHERE ft.id = ${id}::uuid AND ${familyTracingRequest(actor, 'ft', 'c')}
         ${raw(lock ? 'FOR UPDATE OF ft' : '')}`,

  /** A box of the inbox: asked of the caller's office (incoming) or sent by the lead agency (outgoing); most due first. */
  inbox: (actor: Actor, f: FamilyTracingFilter): Sql =>
    sql`SELECT ${FT}, ${familyTracingKeyset.key} ${ftFrom(actor)}
         WHERE ${and([
           f.box === 'incoming' ? familyTracingOffice(actor, 'ft', 'c') : caseLead(actor, 'c'),
           f.status ? sql`ft.status = ${f.status}` : sql``,
           familyTracingKeyset.after(f.cursor),
         ])}
         ORDER BY ${familyTracingKeyset.order} LIMIT ${familyTracingKeyset.limit(f.limit)}`,

  /** The requests of a case the caller's agency leads, newest first. */
  ofCase: (actor: Actor, caseId: string): Sql =>
    sql`SELECT ${FT} ${ftFrom(actor)}
         WHERE ft.case_id = ${caseId}::uuid AND ${caseLead(actor, 'c')}
         ORDER BY ft.requested_at DESC, ft.id DESC`,

  openFor: (caseId: string, provinceCode: string): Sql =>
    sql`SELECT 1 AS open FROM family_tracing_request WHERE case_id = ${caseId}::uuid AND province_code = ${provinceCode} AND status = 'REQUESTED'`,

  insert: (actor: Actor, r: NewFamilyTracing, questionsEnc: string, contactEnc: string | null): Sql =>
    sql`INSERT INTO family_tracing_request (id, case_id, from_agency_id, to_agency_id, province_code, status, categories, consent_ids,
          questions_enc, family_contact_enc, requested_by_id, requested_at, due_at, version, updated_at)
        VALUES (${r.id}::uuid, ${r.caseId}::uuid, ${actor.agencyId}::uuid, ${r.toAgencyId}::uuid, ${r.provinceCode}, 'REQUESTED',
          ${r.categories}::text[], ${r.consentIds}::uuid[], ${questionsEnc}, ${contactEnc}, ${actor.userId}::uuid, now(),
          now() + make_interval(days => ${r.dueDays}::int), 1, now())`,

  update: (id: string, version: number, sets: Sql): Sql =>
    sql`UPDATE family_tracing_request SET ${sets}, version = version + 1, updated_at = now() WHERE id = ${id}::uuid AND version = ${version}::int`,

  /** The returns of a case the caller's agency leads, latest first. */
  returns: (actor: Actor, caseId: string): Sql =>
    sql`SELECT ${RET} FROM case_return r JOIN case_record c ON c.id = r.case_id LEFT JOIN app_user u ON u.id = r.recorded_by_id
         WHERE r.case_id = ${caseId}::uuid AND ${caseReturn(actor, 'c')}
         ORDER BY r.returned_on DESC, r.recorded_at DESC, r.id DESC`,

  oneReturn: (actor: Actor, id: string): Sql =>
    sql`SELECT ${RET} FROM case_return r JOIN case_record c ON c.id = r.case_id LEFT JOIN app_user u ON u.id = r.recorded_by_id
         WHERE r.id = ${id}::uuid AND ${caseReturn(actor, 'c')}`,

  insertReturn: (actor: Actor, r: NewReturn, noteEnc: string | null): Sql =>
    sql`INSERT INTO case_return (id, case_id, agency_id, returned_on, crossing_point, escort, reception_place, handover_province_code, note_enc, recorded_by_id, recorded_at)
        VALUES (${r.id}::uuid, ${r.caseId}::uuid, ${actor.agencyId}::uuid, ${r.returnedOn}::date, ${r.crossingPoint}, ${r.escort}, ${r.receptionPlace},
          ${r.handoverProvinceCode}, ${noteEnc}, ${actor.userId}::uuid, clock_timestamp())`,

  /** A transfer of the case still waits for an answer (the offer of a province transfer is then not open). */
  openTransfer: (caseId: string): Sql =>
    sql`SELECT 1 AS open FROM case_transfer WHERE case_id = ${caseId}::uuid AND status = 'REQUESTED'`,
};

/** The inbox's order: the most due first. */
export const familyTracingKeyset = keyset('ft.due_at', 'ft.id', 'oldest');

export interface FamilyTracingFilter {
  box: 'incoming' | 'outgoing';
  status?: FamilyTracingStatus;
  cursor?: string;
  limit?: number;
}

const bind = (table: string, column: string, rowId: string) => ({ table, column, rowId });

/** Family tracing requests and returns (decision 0018): SQL, row types, versioned updates and the encryption binding. */
@Injectable()
export class FamilyTracingRepository {
  constructor(private readonly cipher: FieldCipher) {}

  load(m: Runner, actor: Actor, id: string, lock = false): Promise<FamilyTracingRow | undefined> {
    return selectOne<FamilyTracingRow>(m, familyTracingSql.load(actor, id, lock));
  }

  inbox(m: Runner, actor: Actor, f: FamilyTracingFilter): Promise<(FamilyTracingRow & KeysetRow)[]> {
    return select<FamilyTracingRow & KeysetRow>(m, familyTracingSql.inbox(actor, f));
  }

  ofCase(m: Runner, actor: Actor, caseId: string): Promise<FamilyTracingRow[]> {
    return select<FamilyTracingRow>(m, familyTracingSql.ofCase(actor, caseId));
  }

  async hasOpen(m: Runner, caseId: string, provinceCode: string): Promise<boolean> {
    return !!(await selectOne(m, familyTracingSql.openFor(caseId, provinceCode)));
  }

  async insert(m: Runner, actor: Actor, r: NewFamilyTracing): Promise<void> {
    const questionsEnc = this.cipher.encrypt(r.questions, bind('family_tracing_request', 'questions_enc', r.id));
    const contactEnc =
      r.familyContact === null
        ? null
        : this.cipher.encrypt(r.familyContact, bind('family_tracing_request', 'family_contact_enc', r.id));
    await exec(m, familyTracingSql.insert(actor, r, questionsEnc, contactEnc));
  }

  /** A versioned change; `text` (the assessment or reason) is encrypted into answer_text_enc. */
  async update(
    m: Runner,
    id: string,
    version: number,
    patch: Parameters<typeof familyTracingRequestTable.set>[0],
    text: string,
  ): Promise<void> {
    const answer_text_enc = this.cipher.encrypt(text, bind('family_tracing_request', 'answer_text_enc', id));
    if (
      (await exec(
        m,
        familyTracingSql.update(id, version, familyTracingRequestTable.set({ ...patch, answer_text_enc })),
      )) !== 1
    )
      throw staleVersion('family tracing request');
  }

  /** The request's free text the caller reads (the row's query already nulled a contact the caller may not see). */
  texts(r: FamilyTracingRow): { questions: string; familyContact: string | null; answerText: string | null } {
    return {
      questions: this.cipher.decrypt(r.questions_enc, bind('family_tracing_request', 'questions_enc', r.id)),
      familyContact: r.family_contact_enc
        ? this.cipher.decrypt(r.family_contact_enc, bind('family_tracing_request', 'family_contact_enc', r.id))
        : null,
      answerText: r.answer_text_enc
        ? this.cipher.decrypt(r.answer_text_enc, bind('family_tracing_request', 'answer_text_enc', r.id))
        : null,
    };
  }

  returns(m: Runner, actor: Actor, caseId: string): Promise<CaseReturnRow[]> {
    return select<CaseReturnRow>(m, familyTracingSql.returns(actor, caseId));
  }

  oneReturn(m: Runner, actor: Actor, id: string): Promise<CaseReturnRow | undefined> {
    return selectOne<CaseReturnRow>(m, familyTracingSql.oneReturn(actor, id));
  }

  async insertReturn(m: Runner, actor: Actor, r: NewReturn): Promise<void> {
    const noteEnc = r.note === null ? null : this.cipher.encrypt(r.note, bind('case_return', 'note_enc', r.id));
    await exec(m, familyTracingSql.insertReturn(actor, r, noteEnc));
  }

  returnNote(r: CaseReturnRow): string | null {
    return r.note_enc ? this.cipher.decrypt(r.note_enc, bind('case_return', 'note_enc', r.id)) : null;
  }

  async hasOpenTransfer(m: Runner, caseId: string): Promise<boolean> {
    return !!(await selectOne(m, familyTracingSql.openTransfer(caseId)));
  }
}
