import type { PersonCandidateView, PersonMatchReason, PersonSearchResultView } from '@ctms/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { ValidationFailed } from '../platform/http/errors';
import { Gate } from '../platform/http/gate';
import { RateLimiter } from '../platform/http/rate-limit';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { DEFAULT_SEARCH_RESULTS, PersonSearchDto } from './dto/person.dto';
import { GramStatsCache } from './gram-stats';
import { documentBlindIndex, gramHash, gramsOf, keysOfName, memoKeyBlindIndex, MatchKey } from './name-index';
import { PersonRepository, type CandidateRow } from './person.repository';
import { best, bestAlias, birthYearOf, candidateKeys, initialsOf, round3, SIMILAR_THRESHOLD } from './person-scoring';
import { gramFilters, partKeyPairs, querySegments, wordPlusFuzzy, wordPlusOneEdit } from './search-plan';
import { nicknamePlusName, wordKeysOf } from './word-match';

export { SEARCH_CANDIDATE_LIMIT } from './person.repository';
export { initialsOf, SIMILAR_THRESHOLD } from './person-scoring';

/** How many rows the SQL ranking hands to the decrypting stage. */
export const SEARCH_SQL_LIMIT = 50;
/**
 * … when the query carries a birth year. The birth date is encrypted, so only the decrypting stage
 * can tell apart the many people who share a common name (at 2.5 M persons, dozens share a
 * nickname + family name); it reads this many so that the year can pick the right ones.
 */
export const SEARCH_SQL_LIMIT_WITH_YEAR = 200;
/** How many key blind indexes a PersonSearchService remembers (≈ 150 bytes each). */
const KEY_INDEX_MEMO = 100_000;

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

/** What a ranking answers: the caller's candidates, and whether (and which) hidden persons match strongly. */
export interface Ranked {
  visible: ScoredCandidate[];
  elsewhere: boolean;
  hidden: { personId: string; score: number }[];
}

/**
 * The duplicate search (agency-wide, no names out: docs/decisions/0003-person-search.md): the
 * first stage in SQL (person.repository.ts), the decrypting and scoring stage here, behind a
 * per-process CPU gate.
 */
@Injectable()
export class PersonSearchService {
  /** Blind indexes of name keys, remembered: a Latin query asks for ≈ 600 (memoKeyBlindIndex). */
  private readonly keyIndex: (k: MatchKey) => string | null;

  /** At most SEARCH_CONCURRENCY searches rank at once per process; SEARCH_QUEUE more wait; past that, 429 at once. */
  private readonly gate: Gate;

  /** Frequencies of the keyed trigram hashes, to pick the rarest (from pg_stats, per process). */
  private readonly gramStats = new GramStatsCache();

  constructor(
    private readonly ds: DataSource,
    private readonly persons: PersonRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keyIndex = memoKeyBlindIndex(cipher, KEY_INDEX_MEMO);
    this.gate = new Gate(config.searchConcurrency, config.searchQueue);
  }

