import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/** The counts, for the API's route and the worker's daily recount. */
@Module({ providers: [StatsService], exports: [StatsService] })
export class StatsCoreModule {}

@Module({ imports: [StatsCoreModule], controllers: [StatsController] })
export class StatsModule {}
