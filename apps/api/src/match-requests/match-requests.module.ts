import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { MatchRequestsController } from './match-requests.controller';
import { MatchRequestsService } from './match-requests.service';

@Module({ imports: [PersonsModule], controllers: [MatchRequestsController], providers: [MatchRequestsService] })
export class MatchRequestsModule {}
