import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { SMALL_CELL_K, suppressSmallCells, suppressTotal, type StatCell } from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { ValidationFailed } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';

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
 * suppression). No record, name or id leaves this route. Reading it is audited.
 */
@ApiTags('statistics')
@Controller({ path: 'stats', version: '1' })
export class StatsController {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  @RequirePermission('stats:read')
  @Get('summary')
  @ApiOperation({ summary: 'Case and referral counts by status, province, identification and exploitation type; small cells withheld' })
  async summary(@Ctx() ctx: RequestContext, @Query() q: StatsQueryDto): Promise<StatsSummaryView> {
    if (q.from && q.to && new Date(q.from) >= new Date(q.to)) throw new ValidationFailed([{ field: 'to', problems: ['to must be after from'] }]);
    const from = q.from ?? null;
    const to = q.to ?? null;
    // one scan of the cases for three dimensions and the total (GROUPING SETS), one for the
    // exploitation types (an array), one for the referrals
    const [cases, types, referrals] = await Promise.all([
      this.ds.query(
        `SELECT grouping(status, province_code, identification_status) AS g, status, province_code, identification_status, count(*)::int AS n
           FROM case_record
          WHERE ($1::timestamptz IS NULL OR opened_at >= $1) AND ($2::timestamptz IS NULL OR opened_at < $2)
          GROUP BY GROUPING SETS ((status), (province_code), (identification_status), ())`,
        [from, to],
      ) as Promise<{ g: number; status: string | null; province_code: string | null; identification_status: string | null; n: number }[]>,
      this.ds.query(
        `SELECT t AS key, count(*)::int AS n
           FROM case_record c CROSS JOIN LATERAL unnest(c.exploitation_types) t
          WHERE ($1::timestamptz IS NULL OR c.opened_at >= $1) AND ($2::timestamptz IS NULL OR c.opened_at < $2)
          GROUP BY t`,
        [from, to],
      ) as Promise<{ key: string; n: number }[]>,
      this.ds.query(
        `SELECT grouping(status) AS g, status AS key, count(*)::int AS n
           FROM referral
          WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
          GROUP BY GROUPING SETS ((status), ())`,
        [from, to],
      ) as Promise<{ g: number; key: string | null; n: number }[]>,
    ]);
    // grouping() bits, left to right: status, province_code, identification_status (1 = rolled up)
    const dim = (bits: number, pick: (r: (typeof cases)[number]) => string | null) =>
      suppressSmallCells(cases.filter((r) => r.g === bits).map((r) => ({ key: pick(r) ?? '', n: r.n })));
    const total = cases.find((r) => r.g === 7)?.n ?? 0;
    const referralTotal = referrals.find((r) => r.g === 1)?.n ?? 0;
    await this.audit.record(ctx, { action: 'STATS_READ', outcome: 'ALLOWED', details: { from, to } });
    return {
      from,
      to,
      k: SMALL_CELL_K,
      cases: suppressTotal(total),
      referrals: suppressTotal(referralTotal),
      casesByStatus: dim(0b011, (r) => r.status),
      casesByProvince: dim(0b101, (r) => r.province_code),
      casesByIdentification: dim(0b110, (r) => r.identification_status),
      casesByExploitationType: suppressSmallCells(types),
      referralsByStatus: suppressSmallCells(referrals.filter((r) => r.g === 0).map((r) => ({ key: r.key ?? '', n: r.n }))),
    };
  }
}

@Module({ controllers: [StatsController] })
export class StatsModule {}
