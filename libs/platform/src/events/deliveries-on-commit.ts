import { Logger } from '@nestjs/common';
import type { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { QueuesService } from '../queue/queues.service.js';
import { AFTER_COMMIT_ADD_TIMEOUT_MS, redisAnswerWithin } from '../queue/redis-answer.js';
import { WORK_CHANNEL } from '../database/pg-listener.js';
import { depthOf, TransactionScoped } from '../database/transaction-writes.js';
import { addDeliveryJobs } from './event-deliveries.service.js';

interface Pending {
  eventIds: readonly string[];
  subscribers: readonly string[];
  /** What the rows' enqueued_at says; a failed add clears it only where it still says so. */
  enqueuedAt: Date;
  /** The advisory lock the publishing statement took, held until the transaction ends. */
  lock: string;
}

/**
 * A transaction with more deliveries than this (a set-based batch, such as an instant's SLA
 * stages) adds their jobs after its commit instead: sent with the COMMIT, they all started before
 * it was visible and waited for it on the lanes' connections, which halved the sla-timers burst
 * (19,417 → 9,166 stages/s), where a request's few deliveries gain the publisher's loop lag.
 */
const EARLY_ADD_MAX = 32;

/** Deliveries written in a transaction (or savepoint), until it commits or rolls back. */
const written = new TransactionScoped<Pending>();

/** Remembers deliveries written in this transaction, to be added to BullMQ as it commits. */
export function enqueueAfterCommit(runner: QueryRunner, pending: Pending): void {
  written.add(runner, pending);
}

/**
 * Adds a transaction's delivery jobs to BullMQ as its COMMIT goes out (a batch of more than
 * EARLY_ADD_MAX, right after its commit), so an effect follows its cause by one Redis round trip
 * and the job's own run rather than by a trip through the relay (notification, claim, add). Not after the COMMIT's answer: under the submit load that answer
 * waited 25 ms at p50 and 89 ms at p99 for the publishing process's busy event loop (bench/README.md,
 * event-lag). A job that starts before the commit is visible waits on the advisory lock the
 * publishing statement took (`publishedUnder`, EventDeliveries), so it finds its delivery once the
 * transaction has committed, or nothing if it rolled back. The rows were written with
 * `enqueued_at` set, so the relay leaves them alone and their insert sends no notification. The
 * commit does not wait for Redis: should the add fail or hang, once the transaction has committed
 * the rows' mark is taken back and the relay is woken, as if they had been written unmarked;
 * should the process die in between, the deliveries' reconciler re-sends them (marked,
 * unfinished, no job in Redis), as after a FLUSHALL. A rollback before the COMMIT adds nothing.
 */
export class DeliveriesOnCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger('DeliveriesOnCommit');
  private readonly inFlight = new Set<Promise<void>>();
  /** Deliveries of a COMMIT whose answer has not come yet, with their add if it went out with it. */
  private readonly sent = new WeakMap<QueryRunner, { pending: readonly Pending[]; added: Promise<boolean> | null }>();

  constructor(
    private readonly db: DataSource,
    private readonly queues: QueuesService,
  ) {}

  beforeTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    // A savepoint released: the transaction goes on.
    if (depthOf(runner) > 1) return written.released(runner);
    const pending = written.take(runner);
    if (pending.length === 0) return;
    const early = pending.reduce((n, p) => n + p.eventIds.length * p.subscribers.length, 0) <= EARLY_ADD_MAX;
    this.sent.set(runner, { pending, added: early ? this.add(pending) : null });
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    const sent = this.sent.get(event.queryRunner);
    if (!sent) return;
    this.sent.delete(event.queryRunner);
    // The rows are committed now: a failed add can hand them back to the relay.
    const added = sent.added ?? this.add(sent.pending);
    const settled = added.then((ok) => (ok ? undefined : this.handBack(sent.pending).catch((e) => this.logger.warn({ err: e }, 'handing deliveries back to the relay failed; the reconciler re-sends them'))));
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }

  /**
   * A rolled-back savepoint's deliveries are gone with its rows; a rollback drops them all (a
   * COMMIT that failed too: the jobs it sent find no delivery once the transaction has ended).
   */
  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    written.rolledBack(event.queryRunner);
    if (depthOf(event.queryRunner) <= 1) this.sent.delete(event.queryRunner);
  }

  /** Waits for the adds under way (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  /** Adds the deliveries' jobs: whether Redis took them in time. */
  private add(pending: readonly Pending[]): Promise<boolean> {
    const jobs = pending.flatMap((p) => p.eventIds.flatMap((eventId) => p.subscribers.map((subscriber) => ({ eventId, subscriber, publishedUnder: p.lock }))));
    return redisAnswerWithin(addDeliveryJobs(this.queues, jobs), AFTER_COMMIT_ADD_TIMEOUT_MS).then(
      () => true,
      (err) => {
        this.logger.warn({ err, deliveries: jobs.length }, 'adding delivery jobs failed; the relay takes them');
        return false;
      },
    );
  }

  /** Unmarks the deliveries (those still unfinished and marked by this process) and wakes the relay, in one autocommitted statement. */
  private async handBack(pending: readonly Pending[]): Promise<void> {
    const rows = pending.flatMap((p) => p.eventIds.flatMap((e) => p.subscribers.map((s) => [e, s, p.enqueuedAt] as const)));
    await this.db.query(
      `WITH back AS (
         UPDATE event_deliveries d SET enqueued_at = NULL FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS u(e, s, at)
          WHERE d.event_id = u.e AND d.subscriber = u.s AND d.enqueued_at = u.at AND d.done_at IS NULL RETURNING 1
       )
       SELECT pg_notify($4, 'event_deliveries') FROM (SELECT 1 FROM back LIMIT 1) AS handed`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), WORK_CHANNEL],
    );
  }
}
