import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { laoKey, type AuditAction } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { caseAccessSql, screeningAccessSql } from '../platform/access/case-scope';
import { caseRelationSql } from '../platform/access/relations';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import type { Actor, RequestContext } from '../platform/http/request-context';
import { DEFAULT_SEARCH_RESULTS, PersonSearchDto } from './dto/person.dto';
import { GRAM_STATS_SQL, GramStatsCache, type GramStatsRow } from './gram-stats';
import { documentBlindIndex, gramHash, gramsOf, keysOfName, memoKeyBlindIndex, keyTrigrams, jaccard, MatchKey } from './name-index';
import { gramFilters, partKeyPairs, querySegments, wordPlusFuzzy, wordPlusOneEdit } from './search-plan';
import { nicknamePlusName, wordKeysOf } from './word-match';
import type { PersonContact, PersonIdentity } from './person-writer';
import type { PersonCandidateView, PersonMatchReason, PersonMergeView, PersonSearchResultView, PersonTombstoneView, PersonView } from './person.views';
import { addCaseEvent } from '../cases/case-db';

/** How many rows the SQL ranking hands to the decrypting stage. */
export const SEARCH_SQL_LIMIT = 50;
/**
 * … when the query carries a birth year. The birth date is encrypted, so only the decrypting stage
 * can tell apart the many people who share a common name (at 2.5 M persons, dozens share a
 * nickname + family name); it reads this many so that the year can pick the right ones.
 */
export const SEARCH_SQL_LIMIT_WITH_YEAR = 200;
/**
 * At most this many rows of the first stage are ranked in SQL (a safety bound: the stage asks for
 * exact keys and rare gram pairs, a few hundred rows at 100,000 cases).
 */
export const SEARCH_CANDIDATE_LIMIT = 3000;
/** How many key blind indexes a PersonsService remembers (≈ 150 bytes each). */
const KEY_INDEX_MEMO = 100_000;
/** Trigram similarity from which a name is "similar" (a one-letter change in a short Lao name is ~0.45). */
export const SIMILAR_THRESHOLD = 0.4;

interface PersonRow {
  id: string;
  identity_enc: string;
  contact_enc: string | null;
  sex: string | null;
  citizenship: string[];
  presumed_minor: boolean;
  merged_into_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface CandidateRow {
  id: string;
  identity_enc: string;
  sex: string | null;
  doc_hit: boolean;
}

interface MergeRow {
  id: string;
  survivor_id: string;
  merged_id: string;
  moved: { screenings: string[]; cases: string[] };
  merged_at: Date;
  undone_at: Date | null;
}

/** UPDATE … RETURNING through TypeORM answers [rows, affected]; a SELECT or INSERT answers the rows. */
async function returning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const out: unknown = await m.query(sql, params);
  if (Array.isArray(out) && out.length === 2 && Array.isArray(out[0]) && typeof out[1] === 'number') return out[0] as T[];
  return out as T[];
}

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new NotFound();
  return ctx.actor;
}

/**
 * True when the actor may see the person `personExpr` (an SQL expression): they can open one of its
 * cases or one of its screenings. Decided inside the query that loads the person.
 */
export function personVisibleSql(actor: Actor, personExpr: string, firstParam: number): { sql: string; params: unknown[] } {
  const c = caseAccessSql(actor, 'vis_c', firstParam);
  const s = screeningAccessSql(actor, 'vis_s', firstParam + c.params.length);
  return {
    sql: `(EXISTS (SELECT 1 FROM case_record vis_c WHERE vis_c.person_id = ${personExpr} AND ${c.sql})
        OR EXISTS (SELECT 1 FROM screening vis_s WHERE vis_s.person_id = ${personExpr} AND ${s.sql}))`,
    params: [...c.params, ...s.params],
  };
}

/** The keys of a stored identity, by what they came from. */
interface CandidateKeys {
  lao: string[];
  latin: string[];
  nicknames: MatchKey[];
  previous: MatchKey[];
}

function candidateKeys(identity: PersonIdentity): CandidateKeys {
  const given = laoKey(identity.givenNameLo);
  const family = laoKey(identity.familyNameLo);
  return {
    lao: [given + family, family + given, given, family].filter((k) => k !== ''),
    latin: (identity.latinNames ?? []).flatMap(keysOfName).map((k) => k.key),
    nicknames: (identity.nicknames ?? []).flatMap(keysOfName),
    previous: (identity.previousNames ?? []).flatMap(keysOfName),
  };
}

