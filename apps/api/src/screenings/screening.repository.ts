import { Injectable } from '@nestjs/common';
import type {
  IndicatorAnswer,
  ScreeningStatus,
  ReviewCommentView as ReviewComment,
  StoredAssessment,
} from '@ctms/domain';
import { screening as screeningAccess } from '../platform/access/access';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, join, raw, select, selectOne, sql, type Runner, type Sql } from '../platform/database/sql';
import { col, table, type PickRow, type RowOf } from '../platform/database/table';
import { staleVersion } from '../platform/http/errors';
import { keyset, type KeysetRow } from '../platform/http/pagination';
import type { Actor } from '../platform/http/request-context';
import type { ScreeningContent } from './screening-content';

/**
 * The screening interview. Narratives, bio-data, indicator evidence and review comments are
 * encrypted, bound to (screening, column, id); the coded metadata stays plain for the lists.
 */
export const screeningTable = table('screening', {
  id: col('uuid'),
  agency_id: col('uuid'),
  interviewer_id: col('uuid'),
  status: col('varchar').of<ScreeningStatus>(),
  province_code: col('varchar'),
  district: col('varchar').nullable(),
  facility_type: col('varchar').nullable(),
  crossing_point: col('varchar').nullable(),
  referral_source: col('varchar').nullable(),
  interview_at: col('timestamptz').nullable(),
  interview_language: col('varchar').nullable(),
  interview_consent: col('jsonb').of<Record<string, string>>(),
  content_enc: col('text').nullable(),
  indicators_enc: col('text').nullable(),
  assessment: col('jsonb').of<StoredAssessment>().nullable(),
  interviewer_assessment: col('varchar').nullable(),
  is_child: col('bool'),
  person_id: col('uuid').nullable(),
  case_id: col('uuid').nullable(),
  submitted_at: col('timestamptz').nullable(),
  reviewed_by_id: col('uuid').nullable(),
  reviewed_at: col('timestamptz').nullable(),
  review_comment_enc: col('text').nullable(),
  termination_reason: col('varchar').nullable(),
  version: col('int4'),
  created_at: col('timestamptz'),
  updated_at: col('timestamptz'),
});

export type ScreeningPatch = Parameters<typeof screeningTable.set>[0];

/** A screening row as loaded (with its interviewer's and reviewer's names). */
export type ScreeningRow = RowOf<typeof screeningTable> & {
  interviewer_username: string;
  interviewer_display_name: string;
  reviewed_by_username: string | null;
  reviewed_by_display_name: string | null;
};

export type ScreeningListRow = PickRow<
  typeof screeningTable,
  | 'id'
  | 'status'
  | 'version'
  | 'province_code'
  | 'facility_type'
  | 'interview_at'
  | 'is_child'
  | 'interviewer_assessment'
  | 'case_id'
  | 'created_at'
  | 'updated_at'
  | 'interviewer_id'
> &
  KeysetRow & { indicative_result: string | null; interviewer_username: string; interviewer_display_name: string };

