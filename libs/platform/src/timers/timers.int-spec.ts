import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { APP_CONFIG, JOBS, ManualClock, OutboxRelay, OutboxService, QueuesService, SystemClock, TimersService, type TimerHandler } from '@medjourney/platform';
import { DataSource } from 'typeorm';
import { startPrivateRedis, startTestApp, startTestWorker, until, type TestApp } from '@medjourney/testing';

const NOW = new Date('2026-11-23T00:00:00Z');
const KIND = 'test.probe';

/** A kind whose effect is a row in a table without a unique key: a second firing would show. */
const probe: TimerHandler<{ n: number }, string> = {
  async fire(m, due) {
    await m.query('INSERT INTO probe_effects (key, n, fired_at) SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[])', [
      due.map((d) => d.key),
      due.map((d) => d.payload.n),
      due.map(() => new Date()),
    ]);
    return new Map(due.map((d) => [d.key, d.key]));
  },
};

async function createProbeTable(t: TestApp): Promise<void> {
  await t.db.query('CREATE TABLE probe_effects (key text NOT NULL, n int NOT NULL, fired_at timestamptz NOT NULL)');
}

async function schedule(t: TestApp, timers: TimersService, keys: string[], at: Date): Promise<Map<string, string>> {
  await t.db.transaction((m) => timers.schedule(m, keys.map((key, n) => ({ kind: KIND, key, at, payload: { n } }))));
  const rows: { key: string; arming: string }[] = await t.db.query('SELECT key, arming FROM timers WHERE key = ANY($1)', [keys]);
  return new Map(rows.map((r) => [r.key, String(r.arming)]));
}

const firings = async (t: TestApp, keys: string[]) =>
  (await t.db.query('SELECT key, count(*)::int AS n FROM probe_effects WHERE key = ANY($1) GROUP BY key', [keys])) as { key: string; n: number }[];

