import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  allowedActions,
  can,
  MATCH_REQUEST_MACHINE,
  type MatchCandidateView,
  type MatchRequestAction,
  type MatchRequestDetailView,
  type MatchRequestsRaisedView,
  type MatchRequestStatus,
  type MatchRequestSummaryView,
  type MatchRequestTermsView,
  type Page,
} from '@ctms/domain';
import { actorOf } from '../platform/http/request-context';
import { TS_KEY_RE } from '../cases/cases.service';
import { caseLead, matchRequest, personCategories, screening as screeningAccess } from '../platform/access/access';
import { AccessService } from '../platform/access/access.service';
import { AuditService } from '../platform/audit/audit.service';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { and, exec, raw, select, selectOne, sql, type Sql } from '../platform/database/sql';
import { Conflict, NotFound } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, pageOf } from '../platform/http/pagination';
import { RateLimiter } from '../platform/http/rate-limit';
import type { Actor, RequestContext } from '../platform/http/request-context';
import { OutboxService } from '../platform/outbox/outbox.service';
import { initialsOf, PersonsService } from '../persons/persons.service';
import type { PersonIdentity } from '../persons/person-writer';
import type { BioData } from '../screenings/screening-rules';
import type { ScreeningContent } from '../screenings/screening.view';
import type { LinkMatchRequestDto, ListMatchRequestsQueryDto, NoMatchRequestDto } from './match-request.dto';
import { UUID_RE } from '../platform/http/params';

/** Match requests a user may raise per hour (each one asks people of other agencies to compare). */
export const MATCH_REQUESTS_PER_HOUR = 20;

interface Row {
  id: string;
  from_agency_id: string;
  from_agency_code: string;
  to_agency_id: string;
  to_agency_code: string;
  screening_id: string;
  status: MatchRequestStatus;
  terms_enc: string;
  candidate_ids: string[];
  linked_person_id: string | null;
  comment_enc: string | null;
  answered_at: Date | null;
  created_at: Date;
  updated_at: Date;
  updated_key: string;
  version: number;
}

const COLUMNS = raw(`mr.id, mr.from_agency_id, fa.code AS from_agency_code, mr.to_agency_id, ta.code AS to_agency_code, mr.screening_id, mr.status,
  mr.terms_enc, mr.candidate_ids, mr.linked_person_id, mr.comment_enc, mr.answered_at, mr.created_at, mr.updated_at, mr.version,
  to_char(mr.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_key
  FROM match_request mr JOIN screening s ON s.id = mr.screening_id JOIN agency fa ON fa.id = mr.from_agency_id JOIN agency ta ON ta.id = mr.to_agency_id`);

const TERMS = (id: string) => ({ table: 'match_request', column: 'terms_enc', rowId: id });
const COMMENT = (id: string) => ({ table: 'match_request', column: 'comment_enc', rowId: id });
const stale = () => new Conflict('STALE_VERSION', 'Someone else answered this request; reload it');

/**
 * Match requests (docs/workflows.md "Match request"): a caseworker whose duplicate search said "a possible match
 * exists elsewhere" asks the agencies that hold the strong matches, from the screening draft; each
 * asked agency's supervisor compares the asking side's terms with its own persons, and links one or
 * answers "no match". Nothing of the asked agency's persons reaches the asking side before the
 * answer; a link lets the asking agency see that person's identity and link it into its screening.
 */
