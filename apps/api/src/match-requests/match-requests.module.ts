import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { MatchRequestRepository } from './match-request.repository';
import { MatchRequestsController } from './match-requests.controller';
import { MatchRequestsService } from './match-requests.service';

@Module({
  imports: [PersonsModule],
  controllers: [MatchRequestsController],
  providers: [MatchRequestRepository, MatchRequestsService],
})
export class MatchRequestsModule {}
