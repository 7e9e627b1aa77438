import { Module } from '@nestjs/common';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { ConsentsController } from './consents.controller';
import { ConsentRepository } from './consent.repository';
import { ConsentsService } from './consents.service';

/**
 * Consents: granted and withdrawn, never edited. Exports ConsentsService for the features that
 * share data under a consent (`activeConsentCovering`, used by referrals and handoffs).
 */
@Module({
  imports: [WorkflowModule],
  controllers: [ConsentsController],
  providers: [ConsentsService, ConsentRepository],
  exports: [ConsentsService],
})
export class ConsentsModule {}
