import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { MatchRequestStatus, MatchRequestTermsView, PersonIdentity } from '@ctms/domain';
import { caseLead, matchRequest, personCategories, screening as screeningAccess } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import type { PickRow } from '../platform/database/table';
import type { Actor } from '../platform/http/request-context';
import { personAad, type personTable } from '../persons/person.repository';
import type { ScreeningContent } from '../screenings/screening-content';
import type { matchRequestTable } from './match-request.table';

/** A match request with the codes of both agencies and its cursor key. */
export type MatchRequestListRow = PickRow<
  typeof matchRequestTable,
  | 'id'
  | 'from_agency_id'
  | 'to_agency_id'
  | 'screening_id'
  | 'status'
  | 'terms_enc'
  | 'candidate_ids'
  | 'linked_person_id'
  | 'comment_enc'
  | 'answered_at'
  | 'created_at'
  | 'updated_at'
  | 'version'
> & { from_agency_code: string; to_agency_code: string; updated_key: string };

/** The screening a request is raised from. */
export interface RaisingScreeningRow {
  id: string;
  interviewer_id: string;
  status: string;
  content_enc: string | null;
}

/** An asked agency's candidate person, as little as recognising it needs. */
export type CandidatePersonRow = PickRow<typeof personTable, 'id' | 'identity_enc' | 'sex'> & {
  case_numbers: string[];
};

const COLUMNS =
  raw(`mr.id, mr.from_agency_id, fa.code AS from_agency_code, mr.to_agency_id, ta.code AS to_agency_code, mr.screening_id, mr.status,
  mr.terms_enc, mr.candidate_ids, mr.linked_person_id, mr.comment_enc, mr.answered_at, mr.created_at, mr.updated_at, mr.version,
  to_char(mr.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_key
  FROM match_request mr JOIN screening s ON s.id = mr.screening_id JOIN agency fa ON fa.id = mr.from_agency_id JOIN agency ta ON ta.id = mr.to_agency_id`);

/** The encryption binding of the request's columns (FieldCipher AAD: table, column, row id). */
const TERMS = (id: string) => ({ table: 'match_request', column: 'terms_enc', rowId: id });
const COMMENT = (id: string) => ({ table: 'match_request', column: 'comment_enc', rowId: id });

export interface ListFilter {
  box: 'incoming' | 'outgoing';
  status?: MatchRequestStatus;
  /** the cursor's (updated_at key, id), already checked */
  after?: [string, string];
  limit: number;
}

/** The statements, pure: match-request.repository.spec.ts snapshots each one. */
export const matchRequestSql = {
  raisingScreening: (actor: Actor, screeningId: string): Sql =>
    sql`SELECT s.id, s.interviewer_id, s.status, s.content_enc FROM screening s WHERE s.id = ${screeningId}::uuid AND ${screeningAccess(actor, 's')}`,

  visibleScreening: (actor: Actor, screeningId: string): Sql =>
    sql`SELECT s.id FROM screening s WHERE s.id = ${screeningId}::uuid AND ${screeningAccess(actor, 's')}`,

  /** The agencies other than the caller's that hold each of the hidden persons. */
  holders: (actor: Actor, personIds: readonly string[]): Sql =>
    sql`SELECT a AS agency_id, x.id AS person_id FROM unnest(${personIds}::uuid[]) AS x(id), unnest(person_holding_agencies(x.id)) AS a
         WHERE a <> ${actor.agencyId}::uuid ORDER BY a, x.id`,

  lockOpen: (screeningId: string, agencyId: string): Sql =>
    sql`SELECT 1 FROM match_request WHERE screening_id = ${screeningId}::uuid AND to_agency_id = ${agencyId}::uuid AND status = 'OPEN' FOR UPDATE`,

  insert: (
    r: PickRow<
      typeof matchRequestTable,
      'id' | 'from_agency_id' | 'from_user_id' | 'screening_id' | 'to_agency_id' | 'terms_enc' | 'candidate_ids'
    >,
  ): Sql =>
    sql`INSERT INTO match_request (id, from_agency_id, from_user_id, screening_id, to_agency_id, terms_enc, candidate_ids, status, version, created_at, updated_at)
        VALUES (${r.id}::uuid, ${r.from_agency_id}::uuid, ${r.from_user_id}::uuid, ${r.screening_id}::uuid, ${r.to_agency_id}::uuid, ${r.terms_enc},
                ${r.candidate_ids}::uuid[], 'OPEN', 1, clock_timestamp(), clock_timestamp())`,

  list: (actor: Actor, f: ListFilter): Sql => {
    const where: Sql[] = [
      matchRequest(actor, 'mr', 's'),
      f.box === 'incoming'
        ? sql`mr.to_agency_id = ${actor.agencyId}::uuid`
        : sql`mr.from_agency_id = ${actor.agencyId}::uuid`,
    ];
    if (f.status) where.push(sql`mr.status = ${f.status}`);
    if (f.after) where.push(sql`(mr.updated_at, mr.id) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`);
    return sql`SELECT ${COLUMNS} WHERE ${and(where)} ORDER BY mr.updated_at DESC, mr.id DESC LIMIT ${f.limit + 1}`;
  },

  ofScreening: (actor: Actor, screeningId: string): Sql =>
    sql`SELECT ${COLUMNS} WHERE mr.screening_id = ${screeningId}::uuid AND ${matchRequest(actor, 'mr', 's')} ORDER BY mr.created_at, mr.id`,

  load: (actor: Actor, id: string, lock: boolean): Sql =>
    sql`SELECT ${COLUMNS} WHERE mr.id = ${id}::uuid AND ${matchRequest(actor, 'mr', 's')} ${raw(lock ? 'FOR UPDATE OF mr' : '')}`,

  setLinkedPerson: (id: string, personId: string): Sql =>
    sql`UPDATE match_request SET linked_person_id = ${personId}::uuid WHERE id = ${id}::uuid`,
  setComment: (id: string, commentEnc: string): Sql =>
    sql`UPDATE match_request SET comment_enc = ${commentEnc} WHERE id = ${id}::uuid`,

  answer: (actor: Actor, id: string, to: MatchRequestStatus, version: number): Sql =>
    sql`UPDATE match_request SET status = ${to}, answered_by_id = ${actor.userId}::uuid, answered_at = clock_timestamp(), version = version + 1, updated_at = clock_timestamp()
         WHERE id = ${id}::uuid AND version = ${version}::int`,

  candidates: (actor: Actor, ids: readonly string[]): Sql =>
    sql`SELECT p.id, p.identity_enc, p.sex,
               ARRAY(SELECT c.case_number FROM case_record c WHERE c.person_id = p.id AND ${caseLead(actor, 'c')} ORDER BY c.case_number) AS case_numbers
          FROM person p
         WHERE p.id = ANY(${ids}::uuid[]) AND p.merged_into_id IS NULL AND 'IDENTITY' = ANY(${personCategories(actor, sql`p.id`)})
         ORDER BY p.id`,
};

