import { Module } from '@nestjs/common';
import { SlaSettingsController } from './sla-settings.controller';
import { SlaSettingsRepository } from './sla-settings.repository';
import { SlaSettingsService } from './sla-settings.service';

/** The SLA hours per urgency: the admin route, and the reader the referral clocks use. */
@Module({
  controllers: [SlaSettingsController],
  providers: [SlaSettingsService, SlaSettingsRepository],
  exports: [SlaSettingsService],
})
export class SlaSettingsModule {}
