import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { CaseFilterRepository } from './case-filters.repository';
import { CaseFiltersService } from './case-filters.service';
import { CaseFiltersController, CaseSearchController } from './case-search.controller';
import { CaseSearchService } from './case-search.service';
import { CaseOpener } from './case-opener';
import { CaseRecordsService } from './case-records.service';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseRequestsController } from './case-requests.controller';
import { CaseRequestRepository } from './case-requests.repository';
import { CaseRequestsService } from './case-requests.service';

@Module({
  imports: [WorkflowModule, PersonsModule],
  controllers: [CaseSearchController, CaseFiltersController, CasesController, CaseRequestsController],
  providers: [
    CaseSearchService,
    CaseFilterRepository,
    CaseFiltersService,
    CaseOpener,
    CasesService,
    CaseRecordsService,
    CaseRepository,
    CaseRequestRepository,
    CaseRequestsService,
  ],
  exports: [CaseOpener, CaseRepository, CaseRequestRepository],
})
export class CasesModule {}
