import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import {
  parseStatPeriod,
  STAT_PERIOD_MAX_YEAR,
  STAT_PERIOD_MIN_YEAR,
  STAT_PERIOD_PATTERN,
  statPeriodEnded,
  type StatsSummaryView,
} from '@ctms/domain';
import { AuditService } from '../platform/audit/audit.service';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { ValidationFailed } from '../platform/http/errors';
import type { RequestContext } from '../platform/http/request-context';
import { StatsService } from './stats.service';

const PERIOD_FORMAT = 'period must be a whole calendar year (2026), quarter (2026-Q1) or month (2026-03), in Lao time';

export class StatsQueryDto {
  @ApiProperty({
    description: `A whole calendar year (\`2026\`), quarter (\`2026-Q1\`) or month (\`2026-03\`) in Lao time (${STAT_PERIOD_MIN_YEAR}–${STAT_PERIOD_MAX_YEAR}), that has ended. Nothing else is released (decision 0014).`,
    example: '2026-Q1',
    pattern: STAT_PERIOD_PATTERN.source,
  })
  @IsString()
  @Matches(STAT_PERIOD_PATTERN, { message: PERIOD_FORMAT })
  period: string;
}

/**
 * Aggregate statistics for the National Plan of Action and TIP reporting: counts only, over every
 * case in the country, for whole calendar periods that have ended, with small cells withheld so that
 * no withheld count can be worked out from any combination of released ones (decision 0014). No
 * record, name or id leaves this route. Reading it is audited.
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
  @ApiOperation({
    summary:
      'Case and referral counts of a whole month, quarter or year by status, province, identification and exploitation type; small cells withheld',
  })
  async summary(@Ctx() ctx: RequestContext, @Query() q: StatsQueryDto): Promise<StatsSummaryView> {
    const period = parseStatPeriod(q.period);
    if (!period)
      throw new ValidationFailed([
        {
          field: 'period',
          problems: [`${PERIOD_FORMAT}, between ${STAT_PERIOD_MIN_YEAR} and ${STAT_PERIOD_MAX_YEAR}`],
        },
      ]);
    if (!statPeriodEnded(period, new Date())) {
      throw new ValidationFailed([
        {
          field: 'period',
          problems: ['the period has not ended in Laos: statistics are released for whole periods that are over'],
        },
      ]);
    }
    const view = await this.stats.summary(period);
    await this.audit.record(ctx, { action: 'STATS_READ', outcome: 'ALLOWED', details: { period: view.period } });
    return view;
  }
}
