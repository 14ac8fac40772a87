import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { JobHandler, type JobOf } from '../queue/job-handler.decorator.js';
import { LeaveForAnotherWorker } from '../queue/leave-for-another-worker.js';
import { JOBS, jobId } from '../queue/queue-registry.js';
import { QueuesService } from '../queue/queues.service.js';
import type { DomainEvent, DomainEventName } from './event-catalogue.js';
import type { BatchHandler } from './on-domain-event.decorator.js';
import { EventSubscribers } from './event-subscribers.js';

/** A delivery that is still unfinished this long after it was enqueued is checked against Redis. */
const STALE_AFTER_MS = 10_000;
const RECONCILE_BATCH = 1000;
/** How many deliveries of one subscriber one job carries (and one transaction runs) at most. */
export const DELIVERY_BATCH = 50;
/** A job whose delivery another job holds looks again after this long. */
const HELD_RETRY_MS = 1000;

interface DeliveryRow {
  event_id: string;
  name: DomainEventName;
  payload: never;
  occurred_at: Date;
  done_at: Date | null;
}

/** A batch of several deliveries failed: each runs again alone. */
class BatchFailed extends Error {
  constructor(readonly cause: unknown) {
    super('a delivery of the batch failed');
  }
}

/** The id of the job that carries a batch of one subscriber's deliveries: named by its first event. */
export function deliveryJobId(subscriber: string, firstEventId: string): string {
  return jobId('evt', subscriber, firstEventId);
}

