import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplication } from '@nestjs/common';
import { completedJob, startPrivateRedis, startTestApp, startTestWorker, until, type TestApp } from '@medjourney/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.schema.js';
import { WORK_CHANNEL } from '../database/pg-listener.js';
import { OutboxRelayService } from '../../../../apps/worker/src/outbox-relay.service.js';
import { SystemClock } from '../clock/clock.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { LeaveForAnotherWorker } from '../queue/leave-for-another-worker.js';
import { DELIVERY_LANES, deliveryQueue, JOBS, type QueueName } from '../queue/queue-registry.js';
import { QueuesService } from '../queue/queues.service.js';
import { DeliveriesOnCommit, enqueueAfterCommit } from './deliveries-on-commit.js';
import { EventBus } from './event-bus.service.js';
import { EventDeliveries, deliveryJobId } from './event-deliveries.service.js';
import type { DomainEvent } from './event-catalogue.js';
import { OnDomainEvent } from './on-domain-event.decorator.js';

/** An advisory lock key of the publishers' range (event-bus.service's publishLock). */
const TEST_LOCK = String(2n ** 41n + 7n);
/** How often the second subscriber should still fail, per event id. */
const failuresLeft = new Map<string, number>();

@Injectable()
class FirstSubscriber {
  @OnDomainEvent('officer.deactivated', 'test.first')
  async handle(event: DomainEvent<'officer.deactivated'>, m: EntityManager) {
    await m.query('INSERT INTO test_effects (subscriber, event_id, at) VALUES ($1, $2, clock_timestamp())', ['test.first', event.id]);
  }
}

@Injectable()
class SecondSubscriber {
  @OnDomainEvent('officer.deactivated', 'test.second')
  async handle(event: DomainEvent<'officer.deactivated'>, m: EntityManager) {
    await m.query('INSERT INTO test_effects (subscriber, event_id, at) VALUES ($1, $2, clock_timestamp())', ['test.second', event.id]);
    const left = failuresLeft.get(event.id) ?? 0;
    // The effect above rolls back with the failure: a failed attempt leaves nothing behind.
    if (left > 0) {
      failuresLeft.set(event.id, left - 1);
      throw new Error('the second subscriber is down');
    }
  }
}