export interface ScreeningFilter {
  status?: ScreeningStatus;
  /** only the caller's own interviews */
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

/** The columns a draft save writes (INSERT and UPDATE alike), the encrypted ones in plaintext. */
export interface DraftColumns {
  province_code: string;
  district: string | null;
  facility_type: string | null;
  crossing_point: string | null;
  referral_source: string | null;
  interview_at: string | null;
  interview_language: string | null;
  interview_consent: Record<string, string>;
  content: ScreeningContent | null;
  indicators: IndicatorAnswer[] | null;
  assessment: StoredAssessment | null;
  interviewer_assessment: string | null;
  is_child: boolean;
  person_id: string | null;
}

/** A screening from before the place codes (decision 0017), as the move reads it. */
export type LegacyPlacesRow = PickRow<
  typeof screeningTable,
  'id' | 'province_code' | 'district' | 'crossing_point' | 'content_enc'
> & { district_ok: boolean; crossing_ok: boolean };

export const screeningKeyset = keyset('s.updated_at', 's.id');

const SELECT = raw(`SELECT s.*, iu.username AS interviewer_username, iu.display_name AS interviewer_display_name,
         ru.username AS reviewed_by_username, ru.display_name AS reviewed_by_display_name
  FROM screening s
  JOIN app_user iu ON iu.id = s.interviewer_id
  LEFT JOIN app_user ru ON ru.id = s.reviewed_by_id`);

/** The statements, pure: screening.repository.spec.ts snapshots each one's text. */
export const screeningSql = {
  /** One screening through the need-to-know rule (the interviewing agency in scope). */
  load: (actor: Actor, id: string, lock: boolean): Sql =>
    sql`${SELECT} WHERE s.id = ${id}::uuid AND ${screeningAccess(actor, 's')} ${raw(lock ? 'FOR UPDATE OF s' : '')}`,

  /** One page: the scope, the filters and the keyset in one query whatever the limit. */
  list: (actor: Actor, f: ScreeningFilter): Sql =>
    sql`SELECT s.id, s.status, s.version, s.province_code, s.facility_type, s.interview_at, s.is_child, s.interviewer_assessment,
               s.assessment->>'indicativeResult' AS indicative_result, s.case_id, s.created_at, s.updated_at,
               s.interviewer_id, u.username AS interviewer_username, u.display_name AS interviewer_display_name, ${screeningKeyset.key}
          FROM screening s JOIN app_user u ON u.id = s.interviewer_id
         WHERE ${and([
           screeningAccess(actor, 's'),
           f.status ? sql`s.status = ${f.status}` : sql``,
           f.mine ? sql`s.interviewer_id = ${actor.userId}::uuid` : sql``,
           screeningKeyset.after(f.cursor),
         ])}
         ORDER BY ${screeningKeyset.order}
         LIMIT ${screeningKeyset.limit(f.limit)}`,

  /** A new draft (columns and values from `screeningTable.set`-style pairs). */
  insert: (id: string, actor: Actor, columns: [string, unknown][]): Sql =>
    sql`INSERT INTO screening (id, agency_id, interviewer_id, status, ${join(columns.map(([c]) => raw(c)))})
        VALUES (${id}::uuid, ${actor.agencyId}::uuid, ${actor.userId}::uuid, 'DRAFT', ${join(columns.map(([, v]) => sql`${v}`))})`,

  /** A draft saved at the version read (a RETURNED one goes back to DRAFT): 0 rows when someone else changed it. */
  saveDraft: (id: string, version: number, sets: Sql): Sql =>
    sql`UPDATE screening SET ${sets}, status = 'DRAFT', version = version + 1, updated_at = now()
         WHERE id = ${id}::uuid AND version = ${version}::int`,

  /** Screenings whose district or crossing point is still free text (decision 0017), locked for the move. */
  legacyPlaces: (crossingCodes: readonly string[]): Sql =>
    sql`SELECT id, province_code, district, crossing_point, content_enc,
               (district IS NULL OR (district ~ '^[0-9]{4}$' AND left(district, 2) = province_code)) AS district_ok,
               (crossing_point IS NULL OR crossing_point = ANY(${[...crossingCodes]}::text[])) AS crossing_ok
          FROM screening
         WHERE NOT (district IS NULL OR (district ~ '^[0-9]{4}$' AND left(district, 2) = province_code))
            OR NOT (crossing_point IS NULL OR crossing_point = ANY(${[...crossingCodes]}::text[]))
         FOR UPDATE`,

  /** A legacy screening's places as codes, the lost text moved into its content. */
  setPlaces: (id: string, district: string | null, crossingPoint: string | null, contentEnc: string | null): Sql =>
    sql`UPDATE screening SET district = ${district}, crossing_point = ${crossingPoint}, content_enc = ${contentEnc} WHERE id = ${id}::uuid`,

  /** The place-code checks, validated once no legacy value is left. */
  validatePlaceChecks: (): Sql =>
    sql`ALTER TABLE screening VALIDATE CONSTRAINT "CHK_screening_district_code", VALIDATE CONSTRAINT "CHK_screening_crossing_point_code"`,

  /** A status change at the version and status read, with the other columns the step sets. */
  transition: (id: string, version: number, from: ScreeningStatus, to: ScreeningStatus, sets: Sql): Sql =>
    sql`UPDATE screening SET status = ${to}, ${sets}, version = version + 1, updated_at = now()
         WHERE id = ${id}::uuid AND version = ${version}::int AND status = ${from}`,
};

type Encrypted = 'content_enc' | 'indicators_enc' | 'review_comment_enc';

/** The screening aggregate's data access (decision 0018): SQL, row types, versioned updates and the encryption binding. */
@Injectable()
export class ScreeningRepository {
  constructor(private readonly cipher: FieldCipher) {}