/** Best similarity of the query keys against `keys` of one script: 1 for an exact key. */
function best(query: MatchKey[], script: MatchKey['script'], keys: string[]): number {
  let top = 0;
  for (const q of query) {
    if (q.script !== script) continue;
    const qt = keyTrigrams(q);
    for (const k of keys) {
      const s = k === q.key ? 1 : jaccard(qt, keyTrigrams({ script, key: k }));
      if (s > top) top = s;
    }
  }
  return top;
}

function bestAlias(query: MatchKey[], aliases: MatchKey[]): number {
  return Math.max(best(query, 'lao', aliases.filter((a) => a.script === 'lao').map((a) => a.key)), best(query, 'latin', aliases.filter((a) => a.script === 'latin').map((a) => a.key)));
}

function birthYearOf(identity: PersonIdentity): number | undefined {
  if (identity.dobPrecision === 'UNKNOWN' || !identity.dateOfBirth) return undefined;
  const y = Number(identity.dateOfBirth.slice(0, 4));
  return Number.isInteger(y) ? y : undefined;
}

const LAO_LEADING_VOWEL_RE = /^[\u0EC0-\u0EC4]+/u;

/** "S.P." from the first Latin name, else the first consonant of the Lao given and family names. */
export function initialsOf(identity: PersonIdentity): string {
  const latin = (identity.latinNames ?? []).find((n) => /\p{L}/u.test(n));
  if (latin) {
    const words = latin.normalize('NFD').replace(/\p{M}/gu, '').split(/[^\p{L}]+/u).filter((w) => w.length > 0);
    return words.map((w) => `${w[0].toUpperCase()}.`).join('');
  }
  const first = (s: string | undefined): string => {
    const k = (s ?? '').normalize('NFC').replace(/\s+/gu, '').replace(LAO_LEADING_VOWEL_RE, '');
    const c = [...k][0];
    return c ? `${c}.` : '';
  };
  return first(identity.givenNameLo) + first(identity.familyNameLo);
}