describe('domain events with fan-out (real worker, private Redis)', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let t: TestApp;
  let worker: INestApplication | undefined;
  /** A bus-only process (startBusOnly); closed before the next test too, so that a test that fails before its own close cannot keep jest from exiting. */
  let busApp: INestApplication | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ realClock: true, env: { REDIS_URL: redis.url } });
    await t.db.query('CREATE TABLE test_effects (subscriber text NOT NULL, event_id uuid NOT NULL, at timestamptz NOT NULL)');
  });
  afterAll(async () => {
    await worker?.close();
    await busApp?.close();
    await t.close();
    await redis.stop();
  });
  beforeEach(async () => {
    await worker?.close();
    worker = undefined;
    await busApp?.close();
    busApp = undefined;
  });

  const startWorker = async () => (worker = await startTestWorker(t.config, new SystemClock(), [FirstSubscriber, SecondSubscriber]));
  /** Publishes through the worker's bus: that process knows the two test subscribers. */
  async function publish(app: INestApplication): Promise<string> {
    return t.db.transaction(async (m) => (await app.get(EventBus).publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]))[0]);
  }
  const effects = async (eventId: string) =>
    (await t.db.query('SELECT subscriber, at FROM test_effects WHERE event_id = $1 ORDER BY subscriber', [eventId])) as { subscriber: string; at: Date }[];
  const done = async (eventId: string) =>
    (await t.db.query(`SELECT subscriber, done_at, attempts, last_error FROM event_deliveries WHERE event_id = $1 AND subscriber ~ '^(test|newer)[.]' ORDER BY subscriber`, [eventId])) as {
      subscriber: string;
      done_at: Date | null;
      attempts: number;
      last_error: string | null;
    }[];

  it('writes the event and one delivery per subscriber with the change; nothing when the change rolls back', async () => {
    const w = await startWorker();
    await expect(
      t.db.transaction(async (m) => {
        await w.get(EventBus).publish(m, 'officer.deactivated', { officerId: crypto.randomUUID() });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.db.query(`SELECT 1 FROM domain_events WHERE name = 'officer.deactivated'`)).toHaveLength(0);
    await expect(w.get(EventBus).publish(t.db.manager, 'officer.deactivated', { officerId: crypto.randomUUID() })).rejects.toThrow(/inside the transaction/);
  });

  it('gives each subscriber its effect once when the relay and both handlers run twice', async () => {
    const w = await startWorker();
    const eventId = await publish(w);
    await until(async () => (await done(eventId)).every((d) => d.done_at), 10_000);
    // The relay again: mark the deliveries unsent and relay; BullMQ holds the same job ids.
    // (The application's own subscribers to this event, such as the SLA's, get theirs too.)
    // The worker's own relay stops first, or it could take the reset rows before this one does.
    await w.get(OutboxRelayService).relay.stop();
    const [, all] = await t.db.query('UPDATE event_deliveries SET enqueued_at = NULL WHERE event_id = $1', [eventId]);
    const relay = new OutboxRelay(t.db, w.get(QueuesService), new SystemClock(), { pollIntervalMs: 10 });
    expect(await relay.relayDeliveriesOnce()).toBe(all);
    expect(all).toBeGreaterThanOrEqual(2);
    // Both handlers again, directly and as a fresh job.
    const deliveries = w.get(EventDeliveries);
    expect(await deliveries.deliver(eventId, 'test.first')).toBe('already done');
    expect(await deliveries.deliver(eventId, 'test.second')).toBe('already done');
    const queue = w.get(QueuesService).get(JOBS.eventDelivery.queue);
    await (await queue.getJob(deliveryJobId('test.first', eventId)))?.remove();
    await queue.add(JOBS.eventDelivery.name, { eventId, subscriber: 'test.first' }, { jobId: deliveryJobId('test.first', eventId) });
    await until(async () => (await queue.getJob(deliveryJobId('test.first', eventId)))?.returnvalue === 'already done', 10_000);
    expect((await effects(eventId)).map((e) => e.subscriber)).toEqual(['test.first', 'test.second']);
    expect((await done(eventId)).map((d) => d.attempts)).toEqual([1, 1]);
  });

  it('retries a failing subscriber without holding the other back', async () => {
    const w = await startWorker();
    const eventId = crypto.randomUUID();
    // The id is not known before publication; fail the next event the second subscriber meets.
    const published = await t.db.transaction(async (m) => {
      const [id] = await w.get(EventBus).publishMany(m, 'officer.deactivated', [{ payload: { officerId: eventId } }]);
      failuresLeft.set(id, 2);
      return id;
    });
    await until(async () => (await done(published)).find((d) => d.subscriber === 'test.first')?.done_at != null, 10_000);
    const whileFailing = await done(published);
    expect(whileFailing.find((d) => d.subscriber === 'test.second')).toMatchObject({ done_at: null });
    await until(async () => (await done(published)).every((d) => d.done_at), 15_000);
    const after = await done(published);
    expect(after.find((d) => d.subscriber === 'test.second')).toMatchObject({ attempts: 3, last_error: null });
    const [first, second] = await effects(published);
    expect([first.subscriber, second.subscriber]).toEqual(['test.first', 'test.second']);
    // The first effect did not wait for the second subscriber's retries (1 s, then 2 s of backoff).
    expect(second.at.getTime() - first.at.getTime()).toBeGreaterThan(2000);
  });

  it('still gives each effect once after a FLUSHALL between publication and handling', async () => {
    // Published and relayed by a process that runs no handlers; then Redis loses everything.
    const { bus } = await startBusOnly();
    const eventIds = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [1, 2, 3].map(() => ({ payload: { officerId: crypto.randomUUID() } }))));
    const relay = new OutboxRelay(t.db, busApp!.get(QueuesService), new SystemClock(), { pollIntervalMs: 10 });
    expect(await relay.relayDeliveriesOnce()).toBe(6);
    const flusher = new Redis(redis.url);
    await flusher.flushall();
    await flusher.quit();
    await busApp!.close();
    busApp = undefined;
    const w2 = await startWorker();
    // Nothing arrives: the jobs are gone. The reconciler re-sends them from PostgreSQL.
    await new Promise((r) => setTimeout(r, 500));
    expect(await t.db.query('SELECT 1 FROM test_effects WHERE event_id = ANY($1)', [eventIds])).toHaveLength(0);
    await t.db.query('UPDATE event_deliveries SET enqueued_at = enqueued_at - interval \'1 minute\' WHERE event_id = ANY($1)', [eventIds]);
    // The worker's own reconciler may take some of the six first (it runs on its own schedule and
    // on each wake-up); what matters is that the lost deliveries come back and each effect happens once.
    const { resent } = await w2.get(EventDeliveries).reconcile();
    expect(resent).toBeGreaterThan(0);
    expect(resent).toBeLessThanOrEqual(6);
    await until(async () => (await t.db.query('SELECT 1 FROM event_deliveries WHERE event_id = ANY($1) AND done_at IS NULL', [eventIds])).length === 0, 10_000);
    const rows: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM test_effects WHERE event_id = ANY($1) GROUP BY event_id, subscriber', [eventIds]);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // A second pass finds nothing to re-send.
    expect(await w2.get(EventDeliveries).reconcile()).toEqual({ resent: 0 });
  });

  it('leaves a delivery for a subscriber it does not know to another worker, and goes on with the rest', async () => {
    const w = await startWorker();
    const eventId = await t.db.transaction(async (m) => {
      const [id] = await w.get(EventBus).publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]);
      // A subscriber that only a newer version of the worker has.
      await m.query(`INSERT INTO event_deliveries (event_id, subscriber, created_at) VALUES ($1, 'newer.version', now())`, [id]);
      return id;
    });
    await until(async () => (await done(eventId)).filter((d) => d.done_at).length === 2, 10_000);
    const queue = w.get(QueuesService).get(JOBS.eventDelivery.queue);
    await until(async () => (await queue.getJob(deliveryJobId('newer.version', eventId)))?.attemptsMade !== undefined, 5000);
    const job = await queue.getJob(deliveryJobId('newer.version', eventId));
    expect(await job!.getState()).toBe('delayed');
    expect(job!.failedReason).toBeFalsy();
    expect((await done(eventId)).find((d) => d.subscriber === 'newer.version')).toMatchObject({ done_at: null, attempts: 0 });
  });

  it('runs a subscriber\'s backlog in batches; a failing event falls out of the batch without holding the others back', async () => {
    // No worker runs: every delivery below is run directly, in the order the test chooses.
    const { bus } = await startBusOnly();
    const deliveries = busApp!.get(EventDeliveries);
    const ids = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [1, 2, 3, 4, 5].map(() => ({ payload: { officerId: crypto.randomUUID() } }))));
    failuresLeft.set(ids[2], 100);
    const secondDone = async () =>
      (await t.db.query(`SELECT event_id FROM event_deliveries WHERE subscriber = 'test.second' AND done_at IS NOT NULL AND event_id = ANY($1)`, [ids])).map((r: { event_id: string }) => r.event_id);
    const firstDone = async () =>
      (await t.db.query(`SELECT event_id FROM event_deliveries WHERE subscriber = 'test.first' AND done_at IS NOT NULL AND event_id = ANY($1)`, [ids])).map((r: { event_id: string }) => r.event_id);
    // The first event's delivery takes the backlog (not enqueued yet) with it; the third fails, so the batch rolls back and the first runs alone.
    expect(await deliveries.deliver(ids[0], 'test.second')).toBe('done');
    expect(await secondDone()).toEqual([ids[0]]);
    // Alone, the third fails and records it; from then on no batch takes it.
    await expect(deliveries.deliver(ids[2], 'test.second')).rejects.toThrow('the second subscriber is down');
    expect(await deliveries.deliver(ids[1], 'test.second')).toBe('done');
    expect((await secondDone()).sort()).toEqual([ids[0], ids[1], ids[3], ids[4]].sort());
    // Their own jobs find them done, with one read.
    expect(await deliveries.deliver(ids[4], 'test.second')).toBe('already done');
    // The first subscriber's: the jobs of those a batch did leave the queue.
    const queue = busApp!.get(QueuesService).get(JOBS.eventDelivery.queue);
    const relay = new OutboxRelay(t.db, busApp!.get(QueuesService), new SystemClock(), { pollIntervalMs: 10 });
    while ((await relay.relayDeliveriesOnce()) > 0);
    expect(await queue.getJob(deliveryJobId('test.first', ids[0]))).toBeDefined();
    // Just enqueued, their jobs are about to start: no batch takes them.
    expect(await deliveries.deliver(ids[1], 'test.first')).toBe('done');
    expect(await firstDone()).toEqual([ids[1]]);
    expect(await queue.getJob(deliveryJobId('test.first', ids[0]))).toBeDefined();
    // Waiting for a while, they are a backlog: the next delivery takes the rest with it.
    await t.db.query(`UPDATE event_deliveries SET enqueued_at = enqueued_at - interval '1 minute' WHERE event_id = ANY($1)`, [ids]);
    expect(await deliveries.deliver(ids[3], 'test.first')).toBe('done');
    expect((await firstDone()).sort()).toEqual([...ids].sort());
    for (const id of ids.filter((id) => id !== ids[3] && id !== ids[1])) expect(await queue.getJob(deliveryJobId('test.first', id))).toBeUndefined();
    expect(await queue.getJob(deliveryJobId('test.first', ids[3]))).toBeDefined();
    const rows: { subscriber: string; n: number }[] = await t.db.query(
      'SELECT subscriber, count(*)::int AS n FROM test_effects WHERE event_id = ANY($1) GROUP BY subscriber ORDER BY subscriber',
      [ids],
    );
    expect(rows).toEqual([{ subscriber: 'test.first', n: 5 }, { subscriber: 'test.second', n: 4 }]);
    const third: { done_at: Date | null; attempts: number; last_error: string | null }[] = await t.db.query(
      `SELECT done_at, attempts, last_error FROM event_deliveries WHERE subscriber = 'test.second' AND event_id = $1`,
      [ids[2]],
    );
    expect(third).toEqual([{ done_at: null, attempts: 1, last_error: 'the second subscriber is down' }]);
    await busApp!.close();
    busApp = undefined;
  });

  it('takes at most its lane\'s batch of a subscriber\'s backlog in one transaction', async () => {
    const { bus } = await startBusOnly();
    const lanes = DELIVERY_LANES as Record<string, { queue: QueueName; slots: number; batch: number }>;
    lanes['test.first'] = { queue: 'events-journey', slots: 2, batch: 3 };
    try {
      const ids = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [1, 2, 3, 4, 5].map(() => ({ payload: { officerId: crypto.randomUUID() } }))));
      expect(await busApp!.get(EventDeliveries).deliver(ids[0], 'test.first')).toBe('done');
      const delivered = await t.db.query(`SELECT 1 FROM event_deliveries WHERE subscriber = 'test.first' AND done_at IS NOT NULL AND event_id = ANY($1)`, [ids]);
      expect(delivered).toHaveLength(3);
    } finally {
      delete lanes['test.first'];
      await busApp!.close();
      busApp = undefined;
    }
  });

  it('marks a batch done in its claim, so a delivery is begin, claim, the handler\'s statements and commit; a backlog delivery of an event this process does not handle stays open', async () => {
    const { bus } = await startBusOnly();
    const ids = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [1, 2].map(() => ({ payload: { officerId: crypto.randomUUID() } }))));
    // A delivery a newer version wrote: the same subscriber, an event it handles and this process does not.
    const [{ id: newer }] = await t.db.query(`INSERT INTO domain_events (id, name, payload, occurred_at) VALUES (gen_random_uuid(), 'designation.expired', '{}', now()) RETURNING id`);
    await t.db.query(`INSERT INTO event_deliveries (event_id, subscriber, created_at) VALUES ($1, 'test.first', now())`, [newer]);
    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      sent.push(typeof config === 'string' ? config : (config as { text: string }).text);
      return (query as (...a: unknown[]) => unknown).call(this, config, ...rest);
    } as typeof query;
    try {
      expect(await busApp!.get(EventDeliveries).deliver(ids[0], 'test.first')).toBe('done');
    } finally {
      pg.Client.prototype.query = query;
    }
    // The handler's inserts (one per event of the batch, earlier tests' backlog included) between the claim and the commit, and no mark of its own.
    const heads = sent.map((q) => q.trim().split(/\s+/).slice(0, 2).join(' '));
    expect([heads[0], heads[1], heads.at(-1)]).toEqual(['START TRANSACTION', 'WITH own', 'COMMIT']);
    expect(heads.slice(2, -1).every((h) => h === 'INSERT INTO')).toBe(true);
    expect(heads.length).toBeGreaterThanOrEqual(5);
    expect(await t.db.query(`SELECT event_id, attempts FROM event_deliveries WHERE subscriber = 'test.first' AND done_at IS NOT NULL AND event_id = ANY($1) ORDER BY event_id`, [[...ids, newer]])).toEqual(
      [...ids].sort().map((event_id) => ({ event_id, attempts: 1 })),
    );
    expect(await t.db.query(`SELECT done_at, attempts FROM event_deliveries WHERE subscriber = 'test.first' AND event_id = $1`, [newer])).toEqual([{ done_at: null, attempts: 0 }]);
    await busApp!.close();
    busApp = undefined;
  });

  it('delays a gathering lane\'s jobs; the first to run takes the deliveries published meanwhile and their jobs leave the queue', async () => {
    const { bus } = await startBusOnly();
    const lanes = DELIVERY_LANES as Record<string, { queue: QueueName; slots: number; batch: number; gatherMs?: number }>;
    lanes['test.first'] = { queue: 'events-statistics', slots: 2, batch: 10, gatherMs: 60_000 };
    try {
      const ids = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [1, 2, 3].map(() => ({ payload: { officerId: crypto.randomUUID() } }))));
      const queues = busApp!.get(QueuesService);
      const relay = new OutboxRelay(t.db, queues, new SystemClock(), { pollIntervalMs: 10 });
      while ((await relay.relayDeliveriesOnce()) > 0);
      const queue = queues.get('events-statistics');
      for (const id of ids) {
        const job = await queue.getJob(deliveryJobId('test.first', id));
        expect(await job!.getState()).toBe('delayed');
        expect(job!.opts.delay).toBe(60_000);
      }
      // Not gathering, the other subscriber's jobs wait for no one.
      expect(await queues.get(JOBS.eventDelivery.queue).getJob(deliveryJobId('test.second', ids[0]))).toBeDefined();
      expect(await (await queues.get(JOBS.eventDelivery.queue).getJob(deliveryJobId('test.second', ids[0])))!.getState()).toBe('waiting');
      // The gathering's time has passed for the others (enqueued more than the backlog's 250 ms ago): the first job to run takes them.
      await t.db.query(`UPDATE event_deliveries SET enqueued_at = enqueued_at - interval '1 second' WHERE event_id = ANY($1) AND subscriber = 'test.first'`, [ids]);
      expect(await busApp!.get(EventDeliveries).deliver(ids[0], 'test.first')).toBe('done');
      expect(await t.db.query(`SELECT 1 FROM event_deliveries WHERE subscriber = 'test.first' AND done_at IS NULL AND event_id = ANY($1)`, [ids])).toEqual([]);
      expect(await queue.getJob(deliveryJobId('test.first', ids[1]))).toBeUndefined();
      expect(await queue.getJob(deliveryJobId('test.first', ids[2]))).toBeUndefined();
      expect(await t.db.query(`SELECT 1 FROM test_effects WHERE subscriber = 'test.first' AND event_id = ANY($1)`, [ids])).toHaveLength(3);
    } finally {
      delete lanes['test.first'];
      await busApp!.close();
      busApp = undefined;
    }
  });

  it('takes back the mark of deliveries whose add to Redis failed, so the next pass relays them', async () => {
    const { bus } = await startBusOnly();
    const [id] = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]));
    const redisDown = { get: () => ({ addBulk: () => Promise.reject(new Error('Redis is down')) }) } as unknown as QueuesService;
    await expect(new OutboxRelay(t.db, redisDown, new SystemClock(), { pollIntervalMs: 10 }).relayDeliveriesOnce()).rejects.toThrow('Redis is down');
    expect(await t.db.query('SELECT subscriber FROM event_deliveries WHERE event_id = $1 AND enqueued_at IS NOT NULL', [id])).toEqual([]);
    const relay = new OutboxRelay(t.db, busApp!.get(QueuesService), new SystemClock(), { pollIntervalMs: 10 });
    while ((await relay.relayDeliveriesOnce()) > 0);
    const queue = busApp!.get(QueuesService).get(JOBS.eventDelivery.queue);
    expect(await queue.getJob(deliveryJobId('test.first', id))).toBeDefined();
    expect(await t.db.query('SELECT subscriber FROM event_deliveries WHERE event_id = $1 AND enqueued_at IS NULL', [id])).toEqual([]);
    await busApp!.close();
    busApp = undefined;
  });

  /** The work channel's notifications naming event_deliveries, from a connection of the test's own. */
  async function listen(): Promise<{ heard: () => number; stop: () => Promise<void> }> {
    const client = new pg.Client({ connectionString: t.config.databaseUrl });
    await client.connect();
    let heard = 0;
    client.on('notification', (n) => {
      if (n.payload === 'event_deliveries') heard++;
    });
    await client.query(`LISTEN ${WORK_CHANNEL}`);
    return { heard: () => heard, stop: () => client.end() };
  }

  it('adds the delivery jobs right after the commit when the publisher enqueues on commit: marked, so neither a notification nor the relay touches them; a rollback adds none', async () => {
    const { bus } = await startBusOnly({ eventsEnqueueOnCommit: true });
    const db = busApp!.get(DataSource);
    const queue = busApp!.get(QueuesService).get(JOBS.eventDelivery.queue);
    const listener = await listen();
    try {
      const before = await queue.count();
      await expect(
        db.transaction(async (m) => {
          await bus.publish(m, 'officer.deactivated', { officerId: crypto.randomUUID() });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const [id] = await db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]));
      await until(async () => (await queue.getJob(deliveryJobId('test.second', id))) !== undefined, 5000);
      expect(await queue.getJob(deliveryJobId('test.first', id))).toBeDefined();
      // Only the committed event's deliveries were added (one job per subscriber this process knows).
      expect((await queue.count()) - before).toBe((await t.db.query('SELECT 1 FROM event_deliveries WHERE event_id = $1', [id])).length);
      expect(await t.db.query('SELECT subscriber FROM event_deliveries WHERE event_id = $1 AND enqueued_at IS DISTINCT FROM created_at', [id])).toEqual([]);
      // Unmarked deliveries (a publisher that leaves them to the relay) still notify.
      await t.db.transaction((m) => t.app.get(EventBus).publish(m, 'officer.deactivated', { officerId: crypto.randomUUID() }));
      await until(async () => listener.heard() === 1, 5000);
      expect(listener.heard()).toBe(1);
      await startWorker();
      await until(async () => (await done(id)).every((d) => d.done_at), 10_000);
      expect((await effects(id)).map((e) => e.subscriber)).toEqual(['test.first', 'test.second']);
    } finally {
      await listener.stop();
      await busApp!.close();
      busApp = undefined;
    }
  });

  it('sends a request\'s delivery jobs with its COMMIT: a job that starts before the commit is visible waits for the publishing transaction, then makes its effect; after a failed COMMIT it finds nothing; a batch\'s go after its commit', async () => {
    // A commit that takes half a second (a deferred trigger), or fails at its end.
    await t.db.query(`CREATE TABLE test_slow_commits (fail boolean NOT NULL)`);
    await t.db.query(`CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(0.5); IF NEW.fail THEN RAISE EXCEPTION 'the commit failed'; END IF; RETURN NULL; END $$`);
    await t.db.query(`CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT ON test_slow_commits DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit()`);
    const w = (worker = await startTestWorker({ ...t.config, eventsEnqueueOnCommit: true }, new SystemClock(), [FirstSubscriber, SecondSubscriber]));
    const db = w.get(DataSource);
    const queue = w.get(QueuesService).get(JOBS.eventDelivery.queue);
    const ids = { committed: '', failed: '' };
    const publishSlowly = (fail: boolean) =>
      db.transaction(async (m) => {
        ids[fail ? 'failed' : 'committed'] = (await w.get(EventBus).publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]))[0];
        await m.query('INSERT INTO test_slow_commits (fail) VALUES ($1)', [fail]);
      });
    try {
      await publishSlowly(false);
      const committedAt = Date.now();
      const job = await completedJob(queue, deliveryJobId('test.first', ids.committed));
      // It started while the COMMIT was still under way, waited for it, and delivered.
      expect(committedAt - job.processedOn!).toBeGreaterThan(200);
      expect(job.returnvalue).toBe('done');
      await until(async () => (await effects(ids.committed)).length === 2, 5000);
      expect((await effects(ids.committed)).map((e) => e.subscriber)).toEqual(['test.first', 'test.second']);

      await expect(publishSlowly(true)).rejects.toThrow(/the commit failed/);
      expect((await completedJob(queue, deliveryJobId('test.first', ids.failed))).returnvalue).toBe('gone');
      expect((await completedJob(queue, deliveryJobId('test.second', ids.failed))).returnvalue).toBe('gone');
      expect(await effects(ids.failed)).toEqual([]);
      expect(await t.db.query('SELECT 1 FROM domain_events WHERE id = $1', [ids.failed])).toEqual([]);

      // A set-based batch (more than 32 deliveries) adds its jobs after its commit: none waits for it on a lane's connection.
      const batch = await db.transaction(async (m) => {
        const written = await w.get(EventBus).publishMany(m, 'officer.deactivated', Array.from({ length: 20 }, () => ({ payload: { officerId: crypto.randomUUID() } })));
        await m.query('INSERT INTO test_slow_commits (fail) VALUES (false)');
        return written;
      });
      const batchCommitted = Date.now();
      await until(async () => Number((await t.db.query('SELECT count(*) AS n FROM test_effects WHERE event_id = ANY($1)', [batch]))[0].n) === 40, 10_000);
      const started = (await queue.getCompleted(0, -1)).filter((j) => batch.includes(j.data.eventId)).map((j) => j.processedOn!);
      expect(started.length).toBeGreaterThan(0);
      expect(batchCommitted - Math.min(...started)).toBeLessThan(200);
    } finally {
      await t.db.query(`DROP TABLE test_slow_commits`);
      await t.db.query(`DROP FUNCTION test_slow_commit()`);
    }
  });

  it('waits for a publishing transaction in one statement, bounded by its own lock timeout, and gives the transaction its own timeout back', async () => {
    const publisher = t.db.createQueryRunner();
    await publisher.connect();
    await publisher.startTransaction();
    await publisher.query('SELECT pg_advisory_xact_lock($1::bigint)', [TEST_LOCK]);
    try {
      await t.db.transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '7s'`);
        await expect(m.query('SELECT await_event_publisher($1::bigint, 100)', [TEST_LOCK])).rejects.toMatchObject({ driverError: { code: '55P03' } });
      });
      const waited = t.db.transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '7s'`);
        await m.query('SELECT await_event_publisher($1::bigint, 5000)', [TEST_LOCK]);
        return (await m.query('SHOW lock_timeout'))[0].lock_timeout;
      });
      await new Promise((r) => setTimeout(r, 200));
      await publisher.commitTransaction();
      expect(await waited).toBe('7s');
    } finally {
      if (publisher.isTransactionActive) await publisher.rollbackTransaction();
      await publisher.release();
    }
  });

  it('adds after the commit the deliveries of a released savepoint with the outer ones, and none of a savepoint rolled back', async () => {
    const { bus } = await startBusOnly({ eventsEnqueueOnCommit: true });
    const db = busApp!.get(DataSource);
    const queue = busApp!.get(QueuesService).get(JOBS.eventDelivery.queue);
    const publish = (m: EntityManager) => bus.publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]).then(([id]) => id);
    try {
      const ids = { outer: '', dropped: '', released: '' };
      await db.transaction(async (m) => {
        ids.outer = await publish(m);
        await expect(
          m.transaction(async (inner) => {
            ids.dropped = await publish(inner);
            throw new Error('savepoint rolled back');
          }),
        ).rejects.toThrow('savepoint rolled back');
        ids.released = await m.transaction((inner) => publish(inner));
      });
      await busApp!.get(EventBus).onModuleDestroy();
      const jobsOf = async (id: string) => (await Promise.all(['test.first', 'test.second'].map((s) => queue.getJob(deliveryJobId(s, id))))).filter(Boolean).length;
      expect({ outer: await jobsOf(ids.outer), released: await jobsOf(ids.released), dropped: await jobsOf(ids.dropped) }).toEqual({ outer: 2, released: 2, dropped: 0 });
      expect(await t.db.query('SELECT 1 FROM domain_events WHERE id = $1', [ids.dropped])).toEqual([]);
    } finally {
      await busApp!.close();
      busApp = undefined;
    }
  });

  it('hands deliveries back to the relay, unmarked and with a notification, when their add after the commit fails', async () => {
    const { bus } = await startBusOnly({ eventsEnqueueOnCommit: true });
    const redisDown = { get: () => ({ addBulk: () => Promise.reject(new Error('Redis is down')) }) } as unknown as QueuesService;
    const failing = new DeliveriesOnCommit(t.db, redisDown);
    t.db.subscribers.push(failing);
    const listener = await listen();
    try {
      const [id] = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]));
      await failing.settled();
      expect(await t.db.query('SELECT subscriber FROM event_deliveries WHERE event_id = $1 AND enqueued_at IS NOT NULL', [id])).toEqual([]);
      await until(async () => listener.heard() === 1, 5000);
      const relay = new OutboxRelay(t.db, busApp!.get(QueuesService), new SystemClock(), { pollIntervalMs: 10 });
      while ((await relay.relayDeliveriesOnce()) > 0);
      expect(await busApp!.get(QueuesService).get(JOBS.eventDelivery.queue).getJob(deliveryJobId('test.first', id))).toBeDefined();
    } finally {
      t.db.subscribers.splice(t.db.subscribers.indexOf(failing), 1);
      await listener.stop();
      await busApp!.close();
      busApp = undefined;
    }
  });

  it('puts each subscriber\'s delivery job on its lane, whoever adds it: the publisher after its commit, the relay, the reconciler', async () => {
    const { bus } = await startBusOnly({ eventsEnqueueOnCommit: true });
    const queues = busApp!.get(QueuesService);
    const lane = queues.get(deliveryQueue('journey.timeline'));
    expect(lane.name).toBe('events-journey');
    const db = busApp!.get(DataSource);
    // A delivery of the journey's (this process does not know that subscriber; the rows are what the publisher writes).
    const writeDelivery = (enqueued: boolean) =>
      db.transaction(async (m) => {
        const [id] = await bus.publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]);
        await m.query(`INSERT INTO event_deliveries (event_id, subscriber, created_at, enqueued_at) VALUES ($1, 'journey.timeline', now(), $2)`, [id, enqueued ? new Date() : null]);
        if (enqueued) {
          // As the publisher does: a lock held until the transaction ends, for a job that comes before the commit.
          await m.query('SELECT pg_advisory_xact_lock($1::bigint)', [TEST_LOCK]);
          enqueueAfterCommit(m.queryRunner!, { eventIds: [id], subscribers: ['journey.timeline'], enqueuedAt: new Date(), lock: TEST_LOCK });
        }
        return id;
      });
    try {
      const published = await writeDelivery(true);
      await until(async () => (await lane.getJob(deliveryJobId('journey.timeline', published))) !== undefined, 5000);
      const relayed = await writeDelivery(false);
      const relay = new OutboxRelay(t.db, queues, new SystemClock(), { pollIntervalMs: 10 });
      while ((await relay.relayDeliveriesOnce()) > 0);
      expect(await lane.getJob(deliveryJobId('journey.timeline', relayed))).toBeDefined();
      // The subscribers without a lane stay on the events queue.
      expect(await queues.get(JOBS.eventDelivery.queue).getJob(deliveryJobId('test.first', relayed))).toBeDefined();
      expect(await queues.get(JOBS.eventDelivery.queue).getJob(deliveryJobId('journey.timeline', relayed))).toBeUndefined();
      // Redis lost the job: the reconciler re-sends it to the lane.
      await (await lane.getJob(deliveryJobId('journey.timeline', relayed)))!.remove();
      await t.db.query(`UPDATE event_deliveries SET enqueued_at = enqueued_at - interval '1 minute' WHERE event_id = $1`, [relayed]);
      expect((await busApp!.get(EventDeliveries).reconcile()).resent).toBeGreaterThanOrEqual(1);
      expect(await lane.getJob(deliveryJobId('journey.timeline', relayed))).toBeDefined();
    } finally {
      await t.db.query(`DELETE FROM event_deliveries WHERE subscriber = 'journey.timeline'`);
      await busApp!.close();
      busApp = undefined;
    }
  });

  it('runs a lane\'s deliveries while every slot of the events queue is taken', async () => {
    const w = await startWorker();
    const queues = w.get(QueuesService);
    // The first two subscribers' inserts wait for this lock: two events take the events queue's four slots.
    const blocker = t.db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE test_effects IN EXCLUSIVE MODE');
    try {
      const ids = [await publish(w), await publish(w)];
      const events = queues.get(JOBS.eventDelivery.queue);
      await until(async () => (await events.getJobCounts('active')).active === 4, 10_000);
      // A journey delivery's job (of an event that no longer exists) runs on its lane meanwhile.
      const lane = queues.get(deliveryQueue('journey.timeline'));
      const id = deliveryJobId('journey.timeline', crypto.randomUUID());
      await lane.add(JOBS.eventDelivery.name, { eventId: crypto.randomUUID(), subscriber: 'journey.timeline' }, { jobId: id });
      expect((await completedJob(lane, id)).returnvalue).toBe('gone');
      expect((await events.getJobCounts('active')).active).toBe(4);
      expect(await t.db.query('SELECT 1 FROM event_deliveries WHERE event_id = ANY($1) AND done_at IS NOT NULL', [ids])).toEqual([]);
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
    }
  });

  /** A transaction of the test's own that holds a delivery's row, as another job's batch would. */
  async function hold(id: string, subscriber: string) {
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT 1 FROM event_deliveries WHERE event_id = $1 AND subscriber = $2 FOR UPDATE', [id, subscriber]);
    return {
      /** Marks the delivery done and commits, as a batch that delivered it does. */
      deliver: async () => {
        await holder.query('UPDATE event_deliveries SET done_at = now() WHERE event_id = $1 AND subscriber = $2', [id, subscriber]);
        await holder.commitTransaction();
        await holder.release();
      },
      /** Lets go without delivering, as a failed batch does. */
      fail: async () => {
        await holder.rollbackTransaction();
        await holder.release();
      },
    };
  }
  const later = (ms: number, f: () => Promise<void>) => new Promise<void>((r) => setTimeout(() => void f().then(r), ms));

  it('waits for the batch that holds its delivery and finds it done, rather than coming back a second later', async () => {
    const { bus } = await startBusOnly();
    const [id] = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]));
    const holder = await hold(id, 'test.first');
    const [result] = await Promise.all([busApp!.get(EventDeliveries).deliver(id, 'test.first'), later(300, holder.deliver)]);
    expect(result).toBe('already done');
    // The holder made the effect (here: only its mark); the waiting job ran no handler.
    expect(await effects(id)).toEqual([]);
    expect((await done(id)).find((d) => d.subscriber === 'test.first')).toMatchObject({ attempts: 0, last_error: null });
    await busApp!.close();
    busApp = undefined;
  });

  it('delivers it itself when the holder lets go without delivering (its batch failed); its handler\'s own locks wait as long as before', async () => {
    const { bus } = await startBusOnly();
    const [id] = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]));
    const holder = await hold(id, 'test.first');
    // The handler's insert then waits 2.5 s for a table lock: longer than the wait for the holder.
    const blocker = t.db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE test_effects IN EXCLUSIVE MODE');
    const unblock = async () => {
      await blocker.commitTransaction();
      await blocker.release();
    };
    const [result] = await Promise.all([busApp!.get(EventDeliveries).deliver(id, 'test.first'), later(300, holder.fail), later(2800, unblock)]);
    expect(result).toBe('done');
    expect((await effects(id)).map((e) => e.subscriber)).toEqual(['test.first']);
    expect((await done(id)).find((d) => d.subscriber === 'test.first')).toMatchObject({ attempts: 1, last_error: null });
    await busApp!.close();
    busApp = undefined;
  });

  it('puts a delivery back for a second when its holder keeps it longer than the wait (2 s)', async () => {
    const { bus } = await startBusOnly();
    const [id] = await t.db.transaction((m) => bus.publishMany(m, 'officer.deactivated', [{ payload: { officerId: crypto.randomUUID() } }]));
    const holder = await hold(id, 'test.first');
    try {
      const held = await busApp!.get(EventDeliveries).deliver(id, 'test.first').catch((e: unknown) => e);
      expect(held).toBeInstanceOf(LeaveForAnotherWorker);
      expect((held as LeaveForAnotherWorker).delayMs).toBe(1000);
      // Put back, not failed: no attempt counted, no error recorded.
      expect((await done(id)).find((d) => d.subscriber === 'test.first')).toMatchObject({ done_at: null, attempts: 0, last_error: null });
    } finally {
      await holder.fail();
    }
    expect(await busApp!.get(EventDeliveries).deliver(id, 'test.first')).toBe('done');
    await busApp!.close();
    busApp = undefined;
  });

  /**
   * Publishes `count` events through an enqueue-on-commit bus (started by the caller) in a
   * transaction whose COMMIT does not end until `open()`: a deferred trigger waits there for a lock
   * the test holds. Their test.first jobs, sent with that COMMIT, are in Redis while it is not yet
   * visible, for as long as the test likes.
   */
  async function publishHeldAtCommit(count: number) {
    await t.db.query(`CREATE TABLE test_held_commits (at timestamptz NOT NULL DEFAULT now())`);
    await t.db.query(`CREATE FUNCTION test_held_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(${TEST_LOCK}); RETURN NULL; END $$`);
    await t.db.query(`CREATE CONSTRAINT TRIGGER test_held_commit AFTER INSERT ON test_held_commits DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_held_commit()`);
    const gate = t.db.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    await gate.query('SELECT pg_advisory_xact_lock($1::bigint)', [TEST_LOCK]);
    let ids: string[] = [];
    const committed = busApp!.get(DataSource).transaction(async (m) => {
      const written = await busApp!.get(EventBus).publishMany(m, 'officer.deactivated', Array.from({ length: count }, () => ({ payload: { officerId: crypto.randomUUID() } })));
      // As if the commit had taken longer than the backlog's 250 ms: each job's batch may take the others' rows.
      await m.query(`UPDATE event_deliveries SET enqueued_at = enqueued_at - interval '1 minute' WHERE event_id = ANY($1)`, [written]);
      await m.query('INSERT INTO test_held_commits DEFAULT VALUES');
      ids = written;
    });
    const queue = busApp!.get(QueuesService).get(JOBS.eventDelivery.queue);
    const jobsOf = () => Promise.all(ids.map((id) => queue.getJob(deliveryJobId('test.first', id))));
    /** Lets the COMMIT end, and drops the gate. */
    const open = async () => {
      if (!gate.isReleased) {
        await gate.commitTransaction();
        await gate.release();
      }
      await committed;
      await t.db.query(`DROP TABLE test_held_commits`);
      await t.db.query(`DROP FUNCTION test_held_commit()`);
    };
    try {
      await until(async () => ids.length === count && (await jobsOf()).every(Boolean), 5000, 'the jobs sent with the COMMIT');
      expect(await t.db.query('SELECT 1 FROM event_deliveries WHERE event_id = ANY($1)', [ids])).toEqual([]);
    } catch (e) {
      await open();
      throw e;
    }
    return {
      ids,
      jobs: (await jobsOf()).map((j) => j!),
      /** Until this many runs wait for a lock besides the COMMIT at the gate, or until they have ended without waiting (they say so). */
      waiting: async (runs: Promise<unknown[]>, n: number) => {
        let ended = false;
        void runs.then(() => (ended = true));
        await until(
          async () => ended || (await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n === n + 1,
          5000,
          `${n} runs waiting for the publishing transaction`,
        );
      },
      open,
    };
  }

  it('makes a delivery\'s effect once when its job and a duplicate run both wait for the publisher\'s COMMIT and wake together: one is done, the other already done', async () => {
    await startBusOnly({ eventsEnqueueOnCommit: true });
    try {
      const held = await publishHeldAtCommit(1);
      const [id] = held.ids;
      const deliveries = busApp!.get(EventDeliveries);
      let runs: Promise<unknown[]>;
      try {
        runs = Promise.all([deliveries.run(held.jobs[0]).catch((e: unknown) => e), deliveries.run(held.jobs[0]).catch((e: unknown) => e)]);
        await held.waiting(runs, 2);
      } finally {
        await held.open();
      }
      expect((await runs).sort()).toEqual(['already done', 'done']);
      expect((await effects(id)).map((e) => e.subscriber)).toEqual(['test.first']);
      expect((await done(id)).find((d) => d.subscriber === 'test.first')).toMatchObject({ done_at: expect.any(Date), attempts: 1, last_error: null });
    } finally {
      await busApp!.close();
      busApp = undefined;
    }
  });

  it('makes each effect once when the jobs of two deliveries of one subscriber wait for the same COMMIT and wake together, one\'s batch free to take the other\'s row', async () => {
    await startBusOnly({ eventsEnqueueOnCommit: true });
    const deliveries = busApp!.get(EventDeliveries);
    try {
      // Which job claims first is the scheduler's choice: a few rounds meet more of the orders.
      for (let round = 0; round < 3; round++) {
        const held = await publishHeldAtCommit(2);
        let runs: Promise<unknown[]>;
        try {
          runs = Promise.all(held.jobs.map((job) => deliveries.run(job).catch((e: unknown) => e)));
          await held.waiting(runs, 2);
        } finally {
          await held.open();
        }
        // Each its own ('done', 'done'), or one's batch took the other's row too ('done', 'already done').
        expect([['already done', 'done'], ['done', 'done']]).toContainEqual((await runs).sort());
        const rows: { event_id: string; n: number }[] = await t.db.query(
          `SELECT event_id, count(*)::int AS n FROM test_effects WHERE subscriber = 'test.first' AND event_id = ANY($1) GROUP BY event_id ORDER BY event_id`,
          [held.ids],
        );
        expect(rows).toEqual([...held.ids].sort().map((event_id) => ({ event_id, n: 1 })));
        for (const id of held.ids) expect((await done(id)).find((d) => d.subscriber === 'test.first')).toMatchObject({ done_at: expect.any(Date), attempts: 1, last_error: null });
      }
    } finally {
      await busApp!.close();
      busApp = undefined;
    }
  });

  /** A process that knows the subscribers but runs no handlers: its bus only. */
  async function startBusOnly(config: Partial<AppConfig> = {}) {
    const { NestFactory } = await import('@nestjs/core');
    const { PlatformModule } = await import('../platform.module.js');
    // Identity fills the platform's account-status port that the guard needs.
    const { IdentityModule } = await import('@medjourney/identity');
    busApp = await NestFactory.create(
      { module: class BusOnly {}, imports: [PlatformModule.forRoot({ config: { ...t.config, ...config }, clock: new SystemClock(), app: 'worker' }), IdentityModule], providers: [FirstSubscriber, SecondSubscriber] },
      { logger: false, abortOnError: false },
    );
    await busApp.init();
    return { bus: busApp.get(EventBus) };
  }
});
