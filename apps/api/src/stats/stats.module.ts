import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';
import { StatsRepository } from './stats.repository';

/** The counts, for the API's route and the worker's daily recount. */
@Module({ providers: [StatsService, StatsRepository], exports: [StatsService] })
export class StatsCoreModule {}

@Module({ imports: [StatsCoreModule], controllers: [StatsController] })
export class StatsModule {}
