import { Module } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository';
import { ConsentsModule } from '../consents/consents.module';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { SlaSettingsModule } from '../sla/sla-settings.module';
import { ReferralsController, ServiceDirectoryController } from './referrals.controller';
import { ReferralRepository } from './referral.repository';
import { ReferralNotesService } from './referral-notes.service';
import { ReferralsService } from './referrals.service';

/** Referrals to agency inboxes with consent-checked data packets, and the service directory. */
@Module({
  imports: [ConsentsModule, WorkflowModule, SlaSettingsModule],
  controllers: [ReferralsController, ServiceDirectoryController],
  providers: [ReferralsService, ReferralNotesService, ReferralRepository, CaseRepository],
})
export class ReferralsModule {}
