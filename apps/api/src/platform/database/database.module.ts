import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { dbOptions } from './db-options';

/**
 * The connection pool of a process, as the application role (never the owner). Never synchronises.
 * Every connection starts with a statement_timeout (PostgreSQL cancels a statement that runs longer,
 * error 57014, which the API answers 503): short for the API, whose statements serve one request,
 * longer for the worker, whose export batches and statistics recounts are bigger (decision 0012).
 */
function pool(timeout: (c: AppConfig) => number) {
  return TypeOrmModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) =>
      dbOptions(config.databaseUrl, { extra: { max: 20, statement_timeout: timeout(config) } }),
  });
}

/** The API's pool: DB_STATEMENT_TIMEOUT_MS. */
@Module({ imports: [pool((c) => c.dbStatementTimeoutMs)] })
export class DatabaseModule {}

/** The worker's pool: WORKER_STATEMENT_TIMEOUT_MS. */
@Module({ imports: [pool((c) => c.workerStatementTimeoutMs)] })
export class WorkerDatabaseModule {}
