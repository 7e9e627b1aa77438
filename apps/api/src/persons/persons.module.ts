import { Module } from '@nestjs/common';
import { PersonWriter } from './person-writer';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';

@Module({ controllers: [PersonsController], providers: [PersonWriter, PersonsService], exports: [PersonWriter, PersonsService] })
export class PersonsModule {}
