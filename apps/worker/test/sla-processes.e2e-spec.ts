import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { JOBS, QueuesService, TimersService } from '@medjourney/platform';
import { SLA_STAGE_TIMER, stageTimerKey } from '@medjourney/sla';
import { buildWorker, runningApplications, startPrivateRedis, startTestApp, spawnWorker, until, workerEnv, type TestApp, type WorkerProcess } from '@medjourney/testing';

const effectsOf = async (t: TestApp, ids: string[]) =>
  (await t.db.query('SELECT application_id, stage FROM sla_stage_effects WHERE application_id = ANY($1) ORDER BY fired_at', [ids])) as { application_id: string; stage: string }[];

let main: string;
beforeAll(async () => {
  // The production build of the worker, run as separate processes.
  main = await buildWorker();
}, 300_000);

describe('SLA durability with two worker processes', () => {
  let t: TestApp;
  let workers: WorkerProcess[] = [];
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  const sla = { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT6S', SLA_RECONCILE_EVERY: 'PT1S' };

  beforeAll(async () => {
    // A Redis of this test's own, so that FLUSHALL wipes nobody else's keys.
    redis = await startPrivateRedis();
    t = await startTestApp({ realClock: true, env: { REDIS_URL: redis.url, ...sla } });
    workers = await Promise.all([spawnWorker(main, workerEnv(t, sla), 60_000), spawnWorker(main, workerEnv(t, sla), 60_000)]);
  }, 90_000);
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

describe('two worker processes on one instant', () => {
  let t: TestApp;
  let workers: WorkerProcess[] = [];
  // Long clocks, so that nothing falls due on its own.
  const sla = { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT1H', SLA_RECONCILE_EVERY: 'PT30S' };

  beforeAll(async () => {
    t = await startTestApp({ realClock: true, env: sla });
    workers = await Promise.all([spawnWorker(main, workerEnv(t, sla), 60_000), spawnWorker(main, workerEnv(t, sla), 60_000)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await t?.close();
  });

  it('fire each stage due at that instant once, the two racing for its jobs', async () => {
    // Every warning is moved to one instant, armed in transactions of 50 (six jobs of that
    // instant, as a burst of submissions would arm them).
    const ids = await runningApplications(t, 300, { officerId: null });
    // A whole second: the instant of the jobs (rounded up to 100 ms) is this one.
    const instant = new Date(Math.ceil((Date.now() + 3000) / 1000) * 1000);
    await t.db.query('UPDATE sla_clocks SET next_stage_at = $2 WHERE application_id = ANY($1)', [ids, instant]);
    const timers = t.app.get(TimersService);
    for (let i = 0; i < ids.length; i += 50) {
      await t.db.transaction((m) =>
        timers.schedule(
          m,
          ids.slice(i, i + 50).map((id) => ({ kind: SLA_STAGE_TIMER, key: stageTimerKey(id), at: instant, payload: { applicationId: id, stage: 'warning', cycle: 1 } })),
        ),
      );
    }
    const warnings = async () => (await t.db.query(`SELECT count(*)::int AS n FROM sla_stage_effects WHERE stage = 'warning' AND application_id = ANY($1)`, [ids]))[0].n as number;
    await until(async () => (await warnings()) === 300, 30_000, 'the 300 warnings');
    const perApp = await t.db.query(`SELECT count(*)::int AS n FROM domain_events WHERE name = 'sla.stage-fired' AND payload->>'stage' = 'warning' AND payload->>'applicationId' = ANY($1) GROUP BY payload->>'applicationId'`, [ids]);
    expect(perApp).toHaveLength(300);
    expect(perApp.every((r: { n: number }) => r.n === 1)).toBe(true);
    const [{ late }] = await t.db.query(`SELECT min(fired_at) >= $2 AS late FROM sla_stage_effects WHERE stage = 'warning' AND application_id = ANY($1)`, [ids, instant]);
    expect(late).toBe(true);
    // Each process counts the stages it fired (sla_stage_lateness_seconds): together exactly the
    // 300, none twice. Which process takes which job is the queue's choice: one job may fire every
    // due timer of the instant, so the other may rightly fire none.
    const firedBy = await Promise.all(
      workers.map(async (w) => {
        const metrics = await (await fetch(`http://127.0.0.1:${w.healthPort}/metrics`)).text();
        return Number(/^sla_stage_lateness_seconds_count\{stage="warning"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
      }),
    );
    expect(firedBy[0] + firedBy[1]).toBe(300);
  }, 90_000);
});

describe('a worker process killed in the middle of a batch', () => {
  let t: TestApp;
  let worker: WorkerProcess | undefined;
  let locker: pg.Client;
  const sla = { SLA_CALENDAR: 'calendar', SLA_TARGET: 'PT10S', SLA_RECONCILE_EVERY: 'PT1S', QUEUE_LOCK_DURATION: 'PT2S' };

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

  it('every stage of the batch fires once after a restart, and the redelivered jobs change nothing', async () => {
    const [officer] = await t.db.query(`INSERT INTO users (email, name, role) VALUES ('killed.officer@example.kz', 'O', 'officer') RETURNING id`);
    const ids = await runningApplications(t, 20, { officerId: officer.id });
    // One instant for the twenty warnings, so that one batch takes them all.
    const instant = new Date(Date.now() + 2000);
    await t.db.query('UPDATE sla_clocks SET next_stage_at = $2 WHERE application_id = ANY($1)', [ids, instant]);
    await t.db.transaction((m) =>
      t.app.get(TimersService).schedule(m, ids.map((id) => ({ kind: SLA_STAGE_TIMER, key: stageTimerKey(id), at: instant, payload: { applicationId: id, stage: 'warning', cycle: 1 } }))),
    );
    // An uncommitted effect of the last one's warning: the batch blocks on it, in the middle of its writes.
    await locker.query('BEGIN');
    await locker.query(`INSERT INTO sla_stage_effects (application_id, stage, cycle, due_instant, fired_at, lateness_seconds) VALUES ($1, 'warning', 1, now(), now(), 0)`, [ids[19]]);
    worker = await spawnWorker(main, workerEnv(t, sla), 60_000);
    // Asked outside the locking transaction, whose view of pg_stat_activity is a snapshot.
    const blocked = async () =>
      (await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%sla_stage_effects%'`,
      ))[0].n as number;
    await until(async () => (await blocked()) > 0, 15_000, 'the worker to block in the batch');
    const queue = t.app.get(QueuesService).get(JOBS.timerDue.queue);
    const inFlight = await queue.getActive();
    expect(inFlight.length).toBeGreaterThan(0);

    await worker.kill('SIGKILL');
    await locker.query('ROLLBACK');
    // The dead process's transaction ends without committing anything.
    await until(async () => (await blocked()) === 0, 10_000, 'the dead transaction to end');
    expect(await effectsOf(t, ids)).toEqual([]);

    worker = await spawnWorker(main, workerEnv(t, sla), 60_000);
    await until(async () => (await effectsOf(t, ids)).length === 60, 60_000, 'the three stages of each after the restart');
    // The jobs the dead process held come back once their lock lapses and complete (an attempt
    // that failed on a busy machine is retried by BullMQ); they find nothing left to do.
    for (const job of inFlight) await until(async () => (await queue.getJob(job.id!).then((j) => j?.getState())) === 'completed', 60_000, `job ${job.id}`);
    for (const id of ids) {
      expect((await effectsOf(t, [id])).map((e) => e.stage)).toEqual(['warning', 'escalation', 'breach']);
      const notices = await t.db.query(`SELECT payload->>'stage' AS stage FROM domain_events WHERE name = 'sla.stage-fired' AND payload->>'applicationId' = $1 ORDER BY seq`, [id]);
      expect(notices.map((n: { stage: string }) => n.stage)).toEqual(['warning', 'escalation', 'breach']);
      const audited = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'sla.%' ORDER BY seq`, [id]);
      expect(audited.map((a: { action: string }) => a.action)).toEqual(['sla.warning', 'sla.escalation', 'sla.breach']);
    }
  }, 240_000);
});
