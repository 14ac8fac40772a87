import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock.js';
import { DELIVERY_BATCH, deliveryJobId } from '../events/event-deliveries.service.js';
import { PollingLoop } from '../queue/polling-loop.js';
import { JOBS, type QueueName } from '../queue/queue-registry.js';
import type { QueuesService } from '../queue/queues.service.js';

/**
 * Rows per pass. A pass costs four PostgreSQL round trips and one Redis round trip whatever its
 * size: 20,000 timers armed at once (the sla-timers bench) were relayed in about half the time
 * with passes of 500 as with 100, and a quiet system's pass still takes what is there.
 */
const DEFAULT_BATCH = 500;

interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  delay_until: Date | null;
}

/**
 * Moves committed outbox events to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several relays (several workers) never take the same row; each job is added with its
 * deterministic id before the row is marked, so a relay that dies in between leaves the row
 * for the next pass, whose add() BullMQ recognises as the same job. Either way: once.
 * Domain-event deliveries travel the same way (relayDeliveriesOnce).
 */
export class OutboxRelay {
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: DataSource,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
    private readonly options: { batchSize?: number; pollIntervalMs: number },
  ) {
    this.loop = new PollingLoop('OutboxRelay', async () => (await this.relayOnce()) + (await this.relayDeliveriesOnce()) > 0, options.pollIntervalMs);
  }

  /** Publishes one batch; returns how many events it moved. */
  async relayOnce(hooks: { afterEnqueue?: (manager: EntityManager) => Promise<void> } = {}): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload, delay_until FROM outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? DEFAULT_BATCH],
      );
      if (rows.length === 0) return 0;
      const now = this.clock.now().getTime();
      // One round trip per queue: a job id Redis already holds is left as it is, as with add().
      for (const queue of new Set(rows.map((r) => r.queue))) {
        await this.queues.get(queue).addBulk(
          rows
            .filter((r) => r.queue === queue)
            .map((r) => ({ name: r.job_name, data: r.payload, opts: { jobId: r.job_id, delay: r.delay_until ? Math.max(0, new Date(r.delay_until).getTime() - now) : undefined } })),
        );
      }
      await hooks.afterEnqueue?.(manager);
      await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /**
   * Enqueues one batch of new event deliveries, a job per DELIVERY_BATCH deliveries of one
   * subscriber (id named by its first event), by the same rule as outbox rows: add with the
   * deterministic id, then mark, recording on each delivery the job that carries it. Returns how
   * many deliveries it moved.
   */
  async relayDeliveriesOnce(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: { event_id: string; subscriber: string }[] = await manager.query(
        `SELECT event_id, subscriber FROM event_deliveries WHERE enqueued_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? DEFAULT_BATCH],
      );
      if (rows.length === 0) return 0;
      const bySubscriber = new Map<string, string[]>();
      for (const r of rows) {
        const ids = bySubscriber.get(r.subscriber);
        if (ids) ids.push(r.event_id);
        else bySubscriber.set(r.subscriber, [r.event_id]);
      }
      const jobs: { subscriber: string; eventIds: string[]; jobId: string }[] = [];
      for (const [subscriber, ids] of bySubscriber) {
        for (let i = 0; i < ids.length; i += DELIVERY_BATCH) {
          const eventIds = ids.slice(i, i + DELIVERY_BATCH);
          jobs.push({ subscriber, eventIds, jobId: deliveryJobId(subscriber, eventIds[0]) });
        }
      }
      await this.queues
        .get(JOBS.eventDelivery.queue)
        .addBulk(jobs.map((j) => ({ name: JOBS.eventDelivery.name, data: { subscriber: j.subscriber, eventIds: j.eventIds }, opts: { jobId: j.jobId } })));
      const carried = jobs.flatMap((j) => j.eventIds.map((e) => ({ e, s: j.subscriber, job: j.jobId })));
      await manager.query(
        `UPDATE event_deliveries d SET enqueued_at = $4, job_id = u.job FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(e, s, job) WHERE d.event_id = u.e AND d.subscriber = u.s`,
        [carried.map((c) => c.e), carried.map((c) => c.s), carried.map((c) => c.job), this.clock.now()],
      );
      return rows.length;
    });
  }

  /** Relays until nothing is left, then every poll interval, until stopped. */
  start(): void {
    this.loop.start();
  }

  /** Something committed new rows (a notification): relay now rather than at the next poll. */
  wake(): void {
    this.loop.wake();
  }


  stop(): Promise<void> {
    return this.loop.stop();
  }
}
