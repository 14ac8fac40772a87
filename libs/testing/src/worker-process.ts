import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './redis-server.js';
import type { TestApp } from './test-app.js';
import { PG_ADMIN_URL, runId } from './test-env.js';

// jest runs from the repository root (npm test).
const ROOT = process.cwd();
const run = promisify(execFile);

export interface WorkerProcess {
  pid: number;
  healthPort: number;
  /** What the process printed so far, for a failing test's message. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The worker as production runs it: `nest build worker` (once per test run, into
 * dist/test-<run>, under an advisory lock so parallel test files build it once) and
 * `node main.js` in a process of its own, so a test can SIGKILL it.
 */
export async function buildWorker(): Promise<string> {
  const outDir = `test-${runId()}-worker`;
  const main = join(ROOT, 'dist', outDir, 'apps/worker/src/main.js');
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [outDir]);
    if (!existsSync(main)) {
      mkdirSync(join(ROOT, 'dist'), { recursive: true });
      const tsconfig = join('dist', `${outDir}.tsconfig.json`);
      writeFileSync(join(ROOT, tsconfig), JSON.stringify({ extends: '../apps/worker/tsconfig.app.json', compilerOptions: { outDir: `./${outDir}` } }));
      await run(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'worker', '--path', tsconfig], { cwd: ROOT });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [outDir]).catch(() => undefined);
    await client.end();
  }
  return main;
}

/**
 * The environment a spawned worker needs to share the test app's database, Redis and queue
 * prefix, with a quick outbox poll; `extra` adds or overrides settings (the SLA's, timers').
 */
export function workerEnv(t: TestApp, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: t.config.databaseUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: t.config.redisUrl,
    QUEUE_PREFIX: t.config.queuePrefix,
    STORAGE_DIR: t.config.storageDir,
    OUTBOX_POLL_INTERVAL_MS: '50',
    ...extra,
  };
}

/** Starts a built worker with this environment on a free health port; resolves once /health/ready answers 200. */
export async function spawnWorker(main: string, env: Record<string, string>, readyWithinMs = 20_000): Promise<WorkerProcess> {
  const healthPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env, WORKER_HEALTH_PORT: String(healthPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (d: Buffer) => (printed += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (printed += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${printed}`);
    const ok = await fetch(`http://127.0.0.1:${healthPort}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await kill('SIGKILL');
      throw new Error(`worker not ready in ${readyWithinMs} ms:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pid: child.pid!, healthPort, output: () => printed, kill, stop: () => kill('SIGTERM') };
}
