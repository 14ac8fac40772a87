import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { JobHandler, type JobOf } from '../queue/job-handler.decorator.js';
import { LeaveForAnotherWorker } from '../queue/leave-for-another-worker.js';
import { deliveryBatch, deliveryDelay, deliveryQueue, JOBS, jobId, type QueueName } from '../queue/queue-registry.js';
import { QueuesService } from '../queue/queues.service.js';
import type { DomainEvent, DomainEventName } from './event-catalogue.js';
import type { BatchHandler } from './on-domain-event.decorator.js';
import { EventSubscribers } from './event-subscribers.js';

/** A delivery that is still unfinished this long after it was enqueued is checked against Redis. */
const STALE_AFTER_MS = 10_000;
const RECONCILE_BATCH = 1000;
/** A job waits this long for another job's batch that holds its delivery ... */
const HELD_WAIT_MS = 2000;
/** ... then looks again after this long. */
const HELD_RETRY_MS = 1000;
/** PostgreSQL's lock_not_available: lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';
/**
 * A batch takes only deliveries whose jobs have waited this long (or that are not enqueued yet):
 * a backlog. A delivery enqueued just now has its job about to start; taking it would only make
 * that job find it held, roll back and come back a second later (under the submit load most
 * delivery transactions did that).
 */
const BACKLOG_AFTER_MS = 250;

interface DeliveryRow {
  event_id: string;
  name: DomainEventName;
  payload: never;
  occurred_at: Date;
  done_at: Date | null;
}

/** A batch of several deliveries failed: its own delivery runs again alone. */
class BatchFailed extends Error {
  constructor(readonly cause: unknown) {
    super('a delivery of the batch failed');
  }
}

/** A lock wait that ran out of its lock_timeout puts the job back for a second, to try again then. */
async function orLeaveWhenLockWaitRunsOut<T>(wait: Promise<T>, why: string): Promise<T> {
  try {
    return await wait;
  } catch (e) {
    if ((e as { driverError?: { code?: string } }).driverError?.code !== LOCK_NOT_AVAILABLE) throw e;
    throw new LeaveForAnotherWorker(why, HELD_RETRY_MS);
  }
}

export function deliveryJobId(subscriber: string, eventId: string): string {
  return jobId('evt', subscriber, eventId);
}

export interface DeliveryKey {
  eventId: string;
  subscriber: string;
  /** The publishing transaction's advisory lock, for a job added as its COMMIT went out. */
  publishedUnder?: string;
}

/**
 * Adds deliveries' jobs, each on its subscriber's queue (`deliveryQueue`), delayed by its
 * `deliveryDelay`: one `addBulk` per queue, sent together. The publisher after its commit and the
 * relay add them here, so a delivery's job has one id on one queue whoever adds it.
 */
export async function addDeliveryJobs(queues: QueuesService, deliveries: readonly DeliveryKey[]): Promise<void> {
  const byQueue = new Map<QueueName, DeliveryKey[]>();
  for (const d of deliveries) {
    const queue = deliveryQueue(d.subscriber);
    byQueue.set(queue, [...(byQueue.get(queue) ?? []), d]);
  }
  await Promise.all(
    [...byQueue].map(([queue, ds]) =>
      queues.get(queue).addBulk(
        ds.map(({ eventId, subscriber, publishedUnder }) => {
          const delay = deliveryDelay(subscriber);
          const data = publishedUnder ? { eventId, subscriber, publishedUnder } : { eventId, subscriber };
          return { name: JOBS.eventDelivery.name, data, opts: { jobId: deliveryJobId(subscriber, eventId), ...(delay ? { delay } : {}) } };
        }),
      ),
    ),
  );
}

/**
 * Runs subscribers' handlers (worker side). The handler's effect and the delivery's `done_at`
 * commit in one transaction that holds the delivery's row, so a repeated or concurrent
 * delivery changes nothing; a failure is recorded on the row and BullMQ retries that one
 * subscriber with backoff while the others go on.
 */
@Injectable()
export class EventDeliveries {
  private readonly logger = new Logger('EventDeliveries');

  constructor(
    private readonly db: DataSource,
    private readonly subscribers: EventSubscribers,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JOBS.eventDelivery)
  async run(job: JobOf<'events/deliver'>): Promise<'done' | 'already done' | 'gone'> {
    return this.deliver(job.data.eventId, job.data.subscriber, job.data.publishedUnder);
  }

