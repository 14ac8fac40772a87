import { afterAll, describe, expect, it } from '@jest/globals';
import { databaseUrl } from '@medjourney/testing';
import { DataSource, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from './data-source.js';
import { CUSTOM_PLAN } from './prepared-statements.js';

/** Each connection prepares a parameterised statement once (prepared-statements.ts). */
describe('prepared statements', () => {
  const sources: DataSource[] = [];
  afterAll(() => Promise.all(sources.map((s) => s.destroy())));

  // The statements need no table: the server's own database serves.
  const connection = async (prepared: boolean | undefined, extra: Record<string, unknown> = {}, planCacheMode?: 'auto' | 'force_custom_plan'): Promise<QueryRunner> => {
    const options = dataSourceOptions({
      databaseUrl: databaseUrl('postgres'), databasePoolSize: 2, databaseConnectTimeoutMs: 5000, databasePreparedStatements: prepared, databasePlanCacheMode: planCacheMode,
    });
    const ds = new DataSource({ ...options, extra: { ...(options as { extra: object }).extra, ...extra }, entities: [] } as typeof options);
    sources.push(await ds.initialize());
    const runner = ds.createQueryRunner();
    await runner.connect();
    return runner;
  };
  const preparedOn = async (r: QueryRunner): Promise<string[]> =>
    (await r.query(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`)).map((s: { statement: string }) => s.statement);

  const plans = async (r: QueryRunner) =>
    (await r.query(`SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements`)) as { generic: number; custom: number }[];

  it('prepares a parameterised statement once per connection; by default it keeps a generic plan after five executions with their own', async () => {
    const r = await connection(undefined);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(await r.query(`SELECT $1::int + 1 AS next`, [n])).toEqual([{ next: n + 1 }]);
    expect(await preparedOn(r)).toEqual(['SELECT $1::int + 1 AS next']);
    const [{ plan_cache_mode: mode }] = await r.query(`SHOW plan_cache_mode`);
    expect(mode).toBe('auto');
    expect(await plans(r)).toEqual([{ custom: 5, generic: 3 }]);
    await r.release();
  });

  it('plans every execution with its own values when DATABASE_PLAN_CACHE_MODE is force_custom_plan', async () => {
    const r = await connection(undefined, {}, 'force_custom_plan');
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(await r.query(`SELECT $1::int + 1 AS next`, [n])).toEqual([{ next: n + 1 }]);
    const [{ plan_cache_mode: mode }] = await r.query(`SHOW plan_cache_mode`);
    expect(mode).toBe('force_custom_plan');
    expect(await plans(r)).toEqual([{ custom: 8, generic: 0 }]);
    await r.release();
  });

  it('sends a statement marked for custom plans unnamed, planned with its own values each time', async () => {
    const r = await connection(undefined);
    for (const n of [1, 2, 3, 4, 5, 6, 7]) expect(await r.query(`/* ${CUSTOM_PLAN} */ SELECT $1::int AS n`, [n])).toEqual([{ n }]);
    expect(await preparedOn(r)).toEqual([]);
    await r.release();
  });

  it('leaves statements without parameters unprepared', async () => {
    const r = await connection(undefined);
    await r.startTransaction();
    expect(await r.query(`SELECT 41 + 1 AS answer`)).toEqual([{ answer: 42 }]);
    await r.commitTransaction();
    expect(await preparedOn(r)).toEqual([]);
    await r.release();
  });

  it('runs statements beyond the bound unnamed, with the right answers', async () => {
    const r = await connection(undefined, { preparedStatementsLimit: 2 });
    expect(await r.query(`SELECT $1::int AS a`, [1])).toEqual([{ a: 1 }]);
    expect(await r.query(`SELECT $1::int AS b`, [2])).toEqual([{ b: 2 }]);
    expect(await r.query(`SELECT $1::int AS c`, [3])).toEqual([{ c: 3 }]);
    expect(await r.query(`SELECT $1::int AS a`, [4])).toEqual([{ a: 4 }]);
    expect(await preparedOn(r)).toEqual(['SELECT $1::int AS a', 'SELECT $1::int AS b']);
    await r.release();
  });

  it('a statement the server refuses stays refusable, and the connection keeps working', async () => {
    const r = await connection(undefined);
    for (let i = 0; i < 2; i++) {
      await expect(r.query(`SELECT $1::int FROM no_such_table`, [1])).rejects.toThrow(/no_such_table/);
    }
    expect(await r.query(`SELECT $1::text AS ok`, ['yes'])).toEqual([{ ok: 'yes' }]);
    expect(await preparedOn(r)).toEqual(['SELECT $1::text AS ok']);
    await r.release();
  });

  it('prepares nothing when DATABASE_PREPARED_STATEMENTS is off', async () => {
    const r = await connection(false);
    for (const n of [1, 2]) expect(await r.query(`SELECT $1::int + 1 AS next`, [n])).toEqual([{ next: n + 1 }]);
    expect(await preparedOn(r)).toEqual([]);
    const [{ plan_cache_mode: mode }] = await r.query(`SHOW plan_cache_mode`);
    expect(mode).toBe('auto');
    await r.release();
  });
});
