import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { loadConfig, migrate, type AppConfig } from '@medjourney/platform';
import { MIGRATIONS } from '@medjourney/schema';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Names shared by jest's global setup and every test file of one run. */
export function runId(): string {
  const id = process.env.MJ_TEST_RUN;
  if (!id) throw new Error('MJ_TEST_RUN is not set: run the tests through jest (global setup)');
  return id;
}
export const templateName = () => `mj_tpl_${runId()}`;
export const redisPrefixOfRun = () => `mjtest_${runId()}`;

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Migrates the run's template database once: the first test file to get here does it under
 * an advisory lock while the others wait; then every file copies the template.
 */
export async function ensureTemplate(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [templateName()]);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [`${templateName()}_ready`]);
    if (!rowCount) {
      await client.query(`DROP DATABASE IF EXISTS ${templateName()} WITH (FORCE)`);
      await migrate({ databaseUrl: databaseUrl(templateName()), databasePoolSize: 2, databaseConnectTimeoutMs: 5000 }, MIGRATIONS);
      // An empty marker database says the template is complete.
      await client.query(`CREATE DATABASE ${templateName()}_ready`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [templateName()]).catch(() => undefined);
    await client.end();
  }
}

/** A fresh database for one test file, copied from the run's migrated template. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  await ensureTemplate();
  const name = `mj_t_${runId()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
  return { name, url: databaseUrl(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined) };
}

/**
 * The configuration of a test: its own database and Redis prefix, quiet logs, cheap password
 * hashing (PASSWORD_HASHING=fast, which only NODE_ENV=test takes: a test that runs the app as
 * development hashes at standard), overrides on top.
 */
export function testConfig(dbUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `${redisPrefixOfRun()}_${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    STORAGE_DIR: `/tmp/medjourney-test-${runId()}`,
    OUTBOX_POLL_INTERVAL_MS: '50',
    // The relay's path (the fallback of enqueue-on-commit), which most tests pin; apps/worker/test/relay-wake.e2e-spec.ts and events/event-bus.int-spec.ts also test it on.
    EVENTS_ENQUEUE_ON_COMMIT: 'false',
    // Likewise for outbox jobs; outbox/outbox-on-commit.int-spec.ts and the relay-wake test switch it on.
    OUTBOX_ENQUEUE_ON_COMMIT: 'false',
    AUDIT_CHAIN_INTERVAL_MS: '50',
    ...((env.NODE_ENV ?? 'test') === 'test' ? { PASSWORD_HASHING: 'fast' } : {}),
    ...env,
  });
}
