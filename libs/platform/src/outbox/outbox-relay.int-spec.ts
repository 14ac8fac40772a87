import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { recordStatements, startTestApp, until, type TestApp } from '@medjourney/testing';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source.js';
import { JOBS, jobId } from '../queue/queue-registry.js';
import { QueuesService } from '../queue/queues.service.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxService } from './outbox.service.js';

/** Wraps the real queues to count every job a relay adds, per job id. */
function countingQueues(real: QueuesService, adds: Map<string, number>): QueuesService {
  return {
    get(name: Parameters<QueuesService['get']>[0]) {
      const queue = real.get(name);
      return {
        addBulk: async (jobs: { name: string; data: unknown; opts: { jobId: string } }[]) => {
          for (const j of jobs) adds.set(j.opts.jobId, (adds.get(j.opts.jobId) ?? 0) + 1);
          return queue.addBulk(jobs);
        },
      };
    },
  } as unknown as QueuesService;
}

describe('outbox relay', () => {
  let t: TestApp;
  let queues: QueuesService;
  const extraSources: DataSource[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    queues = t.app.get(QueuesService);
  });
  afterAll(async () => {
    await Promise.all(extraSources.map((d) => d.destroy()));
    await t.close();
  });
  beforeEach(async () => {
    await queues.get('notifications').obliterate({ force: true });
    await t.db.query('DELETE FROM outbox');
  });

  async function newDataSource() {
    const ds = new DataSource({ ...dataSourceOptions(t.config), entities: [] });
    await ds.initialize();
    extraSources.push(ds);
    return ds;
  }

  async function writeEvents(n: number) {
    const outbox = t.app.get(OutboxService);
    for (let i = 0; i < n; i += 100) {
      await t.db.transaction(async (m) => {
        for (let j = i; j < Math.min(n, i + 100); j++) {
          await outbox.publish(m, JOBS.email, { userId: `u${j}`, template: 'account-created', eventId: `e${j}` }, { jobId: jobId('test', j) });
        }
      });
    }
  }

  it('writes nothing when the change rolls back', async () => {
    const outbox = t.app.get(OutboxService);
    await expect(
      t.db.transaction(async (m) => {
        await outbox.publish(m, JOBS.email, { userId: 'u', template: 'account-created', eventId: 'x' }, { jobId: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM outbox');
    expect(count).toBe(0);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(
      t.app.get(OutboxService).publish(t.db.manager, JOBS.email, { userId: 'u', template: 'account-created', eventId: 'x' }, { jobId: 'x' }),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('writes several events in one insert and skips ids already written', async () => {
    const outbox = t.app.get(OutboxService);
    const event = (i: number) => ({ payload: { userId: `u${i}`, template: 'account-created' as const, eventId: `m${i}` }, jobId: jobId('many', i) });
    await t.db.transaction((m) => outbox.publishMany(m, JOBS.email, [event(1), event(2)]));
    await t.db.transaction((m) => outbox.publishMany(m, JOBS.email, [event(2), event(3), event(3)]));
    const rows = await t.db.query(`SELECT job_id FROM outbox ORDER BY id`);
    expect(rows.map((r: { job_id: string }) => r.job_id)).toEqual(['many.1', 'many.2', 'many.3']);
  });

  it('delivers every event exactly once with two relays running at the same time', async () => {
    const n = 600;
    await writeEvents(n);
    const adds = new Map<string, number>();
    const relays = [await newDataSource(), await newDataSource()].map(
      (ds) => new OutboxRelay(ds, countingQueues(queues, adds), t.clock, { pollIntervalMs: 10, batchSize: 25 }),
    );
    const perRelay = await Promise.all(
      relays.map(async (r) => {
        let moved = 0;
        for (let m = await r.relayOnce(); m > 0; m = await r.relayOnce()) moved += m;
        return moved;
      }),
    );
    expect(perRelay[0] + perRelay[1]).toBe(n);
    // Both relays did work, and no event was handed to BullMQ twice.
    expect(perRelay.every((m) => m > 0)).toBe(true);
    expect(adds.size).toBe(n);
    expect([...adds.values()].every((c) => c === 1)).toBe(true);
    const counts = await queues.get('notifications').getJobCounts('waiting', 'delayed', 'active');
    expect(counts.waiting + counts.delayed + counts.active).toBe(n);
    const [{ pending }] = await t.db.query('SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL');
    expect(pending).toBe(0);
  });

  it('survives a relay killed after enqueueing and before marking: the next relay delivers, BullMQ holds each job once', async () => {
    const n = 40;
    await writeEvents(n);
    const adds = new Map<string, number>();
    const doomed = new OutboxRelay(await newDataSource(), countingQueues(queues, adds), t.clock, { pollIntervalMs: 10, batchSize: 100 });
    const killer = new pg.Client({ connectionString: t.config.databaseUrl });
    await killer.connect();
    // The relay's connection dies as if its process were SIGKILLed: the server aborts its transaction.
    await expect(
      doomed.relayOnce({
        afterEnqueue: async (manager) => {
          const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
          await killer.query('SELECT pg_terminate_backend($1)', [pid]);
        },
      }),
    ).rejects.toThrow();
    await killer.end();
    const [{ pending }] = await t.db.query('SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL');
    expect(pending).toBe(n);

    const survivor = new OutboxRelay(await newDataSource(), countingQueues(queues, adds), t.clock, { pollIntervalMs: 10 });
    expect(await survivor.relayOnce()).toBe(n);
    expect([...adds.values()].every((c) => c === 2)).toBe(true);
    const jobs = await queues.get('notifications').getJobs(['waiting', 'delayed', 'active']);
    expect(jobs.length).toBe(n);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(n);
  });

  it('survives a relay killed before it enqueued anything', async () => {
    await writeEvents(10);
    const doomed = new OutboxRelay(await newDataSource(), {
      get: () => ({ addBulk: async () => Promise.reject(new Error('process died')) }),
    } as unknown as QueuesService, t.clock, { pollIntervalMs: 10 });
    await expect(doomed.relayOnce()).rejects.toThrow('process died');
    const survivor = new OutboxRelay(t.db, queues, t.clock, { pollIntervalMs: 10 });
    expect(await survivor.relayOnce()).toBe(10);
    expect((await queues.get('notifications').getJobCounts('waiting')).waiting).toBe(10);
  });

  it('turns delay_until into a BullMQ delay measured on the injected clock', async () => {
    const outbox = t.app.get(OutboxService);
    await t.db.transaction((m) =>
      outbox.publish(m, JOBS.email, { userId: 'u', template: 'account-created', eventId: 'later' }, { jobId: 'later', delayUntil: new Date(t.clock.now().getTime() + 60_000) }),
    );
    await new OutboxRelay(t.db, queues, t.clock, { pollIntervalMs: 10 }).relayOnce();
    const job = await queues.get('notifications').getJob('later');
    expect(job?.opts.delay).toBe(60_000);
    expect(await job?.getState()).toBe('delayed');
  });

  it('relays only the outbox when a notification names it, in one pass when it took less than a batch', async () => {
    const ds = await newDataSource();
    const recorder = recordStatements(ds);
    const relay = new OutboxRelay(ds, queues, t.clock, { pollIntervalMs: 3_600_000, batchSize: 5 });
    relay.start();
    try {
      // The start-up passes (both halves) end; from here on only the wake-up moves anything.
      await new Promise((r) => setTimeout(r, 300));
      await writeEvents(3);
      recorder.start();
      relay.wake('outbox');
      await until(async () => (await queues.get('notifications').getJobCounts('waiting')).waiting === 3, 5000, 'the jobs');
      await new Promise((r) => setTimeout(r, 200));
      const statements = recorder.stop();
      expect(statements.filter((s) => /event_deliveries/.test(s))).toEqual([]);
      expect(statements.filter((s) => /^SELECT .* FROM outbox/s.test(s))).toHaveLength(1);
      // A full batch is followed by another pass at once: 7 rows in batches of 5 take two passes with rows, and no third.
      await t.db.transaction((m) =>
        t.app.get(OutboxService).publishMany(m, JOBS.email, Array.from({ length: 7 }, (_, i) => ({ payload: { userId: `b${i}`, template: 'account-created' as const, eventId: `b${i}` }, jobId: jobId('batch', i) }))),
      );
      recorder.start();
      relay.wake('outbox');
      await until(async () => (await queues.get('notifications').getJobCounts('waiting')).waiting === 10, 5000, 'the jobs');
      await new Promise((r) => setTimeout(r, 200));
      expect(recorder.stop().filter((s) => /^SELECT .* FROM outbox/s.test(s))).toHaveLength(2);
    } finally {
      await relay.stop();
    }
  });

  it('runs continuously once started and stops cleanly', async () => {
    const relay = new OutboxRelay(t.db, queues, t.clock, { pollIntervalMs: 20 });
    relay.start();
    try {
      await writeEvents(5);
      const deadline = Date.now() + 5000;
      let waiting = 0;
      while (Date.now() < deadline && waiting < 5) {
        await new Promise((r) => setTimeout(r, 25));
        waiting = (await queues.get('notifications').getJobCounts('waiting')).waiting;
      }
      expect(waiting).toBe(5);
    } finally {
      await relay.stop();
    }
  });
});