/** Match requests: their SQL and the encryption binding of the terms and the comment. */
@Injectable()
export class MatchRequestRepository {
  constructor(private readonly cipher: FieldCipher) {}

  async raisingScreening(
    m: Runner,
    actor: Actor,
    screeningId: string,
  ): Promise<(RaisingScreeningRow & { content: ScreeningContent | null }) | undefined> {
    const s = await selectOne<RaisingScreeningRow>(m, matchRequestSql.raisingScreening(actor, screeningId));
    if (!s) return undefined;
    return {
      ...s,
      content: this.cipher.decryptJson<ScreeningContent>(s.content_enc, {
        table: 'screening',
        column: 'content_enc',
        rowId: s.id,
      }),
    };
  }

  visibleScreening(m: Runner, actor: Actor, screeningId: string): Promise<{ id: string } | undefined> {
    return selectOne<{ id: string }>(m, matchRequestSql.visibleScreening(actor, screeningId));
  }

  holders(m: Runner, actor: Actor, personIds: readonly string[]): Promise<{ agency_id: string; person_id: string }[]> {
    return personIds.length ? select(m, matchRequestSql.holders(actor, personIds)) : Promise.resolve([]);
  }

  async hasOpen(m: Runner, screeningId: string, agencyId: string): Promise<boolean> {
    return (await selectOne(m, matchRequestSql.lockOpen(screeningId, agencyId))) !== undefined;
  }

  /** A new OPEN request; its terms encrypted and bound to it. */
  async insert(
    m: Runner,
    actor: Actor,
    screeningId: string,
    toAgencyId: string,
    terms: MatchRequestTermsView,
    candidateIds: readonly string[],
  ): Promise<string> {
    const id = randomUUID();
    await exec(
      m,
      matchRequestSql.insert({
        id,
        from_agency_id: actor.agencyId,
        from_user_id: actor.userId,
        screening_id: screeningId,
        to_agency_id: toAgencyId,
        terms_enc: this.cipher.encryptJson(terms, TERMS(id)) as string,
        candidate_ids: [...new Set(candidateIds)],
      }),
    );
    return id;
  }

  list(m: Runner, actor: Actor, f: ListFilter): Promise<MatchRequestListRow[]> {
    return select<MatchRequestListRow>(m, matchRequestSql.list(actor, f));
  }

  /** The requests of a screening the caller has already loaded through the access layer, oldest first. */
  ofScreening(m: Runner, actor: Actor, screeningId: string): Promise<MatchRequestListRow[]> {
    return select<MatchRequestListRow>(m, matchRequestSql.ofScreening(actor, screeningId));
  }

  load(m: Runner, actor: Actor, id: string, lock: boolean): Promise<MatchRequestListRow | undefined> {
    return selectOne<MatchRequestListRow>(m, matchRequestSql.load(actor, id, lock));
  }

  async setLinkedPerson(m: Runner, id: string, personId: string): Promise<void> {
    await exec(m, matchRequestSql.setLinkedPerson(id, personId));
  }

  async setComment(m: Runner, id: string, comment: string): Promise<void> {
    await exec(m, matchRequestSql.setComment(id, this.cipher.encrypt(comment, COMMENT(id))));
  }

  /** The answer, versioned: how many rows changed (0 when someone answered first). */
  answer(m: Runner, actor: Actor, id: string, to: MatchRequestStatus, version: number): Promise<number> {
    return exec(m, matchRequestSql.answer(actor, id, to, version));
  }

  /** The asked agency's candidate persons that it still sees, with their identity decrypted. */
  async candidates(
    m: Runner,
    actor: Actor,
    ids: readonly string[],
  ): Promise<(CandidatePersonRow & { identity: PersonIdentity | null })[]> {
    if (!ids.length) return [];
    const rows = await select<CandidatePersonRow>(m, matchRequestSql.candidates(actor, ids));
    return rows.map((p) => ({
      ...p,
      identity: this.cipher.decryptJson<PersonIdentity>(p.identity_enc, personAad.identity(p.id)),
    }));
  }

  termsOf(r: Pick<MatchRequestListRow, 'id' | 'terms_enc'>): MatchRequestTermsView | null {
    return this.cipher.decryptJson<MatchRequestTermsView>(r.terms_enc, TERMS(r.id));
  }

  commentOf(r: Pick<MatchRequestListRow, 'id' | 'comment_enc'>): string | null {
    return r.comment_enc ? this.cipher.decrypt(r.comment_enc, COMMENT(r.id)) : null;
  }
}
