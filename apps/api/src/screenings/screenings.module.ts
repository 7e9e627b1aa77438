import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PersonsModule } from '../persons/persons.module';
import { ScreeningsController } from './screenings.controller';
import { ScreeningsService } from './screenings.service';

@Module({ imports: [PersonsModule, CasesModule], controllers: [ScreeningsController], providers: [ScreeningsService] })
export class ScreeningsModule {}