  /**
   * Runs this delivery and, in the same transaction, up to `deliveryBatch`-1 other unfinished deliveries of
   * the same subscriber (rows no other job holds, whose jobs have waited BACKLOG_AFTER_MS): a busy
   * subscriber's backlog costs a few statements per event instead of a transaction each, and
   * their own jobs then find them done.
   * The batch takes the newest of the backlog: the oldest are the ones whose jobs run right now.
   * Should a handler of the batch fail, the batch rolls back and this delivery runs alone, so
   * one bad event cannot hold back the others; a delivery that failed alone is not batched again.
   */
  async deliver(eventId: string, subscriber: string, publishedUnder?: string): Promise<'done' | 'already done' | 'gone'> {
    try {
      const done = await this.runInTransaction(eventId, subscriber, deliveryBatch(subscriber), publishedUnder);
      if (typeof done === 'string') return done;
      await this.discardJobs(subscriber, done.filter((id) => id !== eventId));
      return 'done';
    } catch (e) {
      if (e instanceof LeaveForAnotherWorker) throw e;
      if (e instanceof BatchFailed) return this.deliverAlone(eventId, subscriber);
      await this.recordFailure(eventId, subscriber, e);
      throw e;
    }
  }

  private async deliverAlone(eventId: string, subscriber: string): Promise<'done' | 'already done' | 'gone'> {
    try {
      const done = await this.runInTransaction(eventId, subscriber, 1);
      return typeof done === 'string' ? done : 'done';
    } catch (e) {
      if (!(e instanceof LeaveForAnotherWorker)) await this.recordFailure(eventId, subscriber, e);
      throw e;
    }
  }

  /**
   * The batch in one transaction: the ids of the events it delivered. The delivery, the rest of
   * the batch and whether the delivery exists at all are read, and the open ones marked done, in
   * one statement (begin, this claim, the handler's, commit): the mark commits with the handler's
   * effect or rolls back with its failure, so it needs no statement of its own after the handler.
   */
  private runInTransaction(eventId: string, subscriber: string, batch: number, publishedUnder?: string): Promise<string[] | 'already done' | 'gone'> {
    return this.db.transaction(async (m) => {
      let found = await this.claim(m, eventId, subscriber, batch);
      if (found.length === 0 && publishedUnder) {
        // Added as its publisher's COMMIT went out, the job may come before that commit is visible:
        // once the publishing transaction has ended (its lock), the delivery is there or never will be.
        await this.waitForPublisher(m, publishedUnder);
        found = await this.claim(m, eventId, subscriber, batch);
      }
      if (found.length > 0 && !found.some((r) => r.kind === 'own')) {
        // Another job's batch holds it: that batch makes the effect, or gives the row back should it fail.
        if ((await this.waitForHolder(m, eventId, subscriber)) === 'done') return 'already done';
        found = await this.claim(m, eventId, subscriber, batch);
      }
      const own = found.find((r) => r.kind === 'own');
      if (!own) return 'gone';
      if (own.done_at) return 'already done';
      // A worker of another version (a rolling deploy) does not know this subscriber: leave it for one that does.
      if (!this.subscribers.handler(own.name, subscriber)) throw new LeaveForAnotherWorker(`no subscriber ${subscriber} for ${own.name} here`);
      const rows = [own, ...found.filter((o) => o.kind === 'other')];
      // A subscriber's method may handle several event names: each method gets its events in one call.
      const calls = new Map<BatchHandler, DomainEvent[]>();
      for (const row of rows) {
        const handler = this.subscribers.handler(row.name, subscriber)!;
        calls.set(handler, [...(calls.get(handler) ?? []), { id: row.event_id, name: row.name, payload: row.payload, occurredAt: row.occurred_at }]);
      }
      try {
        for (const [handler, events] of calls) await handler(events, m);
      } catch (e) {
        throw rows.length > 1 ? new BatchFailed(e) : e;
      }
      return rows.map((r) => r.event_id);
    });
  }

  /**
   * Locks this delivery (unless another transaction holds it) and, if it is open, up to batch-1
   * others of the subscriber's backlog whose events this process handles, and marks the open ones
   * done (the rows come back as they were before the mark). A delivery of an event unknown here is
   * marked too, but its job then leaves it for another worker, which rolls the mark back.
   */
  private claim(m: EntityManager, eventId: string, subscriber: string, batch: number): Promise<(DeliveryRow & { kind: 'own' | 'other' | 'held' })[]> {
    const now = this.clock.now();
    return m.query(
      `WITH own AS (
         SELECT d.event_id, e.name, e.payload, e.occurred_at, d.done_at FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
          WHERE d.event_id = $1 AND d.subscriber = $2 FOR UPDATE OF d SKIP LOCKED
       ), others AS (
         SELECT d.event_id, e.name, e.payload, e.occurred_at, d.done_at FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
          WHERE d.subscriber = $2 AND d.done_at IS NULL AND d.last_error IS NULL AND d.event_id <> $1 AND (d.enqueued_at IS NULL OR d.enqueued_at < $4)
            AND e.name = ANY($6::text[]) AND EXISTS (SELECT 1 FROM own WHERE own.done_at IS NULL)
          ORDER BY d.created_at DESC LIMIT $3 FOR UPDATE OF d SKIP LOCKED
       ), marked AS (
         UPDATE event_deliveries d SET done_at = $5, attempts = d.attempts + 1, last_error = NULL
           FROM (SELECT event_id FROM own WHERE done_at IS NULL UNION ALL SELECT event_id FROM others) AS open
          WHERE d.event_id = open.event_id AND d.subscriber = $2
       )
       SELECT 'own' AS kind, * FROM own
       UNION ALL SELECT 'other', * FROM others
       UNION ALL SELECT 'held', d.event_id, NULL, NULL, NULL, NULL FROM event_deliveries d WHERE d.event_id = $1 AND d.subscriber = $2 AND NOT EXISTS (SELECT 1 FROM own)`,
      [eventId, subscriber, batch - 1, new Date(now.getTime() - BACKLOG_AFTER_MS), now, this.subscribers.eventsOf(subscriber)],
    );
  }

