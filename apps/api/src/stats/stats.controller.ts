import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { SMALL_CELL_K, suppressSmallCells, suppressTotal, type StatCell } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { ValidationFailed } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';
import { StatsService, type RawCount, type StatsDimension } from './stats.service';

export class StatsQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'cases opened (referrals created) at or after' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'cases opened (referrals created) before' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

export interface StatsSummaryView {
  from: string | null;
  to: string | null;
  /** cells below k are withheld (n: null, suppressed: true) */
  k: number;
  /**
   * Whole days before today come from daily counts made by the worker at this time (a status that
   * changed since shows at the next recount); null when every count is live.
   */
  dailyCountsAsOf: string | null;
  cases: number | null;
  referrals: number | null;
  casesByStatus: StatCell[];
  casesByProvince: StatCell[];
  casesByIdentification: StatCell[];
  casesByExploitationType: StatCell[];
  referralsByStatus: StatCell[];
}

/**
 * Aggregate statistics for the National Plan of Action and TIP reporting: counts only, over every
 * case in the country, with small cells withheld (k-anonymity, k = 11, and complementary
 * suppression). No record, name or id leaves this route. Reading it is audited. The counts of
 * whole past days come from the worker's daily recount (StatsService).
 */
@ApiTags('statistics')
@Controller({ path: 'stats', version: '1' })
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly audit: AuditService,
  ) {}

  @RequirePermission('stats:read')
  @Get('summary')
  @ApiOperation({ summary: 'Case and referral counts by status, province, identification and exploitation type; small cells withheld' })
  async summary(@Ctx() ctx: RequestContext, @Query() q: StatsQueryDto): Promise<StatsSummaryView> {
    if (q.from && q.to && new Date(q.from) >= new Date(q.to)) throw new ValidationFailed([{ field: 'to', problems: ['to must be after from'] }]);
    const from = q.from ?? null;
    const to = q.to ?? null;
    const raw = await this.stats.counts(from, to);
    const dim = (rows: RawCount[], d: StatsDimension) => suppressSmallCells(rows.filter((r) => r.dimension === d).map((r) => ({ key: r.key, n: r.n })));
    // every case has one status and every referral one: the totals are the sums of the status counts
    const total = (rows: RawCount[]) => rows.filter((r) => r.dimension === 'status').reduce((sum, r) => sum + r.n, 0);
    await this.audit.record(ctx, { action: 'STATS_READ', outcome: 'ALLOWED', details: { from, to } });
    return {
      from,
      to,
      k: SMALL_CELL_K,
      dailyCountsAsOf: raw.dailyAsOf,
      cases: suppressTotal(total(raw.cases)),
      referrals: suppressTotal(total(raw.referrals)),
      casesByStatus: dim(raw.cases, 'status'),
      casesByProvince: dim(raw.cases, 'province'),
      casesByIdentification: dim(raw.cases, 'identification'),
      casesByExploitationType: dim(raw.cases, 'exploitation_type'),
      referralsByStatus: dim(raw.referrals, 'status'),
    };
  }
}
