import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PersonsModule } from '../persons/persons.module';

@Module({ imports: [PersonsModule, CasesModule] })
export class ScreeningsModule {}
