import { Logger } from '@nestjs/common';
import type { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { QueuesService } from '../queue/queues.service.js';
import { AFTER_COMMIT_ADD_TIMEOUT_MS, redisAnswerWithin } from '../queue/redis-answer.js';
import { WORK_CHANNEL } from '../database/pg-listener.js';
import { TransactionScoped } from '../database/transaction-writes.js';
import { addDeliveryJobs } from './event-deliveries.service.js';

interface Pending {
  eventIds: readonly string[];
  subscribers: readonly string[];
  /** What the rows' enqueued_at says; a failed add clears it only where it still says so. */
  enqueuedAt: Date;
}

/** Deliveries written in a transaction (or savepoint), until it commits or rolls back. */
const written = new TransactionScoped<Pending>();

/** Remembers deliveries written in this transaction, to be added to BullMQ once it commits. */
export function enqueueAfterCommit(runner: QueryRunner, pending: Pending): void {
  written.add(runner, pending);
}

/**
 * Adds a committed transaction's delivery jobs to BullMQ right after its commit, so an effect
 * follows its cause by one Redis round trip and the job's own run rather than by a trip through
 * the relay (notification, claim, add). The rows were written with `enqueued_at` set, so the
 * relay leaves them alone and their insert sends no notification. The commit does not wait for
 * Redis: should the add fail or hang, the rows' mark is taken back and the relay is woken, as if
 * they had been written unmarked; should the process die in between, the deliveries' reconciler
 * re-sends them (marked, unfinished, no job in Redis), as after a FLUSHALL. A rollback adds nothing.
 */
export class DeliveriesOnCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger('DeliveriesOnCommit');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: DataSource,
    private readonly queues: QueuesService,
  ) {}

  beforeTransactionCommit(event: TransactionCommitEvent): void {
    written.released(event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint: the transaction goes on.
    if (event.queryRunner.isTransactionActive) return;
    const pending = written.take(event.queryRunner);
    if (pending.length === 0) return;
    const added = this.add(pending);
    this.inFlight.add(added);
    void added.finally(() => this.inFlight.delete(added));
  }

  /** A rolled-back savepoint's deliveries are gone with its rows; a rollback drops them all. */
  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    written.rolledBack(event.queryRunner);
  }

  /** Waits for the adds under way (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private async add(pending: readonly Pending[]): Promise<void> {
    const jobs = pending.flatMap((p) => p.eventIds.flatMap((eventId) => p.subscribers.map((subscriber) => ({ eventId, subscriber }))));
    try {
      await redisAnswerWithin(addDeliveryJobs(this.queues, jobs), AFTER_COMMIT_ADD_TIMEOUT_MS);
    } catch (err) {
      this.logger.warn({ err, deliveries: jobs.length }, 'adding delivery jobs after commit failed; the relay takes them');
      await this.handBack(pending).catch((e) => this.logger.warn({ err: e }, 'handing deliveries back to the relay failed; the reconciler re-sends them'));
    }
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
