import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  can,
  MATCH_REQUEST_MACHINE,
  type MatchRequestAction,
  type MatchRequestDetailView,
  type MatchRequestsRaisedView,
  type MatchRequestSummaryView,
  type MatchRequestTermsView,
  type Page,
  type BioData,
} from '@ctms/domain';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { AccessService } from '../platform/access/access.service';
import { AuditService } from '../platform/audit/audit.service';
import type { Runner } from '../platform/database/sql';
import { Conflict, NotFound } from '../platform/http/errors';
import { DEFAULT_PAGE, decodeTupleCursor, encodeTupleCursor, KEYSET_AT_RE, pageOf } from '../platform/http/pagination';
import { UUID_RE } from '../platform/http/params';
import { RateLimiter } from '../platform/http/rate-limit';
import { OutboxService } from '../platform/outbox/outbox.service';
import { PersonSearchService } from '../persons/person-search.service';
import type { LinkMatchRequestDto, ListMatchRequestsQueryDto, NoMatchRequestDto } from './match-request.dto';
import { toCandidateView, toDetailView, toSummaryView } from './match-request.mapper';
import { MatchRequestRepository, type MatchRequestListRow } from './match-request.repository';

/** Match requests a user may raise per hour (each one asks people of other agencies to compare). */
export const MATCH_REQUESTS_PER_HOUR = 20;

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
    private readonly requests: MatchRequestRepository,
    private readonly audit: AuditService,
    private readonly search: PersonSearchService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly limiter: RateLimiter,
  ) {}

  /** Asks the agencies holding strong matches for the bio-data of the caller's screening draft. */
  async raise(ctx: RequestContext, screeningId: string): Promise<MatchRequestsRaisedView> {
    const actor = actorOf(ctx);
    const s = await this.requests.raisingScreening(this.ds, actor, screeningId);
    if (!s) throw new NotFound();
    if (s.interviewer_id !== actor.userId)
      throw new Conflict('NOT_INTERVIEWER', 'Only the interviewer asks other agencies about this screening');
    if (s.status !== 'DRAFT' && s.status !== 'RETURNED')
      throw new Conflict('ACTION_NOT_ALLOWED_IN_STATE', 'Only a draft asks other agencies');
    const terms = termsOf(s.content?.bioData);
    if (!terms)
      throw new Conflict('BIO_DATA_REQUIRED', 'Record a name (Lao script or Latin letters) in the bio-data first');
    await this.limiter.take(`match-request:${actor.userId}`, MATCH_REQUESTS_PER_HOUR, 3600);

    const found = await this.search.rank(
      actor,
      { name: terms.name, dateOfBirth: terms.dateOfBirth ?? undefined, documentNumbers: terms.documentNumbers },
      { documentsElsewhere: true },
    );
    const holders = await this.requests.holders(
      this.ds,
      actor,
      found.hidden.map((h) => h.personId),
    );
    const byAgency = new Map<string, string[]>();
    for (const h of holders) byAgency.set(h.agency_id, [...(byAgency.get(h.agency_id) ?? []), h.person_id]);

    await this.ds.transaction(async (m) => {
      for (const [agencyId, candidates] of byAgency) {
        // one open request per screening and agency: asking again adds nothing
        if (await this.requests.hasOpen(m, s.id, agencyId)) continue;
        const id = await this.requests.insert(m, actor, s.id, agencyId, terms, candidates);
        await this.audit.record(
          ctx,
          {
            action: 'MATCH_REQUEST_CREATED',
            outcome: 'ALLOWED',
            objectType: 'match_request',
            objectId: id,
            details: { screeningId: s.id, toAgencyId: agencyId, candidates: candidates.length },
          },
          m,
        );
        await this.outbox.add(m, 'match.received', { matchRequestId: id });
      }
    });
    return { requests: (await this.requests.ofScreening(this.ds, actor, s.id)).map((r) => toSummaryView(actor, r)) };
  }

  /**
   * The requests of one screening, for its draft page: the screening is loaded through the access
   * layer's screening predicate (as `raise` loads it), so a screening the caller may not see is the
   * standard 404; each request then passes the match-request predicate too.
   */
  async listForScreening(ctx: RequestContext, screeningId: string): Promise<MatchRequestsRaisedView> {
    const actor = actorOf(ctx);
    const s = await this.requests.visibleScreening(this.ds, actor, screeningId);
    if (!s) throw new NotFound();
    const rows = await this.requests.ofScreening(this.ds, actor, s.id);
    await this.audit.record(ctx, {
      action: 'MATCH_REQUESTS_LISTED',
      outcome: 'ALLOWED',
      objectType: 'screening',
      objectId: s.id,
      details: { count: rows.length },
    });
    return { requests: rows.map((r) => toSummaryView(actor, r)) };
  }

  async list(ctx: RequestContext, q: ListMatchRequestsQueryDto): Promise<Page<MatchRequestSummaryView>> {
    const actor = actorOf(ctx);
    const limit = q.limit ?? DEFAULT_PAGE;
    const after = q.cursor ? (decodeTupleCursor(q.cursor, [KEYSET_AT_RE, UUID_RE]) as [string, string]) : undefined;
    const rows = await this.requests.list(this.ds, actor, { box: q.box ?? 'outgoing', status: q.status, after, limit });
    const page = pageOf(rows, limit, (r) => encodeTupleCursor([r.updated_key, r.id]));
    await this.audit.record(ctx, {
      action: 'MATCH_REQUESTS_LISTED',
      outcome: 'ALLOWED',
      objectType: 'match_request',
      details: { box: q.box ?? 'outgoing', count: page.items.length },
    });
    return { items: page.items.map((r) => toSummaryView(actor, r)), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<MatchRequestDetailView> {
    const actor = actorOf(ctx);
    const r = await this.load(this.ds, actor, id, false);
    const view = await this.detail(this.ds, actor, r);
    await this.audit.record(ctx, {
      action: 'MATCH_REQUEST_READ',
      outcome: 'ALLOWED',
      objectType: 'match_request',
      objectId: id,
      details: { side: view.side },
    });
    return view;
  }

  /** The asked agency's supervisor names its person who is the same person. */
  async link(ctx: RequestContext, id: string, dto: LinkMatchRequestDto): Promise<MatchRequestDetailView> {
    return this.answer(ctx, id, 'LINK', dto.version, dto.personId, async (m, actor, r) => {
      const person = await this.access.linkablePerson(m, actor, dto.personId, 'personId');
      await this.requests.setLinkedPerson(m, r.id, person.id);
      return { linkedPersonId: person.id, candidate: r.candidate_ids.includes(person.id) };
    });
  }

  async noMatch(ctx: RequestContext, id: string, dto: NoMatchRequestDto): Promise<MatchRequestDetailView> {
    return this.answer(ctx, id, 'NO_MATCH', dto.version, null, async (m, _actor, r) => {
      if (dto.comment) await this.requests.setComment(m, r.id, dto.comment);
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
    fn: (m: EntityManager, actor: Actor, r: MatchRequestListRow) => Promise<Record<string, unknown>>,
  ): Promise<MatchRequestDetailView> {
    return this.ds.transaction(async (m) => {
      const actor = actorOf(ctx);
      const r = await this.load(m, actor, id, true);
      const d = can(MATCH_REQUEST_MACHINE, r.status, action, {
        roles: actor.roles,
        actorInAskedAgency: r.to_agency_id === actor.agencyId,
        personId,
      });
      if (!d.ok) throw new Conflict(d.reason, 'This answer is not allowed');
      if (r.version !== version) throw stale();
      const details = await fn(m, actor, r);
      if ((await this.requests.answer(m, actor, id, d.to, version)) !== 1) throw stale();
      await this.audit.record(
        ctx,
        {
          action: d.to === 'LINKED' ? 'MATCH_REQUEST_LINKED' : 'MATCH_REQUEST_NO_MATCH',
          outcome: 'ALLOWED',
          objectType: 'match_request',
          objectId: id,
          details: { from: r.status, to: d.to, ...details },
        },
        m,
      );
      await this.outbox.add(m, 'match.answered', { matchRequestId: id });
      return this.detail(m, actor, await this.load(m, actor, id, false));
    });
  }

  private async load(m: Runner, actor: Actor, id: string, lock: boolean): Promise<MatchRequestListRow> {
    const row = await this.requests.load(m, actor, id, lock);
    if (!row) throw new NotFound();
    return row;
  }

  private async detail(m: Runner, actor: Actor, r: MatchRequestListRow): Promise<MatchRequestDetailView> {
    const asked = r.to_agency_id === actor.agencyId;
    return toDetailView(actor, r, {
      terms: asked ? this.requests.termsOf(r) : null,
      comment: r.status === 'NO_MATCH' ? this.requests.commentOf(r) : null,
      candidates: asked ? (await this.requests.candidates(m, actor, r.candidate_ids)).map(toCandidateView) : [],
    });
  }
}

/** The terms a screening's bio-data searches with: the Lao name, else the first Latin name. */
function termsOf(bio: BioData | undefined): MatchRequestTermsView | null {
  if (!bio) return null;
  const lao = [bio.givenNameLo, bio.familyNameLo]
    .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
    .join(' ');
  const name = lao || (bio.latinNames ?? []).find((n) => n.trim() !== '') || '';
  if (!name) return null;
  return {
    name,
    dateOfBirth: bio.dateOfBirth && bio.dobPrecision !== 'UNKNOWN' ? bio.dateOfBirth : null,
    dobPrecision: bio.dateOfBirth && bio.dobPrecision !== 'UNKNOWN' ? (bio.dobPrecision ?? null) : null,
    sex: bio.sex ?? null,
    documentNumbers: (bio.documents ?? [])
      .map((d) => d.number)
      .filter((n): n is string => typeof n === 'string' && n.trim() !== ''),
  };
}
