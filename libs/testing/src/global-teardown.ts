import { existsSync, readdirSync, rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Drops every database, Redis key and worker build this run made (self-contained: see global-setup). */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.MJ_TEST_RUN;
  if (!run) return;
  const client = new pg.Client({ connectionString: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`mj\\_%${run}%`]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  await client.end();
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `mjtest_${run}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
  const builds = (existsSync('dist') ? readdirSync('dist', { withFileTypes: true }) : []).filter((e) => e.name.startsWith(`test-${run}`));
  for (const b of builds) rmSync(`dist/${b.name}`, { recursive: true, force: true });
}
