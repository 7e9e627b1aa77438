import { Module } from '@nestjs/common';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';

/**
 * Consents: granted and withdrawn, never edited. Exports ConsentsService for the features that
 * share data under a consent (`activeConsentCovering`, used by referrals and handoffs).
 */
@Module({
  controllers: [ConsentsController],
  providers: [ConsentsService],
  exports: [ConsentsService],
})
export class ConsentsModule {}
