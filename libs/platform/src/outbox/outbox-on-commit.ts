import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock/clock.js';
import type { LeasedJob, OutboxPublisher } from '../database/transaction-writes.js';
import { WORK_CHANNEL } from '../database/pg-listener.js';
import type { QueueName } from '../queue/queue-registry.js';
import type { QueuesService } from '../queue/queues.service.js';
import { AFTER_COMMIT_ADD_TIMEOUT_MS, redisAnswerWithin } from '../queue/redis-answer.js';

/**
 * How long the relay leaves a row to the process that wrote it. Far beyond an add (AFTER_COMMIT_ADD_TIMEOUT_MS)
 * and a mark (MARK_EVERY_MS), so the relay only takes rows whose publisher died or lost the
 * database; short enough that such a row still goes out within a minute.
 */
export const OUTBOX_LEASE_MS = 30_000;
/**
 * Rows added since the last mark are marked published together, in one statement at most this
 * often: under the submit load one mark covers a second's applications rather than one each.
 * Nothing waits for the mark (a leased row is no relay's to take).
 */
const MARK_EVERY_MS = 1000;

/**
 * Adds a committed transaction's outbox jobs to BullMQ right after its commit, so the worker's
 * relay has nothing to claim, add and mark for them (issue 22: four of its statements per
 * submitted application) and their insert sends no notification. The rows were written leased to
 * this process (`claimed_until`, database/transaction-writes.ts); once added, they are marked
 * published, many commits' rows in one statement. Should the add fail or hang, the lease is taken
 * back and the relay woken, as if the rows had been written unleased. Should the process die
 * after its commit, before its add or its mark, the lease runs out and the relay takes the rows
 * as it takes any other: a job already added has the same id, so BullMQ keeps it once. The
 * commit does not wait for Redis. A rollback adds nothing.
 */
export class OutboxOnCommit implements OutboxPublisher {
  private readonly logger = new Logger('OutboxOnCommit');
  private readonly inFlight = new Set<Promise<void>>();
  private toMark: string[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  private marking: Promise<void> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
  ) {}

  leaseUntil(): Date {
    return new Date(this.clock.now().getTime() + OUTBOX_LEASE_MS);
  }

  /** Called once the transaction that wrote these leased rows committed. */
  committed(jobs: readonly LeasedJob[], leasedUntil: Date): void {
    if (jobs.length === 0) return;
    const added = this.add(jobs, leasedUntil);
    this.inFlight.add(added);
    void added.finally(() => this.inFlight.delete(added));
  }

  /** Waits for the adds under way and marks what they added (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
    await this.marking;
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    await this.mark();
    // A failed last mark is left to the lease.
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
  }

  private async add(jobs: readonly LeasedJob[], leasedUntil: Date): Promise<void> {
    const now = this.clock.now().getTime();
    const byQueue = new Map<QueueName, LeasedJob[]>();
    for (const j of jobs) byQueue.set(j.queue, [...(byQueue.get(j.queue) ?? []), j]);
    try {
      // The queues share one Redis connection: their adds go out together rather than one after another.
      const adds = [...byQueue].map(([queue, js]) =>
        this.queues.get(queue).addBulk(js.map((j) => ({ name: j.jobName, data: j.data, opts: { jobId: j.jobId, delay: j.delayUntil ? Math.max(0, j.delayUntil.getTime() - now) : undefined } }))),
      );
      await redisAnswerWithin(Promise.all(adds), AFTER_COMMIT_ADD_TIMEOUT_MS);
    } catch (err) {
      this.logger.warn({ err, jobs: jobs.length }, 'adding outbox jobs after commit failed; the relay takes them');
      await this.handBack(jobs, leasedUntil).catch((e) => this.logger.warn({ err: e }, 'handing outbox rows back to the relay failed; it takes them when their lease runs out'));
      return;
    }
    this.toMark.push(...jobs.map((j) => j.id));
    this.scheduleMark();
  }

  private scheduleMark(): void {
    this.markTimer ??= setTimeout(() => {
      this.markTimer = undefined;
      this.marking = this.mark().finally(() => (this.marking = undefined));
    }, MARK_EVERY_MS).unref();
  }

  /** Marks the added rows published; on failure they wait for the next mark (or their lease runs out and the relay adds them again, as the same jobs). */
  private async mark(): Promise<void> {
    const ids = this.toMark;
    if (ids.length === 0) return;
    this.toMark = [];
    try {
      await this.db.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL', [ids]);
    } catch (err) {
      this.logger.warn({ err, rows: ids.length }, 'marking outbox rows published failed; trying again');
      this.toMark.push(...ids);
      this.scheduleMark();
    }
  }

  /** Ends the lease of rows still unpublished and held by this add, and wakes the relay, in one autocommitted statement. */
  private async handBack(jobs: readonly LeasedJob[], leasedUntil: Date): Promise<void> {
    await this.db.query(
      `WITH back AS (
         UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[]) AND claimed_until = $2 AND published_at IS NULL RETURNING 1
       )
       SELECT pg_notify($3, 'outbox') FROM (SELECT 1 FROM back LIMIT 1) AS handed`,
      [jobs.map((j) => j.id), leasedUntil, WORK_CHANNEL],
    );
  }
}
