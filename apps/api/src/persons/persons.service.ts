import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { laoKey } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { caseLead, personCategories } from '../platform/access/access';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { select, selectOne, sql } from '../platform/database/sql';
import { Conflict, NotFound, ValidationFailed } from '../platform/http/errors';
import { Gate } from '../platform/http/gate';
import { RateLimiter } from '../platform/http/rate-limit';
import type { Actor, RequestContext } from '../platform/http/request-context';
import { DEFAULT_SEARCH_RESULTS, PersonSearchDto } from './dto/person.dto';
import { GRAM_STATS_SQL, GramStatsCache, type GramStatsRow } from './gram-stats';
import { documentBlindIndex, gramHash, gramsOf, keysOfName, memoKeyBlindIndex, keyTrigrams, jaccard, MatchKey } from './name-index';
import { gramFilters, partKeyPairs, querySegments, wordPlusFuzzy, wordPlusOneEdit } from './search-plan';
import { nicknamePlusName, wordKeysOf } from './word-match';
import type { PersonContact, PersonIdentity } from './person-writer';
import type { PersonCandidateView, PersonMatchReason, PersonMergeView, PersonSearchResultView, PersonTombstoneView, PersonView } from './person.views';
import { addCaseEvent } from '../platform/workflow/timeline';

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

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new NotFound();
  return ctx.actor;
}

/**
 * From this score on, a person of another agency counts as "a possible match exists elsewhere": an
 * exact or near-exact name (key similarity ≥ 0.94), with the birth year when the query has one.
 * Below it, a hidden person is not mentioned at all.
 */
export const ELSEWHERE_MIN_SCORE = 0.8;
/** Person searches per user and minute (a registry oracle is slow to run at this pace, and every search is audited). */
export const SEARCH_WINDOW_SECONDS = 60;
/** Candidates scored between two yields to the event loop. */
const SCORE_BATCH = 25;

/** What a search looks for. */
export interface SearchTerms {
  name: string;
  dateOfBirth?: string;
  documentNumbers?: readonly string[];
}