/** The service alone, with a manual clock: the worker's jobs are played by calling what they call. */
describe('durable timers', () => {
  let t: TestApp;
  let timers: TimersService;
  const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW) });
    timers = t.app.get(TimersService);
    timers.register(KIND, probe);
    await createProbeTable(t);
  });
  afterAll(() => t.close());

  /** A second TimersService on connections of its own: another worker process. */
  async function anotherWorker(): Promise<{ timers: TimersService; close: () => Promise<void> }> {
    const ds = new DataSource(t.db.options);
    await ds.initialize();
    const other = new TimersService(ds, t.app.get(OutboxService), t.app.get(QueuesService), t.clock, t.app.get(APP_CONFIG));
    other.register(KIND, probe);
    return { timers: other, close: () => ds.destroy() };
  }

  it('fires once per key when its instant\'s job runs twice, and when jobs, batches and the reconciler race', async () => {
    t.clock.set(NOW);
    await schedule(t, timers, ['once.a'], at(10));
    t.clock.set(at(10));
    expect(await timers.fireAt(at(10))).toEqual({ fired: 1 });
    expect(await timers.fireAt(at(10))).toEqual({ fired: 0 });
    expect(await firings(t, ['once.a'])).toEqual([{ key: 'once.a', n: 1 }]);

    const keys = Array.from({ length: 40 }, (_, i) => `race.${i}`);
    const armings = await schedule(t, timers, keys, at(20));
    t.clock.set(at(20));
    await Promise.all([
      timers.fireAt(at(20)),
      ...keys.map((k) => timers.fireOne(k, armings.get(k)!)),
      timers.reconcile(7),
      timers.fireDue({ limit: 5 }),
      timers.fireAt(at(20)),
    ]);
    const rows = await firings(t, keys);
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [{ left }] = await t.db.query('SELECT count(*)::int AS left FROM timers WHERE key = ANY($1)', [keys]);
    expect(left).toBe(0);
  });

  it('arms one job per instant and 200 timers: a burst costs a few jobs, not one per timer', async () => {
    t.clock.set(at(40));
    const keys = Array.from({ length: 450 }, (_, i) => `burst.${i}`);
    // 450 timers within one instant (INSTANT_MS), and one a little later in another.
    await t.db.transaction((m) =>
      timers.schedule(m, [
        ...keys.map((key, n) => ({ kind: KIND, key, at: new Date(at(45).getTime() - (n % 90)), payload: { n } })),
        { kind: KIND, key: 'burst.later', at: at(45.5), payload: { n: 0 } },
      ]),
    );
    const jobs: { job_id: string; delay_until: Date; payload: { at: string } }[] = await t.db.query(
      `SELECT job_id, delay_until, payload FROM outbox WHERE job_name = 'due' AND delay_until IN ($1, $2) ORDER BY delay_until, job_id`,
      [at(45), at(45.5)],
    );
    expect(jobs.map((j) => [j.delay_until.toISOString(), j.payload.at])).toEqual([
      [at(45).toISOString(), at(45).toISOString()],
      [at(45).toISOString(), at(45).toISOString()],
      [at(45).toISOString(), at(45).toISOString()],
      [at(45.5).toISOString(), at(45.5).toISOString()],
    ]);
    expect(new Set(jobs.map((j) => j.job_id)).size).toBe(4);
    // Not before its instant: the job of 45 s fires the 450, the one at 45.5 s is not due yet.
    t.clock.set(at(45));
    expect(await timers.fireAt(at(45))).toEqual({ fired: 450 });
    expect(await firings(t, ['burst.later'])).toEqual([]);
    t.clock.set(at(45.5));
    expect(await timers.fireAt(at(45.5))).toEqual({ fired: 1 });
    const rows = await firings(t, [...keys, 'burst.later']);
    expect(rows).toHaveLength(451);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('two workers on one instant fire each of its timers once between them', async () => {
    t.clock.set(at(50));
    const keys = Array.from({ length: 1000 }, (_, i) => `two.${i}`);
    await schedule(t, timers, keys, at(55));
    t.clock.set(at(55));
    const other = await anotherWorker();
    try {
      // Each worker runs the jobs of the instant it got (five of 200 armed together; say three and two).
      // Which worker fires how many is a race (one job may drain the instant before the others
      // start, which is correct); what the rule asks is that together they fire each timer once.
      const results = await Promise.all([timers.fireAt(at(55)), other.timers.fireAt(at(55)), timers.fireAt(at(55)), other.timers.fireAt(at(55)), timers.fireAt(at(55))]);
      expect(results.reduce((n, r) => n + r.fired, 0)).toBe(1000);
    } finally {
      await other.close();
    }
    const rows = await firings(t, keys);
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('never fires early: an early job fires nothing and says by how much; a moved timer fires once, at its new instant', async () => {
    t.clock.set(at(100));
    await schedule(t, timers, ['early.a'], at(160));
    t.clock.set(at(130));
    expect(await timers.fireAt(at(160))).toEqual({ fired: 0, earlyByMs: 30_000 });
    // Within the short wait: it waits, and still does not fire before the instant (the manual clock stands still).
    t.clock.set(at(159.999));
    expect(await timers.fireAt(at(160))).toEqual({ fired: 0 });
    expect(await timers.fireDue()).toEqual([]);
    expect((await timers.reconcile()).fired).toBe(0);
    expect(await firings(t, ['early.a'])).toEqual([]);

    // Moved later before it fired: the old instant's job does nothing, the new one fires at the new instant.
    await schedule(t, timers, ['early.a'], at(200));
    t.clock.set(at(160));
    expect(await timers.fireAt(at(160))).toEqual({ fired: 0 });
    t.clock.set(at(200));
    expect(await timers.fireAt(at(200))).toEqual({ fired: 1 });
    expect(await firings(t, ['early.a'])).toEqual([{ key: 'early.a', n: 1 }]);
  });

  it('a cancelled timer never fires; a key scheduled again after firing is a new timer with a new job id', async () => {
    t.clock.set(at(300));
    const [cancelled] = (await schedule(t, timers, ['cancel.a'], at(310))).values();
    await t.db.transaction((m) => timers.cancel(m, ['cancel.a']));
    t.clock.set(at(320));
    expect(await timers.fireAt(at(310))).toEqual({ fired: 0 });
    expect(await timers.fireOne('cancel.a', cancelled)).toEqual([]);
    expect(await firings(t, ['cancel.a'])).toEqual([]);

    const [again] = (await schedule(t, timers, ['cancel.a'], at(310))).values();
    expect(again).not.toBe(cancelled);
    expect(await timers.fireAt(at(310))).toEqual({ fired: 1 });
    const jobs = await t.db.query(`SELECT job_id FROM outbox WHERE job_name = 'due' AND payload->>'at' = $1 ORDER BY id`, [at(310).toISOString()]);
    expect(jobs.map((j: { job_id: string }) => j.job_id)).toEqual([`timer.${at(310).getTime()}.${cancelled}`, `timer.${at(310).getTime()}.${again}`]);
  });

  it('a job whose timer another transaction holds does not wait for it: it says to look again, and fires it then if that transaction let go', async () => {
    t.clock.set(at(450));
    await schedule(t, timers, ['held.a'], at(455));
    t.clock.set(at(455));
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT 1 FROM timers WHERE key = 'held.a' FOR UPDATE`);
      expect(await timers.fireAt(at(455))).toEqual({ fired: 0, retry: true });
    } finally {
      // The holder fails: the timer is still armed, and the job's next look fires it.
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await firings(t, ['held.a'])).toEqual([]);
    expect(await timers.fireAt(at(455))).toEqual({ fired: 1 });
    expect(await firings(t, ['held.a'])).toEqual([{ key: 'held.a', n: 1 }]);
  });

  it('fires once when the worker that was firing it dies mid-transaction (as a SIGKILL leaves it)', async () => {
    t.clock.set(at(500));
    const keys = ['killed.a', 'killed.b'];
    await schedule(t, timers, keys, at(510));
    t.clock.set(at(510));
    // The doomed worker: its own connections, a handler that writes its effect and then hangs.
    const ds = new DataSource(t.db.options);
    await ds.initialize();
    const doomed = new TimersService(ds, t.app.get(OutboxService), t.app.get(QueuesService), t.clock, t.app.get(APP_CONFIG));
    let inside!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((r) => (inside = r));
    const hang = new Promise<void>((r) => (release = r));
    doomed.register<{ n: number }, string>(KIND, {
      async fire(m, due, opts) {
        const results = await probe.fire(m, due, opts);
        inside();
        await hang;
        return results;
      },
    });
    const firing = doomed.fireDue().catch((e: unknown) => e);
    await reached;
    // The process is killed: the server sees its connection drop and rolls its transaction back.
    const [{ n }] = await t.db.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE '%probe_effects%'`,
    );
    expect(n).toBe(1);
    await until(async () => (await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%probe_effects%' AND pid <> pg_backend_pid()`)).length === 0, 5000);
    expect(await firings(t, keys)).toEqual([]);
    // Another worker's reconciler fires them, once.
    await timers.reconcile();
    expect(await firings(t, keys)).toEqual(keys.map((key) => ({ key, n: 1 })));
    release();
    await firing;
    await ds.destroy();
    expect(await firings(t, keys)).toEqual(keys.map((key) => ({ key, n: 1 })));
  });

  it('leaves timers of a kind this process does not know for a process that does', async () => {
    t.clock.set(at(400));
    await t.db.transaction((m) => timers.schedule(m, [{ kind: 'test.unknown', key: 'unknown.a', at: at(400), payload: {} }]));
    expect((await timers.fireDue()).map((f) => f.key)).not.toContain('unknown.a');
    const [{ left }] = await t.db.query(`SELECT count(*)::int AS left FROM timers WHERE key = 'unknown.a'`);
    expect(left).toBe(1);
  });
});

/** The real worker and BullMQ, the real clock, a Redis of the test's own. */
describe('durable timers through the worker', () => {
  let t: TestApp;
  let worker: INestApplication;
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ realClock: true, env: { REDIS_URL: redis.url, SLA_RECONCILE_EVERY: 'PT1S' } });
    await createProbeTable(t);
    worker = await startTestWorker(t.config, new SystemClock());
    worker.get(TimersService).register(KIND, probe);
  }, 30_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await redis?.stop();
  });

  it('a job that arrives early goes back to the queue and fires the timer at its instant, once', async () => {
    const due = new Date(Math.ceil((Date.now() + 8000) / 1000) * 1000);
    await schedule(t, t.app.get(TimersService), ['worker.early'], due);
    // The instant's job delivered now, 8 s early (a clock skew, a job added by hand).
    await t.app.get(QueuesService).get(JOBS.timerDue.queue).add(JOBS.timerDue.name, { at: due.toISOString() }, { jobId: 'early-delivery' });
    await new Promise((r) => setTimeout(r, 2000));
    expect(await firings(t, ['worker.early'])).toEqual([]);
    await until(async () => (await firings(t, ['worker.early'])).length > 0, 15_000, 'the timer');
    const [{ fired_at }] = await t.db.query(`SELECT fired_at FROM probe_effects WHERE key = 'worker.early'`);
    expect(fired_at.getTime()).toBeGreaterThanOrEqual(due.getTime());
    await new Promise((r) => setTimeout(r, 1500));
    expect(await firings(t, ['worker.early'])).toEqual([{ key: 'worker.early', n: 1 }]);
  }, 30_000);

  it('fires every timer once after a FLUSHALL wiped their jobs', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `flush.${i}`);
    await schedule(t, t.app.get(TimersService), keys, new Date(Date.now() + 3000));
    await until(async () => (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'due' AND published_at IS NULL`))[0].n === 0, 10_000, 'the relay');
    await t.app.get(QueuesService).connection.flushall();
    await until(async () => (await firings(t, keys)).length === 50, 20_000, 'all 50 timers');
    await new Promise((r) => setTimeout(r, 2000));
    const rows = await firings(t, keys);
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  }, 40_000);
});
