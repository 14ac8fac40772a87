import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import type { AppConfig } from '../config/config.schema.js';
import { preparedStatementsPoolOptions } from './prepared-statements.js';
import { DeferredWritesFlusher } from './transaction-writes.js';

/** Migration classes; each module lists its own, and libs/schema composes them in timestamp order. */
export type MigrationList = (new () => MigrationInterface)[];

/**
 * The one description of the database connection, shared by the Nest modules (through
 * TypeOrmModule) and the TypeORM CLI (apps/api/src/data-source.ts). The migrations are a
 * parameter because they belong to the modules, which the platform does not know; a running
 * app needs none (migrate() ran them before it started).
 */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize' | 'databaseConnectTimeoutMs'> & Partial<Pick<AppConfig, 'databasePreparedStatements' | 'databasePlanCacheMode'>>, migrations: MigrationList = []): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    // Inserts each transaction's audit records, outbox jobs and domain events before its COMMIT.
    subscribers: [DeferredWritesFlusher],
    poolSize: config.databasePoolSize,
    connectTimeoutMS: config.databaseConnectTimeoutMs,
    extra: {
      max: config.databasePoolSize,
      connectionTimeoutMillis: config.databaseConnectTimeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: 'medjourney',
      ...(config.databasePreparedStatements === false ? {} : preparedStatementsPoolOptions(config.databasePlanCacheMode ?? 'auto')),
    },
  };
}