function round3(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

/**
 * Persons: duplicate search (agency-wide, no names out: docs/decisions/0003-person-search.md), the
 * person record (need-to-know through the person's cases and screenings), merge and undo.
 */
@Injectable()
export class PersonsService {
  /** Blind indexes of name keys, remembered: a Latin query asks for ≈ 600 (memoKeyBlindIndex). */
  private readonly keyIndex: (k: MatchKey) => string | null;

  constructor(
    private readonly ds: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {
    this.keyIndex = memoKeyBlindIndex(cipher, KEY_INDEX_MEMO);
  }

  /** Frequencies of the keyed trigram hashes, to pick the rarest (from pg_stats, per process). */
  private readonly gramStats = new GramStatsCache();


  // -------------------------------------------------------------------------------------------
  // search
  // -------------------------------------------------------------------------------------------

  async search(ctx: RequestContext, dto: PersonSearchDto): Promise<PersonSearchResultView> {
    const actor = requireActor(ctx);
    const limit = dto.limit ?? DEFAULT_SEARCH_RESULTS;
    const name = dto.name;
    const query = keysOfName(name);
    if (query.length === 0) throw new ValidationFailed([{ field: 'name', problems: ['name must contain letters'] }]);
    const grams = gramsOf(this.cipher, query);
    const bidx = query.map(this.keyIndex).filter((b): b is string => b !== null);
    const doc = dto.documentNumber ? documentBlindIndex(this.cipher, dto.documentNumber) : null;
    const docs = doc ? [doc] : [];
    const queryYear = dto.dateOfBirth ? Number(dto.dateOfBirth.slice(0, 4)) : undefined;
    const rows = await this.candidates(query, name, grams, bidx, docs, queryYear === undefined ? SEARCH_SQL_LIMIT : SEARCH_SQL_LIMIT_WITH_YEAR);
    const scored: (PersonCandidateView & { display: { caseNumbers: string[] } })[] = [];
    for (const r of rows) {
      const identity = this.cipher.decryptJson<PersonIdentity>(r.identity_enc, { table: 'person', column: 'identity_enc', rowId: r.id });
      if (!identity) continue;
      const keys = candidateKeys(identity);
      const reasons: PersonMatchReason[] = [];
      const lao = best(query, 'lao', keys.lao);
      const latin = best(query, 'latin', keys.latin);
      const nick = bestAlias(query, keys.nicknames);
      const prev = bestAlias(query, keys.previous);
      const nickPlus = nicknamePlusName(name, wordKeysOf(identity), SIMILAR_THRESHOLD);
      if (lao === 1) reasons.push('LAO_KEY_EXACT');
      else if (lao >= SIMILAR_THRESHOLD) reasons.push('LAO_KEY_SIMILAR');
      if (latin === 1) reasons.push('LATIN_KEY_EXACT');
      else if (latin >= SIMILAR_THRESHOLD) reasons.push('LATIN_KEY_SIMILAR');
      if (nick >= SIMILAR_THRESHOLD || nickPlus > 0) reasons.push('NICKNAME');
      if (prev >= SIMILAR_THRESHOLD) reasons.push('PREVIOUS_NAME');
      if (r.doc_hit) reasons.push('DOCUMENT');
      if (reasons.length === 0) continue; // a few shared trigrams are no reason to look
      const nameScore = Math.max(lao, latin, 0.9 * nick, 0.9 * prev, 0.95 * nickPlus);
      let score = r.doc_hit ? 0.6 + 0.4 * nameScore : 0.85 * nameScore;
      const year = birthYearOf(identity);
      if (queryYear !== undefined && year !== undefined) {
        const tolerance = identity.dobPrecision === 'ESTIMATED' ? 2 : 1;
        if (Math.abs(queryYear - year) <= tolerance) {
          reasons.push('BIRTH_YEAR');
          score += 0.15;
        } else {
          score *= 0.85;
        }
      }
      scored.push({
        personId: r.id,
        score: round3(score),
        reasons,
        display: {
          initials: initialsOf(identity),
          ...(year !== undefined ? { birthYear: year } : {}),
          ...(r.sex ? { sex: r.sex } : {}),
          caseNumbers: [],
        },
      });
    }
    scored.sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1));
    const top = scored.slice(0, limit);

    if (top.length > 0) {
      const access = caseAccessSql(actor, 'c', 2);
      const cases: { person_id: string; case_number: string }[] = await this.ds.query(
        `SELECT c.person_id, c.case_number FROM case_record c
          WHERE c.person_id = ANY($1::uuid[]) AND ${access.sql}
          ORDER BY c.opened_at, c.case_number`,
        [top.map((t) => t.personId), ...access.params],
      );
      const byPerson = new Map(top.map((t) => [t.personId, t]));
      for (const c of cases) byPerson.get(c.person_id)?.display.caseNumbers.push(c.case_number);
    }

    await this.audit.record(ctx, { action: 'PERSON_SEARCHED', outcome: 'ALLOWED', objectType: 'person', details: { resultCount: top.length } });
    return { candidates: top };
  }

  /**
   * The candidates of a search, ranked in SQL (docs/decisions/0003, docs/performance-search.md).
   * First stage, all through GIN indexes: exact whole keys (`name_bidx && …`), pairs of part keys
   * (nickname + family name, any word order, every cut of a Lao name: `name_bidx @> …`), the
   * document, the typo-tolerant gram filters of search-plan.ts (`name_grams @> …`, one filter
   * per word or half-word, all of which must hold), one word exact with the other words fuzzy, and
   * one word exact with another one edit away (`wordPlusOneEdit`, asked first). Only those rows (at
   * most SEARCH_CANDIDATE_LIMIT, exact hits first) are ranked, on narrow columns: document hit, key
   * hit, near-exact (edit) hit, then the number of shared hashed grams and their Jaccard overlap. The encrypted identity is
   * read for the best `sqlLimit` only.
   */
  private async candidates(query: MatchKey[], name: string, grams: number[], bidx: string[], docs: string[], sqlLimit: number): Promise<CandidateRow[]> {
    const freq = await this.gramStats.get(async () => ((await this.ds.query(GRAM_STATS_SQL)) as GramStatsRow[])[0]);
    const hash = (t: string): number => gramHash(this.cipher, t);
    const filters = gramFilters(querySegments(query, hash), freq);
    const wordFuzzy = wordPlusFuzzy(name, hash, freq, this.keyIndex);
    const wordEdit = wordPlusOneEdit(name, this.keyIndex);
    const keyPairs = partKeyPairs(name)
      .map((pair) => pair.map(this.keyIndex))
      .filter((pair): pair is string[] => pair.every((b) => b !== null));
    const params: unknown[] = [grams, bidx, docs, grams.length];
    const param = (value: unknown, cast: string): string => {
      params.push(value);
      return `$${params.length}::${cast}`;
    };
    const keyHit = ['p.name_bidx && $2::text[]', ...keyPairs.map((pair) => `p.name_bidx @> ${param(pair, 'text[]')}`)].join(' OR ');
    const gramSql = (f: number[][]): string => `(${f.map((conj) => `p.name_grams @> ${param(conj, 'int[]')}`).join(' OR ')})`;
    const gramHit = filters.map(gramSql).join(' AND ');
    const wordHit = wordFuzzy.map(({ key, filter }) => `(p.name_bidx @> ${param([key], 'text[]')}${filter ? ` AND ${gramSql(filter)}` : ''})`);
    // one word exact, another one edit away: asked first and alone (a few hundred rows at most), so
    // that these near-exact hits rank above the gram matches without a per-row test of ≈ 300 keys
    const editIds =
      wordEdit.length === 0
        ? []
        : ((await this.ds.query(
            `SELECT p.id FROM person p
              WHERE p.merged_into_id IS NULL
                AND (${wordEdit.map((_, i) => `(p.name_bidx @> ARRAY[$${2 * i + 1}::text] AND p.name_bidx && $${2 * i + 2}::text[])`).join(' OR ')})
              LIMIT ${SEARCH_CANDIDATE_LIMIT}`,
            wordEdit.flatMap(({ key, neighbours }) => [key, neighbours]),
          )) as { id: string }[]).map((r) => r.id);
    const editHit = editIds.length > 0 ? `p.id = ANY(${param(editIds, 'uuid[]')})` : 'false';
    return this.ds.query(
      `SELECT p.id, p.identity_enc, p.sex, r.doc_hit
         FROM (SELECT c.id, c.doc_hit, c.key_hit, c.edit_hit, o.shared, o.shared / GREATEST(cardinality(c.name_grams) + $4::int - o.shared, 1) AS overlap
                 FROM (SELECT p.id, p.name_grams, (p.document_bidx && $3::text[]) AS doc_hit, (${keyHit}) AS key_hit, (${editHit}) AS edit_hit
                         FROM person p
                        WHERE p.merged_into_id IS NULL
                          AND (${[keyHit, 'p.document_bidx && $3::text[]', ...(editIds.length > 0 ? [editHit] : []), ...(gramHit ? [`(${gramHit})`] : []), ...wordHit].join(' OR ')})
                        ORDER BY 3 DESC, 4 DESC, 5 DESC
                        LIMIT ${SEARCH_CANDIDATE_LIMIT}) c
                CROSS JOIN LATERAL (SELECT count(*)::float8 AS shared FROM unnest(c.name_grams) g WHERE g = ANY($1::int[])) o
                ORDER BY c.doc_hit DESC, c.key_hit DESC, c.edit_hit DESC, o.shared DESC, 6 DESC, c.id
                LIMIT ${sqlLimit}) r
         JOIN person p ON p.id = r.id
        ORDER BY r.doc_hit DESC, r.key_hit DESC, r.edit_hit DESC, r.shared DESC, r.overlap DESC, r.id`,
      params,
    );
  }

  // -------------------------------------------------------------------------------------------
  // read
  // -------------------------------------------------------------------------------------------

  async get(ctx: RequestContext, id: string): Promise<PersonView | PersonTombstoneView> {
    const actor = requireActor(ctx);
    // a tombstone is seen through its survivor (its cases and screenings moved there). Visible to the
    // lead agency of one of its cases or screenings, and to an agency whose relation to one of its
    // cases (referral, handoff) carries IDENTITY right now; its contact only with CONTACT_LOCATION.
    const vis = personVisibleSql(actor, 'COALESCE(p.merged_into_id, p.id)', 2);
    const rel = caseRelationSql(actor, 'rel_c', 2 + vis.params.length);
    const rows: (PersonRow & { show_contact: boolean })[] = await this.ds.query(
      `SELECT p.id, p.identity_enc, p.sex, p.citizenship, p.presumed_minor, p.merged_into_id, p.version, p.created_at, p.updated_at,
              CASE WHEN v.lead OR 'CONTACT_LOCATION' = ANY(rc.cats) THEN p.contact_enc END AS contact_enc,
              (v.lead OR 'CONTACT_LOCATION' = ANY(rc.cats)) AS show_contact
         FROM person p
         CROSS JOIN LATERAL (SELECT ${vis.sql} AS lead) v
         CROSS JOIN LATERAL (SELECT coalesce(array_agg(DISTINCT x), '{}') AS cats
                               FROM case_record rel_c CROSS JOIN LATERAL unnest(${rel.sql}) x
                              WHERE NOT v.lead AND rel_c.person_id = COALESCE(p.merged_into_id, p.id)) rc
        WHERE p.id = $1 AND (v.lead OR 'IDENTITY' = ANY(rc.cats))`,
      [id, ...vis.params, ...rel.params],
    );
    const row = rows[0];
    if (!row) {
      await this.audit.record(ctx, { action: 'PERSON_READ', outcome: 'DENIED', objectType: 'person', objectId: id });
      throw new NotFound();
    }
    await this.audit.record(ctx, { action: 'PERSON_READ', outcome: 'ALLOWED', objectType: 'person', objectId: id });
    if (row.merged_into_id) return { id: row.id, mergedInto: row.merged_into_id };
    const view = this.toView(row);
    if (row.show_contact) return view;
    const { contact: _withheld, ...withoutContact } = view;
    void _withheld;
    return withoutContact;
  }

  private toView(row: PersonRow): PersonView {
    const identity = this.cipher.decryptJson<PersonIdentity>(row.identity_enc, { table: 'person', column: 'identity_enc', rowId: row.id });
    if (!identity) throw new Error('person without identity');
    return {
      id: row.id,
      version: row.version,
      mergedInto: null,
      sex: row.sex,
      citizenship: row.citizenship,
      presumedMinor: row.presumed_minor,
      identity,
      contact: this.cipher.decryptJson<PersonContact>(row.contact_enc, { table: 'person', column: 'contact_enc', rowId: row.id }),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  // -------------------------------------------------------------------------------------------
  // merge and undo
  // -------------------------------------------------------------------------------------------

  /** Merges `mergedId` (B) into `survivorId` (A): B's screenings and cases move to A, B becomes a tombstone. */
  async merge(ctx: RequestContext, survivorId: string, mergedId: string, reason: string): Promise<PersonMergeView> {
    const actor = requireActor(ctx);
    return this.deniedIsAudited(ctx, 'PERSON_MERGED', survivorId, reason, { mergedId }, () =>
      this.ds.transaction(async (m) => {
        const persons = await this.lockVisible(m, actor, [survivorId, mergedId]);
        const a = persons.get(survivorId);
        const b = persons.get(mergedId);
        if (!a || !b) throw new NotFound();
        if (survivorId === mergedId) throw new Conflict('MERGE_INTO_SELF', 'A person cannot be merged into itself');
        if (a.merged_into_id) throw new Conflict('PERSON_IS_MERGED', 'The surviving person is itself merged into another person');
        if (b.merged_into_id) throw new Conflict('PERSON_IS_MERGED', 'This person is already merged into another person');

        const screenings = await returning<{ id: string }>(m, `UPDATE screening SET person_id = $1 WHERE person_id = $2 RETURNING id`, [survivorId, mergedId]);
        const cases = await returning<{ id: string }>(m, `UPDATE case_record SET person_id = $1 WHERE person_id = $2 RETURNING id`, [survivorId, mergedId]);
        await m.query(`UPDATE person SET merged_into_id = $1, version = version + 1, updated_at = now() WHERE id = $2`, [survivorId, mergedId]);
        const id = randomUUID();
        const moved = { screenings: screenings.map((r) => r.id).sort(), cases: cases.map((r) => r.id).sort() };
        const [merge]: MergeRow[] = await m.query(
          `INSERT INTO person_merge (id, survivor_id, merged_id, moved, merged_by_id, merged_at)
           VALUES ($1, $2, $3, $4::jsonb, $5, clock_timestamp())
           RETURNING id, survivor_id, merged_id, moved, merged_at, undone_at`,
          [id, survivorId, mergedId, JSON.stringify(moved), actor.userId],
        );
        await addCaseEvent(m, ctx, moved.cases, 'PERSON_MERGED', { mergeId: id });
        await this.audit.record(
          ctx,
          {
            action: 'PERSON_MERGED',
            outcome: 'ALLOWED',
            objectType: 'person',
            objectId: survivorId,
            reasonText: reason,
            details: { mergeId: id, mergedId, screenings: moved.screenings.length, cases: moved.cases.length },
          },
          m,
        );
        return toMergeView(merge);
      }),
    );
  }

  /** Undoes a merge: exactly what moved goes back, the tombstone is cleared. */
  async undoMerge(ctx: RequestContext, mergeId: string, reason: string): Promise<PersonMergeView> {
    const actor = requireActor(ctx);
    return this.deniedIsAudited(ctx, 'PERSON_MERGE_UNDONE', null, reason, { mergeId }, () =>
      this.ds.transaction(async (m) => {
        const vis = personVisibleSql(actor, 'pm.survivor_id', 2);
        const [merge]: MergeRow[] = await m.query(
          `SELECT pm.id, pm.survivor_id, pm.merged_id, pm.moved, pm.merged_at, pm.undone_at
             FROM person_merge pm WHERE pm.id = $1 AND ${vis.sql} FOR UPDATE OF pm`,
          [mergeId, ...vis.params],
        );
        if (!merge) throw new NotFound();
        if (merge.undone_at) throw new Conflict('MERGE_ALREADY_UNDONE', 'This merge has already been undone');
        const persons: { id: string; merged_into_id: string | null }[] = await m.query(
          `SELECT id, merged_into_id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
          [[merge.survivor_id, merge.merged_id]],
        );
        const a = persons.find((p) => p.id === merge.survivor_id);
        const b = persons.find((p) => p.id === merge.merged_id);
        if (!a || !b) throw new NotFound();
        if (a.merged_into_id) throw new Conflict('SURVIVOR_MERGED_SINCE', 'The surviving person was merged again since: undo that merge first');
        if (b.merged_into_id !== merge.survivor_id) throw new Conflict('MERGE_NOT_CURRENT', 'The merged person no longer points at the survivor');

        const screenings = await returning<{ id: string }>(
          m,
          `UPDATE screening SET person_id = $1 WHERE id = ANY($2::uuid[]) AND person_id = $3 RETURNING id`,
          [merge.merged_id, merge.moved.screenings, merge.survivor_id],
        );
        const cases = await returning<{ id: string }>(
          m,
          `UPDATE case_record SET person_id = $1 WHERE id = ANY($2::uuid[]) AND person_id = $3 RETURNING id`,
          [merge.merged_id, merge.moved.cases, merge.survivor_id],
        );
        await m.query(`UPDATE person SET merged_into_id = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [merge.merged_id]);
        const [undone] = await returning<MergeRow>(
          m,
          `UPDATE person_merge SET undone_by_id = $2, undone_at = clock_timestamp() WHERE id = $1
           RETURNING id, survivor_id, merged_id, moved, merged_at, undone_at`,
          [merge.id, actor.userId],
        );
        await addCaseEvent(m, ctx, cases.map((r) => r.id), 'PERSON_MERGE_UNDONE', { mergeId: merge.id });
        await this.audit.record(
          ctx,
          {
            action: 'PERSON_MERGE_UNDONE',
            outcome: 'ALLOWED',
            objectType: 'person',
            objectId: merge.survivor_id,
            reasonText: reason,
            details: { mergeId: merge.id, mergedId: merge.merged_id, screenings: screenings.length, cases: cases.length },
          },
          m,
        );
        return toMergeView(undone);
      }),
    );
  }

  /** Locks the given persons (in id order) and returns those the actor may see (a tombstone through its survivor). */
  private async lockVisible(m: EntityManager, actor: Actor, ids: string[]): Promise<Map<string, { id: string; merged_into_id: string | null }>> {
    const vis = personVisibleSql(actor, 'COALESCE(p.merged_into_id, p.id)', 2);
    const rows: { id: string; merged_into_id: string | null; visible: boolean }[] = await m.query(
      `SELECT p.id, p.merged_into_id, ${vis.sql} AS visible FROM person p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
      [[...new Set(ids)], ...vis.params],
    );
    return new Map(rows.filter((r) => r.visible).map((r) => [r.id, r]));
  }

  /** A refused merge or undo (404 or 409) leaves one DENIED audit row; the transaction rolled back. */
  private async deniedIsAudited<T>(
    ctx: RequestContext,
    action: AuditAction,
    objectId: string | null,
    reason: string,
    extra: Record<string, string>,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof NotFound || e instanceof Conflict) {
        await this.audit.record(ctx, {
          action,
          outcome: 'DENIED',
          objectType: 'person',
          objectId,
          reasonText: reason,
          details: { code: e instanceof Conflict ? e.code : 'NOT_FOUND', ...extra },
        });
      }
      throw e;
    }
  }
}

function toMergeView(r: MergeRow): PersonMergeView {
  return {
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    mergedAt: new Date(r.merged_at).toISOString(),
    undoneAt: r.undone_at ? new Date(r.undone_at).toISOString() : null,
  };
}