  /**
   * Duplicate search without an oracle (docs/access.md "Persons"): candidates are ranked over every person
   * (names match across agencies' spellings), then only the persons the caller may see are
   * returned; a strong name match among the others is reported only as `possibleMatchElsewhere`,
   * which the caller may turn into a match request. A document number matches only the caller's own
   * persons (another agency's documents are compared in the match-request flow, on that agency's
   * side). Per-user rate limit; every search audited with a keyed hash of its terms.
   */
  async search(ctx: RequestContext, dto: PersonSearchDto): Promise<PersonSearchResultView> {
    const actor = actorOf(ctx);
    await this.limiter.take(`person-search:${actor.userId}`, this.config.personSearchPerMinute, SEARCH_WINDOW_SECONDS);
    const found = await this.rank(actor, {
      name: dto.name,
      dateOfBirth: dto.dateOfBirth,
      documentNumbers: dto.documentNumber ? [dto.documentNumber] : [],
    });
    const top = found.visible.slice(0, dto.limit ?? DEFAULT_SEARCH_RESULTS);
    if (top.length > 0) {
      const cases = await this.persons.caseNumbers(
        this.ds,
        actor,
        top.map((t) => t.personId),
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
   * match requests, with `hidden` to learn which agencies hold the strong hidden matches.
   */
  async rank(actor: Actor, terms: SearchTerms, opts: { documentsElsewhere?: boolean } = {}): Promise<Ranked> {
    return this.gate.run(() => this.scoreCandidates(terms, (ids) => this.persons.visibleOf(this.ds, actor, ids), opts));
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
  ): Promise<Ranked> {
    const name = terms.name;
    const query = keysOfName(name);
    if (query.length === 0) throw new ValidationFailed([{ field: 'name', problems: ['name must contain letters'] }]);
    const grams = gramsOf(this.cipher, query);
    const bidx = query.map(this.keyIndex).filter((b): b is string => b !== null);
    const docs = (terms.documentNumbers ?? [])
      .map((d) => documentBlindIndex(this.cipher, d))
      .filter((b): b is string => b !== null);
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
      else if (
        scored.reasons.includes('DOCUMENT') ||
        (scored.score >= ELSEWHERE_MIN_SCORE && (queryYear === undefined || scored.reasons.includes('BIRTH_YEAR')))
      ) {
        elsewhere = true;
        hidden.push({ personId: r.id, score: scored.score });
      }
    }
    visible.sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1));
    return { visible, elsewhere, hidden };
  }

  /**
   * The first stage alone: the ids whose identity the decrypting stage would read for `name`, at
   * most `limit`, in the order of the stage budgets (person.repository.ts `stageQuota`). For the
   * tests of the union: exact namesakes never take every place.
   */
  async firstStage(name: string, limit: number): Promise<string[]> {
    const query = keysOfName(name);
    const rows = await this.candidates(
      query,
      name,
      gramsOf(this.cipher, query),
      query.map(this.keyIndex).filter((b): b is string => b !== null),
      [],
      limit,
    );
    return rows.map((r) => r.id);
  }

  /** One candidate scored against the query, or null when nothing but a few shared grams links them. */
  private score(
    r: CandidateRow,
    query: MatchKey[],
    name: string,
    queryYear: number | undefined,
    documentCounts: boolean,
  ): ScoredCandidate | null {
    const identity = this.persons.identityOf(r);
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
    return this.cipher.blindIndex(
      JSON.stringify([dto.name, dto.dateOfBirth ?? null, dto.documentNumber ?? null]),
      'person-search-terms',
    );
  }

  /**
   * The candidates of a search, ranked in SQL (docs/decisions/0003, docs/performance-search.md):
   * the plan of the first stage (exact whole keys, pairs of part keys, the document, the
   * typo-tolerant gram filters of search-plan.ts, one word exact with the others fuzzy, and the
   * near-exact hits of `wordPlusOneEdit`, asked first) is built here from blind indexes and keyed
   * hashes; person.repository.ts holds the statements. The encrypted identity is read for the best
   * `sqlLimit` only.
   */
  private async candidates(
    query: MatchKey[],
    name: string,
    grams: number[],
    bidx: string[],
    docs: string[],
    sqlLimit: number,
  ): Promise<CandidateRow[]> {
    const freq = await this.gramStats.get(() => this.persons.gramStats(this.ds));
    const hash = (t: string): number => gramHash(this.cipher, t);
    const keyPairs = partKeyPairs(name)
      .map((pair) => pair.map(this.keyIndex))
      .filter((pair): pair is string[] => pair.every((b) => b !== null));
    // one word exact, another one edit away: asked first and alone (a few hundred rows at most), so
    // that these near-exact hits rank above the gram matches without a per-row test of ≈ 300 keys
    const editIds = await this.persons.editCandidates(this.ds, wordPlusOneEdit(name, this.keyIndex));
    return this.persons.candidates(this.ds, {
      grams,
      bidx,
      docs,
      keyPairs,
      filters: gramFilters(querySegments(query, hash), freq),
      wordFuzzy: wordPlusFuzzy(name, hash, freq, this.keyIndex),
      editIds,
      limit: sqlLimit,
    });
  }
}