type ScoredCandidate = PersonCandidateView & { display: { caseNumbers: string[] } };

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
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keyIndex = memoKeyBlindIndex(cipher, KEY_INDEX_MEMO);
    this.gate = new Gate(config.searchConcurrency, config.searchQueue);
  }

  /** At most SEARCH_CONCURRENCY searches rank at once per process; SEARCH_QUEUE more wait; past that, 429 at once. */
  private readonly gate: Gate;

  /** Frequencies of the keyed trigram hashes, to pick the rarest (from pg_stats, per process). */
  private readonly gramStats = new GramStatsCache();


  // -------------------------------------------------------------------------------------------
  // search
  // -------------------------------------------------------------------------------------------

  /**
   * Duplicate search without an oracle (docs/access.md "Persons"): candidates are ranked over every person
   * (names match across agencies' spellings), then only the persons the caller may see are
   * returned; a strong name match among the others is reported only as `possibleMatchElsewhere`,
   * which the caller may turn into a match request. A document number matches only the caller's own
   * persons (another agency's documents are compared in the match-request flow, on that agency's
   * side). Per-user rate limit; every search audited with a keyed hash of its terms.
   */
  async search(ctx: RequestContext, dto: PersonSearchDto): Promise<PersonSearchResultView> {
    const actor = requireActor(ctx);
    await this.limiter.take(`person-search:${actor.userId}`, this.config.personSearchPerMinute, SEARCH_WINDOW_SECONDS);
    const found = await this.rank(actor, { name: dto.name, dateOfBirth: dto.dateOfBirth, documentNumbers: dto.documentNumber ? [dto.documentNumber] : [] });
    const top = found.visible.slice(0, dto.limit ?? DEFAULT_SEARCH_RESULTS);
    if (top.length > 0) {
      const cases = await select<{ person_id: string; case_number: string }>(
        this.ds,
        sql`SELECT c.person_id, c.case_number FROM case_record c
             WHERE c.person_id = ANY(${top.map((t) => t.personId)}::uuid[]) AND ${caseLead(actor, 'c')}
             ORDER BY c.opened_at, c.case_number`,
      );
      const byPerson = new Map(top.map((t) => [t.personId, t]));
      for (const c of cases) byPerson.get(c.person_id)?.display.caseNumbers.push(c.case_number);
    }
    await this.audit.record(ctx, {
      action: 'PERSON_SEARCHED',
      outcome: 'ALLOWED',
      objectType: 'person',
      details: { terms: this.termsHash(dto), resultCount: top.length, possibleMatchElsewhere: found.elsewhere },
    });
    return { candidates: top, possibleMatchElsewhere: found.elsewhere };
  }

  /**
   * The ranked candidates split by what the caller may see: `visible` (scored, best first, with
   * reasons) and whether any other person scores as a strong match (`elsewhere`). Also used by
   * match requests, with `holders` to learn which agencies hold the strong hidden matches.
   */
  async rank(
    actor: Actor,
    terms: SearchTerms,
    opts: { documentsElsewhere?: boolean } = {},
  ): Promise<{ visible: ScoredCandidate[]; elsewhere: boolean; hidden: { personId: string; score: number }[] }> {
    return this.gate.run(() =>
      this.scoreCandidates(terms, async (ids) => {
        const rows = await select<{ id: string; visible: boolean }>(
          this.ds,
          sql`SELECT x.id, coalesce('IDENTITY' = ANY(${personCategories(actor, sql`x.id`)}), false) AS visible FROM unnest(${ids}::uuid[]) AS x(id)`,
        );
        return new Set(rows.filter((r) => r.visible).map((r) => r.id));
      }, opts),
    );
  }

  /**
   * The search itself: candidates ranked over every person, then split by `visibleOf` (the access
   * layer's person relation, in `rank`). The search benchmark passes "every id" to measure the
   * ranking alone; no route reaches this but through `rank`.
   */
  async scoreCandidates(
    terms: SearchTerms,
    visibleOf: (ids: string[]) => Promise<Set<string>>,
    opts: { documentsElsewhere?: boolean } = {},
  ): Promise<{ visible: ScoredCandidate[]; elsewhere: boolean; hidden: { personId: string; score: number }[] }> {
    const name = terms.name;
    const query = keysOfName(name);
    if (query.length === 0) throw new ValidationFailed([{ field: 'name', problems: ['name must contain letters'] }]);
    const grams = gramsOf(this.cipher, query);
    const bidx = query.map(this.keyIndex).filter((b): b is string => b !== null);
    const docs = (terms.documentNumbers ?? []).map((d) => documentBlindIndex(this.cipher, d)).filter((b): b is string => b !== null);
    const queryYear = terms.dateOfBirth ? Number(terms.dateOfBirth.slice(0, 4)) : undefined;
    // twice the decrypting budget is ranked, so that other agencies' persons do not crowd out the caller's own
    const sqlLimit = 2 * (queryYear === undefined ? SEARCH_SQL_LIMIT : SEARCH_SQL_LIMIT_WITH_YEAR);
    const rows = await this.candidates(query, name, grams, bidx, docs, sqlLimit);
    const visibleIds = rows.length ? await visibleOf(rows.map((r) => r.id)) : new Set<string>();
    const visible: ScoredCandidate[] = [];
    const hidden: { personId: string; score: number }[] = [];
    let elsewhere = false;
    for (let i = 0; i < rows.length; i++) {
      // decrypting and scoring hundreds of candidates is CPU work: let the event loop breathe
      if (i > 0 && i % SCORE_BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const r = rows[i];
      const own = visibleIds.has(r.id);
      const scored = this.score(r, query, name, queryYear, own || !!opts.documentsElsewhere);
      if (!scored) continue;
      if (own) visible.push(scored);
      else if (scored.reasons.includes('DOCUMENT') || (scored.score >= ELSEWHERE_MIN_SCORE && (queryYear === undefined || scored.reasons.includes('BIRTH_YEAR')))) {
        elsewhere = true;
        hidden.push({ personId: r.id, score: scored.score });
      }
    }
    visible.sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1));
    return { visible, elsewhere, hidden };
  }

  /** One candidate scored against the query, or null when nothing but a few shared grams links them. */
  private score(
    r: CandidateRow,
    query: MatchKey[],
    name: string,
    queryYear: number | undefined,
    documentCounts: boolean,
  ): ScoredCandidate | null {
    const identity = this.cipher.decryptJson<PersonIdentity>(r.identity_enc, { table: 'person', column: 'identity_enc', rowId: r.id });
    if (!identity) return null;
    const keys = candidateKeys(identity);
    const reasons: PersonMatchReason[] = [];
    const lao = best(query, 'lao', keys.lao);
    const latin = best(query, 'latin', keys.latin);
    const nick = bestAlias(query, keys.nicknames);
    const prev = bestAlias(query, keys.previous);
    const nickPlus = nicknamePlusName(name, wordKeysOf(identity), SIMILAR_THRESHOLD);
    const docHit = r.doc_hit && documentCounts;
    if (lao === 1) reasons.push('LAO_KEY_EXACT');
    else if (lao >= SIMILAR_THRESHOLD) reasons.push('LAO_KEY_SIMILAR');
    if (latin === 1) reasons.push('LATIN_KEY_EXACT');
    else if (latin >= SIMILAR_THRESHOLD) reasons.push('LATIN_KEY_SIMILAR');
    if (nick >= SIMILAR_THRESHOLD || nickPlus > 0) reasons.push('NICKNAME');
    if (prev >= SIMILAR_THRESHOLD) reasons.push('PREVIOUS_NAME');
    if (docHit) reasons.push('DOCUMENT');
    if (reasons.length === 0) return null; // a few shared trigrams are no reason to look
    const nameScore = Math.max(lao, latin, 0.9 * nick, 0.9 * prev, 0.95 * nickPlus);
    let score = docHit ? 0.6 + 0.4 * nameScore : 0.85 * nameScore;
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
    return {
      personId: r.id,
      score: round3(score),
      reasons,
      display: {
        initials: initialsOf(identity),
        ...(year !== undefined ? { birthYear: year } : {}),
        ...(r.sex ? { sex: r.sex } : {}),
        caseNumbers: [],
      },
    };
  }

  /** The search's terms as one keyed hash (HMAC with the blind-index key): repeated searches are recognisable in the audit, the terms are not readable. */
  private termsHash(dto: Pick<PersonSearchDto, 'name' | 'dateOfBirth' | 'documentNumber'>): string | null {
    return this.cipher.blindIndex(JSON.stringify([dto.name, dto.dateOfBirth ?? null, dto.documentNumber ?? null]), 'person-search-terms');
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

  /**
   * A person the caller may see (the access layer's person relation: the agency's approved
   * screenings, a relation to one of its cases carrying IDENTITY, an answered match request; a
   * tombstone through its survivor); its contact only where the relation carries CONTACT_LOCATION.
   */
  async get(ctx: RequestContext, id: string): Promise<PersonView | PersonTombstoneView> {
    const actor = requireActor(ctx);
    const row = await selectOne<PersonRow & { show_contact: boolean }>(
      this.ds,
      sql`SELECT p.id, p.identity_enc, p.sex, p.citizenship, p.presumed_minor, p.merged_into_id, p.version, p.created_at, p.updated_at,
                 CASE WHEN 'CONTACT_LOCATION' = ANY(v.cats) THEN p.contact_enc END AS contact_enc,
                 coalesce('CONTACT_LOCATION' = ANY(v.cats), false) AS show_contact
            FROM person p
            CROSS JOIN LATERAL (SELECT ${personCategories(actor, sql`p.id`)} AS cats) v
           WHERE p.id = ${id}::uuid AND 'IDENTITY' = ANY(v.cats)`,
    );
    if (!row) throw new NotFound();
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

  /**
   * Merges `mergedId` (B) into `survivorId` (A): B's screenings and cases move to A, B becomes a
   * tombstone. Both persons must be ones the caller sees (else the standard 404) and held by the
   * caller's agency alone: a merge re-points cases, and another agency's case is never moved by
   * this agency (409 PERSON_HELD_ELSEWHERE; a duplicate across agencies is a match request).
   */
  async merge(ctx: RequestContext, survivorId: string, mergedId: string, reason: string): Promise<PersonMergeView> {
    const actor = requireActor(ctx);
    return this.ds.transaction(async (m) => {
      const persons = await this.lockVisible(m, actor, [survivorId, mergedId]);
      const a = persons.get(survivorId);
      const b = persons.get(mergedId);
      if (!a || !b) throw new NotFound();
      if (survivorId === mergedId) throw new Conflict('MERGE_INTO_SELF', 'A person cannot be merged into itself');
      if (a.merged_into_id) throw new Conflict('PERSON_IS_MERGED', 'The surviving person is itself merged into another person');
      if (b.merged_into_id) throw new Conflict('PERSON_IS_MERGED', 'This person is already merged into another person');
      if (!a.held_alone || !b.held_alone) throw heldElsewhere();

      const screenings = await select<{ id: string }>(m, sql`UPDATE screening SET person_id = ${survivorId}::uuid WHERE person_id = ${mergedId}::uuid RETURNING id`);
      const cases = await select<{ id: string }>(m, sql`UPDATE case_record SET person_id = ${survivorId}::uuid WHERE person_id = ${mergedId}::uuid RETURNING id`);
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
    });
  }

  /** Undoes a merge: exactly what moved goes back, the tombstone is cleared. Same rule as the merge. */
  async undoMerge(ctx: RequestContext, mergeId: string, reason: string): Promise<PersonMergeView> {
    const actor = requireActor(ctx);
    return this.ds.transaction(async (m) => {
      const merge = await selectOne<MergeRow>(
        m,
        sql`SELECT pm.id, pm.survivor_id, pm.merged_id, pm.moved, pm.merged_at, pm.undone_at
              FROM person_merge pm WHERE pm.id = ${mergeId}::uuid AND 'IDENTITY' = ANY(${personCategories(actor, sql`pm.survivor_id`)}) FOR UPDATE OF pm`,
      );
      if (!merge) throw new NotFound();
      if (merge.undone_at) throw new Conflict('MERGE_ALREADY_UNDONE', 'This merge has already been undone');
      const persons = await this.lockVisible(m, actor, [merge.survivor_id, merge.merged_id]);
      const a = persons.get(merge.survivor_id);
      const b = persons.get(merge.merged_id);
      if (!a || !b) throw new NotFound();
      if (!a.held_alone) throw heldElsewhere();
      if (a.merged_into_id) throw new Conflict('SURVIVOR_MERGED_SINCE', 'The surviving person was merged again since: undo that merge first');
      if (b.merged_into_id !== merge.survivor_id) throw new Conflict('MERGE_NOT_CURRENT', 'The merged person no longer points at the survivor');

      const screenings = await select<{ id: string }>(
        m,
        sql`UPDATE screening SET person_id = ${merge.merged_id}::uuid WHERE id = ANY(${merge.moved.screenings}::uuid[]) AND person_id = ${merge.survivor_id}::uuid RETURNING id`,
      );
      const cases = await select<{ id: string }>(
        m,
        sql`UPDATE case_record SET person_id = ${merge.merged_id}::uuid WHERE id = ANY(${merge.moved.cases}::uuid[]) AND person_id = ${merge.survivor_id}::uuid RETURNING id`,
      );
      await m.query(`UPDATE person SET merged_into_id = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [merge.merged_id]);
      const [undone] = await select<MergeRow>(
        m,
        sql`UPDATE person_merge SET undone_by_id = ${actor.userId}::uuid, undone_at = clock_timestamp() WHERE id = ${merge.id}::uuid
            RETURNING id, survivor_id, merged_id, moved, merged_at, undone_at`,
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
    });
  }

  /**
   * Locks the given persons (in id order) and returns those the caller sees (a tombstone through
   * its survivor), each with whether the caller's agency alone holds it (every case it leads and
   * every approved screening is the caller's agency's).
   */
  private async lockVisible(m: EntityManager, actor: Actor, ids: string[]): Promise<Map<string, { id: string; merged_into_id: string | null; held_alone: boolean }>> {
    const rows = await select<{ id: string; merged_into_id: string | null; visible: boolean; held_alone: boolean }>(
      m,
      sql`SELECT p.id, p.merged_into_id,
                 coalesce('IDENTITY' = ANY(${personCategories(actor, sql`p.id`)}), false) AS visible,
                 person_holding_agencies(p.id) <@ ARRAY[${actor.agencyId}::uuid] AS held_alone
            FROM person p WHERE p.id = ANY(${[...new Set(ids)]}::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
    );
    return new Map(rows.filter((r) => r.visible).map((r) => [r.id, r]));
  }
}

const heldElsewhere = () =>
  new Conflict('PERSON_HELD_ELSEWHERE', 'Another agency also holds records of this person: only that agency and yours together can resolve it (ask through a match request)');

function toMergeView(r: MergeRow): PersonMergeView {
  return {
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    mergedAt: new Date(r.merged_at).toISOString(),
    undoneAt: r.undone_at ? new Date(r.undone_at).toISOString() : null,
  };
}
