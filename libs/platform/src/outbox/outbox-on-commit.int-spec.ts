import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startTestApp, until, type TestApp } from '@medjourney/testing';
import pg from 'pg';
import { publishOutboxOnCommit, type LeasedJob, type OutboxPublisher } from '../database/transaction-writes.js';
import { WORK_CHANNEL } from '../database/pg-listener.js';
import { JOBS, jobId } from '../queue/queue-registry.js';
import { QueuesService } from '../queue/queues.service.js';
import { OUTBOX_LEASE_MS, OutboxOnCommit } from './outbox-on-commit.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxService } from './outbox.service.js';

/** Queues whose addBulk fails, or never answers, as with Redis down. */
const redisDown = { get: () => ({ addBulk: () => Promise.reject(new Error('Redis is down')) }) } as unknown as QueuesService;
const redisHung = { get: () => ({ addBulk: () => new Promise(() => undefined) }) } as unknown as QueuesService;

/** Wraps the real queues to count every job added, per job id. */
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

/** The publisher adds a transaction's outbox jobs right after its commit (outbox-on-commit.ts); the relay is the fallback. */
describe('outbox jobs added by their publisher after commit', () => {
  let t: TestApp;
  let queues: QueuesService;
  let listener: pg.Client;
  let heard: string[] = [];
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    queues = t.app.get(QueuesService);
    listener = new pg.Client({ connectionString: t.config.databaseUrl });
    await listener.connect();
    listener.on('notification', (m) => heard.push(m.payload ?? ''));
    await listener.query(`LISTEN ${WORK_CHANNEL}`);
  });
  afterAll(async () => {
    await listener.end();
    await t.close();
  });
  beforeEach(async () => {
    heard = [];
    await queues.get('notifications').obliterate({ force: true });
    await t.db.query('DELETE FROM outbox');
  });
  afterEach(() => publishOutboxOnCommit(t.db, null));

  const relay = (q: QueuesService = queues) => new OutboxRelay(t.db, q, t.clock, { pollIntervalMs: 10 });
  const email = (key: string) => ({ userId: key, template: 'account-created' as const, eventId: key });
  /** Commits `count` e-mail jobs in one transaction; returns their job ids. */
  async function commitJobs(count: number): Promise<string[]> {
    const key = `on-commit-${++n}`;
    const ids = Array.from({ length: count }, (_, i) => jobId(key, i));
    await t.db.transaction((m) => t.app.get(OutboxService).publishMany(m, JOBS.email, ids.map((id) => ({ payload: email(key), jobId: id }))));
    return ids;
  }
  const rows = (ids: string[]) =>
    t.db.query(`SELECT job_id, claimed_until IS NOT NULL AS leased, published_at IS NOT NULL AS published FROM outbox WHERE job_id = ANY($1) ORDER BY id`, [ids]) as Promise<
      { job_id: string; leased: boolean; published: boolean }[]
    >;
  /** Lets the work channel deliver anything sent so far. */
  const heardSoFar = async () => {
    await listener.query('SELECT 1');
    return heard;
  };

  it('adds the jobs right after the commit and marks the rows published; the insert notifies nobody and the relay finds nothing', async () => {
    const publisher = new OutboxOnCommit(t.db, queues, t.clock);
    publishOutboxOnCommit(t.db, publisher);
    const ids = await commitJobs(3);
    await publisher.settled();
    const jobs = await queues.get('notifications').getJobs(['waiting']);
    expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
    expect(jobs[0].data).toEqual(email(`on-commit-${n}`));
    expect((await rows(ids)).every((r) => r.published)).toBe(true);
    expect(await heardSoFar()).toEqual([]);
    expect(await relay().relayOnce()).toBe(0);
  });

  it('turns delay_until into a BullMQ delay measured on the injected clock', async () => {
    const publisher = new OutboxOnCommit(t.db, queues, t.clock);
    publishOutboxOnCommit(t.db, publisher);
    await t.db.transaction((m) => t.app.get(OutboxService).publish(m, JOBS.email, email('later'), { jobId: 'later', delayUntil: new Date(t.clock.now().getTime() + 60_000) }));
    await publisher.settled();
    const job = await queues.get('notifications').getJob('later');
    expect(job?.opts.delay).toBe(60_000);
    expect(await job?.getState()).toBe('delayed');
  });

  it('adds nothing for a rolled-back transaction, nor for a savepoint rolled back; a released one is added with the outer jobs', async () => {
    const publisher = new OutboxOnCommit(t.db, queues, t.clock);
    publishOutboxOnCommit(t.db, publisher);
    const outbox = t.app.get(OutboxService);
    await expect(
      t.db.transaction(async (m) => {
        await outbox.publish(m, JOBS.email, email('gone'), { jobId: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await t.db.transaction(async (m) => {
      await outbox.publish(m, JOBS.email, email('outer'), { jobId: 'outer' });
      await expect(
        m.transaction(async (inner) => {
          await outbox.publish(inner, JOBS.email, email('dropped'), { jobId: 'dropped' });
          throw new Error('savepoint rolled back');
        }),
      ).rejects.toThrow('savepoint rolled back');
      await m.transaction((inner) => outbox.publish(inner, JOBS.email, email('released'), { jobId: 'released' }));
    });
    await publisher.settled();
    const jobs = await queues.get('notifications').getJobs(['waiting']);
    expect(jobs.map((j) => j.id).sort()).toEqual(['outer', 'released']);
  });

  it('leaves a job id already written to its writer: the second transaction adds nothing', async () => {
    const [id] = await commitJobs(1);
    const adds = new Map<string, number>();
    const publisher = new OutboxOnCommit(t.db, countingQueues(queues, adds), t.clock);
    publishOutboxOnCommit(t.db, publisher);
    await t.db.transaction((m) => t.app.get(OutboxService).publish(m, JOBS.email, email('again'), { jobId: id }));
    await publisher.settled();
    expect(adds.size).toBe(0);
    // The first row, written unleased, is still the relay's.
    expect(await rows([id])).toEqual([{ job_id: id, leased: false, published: false }]);
  });

  it('the publisher dies after its commit, before its add: the relay leaves the rows while their lease runs, then publishes them', async () => {
    // A publisher that leases the rows and then never adds them, as a process killed right after COMMIT.
    const dead: OutboxPublisher = { leaseUntil: () => new Date(t.clock.now().getTime() + OUTBOX_LEASE_MS), committed: () => undefined };
    publishOutboxOnCommit(t.db, dead);
    const ids = await commitJobs(4);
    expect((await rows(ids)).every((r) => r.leased && !r.published)).toBe(true);
    expect(await heardSoFar()).toEqual([]);
    t.clock.advance(OUTBOX_LEASE_MS - 1000);
    expect(await relay().relayOnce()).toBe(0);
    t.clock.advance(1000);
    expect(await relay().relayOnce()).toBe(4);
    expect((await queues.get('notifications').getJobs(['waiting'])).map((j) => j.id).sort()).toEqual([...ids].sort());
    expect((await rows(ids)).every((r) => r.published)).toBe(true);
  });

  it('the publisher dies after its add, before its mark: the relay adds the jobs again once the lease ran out, and BullMQ holds each once', async () => {
    const adds = new Map<string, number>();
    const counting = countingQueues(queues, adds);
    // Adds, then dies before marking: the rows stay leased and unpublished.
    let added: Promise<unknown> = Promise.resolve();
    const diesBeforeMark: OutboxPublisher = {
      leaseUntil: () => new Date(t.clock.now().getTime() + OUTBOX_LEASE_MS),
      committed: (jobs: readonly LeasedJob[]) => {
        added = counting.get('notifications').addBulk(jobs.map((j) => ({ name: j.jobName, data: j.data, opts: { jobId: j.jobId } })));
      },
    };
    publishOutboxOnCommit(t.db, diesBeforeMark);
    const ids = await commitJobs(5);
    await added;
    expect((await rows(ids)).every((r) => r.leased && !r.published)).toBe(true);
    t.clock.advance(OUTBOX_LEASE_MS);
    expect(await relay(counting).relayOnce()).toBe(5);
    expect(ids.map((id) => adds.get(id))).toEqual([2, 2, 2, 2, 2]);
    const jobs = await queues.get('notifications').getJobs(['waiting', 'delayed', 'active']);
    expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
  });

  it('hands the rows back to the relay, unleased and with a notification, when the add fails', async () => {
    const publisher = new OutboxOnCommit(t.db, redisDown, t.clock);
    publishOutboxOnCommit(t.db, publisher);
    const ids = await commitJobs(2);
    await publisher.settled();
    expect(await rows(ids)).toEqual(ids.map((job_id) => ({ job_id, leased: false, published: false })));
    await until(async () => (await heardSoFar()).includes('outbox'), 5000, 'the relay woken');
    expect(await relay().relayOnce()).toBe(2);
    expect((await queues.get('notifications').getJobs(['waiting'])).map((j) => j.id).sort()).toEqual([...ids].sort());
  });

  it('hands the rows back when the add does not answer within two seconds', async () => {
    const publisher = new OutboxOnCommit(t.db, redisHung, t.clock);
    publishOutboxOnCommit(t.db, publisher);
    const ids = await commitJobs(1);
    const started = Date.now();
    await publisher.settled();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(await rows(ids)).toEqual([{ job_id: ids[0], leased: false, published: false }]);
    expect(await heardSoFar()).toContain('outbox');
  });

  it('an unleased row still notifies, and the relay takes it at once', async () => {
    const ids = await commitJobs(1);
    await until(async () => (await heardSoFar()).includes('outbox'), 5000, 'the notification');
    expect(await relay().relayOnce()).toBe(1);
    expect(await rows(ids)).toEqual([{ job_id: ids[0], leased: false, published: true }]);
  });

  it('is switched on by OUTBOX_ENQUEUE_ON_COMMIT: the app adds and marks its jobs with no relay running', async () => {
    const on = await startTestApp({ env: { OUTBOX_ENQUEUE_ON_COMMIT: 'true' } });
    try {
      const id = jobId('switched-on', 1);
      await on.db.transaction((m) => on.app.get(OutboxService).publish(m, JOBS.email, email('switched-on'), { jobId: id }));
      const queue = on.app.get(QueuesService).get('notifications');
      await until(async () => (await queue.getJob(id)) !== undefined, 5000, 'the job');
      await until(async () => (await on.db.query(`SELECT 1 FROM outbox WHERE job_id = $1 AND published_at IS NOT NULL`, [id])).length === 1, 5000, 'the mark');
    } finally {
      await on.close();
    }
  });
});