  load(m: Runner, actor: Actor, id: string, lock = false): Promise<ScreeningRow | undefined> {
    return selectOne<ScreeningRow>(m, screeningSql.load(actor, id, lock));
  }

  list(m: Runner, actor: Actor, f: ScreeningFilter): Promise<ScreeningListRow[]> {
    return select<ScreeningListRow>(m, screeningSql.list(actor, f));
  }

  async insert(m: Runner, actor: Actor, id: string, d: DraftColumns): Promise<void> {
    await exec(m, screeningSql.insert(id, actor, this.columns(id, d)));
  }

  async saveDraft(m: Runner, id: string, version: number, d: DraftColumns): Promise<void> {
    const sets = join(this.columns(id, d).map(([c, v]) => sql`${raw(c)} = ${v}`));
    if ((await exec(m, screeningSql.saveDraft(id, version, sets))) !== 1) throw staleVersion('screening');
  }

  /** The status change at `version` and `from`; `comments` (plaintext) replace the review log when given. */
  async transition(
    m: Runner,
    r: Pick<ScreeningRow, 'id' | 'version' | 'status'>,
    to: ScreeningStatus,
    patch: ScreeningPatch,
    comments?: ReviewComment[],
  ): Promise<void> {
    const sets = screeningTable.set(
      comments === undefined
        ? patch
        : { ...patch, review_comment_enc: this.encrypt(r.id, 'review_comment_enc', comments) },
    );
    if ((await exec(m, screeningSql.transition(r.id, r.version, r.status, to, sets))) !== 1)
      throw staleVersion('screening');
  }

  content(r: Pick<ScreeningRow, 'id' | 'content_enc'>): ScreeningContent {
    return this.cipher.decryptJson<ScreeningContent>(r.content_enc, this.bind(r.id, 'content_enc')) ?? {};
  }

  indicators(r: Pick<ScreeningRow, 'id' | 'indicators_enc'>): IndicatorAnswer[] {
    return this.cipher.decryptJson<IndicatorAnswer[]>(r.indicators_enc, this.bind(r.id, 'indicators_enc')) ?? [];
  }

  comments(r: Pick<ScreeningRow, 'id' | 'review_comment_enc'>): ReviewComment[] {
    return this.cipher.decryptJson<ReviewComment[]>(r.review_comment_enc, this.bind(r.id, 'review_comment_enc')) ?? [];
  }

  /** The columns a draft save writes, with their values (the encrypted ones bound to the row). */
  private columns(id: string, d: DraftColumns): [string, unknown][] {
    return [
      ['province_code', d.province_code],
      ['district', d.district],
      ['facility_type', d.facility_type],
      ['crossing_point', d.crossing_point],
      ['referral_source', d.referral_source],
      ['interview_at', d.interview_at],
      ['interview_language', d.interview_language],
      ['interview_consent', JSON.stringify(d.interview_consent)],
      ['content_enc', this.encrypt(id, 'content_enc', d.content)],
      ['indicators_enc', this.encrypt(id, 'indicators_enc', d.indicators)],
      ['assessment', d.assessment ? JSON.stringify(d.assessment) : null],
      ['interviewer_assessment', d.interviewer_assessment],
      ['is_child', d.is_child],
      ['person_id', d.person_id],
    ];
  }

  private encrypt(id: string, column: Encrypted, value: unknown): string | null {
    return this.cipher.encryptJson(value, this.bind(id, column));
  }

  private bind(id: string, column: Encrypted) {
    return { table: 'screening', column, rowId: id };
  }
}
