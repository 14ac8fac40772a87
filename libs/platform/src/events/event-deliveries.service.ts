import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { JobHandler, type JobOf } from '../queue/job-handler.decorator.js';
import { LeaveForAnotherWorker } from '../queue/leave-for-another-worker.js';
import { JOBS, jobId } from '../queue/queue-registry.js';
import { QueuesService } from '../queue/queues.service.js';
import type { DomainEvent, DomainEventName } from './event-catalogue.js';
import { EventSubscribers } from './event-subscribers.js';

/** A delivery that is still unfinished this long after it was enqueued is checked against Redis. */
const STALE_AFTER_MS = 10_000;
const RECONCILE_BATCH = 1000;

export function deliveryJobId(subscriber: string, eventId: string): string {
  return jobId('evt', subscriber, eventId);
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
    return this.deliver(job.data.eventId, job.data.subscriber);
  }

  async deliver(eventId: string, subscriber: string): Promise<'done' | 'already done' | 'gone'> {
    try {
      return await this.db.transaction(async (m) => {
        const [row]: { name: DomainEventName; payload: never; occurred_at: Date; done_at: Date | null }[] = await m.query(
          `SELECT e.name, e.payload, e.occurred_at, d.done_at FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
            WHERE d.event_id = $1 AND d.subscriber = $2 FOR UPDATE OF d`,
          [eventId, subscriber],
        );
        if (!row) return 'gone';
        if (row.done_at) return 'already done';
        const handler = this.subscribers.handler(row.name, subscriber);
        // A worker of another version (a rolling deploy) does not know this subscriber: leave it for one that does.
        if (!handler) throw new LeaveForAnotherWorker(`no subscriber ${subscriber} for ${row.name} here`);
        const event: DomainEvent = { id: eventId, name: row.name, payload: row.payload, occurredAt: row.occurred_at };
        await handler(event, m);
        await m.query('UPDATE event_deliveries SET done_at = $3, attempts = attempts + 1, last_error = NULL WHERE event_id = $1 AND subscriber = $2', [eventId, subscriber, this.clock.now()]);
        return 'done';
      });
    } catch (e) {
      if (!(e instanceof LeaveForAnotherWorker)) {
        await this.db
          .query('UPDATE event_deliveries SET attempts = attempts + 1, last_error = $3 WHERE event_id = $1 AND subscriber = $2', [eventId, subscriber, String((e as Error).message).slice(0, 2000)])
          .catch(() => undefined);
      }
      throw e;
    }
  }

  /**
   * Re-sends every unfinished delivery whose job Redis no longer holds (FLUSHALL, restart
   * without persistence). The job id is the same, so a job that still exists is left alone.
   */
  @JobHandler(JOBS.eventReconcile)
  async reconcile(): Promise<{ resent: number }> {
    const cutoff = new Date(this.clock.now().getTime() - STALE_AFTER_MS);
    const queue = this.queues.get(JOBS.eventDelivery.queue);
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
