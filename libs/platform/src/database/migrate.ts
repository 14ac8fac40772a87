import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type MigrationList } from './data-source.js';
import type { AppConfig } from '../config/config.schema.js';

/** Any fixed 64-bit number; every process that migrates takes this lock first. */
const MIGRATION_LOCK_KEY = 4_815_162_342;

type DbConfig = Pick<AppConfig, 'databaseUrl' | 'databasePoolSize' | 'databaseConnectTimeoutMs'>;

/** Creates the database named in the URL when it does not exist (safe when two processes race). */
export async function ensureDatabase(databaseUrl: string, connectTimeoutMs = 5000): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: connectTimeoutMs });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      return true;
    } catch (e) {
      // 42P04 duplicate_database, 23505 when two CREATE DATABASE race on pg_database's index.
      const code = (e as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw e;
    }
  } finally {
    await client.end();
  }
}

/**
 * Creates the database if needed and runs pending migrations under a session-level advisory
 * lock, so that several API and worker processes starting together migrate exactly once.
 * Returns the names of the migrations this call applied.
 */
export async function migrate(config: DbConfig, migrations: MigrationList): Promise<string[]> {
  await ensureDatabase(config.databaseUrl, config.databaseConnectTimeoutMs);
  const lock = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: config.databaseConnectTimeoutMs });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ds = new DataSource({ ...dataSourceOptions({ ...config, databasePoolSize: 2 }, migrations), entities: [] });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
