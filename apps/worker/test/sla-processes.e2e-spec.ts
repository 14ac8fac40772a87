import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { JOBS, QueuesService } from '@medjourney/platform';
import { buildWorker, completedJob, runningApplications, startPrivateRedis, startTestApp, spawnWorker, until, type TestApp, type WorkerProcess } from '@medjourney/testing';

/** The environment a spawned worker needs to share the test app's database, Redis and SLA settings. */
function workerEnv(t: TestApp, sla: Record<string, string>): Record<string, string> {
  return {
    DATABASE_URL: t.config.databaseUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: t.config.redisUrl,
    QUEUE_PREFIX: t.config.queuePrefix,
    STORAGE_DIR: t.config.storageDir,
    OUTBOX_POLL_INTERVAL_MS: '50',
    ...sla,
  };
}

const effectsOf = async (t: TestApp, ids: string[]) =>
  (await t.db.query('SELECT application_id, stage FROM sla_stage_effects WHERE application_id = ANY($1) ORDER BY fired_at', [ids])) as { application_id: string; stage: string }[];

let main: string;
beforeAll(async () => {
  // The production build of the worker, run as separate processes.
  main = await buildWorker();
}, 120_000);

describe('SLA durability with two worker processes', () => {
  let t: TestApp;
  let workers: WorkerProcess[] = [];
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  const sla = { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT6S', SLA_RECONCILE_EVERY: 'PT1S' };

  beforeAll(async () => {
    // A Redis of this test's own, so that FLUSHALL wipes nobody else's keys.
    redis = await startPrivateRedis();
    t = await startTestApp({ realClock: true, env: { REDIS_URL: redis.url, ...sla } });
    workers = await Promise.all([spawnWorker(main, workerEnv(t, sla)), spawnWorker(main, workerEnv(t, sla))]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await t?.close();
    await redis?.stop();
  });

  it('fires all 600 stages of 200 applications exactly once, with a FLUSHALL halfway', async () => {
    const ids = await runningApplications(t, 200, { officerId: null });
    const count = async () => (await effectsOf(t, ids)).length;
    await until(async () => (await count()) > 0, 10_000, 'the first stage');
    await t.app.get(QueuesService).connection.flushall();
    expect(await count()).toBeLessThan(600);
    await until(async () => (await count()) === 600, 40_000, 'all 600 stages');
    const perApp = await t.db.query(`SELECT application_id, array_agg(stage ORDER BY stage) AS stages FROM sla_stage_effects GROUP BY application_id`);
    expect(perApp).toHaveLength(200);
    expect(perApp.every((r: { stages: string[] }) => r.stages.join() === 'breach,escalation,warning')).toBe(true);
    // Effects and notices have unique keys; the audit log has none, so it would show a stage
    // whose effect ran twice.
    const audited = await t.db.query(`SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action LIKE 'sla.%' GROUP BY entity_id`);
    expect(audited).toHaveLength(200);
    expect(audited.every((r: { n: number }) => r.n === 3)).toBe(true);
    // Both processes were alive to the end: neither crashed on a duplicate.
    for (const w of workers) expect((await fetch(`http://127.0.0.1:${w.healthPort}/health/ready`)).status).toBe(200);
    const [{ worst }] = await t.db.query('SELECT max(lateness_seconds) AS worst FROM sla_stage_effects');
    expect(worst).toBeLessThan(10);
  }, 90_000);
});

describe('a worker process killed in the middle of a stage', () => {
  let t: TestApp;
  let worker: WorkerProcess | undefined;
  let locker: pg.Client;
  const sla = { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT4S', SLA_RECONCILE_EVERY: 'PT1S', QUEUE_LOCK_DURATION: 'PT2S' };

  beforeAll(async () => {
    t = await startTestApp({ realClock: true, env: sla });
    locker = new pg.Client({ connectionString: t.config.databaseUrl });
    locker.on('error', () => undefined);
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await worker?.stop();
    await t?.close();
  });

  it('the stage completes once after a restart, and the redelivered job changes nothing', async () => {
    const [officer] = await t.db.query(`INSERT INTO users (email, name, role) VALUES ('killed.officer@example.kz', 'O', 'officer') RETURNING id`);
    worker = await spawnWorker(main, workerEnv(t, sla));
    const [id] = await runningApplications(t, 1, { officerId: officer.id });

    // Hold the application's clock, so the stage that falls due blocks inside its transaction.
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM sla_clocks WHERE application_id = $1 FOR UPDATE', [id]);
    // Asked outside the locking transaction, whose view of pg_stat_activity is a snapshot.
    const blocked = async () =>
      (await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%FOR UPDATE%'`,
      ))[0].n as number;
    await until(async () => (await blocked()) > 0, 10_000, 'the worker to block in the stage');
    const queue = t.app.get(QueuesService).get(JOBS.timerDue.queue);
    const inFlight = await queue.getActive();
    expect(inFlight.length).toBeGreaterThan(0);

    await worker.kill('SIGKILL');
    await locker.query('ROLLBACK');
    // The dead process's transaction ends without committing anything.
    await until(async () => (await blocked()) === 0, 10_000, 'the dead transaction to end');
    expect(await effectsOf(t, [id])).toEqual([]);

    worker = await spawnWorker(main, workerEnv(t, sla));
    await until(async () => (await effectsOf(t, [id])).length === 3, 20_000, 'the three stages after the restart');
    // The jobs the dead process held come back once their lock lapses, and find nothing left to do.
    for (const job of inFlight) await completedJob(queue, job.id!, 20_000);
    expect((await effectsOf(t, [id])).map((e) => e.stage)).toEqual(['warning', 'escalation', 'breach']);
    const notices = await t.db.query(`SELECT payload->>'stage' AS stage FROM domain_events WHERE name = 'sla.stage-fired' AND payload->>'applicationId' = $1 ORDER BY seq`, [id]);
    expect(notices.map((n: { stage: string }) => n.stage)).toEqual(['warning', 'escalation', 'breach']);
    const audited = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'sla.%' ORDER BY seq`, [id]);
    expect(audited.map((a: { action: string }) => a.action)).toEqual(['sla.warning', 'sla.escalation', 'sla.breach']);
  }, 90_000);
});