@Injectable()
export class MatchRequestsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly limiter: RateLimiter,
  ) {}

  /** Asks the agencies holding strong matches for the bio-data of the caller's screening draft. */
  async raise(ctx: RequestContext, screeningId: string): Promise<MatchRequestsRaisedView> {
    const actor = actorOf(ctx);
    const s = await selectOne<{ id: string; interviewer_id: string; status: string; content_enc: string | null }>(
      this.ds,
      sql`SELECT s.id, s.interviewer_id, s.status, s.content_enc FROM screening s WHERE s.id = ${screeningId}::uuid AND ${screeningAccess(actor, 's')}`,
    );
    if (!s) throw new NotFound();
    if (s.interviewer_id !== actor.userId) throw new Conflict('NOT_INTERVIEWER', 'Only the interviewer asks other agencies about this screening');
    if (s.status !== 'DRAFT' && s.status !== 'RETURNED') throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'Only a draft asks other agencies');
    const bio = this.cipher.decryptJson<ScreeningContent>(s.content_enc, { table: 'screening', column: 'content_enc', rowId: s.id })?.bioData;
    const terms = termsOf(bio);
    if (!terms) throw new Conflict('BIO_DATA_REQUIRED', 'Record a name (Lao script or Latin letters) in the bio-data first');
    await this.limiter.take(`match-request:${actor.userId}`, MATCH_REQUESTS_PER_HOUR, 3600);

    const found = await this.persons.rank(actor, { name: terms.name, dateOfBirth: terms.dateOfBirth ?? undefined, documentNumbers: terms.documentNumbers }, { documentsElsewhere: true });
    const hidden = found.hidden.map((h) => h.personId);
    const holders = hidden.length
      ? await select<{ agency_id: string; person_id: string }>(
          this.ds,
          sql`SELECT a AS agency_id, x.id AS person_id FROM unnest(${hidden}::uuid[]) AS x(id), unnest(person_holding_agencies(x.id)) AS a
               WHERE a <> ${actor.agencyId}::uuid ORDER BY a, x.id`,
        )
      : [];
    const byAgency = new Map<string, string[]>();
    for (const h of holders) byAgency.set(h.agency_id, [...(byAgency.get(h.agency_id) ?? []), h.person_id]);

    await this.ds.transaction(async (m) => {
      for (const [agencyId, candidates] of byAgency) {
        // one open request per screening and agency: asking again adds nothing
        const open = await selectOne(m, sql`SELECT 1 FROM match_request WHERE screening_id = ${s.id}::uuid AND to_agency_id = ${agencyId}::uuid AND status = 'OPEN' FOR UPDATE`);
        if (open) continue;
        const id = randomUUID();
        await exec(
          m,
          sql`INSERT INTO match_request (id, from_agency_id, from_user_id, screening_id, to_agency_id, terms_enc, candidate_ids, status, version, created_at, updated_at)
              VALUES (${id}::uuid, ${actor.agencyId}::uuid, ${actor.userId}::uuid, ${s.id}::uuid, ${agencyId}::uuid, ${this.cipher.encryptJson(terms, TERMS(id))},
                      ${[...new Set(candidates)]}::uuid[], 'OPEN', 1, clock_timestamp(), clock_timestamp())`,
        );
        await this.audit.record(
          ctx,
          { action: 'MATCH_REQUEST_CREATED', outcome: 'ALLOWED', objectType: 'match_request', objectId: id, details: { screeningId: s.id, toAgencyId: agencyId, candidates: candidates.length } },
          m,
        );
        await this.outbox.add(m, 'match.received', { matchRequestId: id });
      }
    });
    return { requests: (await this.ofScreening(actor, s.id)).map((r) => this.summary(actor, r)) };
  }

  /**
   * The requests of one screening, for its draft page: the screening is loaded through the access
   * layer's screening predicate (as `raise` loads it), so a screening the caller may not see is the
   * standard 404; each request then passes the match-request predicate too.
   */
  async listForScreening(ctx: RequestContext, screeningId: string): Promise<MatchRequestsRaisedView> {
    const actor = actorOf(ctx);
    const s = await selectOne<{ id: string }>(this.ds, sql`SELECT s.id FROM screening s WHERE s.id = ${screeningId}::uuid AND ${screeningAccess(actor, 's')}`);
    if (!s) throw new NotFound();
    const rows = await this.ofScreening(actor, s.id);
    await this.audit.record(ctx, { action: 'MATCH_REQUESTS_LISTED', outcome: 'ALLOWED', objectType: 'screening', objectId: s.id, details: { count: rows.length } });
    return { requests: rows.map((r) => this.summary(actor, r)) };
  }

  async list(ctx: RequestContext, q: ListMatchRequestsQueryDto): Promise<Page<MatchRequestSummaryView>> {
    const actor = actorOf(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const where: Sql[] = [matchRequest(actor, 'mr', 's'), q.box === 'incoming' ? sql`mr.to_agency_id = ${actor.agencyId}::uuid` : sql`mr.from_agency_id = ${actor.agencyId}::uuid`];
    if (q.status) where.push(sql`mr.status = ${q.status}`);
    if (q.cursor) {
      const [at, id] = decodeTupleCursor(q.cursor, [TS_KEY_RE, UUID_RE]);
      where.push(sql`(mr.updated_at, mr.id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await select<Row>(this.ds, sql`SELECT ${COLUMNS} WHERE ${and(where)} ORDER BY mr.updated_at DESC, mr.id DESC LIMIT ${limit + 1}`);
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.updated_key, r.id]));
    await this.audit.record(ctx, { action: 'MATCH_REQUESTS_LISTED', outcome: 'ALLOWED', objectType: 'match_request', details: { box: q.box ?? 'outgoing', count: page.items.length } });
    return { items: page.items.map((r) => this.summary(actor, r)), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<MatchRequestDetailView> {
    const actor = actorOf(ctx);
    const r = await this.load(this.ds.manager, actor, id, false);
    const view = await this.detail(this.ds.manager, actor, r);
    await this.audit.record(ctx, { action: 'MATCH_REQUEST_READ', outcome: 'ALLOWED', objectType: 'match_request', objectId: id, details: { side: view.side } });
    return view;
  }

  /** The asked agency's supervisor names its person who is the same person. */
  async link(ctx: RequestContext, id: string, dto: LinkMatchRequestDto): Promise<MatchRequestDetailView> {
    return this.answer(ctx, id, 'LINK', dto.version, dto.personId, async (m, actor, r) => {
      const person = await this.access.linkablePerson(m, actor, dto.personId, 'personId');
      await exec(m, sql`UPDATE match_request SET linked_person_id = ${person.id}::uuid WHERE id = ${r.id}::uuid`);
      return { linkedPersonId: person.id, candidate: r.candidate_ids.includes(person.id) };
    });
  }

  async noMatch(ctx: RequestContext, id: string, dto: NoMatchRequestDto): Promise<MatchRequestDetailView> {
    return this.answer(ctx, id, 'NO_MATCH', dto.version, null, async (m, _actor, r) => {
      if (dto.comment) await exec(m, sql`UPDATE match_request SET comment_enc = ${this.cipher.encrypt(dto.comment, COMMENT(r.id))} WHERE id = ${r.id}::uuid`);
      return { comment: dto.comment !== undefined };
    });
  }

  // -------------------------------------------------------------------------------------------

  private async answer(
    ctx: RequestContext,
    id: string,
    action: MatchRequestAction,
    version: number,
    personId: string | null,
    fn: (m: EntityManager, actor: Actor, r: Row) => Promise<Record<string, unknown>>,
  ): Promise<MatchRequestDetailView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const r = await this.load(m, actor, id, true);
      const d = can(MATCH_REQUEST_MACHINE, r.status, action, { roles: actor.roles, actorInAskedAgency: r.to_agency_id === actor.agencyId, personId });
      if (!d.ok) throw new Conflict(d.reason, 'This answer is not allowed');
      if (r.version !== version) throw stale();
      const details = await fn(m, actor, r);
      const n = await exec(
        m,
        sql`UPDATE match_request SET status = ${d.to}, answered_by_id = ${actor.userId}::uuid, answered_at = clock_timestamp(), version = version + 1, updated_at = clock_timestamp()
             WHERE id = ${id}::uuid AND version = ${version}::int`,
      );
      if (n !== 1) throw stale();
      await this.audit.record(
        ctx,
        { action: d.to === 'LINKED' ? 'MATCH_REQUEST_LINKED' : 'MATCH_REQUEST_NO_MATCH', outcome: 'ALLOWED', objectType: 'match_request', objectId: id, details: { from: r.status, to: d.to, ...details } },
        m,
      );
      await this.outbox.add(m, 'match.answered', { matchRequestId: id });
      return this.detail(m, actor, await this.load(m, actor, id, false));
    });
  }

  /** The requests of a screening the caller has already loaded through the access layer, oldest first. */
  private ofScreening(actor: Actor, screeningId: string): Promise<Row[]> {
    return select<Row>(this.ds, sql`SELECT ${COLUMNS} WHERE mr.screening_id = ${screeningId}::uuid AND ${matchRequest(actor, 'mr', 's')} ORDER BY mr.created_at, mr.id`);
  }

  private async load(m: EntityManager, actor: Actor, id: string, lock: boolean): Promise<Row> {
    const row = await selectOne<Row>(m, sql`SELECT ${COLUMNS} WHERE mr.id = ${id}::uuid AND ${matchRequest(actor, 'mr', 's')} ${raw(lock ? 'FOR UPDATE OF mr' : '')}`);
    if (!row) throw new NotFound();
    return row;
  }

  private summary(actor: Actor, r: Row): MatchRequestSummaryView {
    const asked = r.to_agency_id === actor.agencyId;
    return {
      id: r.id,
      side: asked ? 'ASKED' : 'ASKING',
      status: r.status,
      askingAgency: { code: r.from_agency_code },
      askedAgency: asked || r.status !== 'OPEN' ? { code: r.to_agency_code } : null,
      screeningId: asked ? null : r.screening_id,
      createdAt: r.created_at.toISOString(),
      answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
      linkedPersonId: r.status === 'LINKED' ? r.linked_person_id : null,
      version: r.version,
    };
  }

  private async detail(m: EntityManager, actor: Actor, r: Row): Promise<MatchRequestDetailView> {
    const summary = this.summary(actor, r);
    const asked = summary.side === 'ASKED';
    return {
      ...summary,
      terms: asked ? this.cipher.decryptJson<MatchRequestTermsView>(r.terms_enc, TERMS(r.id)) : null,
      candidates: asked ? await this.candidates(m, actor, r.candidate_ids) : [],
      comment: r.status === 'NO_MATCH' && r.comment_enc ? this.cipher.decrypt(r.comment_enc, COMMENT(r.id)) : null,
      allowedActions: allowedActions(MATCH_REQUEST_MACHINE, r.status, { roles: actor.roles, actorInAskedAgency: asked }),
    };
  }

  /** The asked agency's candidate persons that it still sees, as little as recognising them needs. */
  private async candidates(m: EntityManager, actor: Actor, ids: string[]): Promise<MatchCandidateView[]> {
    if (!ids.length) return [];
    const rows = await select<{ id: string; identity_enc: string; sex: string | null; case_numbers: string[] }>(
      m,
      sql`SELECT p.id, p.identity_enc, p.sex,
                 ARRAY(SELECT c.case_number FROM case_record c WHERE c.person_id = p.id AND ${caseLead(actor, 'c')} ORDER BY c.case_number) AS case_numbers
            FROM person p
           WHERE p.id = ANY(${ids}::uuid[]) AND p.merged_into_id IS NULL AND 'IDENTITY' = ANY(${personCategories(actor, sql`p.id`)})
           ORDER BY p.id`,
    );
    return rows.map((p) => {
      const identity = this.cipher.decryptJson<PersonIdentity>(p.identity_enc, { table: 'person', column: 'identity_enc', rowId: p.id });
      const year = identity?.dateOfBirth && identity.dobPrecision !== 'UNKNOWN' ? Number(identity.dateOfBirth.slice(0, 4)) : null;
      return { personId: p.id, initials: identity ? initialsOf(identity) : '', birthYear: year, sex: p.sex, caseNumbers: p.case_numbers };
    });
  }
}

/** The terms a screening's bio-data searches with: the Lao name, else the first Latin name. */
function termsOf(bio: BioData | undefined): MatchRequestTermsView | null {
  if (!bio) return null;
  const lao = [bio.givenNameLo, bio.familyNameLo].filter((x): x is string => typeof x === 'string' && x.trim() !== '').join(' ');
  const name = lao || (bio.latinNames ?? []).find((n) => n.trim() !== '') || '';
  if (!name) return null;
  return {
    name,
    dateOfBirth: bio.dateOfBirth && bio.dobPrecision !== 'UNKNOWN' ? bio.dateOfBirth : null,
    dobPrecision: bio.dateOfBirth && bio.dobPrecision !== 'UNKNOWN' ? (bio.dobPrecision ?? null) : null,
    sex: bio.sex ?? null,
    documentNumbers: (bio.documents ?? []).map((d) => d.number).filter((n): n is string => typeof n === 'string' && n.trim() !== ''),
  };
}
