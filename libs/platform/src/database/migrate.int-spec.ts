import { afterAll, describe, expect, it } from '@jest/globals';
import { adminQuery, databaseUrl, runId, startTestApp } from '@medjourney/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@medjourney/schema';
import { ensureDatabase, migrate } from './migrate.js';

const created: string[] = [];
const freshName = () => {
  const name = `mj_m_${runId()}_${randomBytes(3).toString('hex')}`;
  created.push(name);
  return name;
};
const cfg = (name: string) => ({ databaseUrl: databaseUrl(name), databasePoolSize: 2, databaseConnectTimeoutMs: 5000 });

describe('migrations', () => {
  afterAll(async () => {
    for (const name of created) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('creates a missing database and migrates it from nothing', async () => {
    const name = freshName();
    const applied = await migrate(cfg(name), MIGRATIONS);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
    const tables = await adminQuery<{ n: number }>(`SELECT 1 AS n FROM pg_database WHERE datname = $1`, [name]);
    expect(tables).toHaveLength(1);
    expect(await migrate(cfg(name), MIGRATIONS)).toEqual([]);
  });

  it('migrates once when several processes start together', async () => {
    const name = freshName();
    const results = await Promise.all([migrate(cfg(name), MIGRATIONS), migrate(cfg(name), MIGRATIONS), migrate(cfg(name), MIGRATIONS)]);
    expect(results.map((r) => r.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
    const ds = new DataSource({ type: 'postgres', url: databaseUrl(name) });
    await ds.initialize();
    const rows = await ds.query('SELECT name FROM typeorm_migrations');
    await ds.destroy();
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('ensureDatabase is safe when two callers race to create the same database', async () => {
    const name = freshName();
    const made = await Promise.all([ensureDatabase(databaseUrl(name)), ensureDatabase(databaseUrl(name))]);
    expect(made.filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(await adminQuery(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).toHaveLength(1);
  });

  // Indexes, checks and foreign keys live in the migrations only (the entities do not repeat
  // them), so TypeORM would "drop" them; every table, column, type and default must match.
  it('leaves no difference between the entities\' tables and columns and the migrated schema', async () => {
    const t = await startTestApp();
    try {
      const ds = t.app.get(DataSource);
      const diff = await ds.driver.createSchemaBuilder().log();
      const ownedByMigrations = /^(DROP INDEX|ALTER TABLE "\w+" DROP CONSTRAINT)/;
      expect(diff.upQueries.map((q) => q.query).filter((q) => !ownedByMigrations.test(q))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
