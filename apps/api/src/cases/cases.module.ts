import { Module } from '@nestjs/common';
import { CaseOpener } from './case-opener';
import { CaseRecordsService } from './case-records.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({ controllers: [CasesController], providers: [CaseOpener, CasesService, CaseRecordsService], exports: [CaseOpener] })
export class CasesModule {}
