import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@ctms/migrations';
import { ENTITIES } from './entities';

/** One place that says how to reach the database; used by the app, the CLI commands and the tests. */
export function dbOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: 'ctms',
    extra: { max: 20 },
    ...extra,
  } as DataSourceOptions;
}
