import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock.js';
import { addDeliveryJobs } from '../events/event-deliveries.service.js';
import { PollingLoop } from '../queue/polling-loop.js';
import type { QueueName } from '../queue/queue-registry.js';
import type { QueuesService } from '../queue/queues.service.js';

/**
 * Rows per pass. A pass costs four PostgreSQL round trips and a Redis round trip whatever its
 * size: 20,000 timers armed at once (the sla-timers bench) were relayed in about half the time
 * with passes of 500 as with 100, and a quiet system's pass still takes what is there.
 */
const DEFAULT_BATCH = 500;
/** Delivery passes one relay runs at once when deliveries commit faster than a pass takes. */
const DELIVERY_PASSES = 4;

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
 * for the next pass, whose add() BullMQ recognises as the same job. Either way: once. A row
 * leased to the process that wrote it (outbox-on-commit.ts) is taken only once its lease ran out.
 * Each half (outbox rows, domain-event deliveries) is relayed when a notification names its
 * table, and only that half; a pass follows another at once only when the last took a full
 * batch (what commits meanwhile notifies again). The poll relays both, as a safety net.
 */
export class OutboxRelay {
  private readonly outboxLoop: PollingLoop;
  private readonly deliveriesLoop: PollingLoop;
  private readonly logger = new Logger('OutboxRelay');
  private readonly deliveryPasses = new Set<Promise<void>>();
  private deliveriesPending = false;
  private stopped = true;

  constructor(
    private readonly db: DataSource,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
    private readonly options: { batchSize?: number; pollIntervalMs: number },
  ) {
    this.outboxLoop = new PollingLoop('OutboxRelay', async () => (await this.relayOnce()) === this.batchSize, options.pollIntervalMs);
    this.deliveriesLoop = new PollingLoop('OutboxRelay', async () => (await this.relayDeliveriesOnce()) === this.batchSize, options.pollIntervalMs);
  }

  private get batchSize(): number {
    return this.options.batchSize ?? DEFAULT_BATCH;
  }

  /** Publishes one batch; returns how many events it moved. */
  async relayOnce(hooks: { afterEnqueue?: (manager: EntityManager) => Promise<void> } = {}): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload, delay_until FROM outbox
          WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $2) ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize, this.clock.now()],
      );
      if (rows.length === 0) return 0;
      const now = this.clock.now().getTime();
      // One addBulk per queue, sent together on the shared connection: a job id Redis already holds is left as it is, as with add().
      await Promise.all(
        [...new Set(rows.map((r) => r.queue))].map((queue) =>
          this.queues.get(queue).addBulk(
            rows
              .filter((r) => r.queue === queue)
              .map((r) => ({ name: r.job_name, data: r.payload, opts: { jobId: r.job_id, delay: r.delay_until ? Math.max(0, new Date(r.delay_until).getTime() - now) : undefined } })),
          ),
        ),
      );
      await hooks.afterEnqueue?.(manager);
      await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /**
   * Enqueues one batch of new event deliveries (one job per subscriber and event). Returns how
   * many it moved. The rows are claimed and marked in one autocommitted statement, then added:
   * one PostgreSQL and one Redis round trip, and no transaction held open across Redis. Should the
   * add fail, the mark is undone; should the process die in between, the deliveries' reconciler
   * re-sends them (a marked, unfinished delivery whose job Redis lacks), as after a FLUSHALL.
   */
  async relayDeliveriesOnce(): Promise<number> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [{ event_id: string; subscriber: string }[], number] = await this.db.query(
      `UPDATE event_deliveries d SET enqueued_at = $2
         FROM (SELECT event_id, subscriber FROM event_deliveries WHERE enqueued_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED) c
        WHERE d.event_id = c.event_id AND d.subscriber = c.subscriber
       RETURNING d.event_id, d.subscriber`,
      [this.batchSize, this.clock.now()],
    );
    if (rows.length === 0) return 0;
    try {
      await addDeliveryJobs(this.queues, rows.map((r) => ({ eventId: r.event_id, subscriber: r.subscriber })));
    } catch (e) {
      await this.db
        .query(
          `UPDATE event_deliveries d SET enqueued_at = NULL FROM unnest($1::uuid[], $2::text[]) AS u(e, s) WHERE d.event_id = u.e AND d.subscriber = u.s AND d.done_at IS NULL`,
          [rows.map((r) => r.event_id), rows.map((r) => r.subscriber)],
        )
        .catch(() => undefined);
      throw e;
    }
    return rows.length;
  }

  /**
   * New deliveries committed (their notification): relay them now, beside any pass that is
   * running rather than after it, up to DELIVERY_PASSES at once (the claims skip each other's
   * rows); beyond that, one more pass follows the first to end, so no notification is lost.
   */
  private relayDeliveriesNow(): void {
    if (this.stopped) return;
    if (this.deliveryPasses.size >= DELIVERY_PASSES) {
      this.deliveriesPending = true;
      return;
    }
    this.deliveriesPending = false;
    const pass = (async () => {
      try {
        while ((await this.relayDeliveriesOnce()) === this.batchSize && !this.stopped);
      } catch (e) {
        // The poll (or the next notification) tries again.
        this.logger.warn({ err: e }, 'relaying deliveries failed');
      }
    })();
    this.deliveryPasses.add(pass);
    void pass.finally(() => {
      this.deliveryPasses.delete(pass);
      if (this.deliveriesPending) this.relayDeliveriesNow();
    });
  }

  /** Relays until nothing is left, then every poll interval, until stopped. */
  start(): void {
    this.stopped = false;
    this.outboxLoop.start();
    this.deliveriesLoop.start();
  }

  /**
   * Something committed new rows (a notification naming the table, or null after the listener
   * (re)connected): relay that table's half now rather than at the next poll (both after a reconnect).
   */
  wake(table: string | null = null): void {
    if (table === 'event_deliveries') return this.relayDeliveriesNow();
    this.outboxLoop.wake();
    if (table === null) this.deliveriesLoop.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.outboxLoop.stop(), this.deliveriesLoop.stop()]);
    await Promise.all(this.deliveryPasses);
  }
}
