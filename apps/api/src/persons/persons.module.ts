import { Module } from '@nestjs/common';
import { PersonWriter } from './person-writer';
import { PersonRepository } from './person.repository';
import { PersonSearchService } from './person-search.service';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';

@Module({
  controllers: [PersonsController],
  providers: [PersonRepository, PersonWriter, PersonsService, PersonSearchService],
  exports: [PersonRepository, PersonWriter, PersonSearchService],
})
export class PersonsModule {}
