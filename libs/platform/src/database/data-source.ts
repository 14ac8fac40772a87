import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.schema.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * The one description of the database connection, shared by the Nest modules (through
 * TypeOrmModule) and the TypeORM CLI (apps/api/src/data-source.ts).
 */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize' | 'databaseConnectTimeoutMs'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    poolSize: config.databasePoolSize,
    connectTimeoutMS: config.databaseConnectTimeoutMs,
    extra: {
      max: config.databasePoolSize,
      connectionTimeoutMillis: config.databaseConnectTimeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: 'medjourney',
    },
  };
}
