import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CASE_LIST_FILTERS, type Page, type SavedCaseFilterView } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { Conflict, NotFound } from '../platform/http/errors';
import type { PageQueryDto } from '../platform/http/pagination';
import { actorOf, type RequestContext } from '../platform/http/request-context';
import { CaseFilterRepository, savedFilterKeyset, type SavedFilterRow } from './case-filters.repository';
import type { SavedCaseFilterDto } from './dto/case-search.dto';

/** How many filters one user may keep. */
export const MAX_SAVED_FILTERS = 20;

/** Each user's saved case-list filters: only their own, read, saved or deleted (never changed). */
@Injectable()
export class CaseFiltersService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly filters: CaseFilterRepository,
  ) {}

  async list(ctx: RequestContext, q: PageQueryDto): Promise<Page<SavedCaseFilterView>> {
    const rows = await this.filters.list(this.ds, actorOf(ctx), q.cursor, q.limit);
    const page = savedFilterKeyset.page(rows, q.limit);
    return { items: page.items.map((r) => this.view(r)), nextCursor: page.nextCursor };
  }

  /** Saves the filters (only the known codes, in the catalogue's order); a 409 past MAX_SAVED_FILTERS. */
  async save(ctx: RequestContext, dto: SavedCaseFilterDto): Promise<SavedCaseFilterView> {
    const actor = actorOf(ctx);
    const filters: Record<string, string> = {};
    for (const name of CASE_LIST_FILTERS) {
      const value = dto.filters[name];
      if (value !== undefined) filters[name] = value;
    }
    return this.ds.transaction(async (m) => {
      await this.filters.lockOwner(m, actor);
      if ((await this.filters.count(m, actor)) >= MAX_SAVED_FILTERS)
        throw new Conflict('SAVED_FILTER_LIMIT', `at most ${MAX_SAVED_FILTERS} saved filters; delete one first`);
      const id = randomUUID();
      const row = await this.filters.insert(m, actor, id, dto.label, filters);
      await this.audit.record(
        ctx,
        { action: 'CASE_FILTER_SAVED', outcome: 'ALLOWED', objectType: 'case_saved_filter', objectId: id },
        m,
      );
      return this.view(row);
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (!(await this.filters.delete(m, actorOf(ctx), id))) throw new NotFound();
      await this.audit.record(
        ctx,
        { action: 'CASE_FILTER_DELETED', outcome: 'ALLOWED', objectType: 'case_saved_filter', objectId: id },
        m,
      );
    });
  }

  private view(r: SavedFilterRow): SavedCaseFilterView {
    return { id: r.id, label: this.filters.label(r), filters: r.filters, createdAt: r.created_at.toISOString() };
  }
}
