import { Module } from '@nestjs/common';
import { CaseOpener } from './case-opener';

@Module({ providers: [CaseOpener], exports: [CaseOpener] })
export class CasesModule {}