  /**
   * Waits, at most HELD_WAIT_MS, for the publishing transaction to end, in one round trip
   * (`await_event_publisher`, which gives the handler's statements their own lock timeout back);
   * longer, the job comes back in a second.
   */
  private async waitForPublisher(m: EntityManager, lock: string): Promise<void> {
    await orLeaveWhenLockWaitRunsOut(m.query('SELECT await_event_publisher($1::bigint, $2::int)', [lock, HELD_WAIT_MS]), 'its publishing transaction has not ended');
  }

  /**
   * Waits, at most HELD_WAIT_MS, for the transaction that holds this delivery: 'done' when it
   * delivered it; 'free' when it let go without (its batch failed), the row then being this
   * transaction's. Waiting costs this job's slot for the rest of the holder's batch, where rolling
   * back and coming back later cost a second of delay, a transaction and a job run more.
   */
  private async waitForHolder(m: EntityManager, eventId: string, subscriber: string): Promise<'done' | 'free'> {
    await m.query(`SET LOCAL lock_timeout = ${HELD_WAIT_MS}`);
    const rows: { done_at: Date | null }[] = await orLeaveWhenLockWaitRunsOut(
      m.query('SELECT done_at FROM event_deliveries WHERE event_id = $1 AND subscriber = $2 FOR UPDATE', [eventId, subscriber]),
      `delivery ${subscriber} of ${eventId} is held by another job`,
    );
    if (rows[0]?.done_at) return 'done';
    // The handler's own statements wait for locks as long as they always did.
    await m.query('SET LOCAL lock_timeout TO DEFAULT');
    return 'free';
  }

  /**
   * The jobs of deliveries a batch did would only find them done: they are taken off the queue
   * (a backlog then costs a job per batch, not per event). One that cannot be removed (running)
   * finds its delivery done.
   */
  private async discardJobs(subscriber: string, eventIds: readonly string[]): Promise<void> {
    const queue = this.queues.get(deliveryQueue(subscriber));
    await Promise.all(eventIds.map((id) => queue.remove(deliveryJobId(subscriber, id)).catch(() => 0)));
  }

  private async recordFailure(eventId: string, subscriber: string, e: unknown): Promise<void> {
    await this.db
      .query('UPDATE event_deliveries SET attempts = attempts + 1, last_error = $3 WHERE event_id = $1 AND subscriber = $2', [eventId, subscriber, String((e as Error)?.message ?? e).slice(0, 2000)])
      .catch(() => undefined);
  }

  /**
   * Re-sends every unfinished delivery whose job Redis no longer holds (FLUSHALL, restart
   * without persistence). The job id is the same, so a job that still exists is left alone.
   */
  @JobHandler(JOBS.eventReconcile)
  async reconcile(): Promise<{ resent: number }> {
    const cutoff = new Date(this.clock.now().getTime() - STALE_AFTER_MS);
    let resent = 0;
    let after: [Date, string, string] | null = null;
    for (;;) {
      const rows: { event_id: string; subscriber: string; enqueued_at: Date }[] = await this.db.query(
        `SELECT event_id, subscriber, enqueued_at FROM event_deliveries
          WHERE done_at IS NULL AND enqueued_at <= $1 AND ($2::timestamptz IS NULL OR (enqueued_at, event_id, subscriber) > ($2, $3::uuid, $4))
          ORDER BY enqueued_at, event_id, subscriber LIMIT $5`,
        [cutoff, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, RECONCILE_BATCH],
      );
      for (const r of rows) {
        const id = deliveryJobId(r.subscriber, r.event_id);
        const queue = this.queues.get(deliveryQueue(r.subscriber));
        if (await queue.getJob(id)) continue;
        await queue.add(JOBS.eventDelivery.name, { eventId: r.event_id, subscriber: r.subscriber }, { jobId: id });
        resent++;
      }
      if (rows.length < RECONCILE_BATCH) break;
      const last = rows[rows.length - 1];
      after = [last.enqueued_at, last.event_id, last.subscriber];
    }
    if (resent) this.logger.warn({ resent }, 're-sent event deliveries that Redis had lost');
    return { resent };
  }
}