/**
 * Runs subscribers' handlers (worker side). A job carries up to DELIVERY_BATCH deliveries of one
 * subscriber (the relay groups them), so a backlog of a hundred thousand events costs a few
 * thousand jobs. The handler's effects and the deliveries' `done_at` commit in one transaction
 * that holds the deliveries' rows, so a repeated or concurrent delivery changes nothing; a
 * failure is recorded on the row and BullMQ retries that job with backoff while the others go on.
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
  async run(job: JobOf<'events/deliver'>): Promise<'done' | 'already done'> {
    // A job enqueued before deliveries travelled in batches carries one `eventId`.
    const legacy = (job.data as { eventId?: string }).eventId;
    return this.deliver(job.data.subscriber, job.data.eventIds ?? (legacy ? [legacy] : []));
  }

  /**
   * Runs these deliveries of one subscriber in one transaction ('already done' when none was left
   * to do). Should a handler fail, the batch rolls back and each delivery runs alone, so one bad
   * event cannot hold back the others; a failure alone is recorded on its row and fails the job
   * (BullMQ retries it; the deliveries done by then are skipped). A delivery another job holds
   * is not waited for: the job looks again a second later.
   */
  async deliver(subscriber: string, eventIds: readonly string[]): Promise<'done' | 'already done'> {
    try {
      return await this.runInTransaction(subscriber, eventIds);
    } catch (e) {
      if (e instanceof LeaveForAnotherWorker) throw e;
      if (!(e instanceof BatchFailed)) {
        await this.recordFailure(eventIds, subscriber, e);
        throw e;
      }
    }
    let result: 'done' | 'already done' = 'already done';
    let failure: unknown = null;
    let held: LeaveForAnotherWorker | null = null;
    for (const id of eventIds) {
      try {
        if ((await this.runInTransaction(subscriber, [id])) === 'done') result = 'done';
      } catch (e) {
        if (e instanceof LeaveForAnotherWorker) held = e;
        else {
          await this.recordFailure([id], subscriber, e);
          failure ??= e;
        }
      }
    }
    if (failure) throw failure;
    if (held) throw held;
    return result;
  }

  /**
   * The batch in one transaction: the undone deliveries of these events that no other job holds.
   * Deliveries left for later (held by another job, or for a subscriber this version does not
   * know) make the job look again after commit, so what this batch did stays done.
   */
  private async runInTransaction(subscriber: string, eventIds: readonly string[]): Promise<'done' | 'already done'> {
    const { ran, leave } = await this.db.transaction(async (m) => {
      // A re-sent job and the one Redis still held, or the relay's repeat after a crash, may carry the same deliveries.
      const rows: DeliveryRow[] = await m.query(
        `SELECT d.event_id, e.name, e.payload, e.occurred_at, d.done_at FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
          WHERE d.subscriber = $1 AND d.event_id = ANY($2::uuid[]) AND d.done_at IS NULL ORDER BY e.seq FOR UPDATE OF d SKIP LOCKED`,
        [subscriber, eventIds],
      );
      // A worker of another version (a rolling deploy) does not know this subscriber: those are left to one that does.
      const known = rows.filter((r) => this.subscribers.handler(r.name, subscriber));
      // A subscriber's method may handle several event names: each method gets its events in one call.
      const calls = new Map<BatchHandler, DomainEvent[]>();
      for (const row of known) {
        const handler = this.subscribers.handler(row.name, subscriber)!;
        calls.set(handler, [...(calls.get(handler) ?? []), { id: row.event_id, name: row.name, payload: row.payload, occurredAt: row.occurred_at }]);
      }
      try {
        for (const [handler, events] of calls) await handler(events, m);
      } catch (e) {
        throw known.length > 1 ? new BatchFailed(e) : e;
      }
      if (known.length) {
        await m.query('UPDATE event_deliveries SET done_at = $3, attempts = attempts + 1, last_error = NULL WHERE event_id = ANY($1) AND subscriber = $2', [
          known.map((r) => r.event_id),
          subscriber,
          this.clock.now(),
        ]);
      }
      if (known.length < rows.length) return { ran: known.length, leave: new LeaveForAnotherWorker(`no subscriber ${subscriber} for some events here`) };
      if (rows.length < eventIds.length) {
        // Not taken: done already, or held by another job (look again shortly: done then, or free again if that job failed).
        const [{ held }]: { held: number }[] = await m.query(
          'SELECT count(*)::int AS held FROM event_deliveries WHERE subscriber = $1 AND event_id = ANY($2::uuid[]) AND done_at IS NULL AND NOT (event_id = ANY($3::uuid[]))',
          [subscriber, eventIds, rows.map((r) => r.event_id)],
        );
        if (held > 0) return { ran: known.length, leave: new LeaveForAnotherWorker(`${held} deliveries of ${subscriber} are held by another job`, HELD_RETRY_MS) };
      }
      return { ran: known.length, leave: null };
    });
    if (leave) throw leave;
    return ran ? 'done' : 'already done';
  }

  private async recordFailure(eventIds: readonly string[], subscriber: string, e: unknown): Promise<void> {
    await this.db
      .query('UPDATE event_deliveries SET attempts = attempts + 1, last_error = $3 WHERE event_id = ANY($1::uuid[]) AND subscriber = $2 AND done_at IS NULL', [
        eventIds,
        subscriber,
        String((e as Error)?.message ?? e).slice(0, 2000),
      ])
      .catch(() => undefined);
  }

  /**
   * Re-sends every unfinished delivery whose job Redis no longer holds (FLUSHALL, restart
   * without persistence), under the job id it travelled with, so a job that still exists is left
   * alone. Returns how many deliveries it re-sent.
   */
  @JobHandler(JOBS.eventReconcile)
  async reconcile(): Promise<{ resent: number }> {
    const cutoff = new Date(this.clock.now().getTime() - STALE_AFTER_MS);
    const queue = this.queues.get(JOBS.eventDelivery.queue);
    let resent = 0;
    let after: [Date, string, string] | null = null;
    for (;;) {
      const rows: { event_id: string; subscriber: string; enqueued_at: Date; job_id: string | null }[] = await this.db.query(
        `SELECT event_id, subscriber, enqueued_at, job_id FROM event_deliveries
          WHERE done_at IS NULL AND enqueued_at <= $1 AND ($2::timestamptz IS NULL OR (enqueued_at, event_id, subscriber) > ($2, $3::uuid, $4))
          ORDER BY enqueued_at, event_id, subscriber LIMIT $5`,
        [cutoff, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, RECONCILE_BATCH],
      );
      // Deliveries enqueued before batches (no job_id) travelled one job each.
      const jobs = new Map<string, { subscriber: string; batched: boolean; eventId: string }>();
      for (const r of rows) jobs.set(r.job_id ?? deliveryJobId(r.subscriber, r.event_id), { subscriber: r.subscriber, batched: r.job_id !== null, eventId: r.event_id });
      for (const [id, { subscriber, batched, eventId }] of jobs) {
        if (await queue.getJob(id)) continue;
        // Every undone delivery of the lost job, also those beyond this page.
        const eventIds: string[] = batched
          ? (await this.db.query('SELECT event_id FROM event_deliveries WHERE job_id = $1 AND done_at IS NULL', [id])).map((r: { event_id: string }) => r.event_id)
          : [eventId];
        await queue.add(JOBS.eventDelivery.name, { subscriber, eventIds }, { jobId: id });
        resent += eventIds.length;
      }
      if (rows.length < RECONCILE_BATCH) break;
      const last = rows[rows.length - 1];
      after = [last.enqueued_at, last.event_id, last.subscriber];
    }
    if (resent) this.logger.warn({ resent }, 're-sent event deliveries that Redis had lost');
    return { resent };
  }
}
