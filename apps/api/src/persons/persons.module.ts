import { Module } from '@nestjs/common';
import { PersonWriter } from './person-writer';

@Module({ providers: [PersonWriter], exports: [PersonWriter] })
export class PersonsModule {}
