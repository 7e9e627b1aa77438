import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { ReferralsController, ServiceDirectoryController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

/** Referrals to agency inboxes with consent-checked data packets, and the service directory. */
@Module({ imports: [ConsentsModule], controllers: [ReferralsController, ServiceDirectoryController], providers: [ReferralsService] })
export class ReferralsModule {}
