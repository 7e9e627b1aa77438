import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { dbOptions } from './db-options';

/** The runtime connection, as the application role (never the owner). Never synchronises. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dbOptions(config.databaseUrl),
    }),
  ],
})
export class DatabaseModule {}
