import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { CaseHandoffsController, HandoffsController } from './handoffs.controller';
import { HandoffsService } from './handoffs.service';

/** Prosecution handoffs from MoPS ATD investigators to OSPP (docs/workflows.md "Prosecution handoff"). */
@Module({
  imports: [ConsentsModule],
  controllers: [CaseHandoffsController, HandoffsController],
  providers: [HandoffsService],
})
export class HandoffsModule {}
