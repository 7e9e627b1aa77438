import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseFilterSwitch, CaseListQuery, CaseSummaryView, Page } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { FieldCipher } from '../platform/crypto/field-cipher';
import { ValidationFailed } from '../platform/http/errors';
import { RateLimiter } from '../platform/http/rate-limit';
import { actorOf, type Actor, type RequestContext } from '../platform/http/request-context';
import { PersonSearchService, SEARCH_WINDOW_SECONDS } from '../persons/person-search.service';
import { toCaseSummary } from './case.mapper';
import { CaseRepository, caseListKeyset, type CaseFilter } from './case.repository';
import type { ListCasesQueryDto } from './dto/case.dto';
import type { CaseSearchDto } from './dto/case-search.dto';

const switchOf = (v: CaseFilterSwitch | undefined): boolean | undefined => (v === undefined ? undefined : v === 'true');

/**
 * Finding cases (docs/decisions/0030-case-search.md): the case list with its filters, and the search by
 * exact case number or by a person's name. All three are one query (case.repository.ts `list`): the
 * cases the caller's agency leads in scope (`caseLead` of the access layer, so a RESTRICTED case only
 * for its named users), newest change first, keyset-paginated. A name is matched like the duplicate
 * search (persons/person-search.service.ts `rank`: keyed name indexes, never plaintext) among the
 * persons the caller may see; their cases then go through the same access predicate.
 */
@Injectable()
export class CaseSearchService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly cases: CaseRepository,
    private readonly persons: PersonSearchService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** GET /cases: one page, one SELECT with its joins, then one audit row, whatever the limit. */
  async list(ctx: RequestContext, q: ListCasesQueryDto): Promise<Page<CaseSummaryView>> {
    const actor = actorOf(ctx);
    const page = await this.page(actor, this.filterOf(actor, q), q.limit);
    await this.audit.record(ctx, {
      action: 'CASE_LISTED',
      outcome: 'ALLOWED',
      objectType: 'case',
      details: { count: page.items.length, filters: auditFilters(q), cursor: !!q.cursor },
    });
    return page;
  }

  /**
   * POST /cases/search: exactly one of `number` or `name`, with the list's filters. A name search
   * takes from the caller's person-search budget (the same oracle question) and is audited with a
   * keyed hash of its terms, like the duplicate search; the terms are never stored.
   */
  async search(ctx: RequestContext, q: CaseSearchDto): Promise<Page<CaseSummaryView>> {
    const actor = actorOf(ctx);
    if (q.number === undefined && q.name === undefined)
      throw new ValidationFailed([{ field: 'number', problems: ['number or name is required'] }]);
    if (q.number !== undefined && q.name !== undefined)
      throw new ValidationFailed([{ field: 'name', problems: ['give number or name, not both'] }]);
    const filter = this.filterOf(actor, q);
    let page: Page<CaseSummaryView>;
    if (q.name !== undefined) {
      await this.limiter.take(
        `person-search:${actor.userId}`,
        this.config.personSearchPerMinute,
        SEARCH_WINDOW_SECONDS,
      );
      const ranked = await this.persons.rank(actor, { name: q.name });
      // no candidate still runs the query: its cursor is checked like any other (an empty ANY reads nothing)
      page = await this.page(actor, { ...filter, personIds: ranked.visible.map((v) => v.personId) }, q.limit);
    } else {
      page = await this.page(actor, { ...filter, caseNumber: q.number }, q.limit);
    }
    await this.audit.record(ctx, {
      action: 'CASE_SEARCHED',
      outcome: 'ALLOWED',
      objectType: 'case',
      details: {
        by: q.name !== undefined ? 'NAME' : 'NUMBER',
        terms: this.cipher.blindIndex(JSON.stringify([q.number ?? null, q.name ?? null]), 'case-search-terms'),
        count: page.items.length,
        filters: auditFilters(q),
        cursor: !!q.cursor,
      },
    });
    return page;
  }

  private async page(actor: Actor, f: CaseFilter, limit: number | undefined): Promise<Page<CaseSummaryView>> {
    const rows = await this.cases.list(this.ds, actor, { ...f, limit });
    const page = caseListKeyset(f.sort).page(rows, limit);
    return { items: page.items.map(toCaseSummary), nextCursor: page.nextCursor };
  }

  private filterOf(actor: Actor, q: CaseListQuery & { cursor?: string }): CaseFilter {
    return {
      status: q.status,
      province: q.province,
      assignedTo: q.assignedTo ? (q.assignedTo === 'me' ? actor.userId : q.assignedTo.toLowerCase()) : undefined,
      unassigned: switchOf(q.unassigned),
      riskLevel: q.riskLevel,
      child: switchOf(q.child),
      restricted: switchOf(q.restricted),
      identification: q.identification,
      overdue: switchOf(q.overdue),
      sort: q.sort,
      cursor: q.cursor,
    };
  }
}

/** The filters as the audit row keeps them: codes, and whether a user was named (not which). */
function auditFilters(q: CaseListQuery): Record<string, string | boolean | null> {
  return {
    status: q.status ?? null,
    province: q.province ?? null,
    assignedTo: q.assignedTo ? true : null,
    unassigned: q.unassigned ?? null,
    riskLevel: q.riskLevel ?? null,
    child: q.child ?? null,
    restricted: q.restricted ?? null,
    identification: q.identification ?? null,
    overdue: q.overdue ?? null,
    sort: q.sort ?? null,
  };
}
