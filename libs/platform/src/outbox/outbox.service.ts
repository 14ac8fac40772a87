import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import type { JobDefinition, JobKey, JobPayloads } from '../queue/queue-registry.js';
import { QueuesService } from '../queue/queues.service.js';
import { deferWrite, publishOutboxOnCommit } from '../database/transaction-writes.js';
import { OutboxOnCommit } from './outbox-on-commit.js';

/**
 * The one way to start background work from a change: write the event in the change's own
 * transaction (inserted just before its COMMIT, with its other deferred rows: database/transaction-writes.ts);
 * this process adds the job to BullMQ right after the commit (`OUTBOX_ENQUEUE_ON_COMMIT`,
 * OutboxOnCommit), and the worker's relay enqueues whatever that did not (switched off, Redis
 * failed, the process died). A rolled-back change enqueues nothing, and a committed one is never lost.
 */
@Injectable()
export class OutboxService implements OnModuleInit, OnModuleDestroy {
  private readonly onCommit: OutboxOnCommit | null;

  constructor(
    private readonly db: DataSource,
    queues: QueuesService,
    clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.onCommit = config.outboxEnqueueOnCommit ? new OutboxOnCommit(db, queues, clock) : null;
  }

  onModuleInit(): void {
    if (this.onCommit) publishOutboxOnCommit(this.db, this.onCommit);
  }

  /** The adds of committed jobs, and their marks, finish before the queues and the database close. */
  async onModuleDestroy(): Promise<void> {
    if (!this.onCommit) return;
    publishOutboxOnCommit(this.db, null);
    await this.onCommit.settled();
  }

  async publish<K extends JobKey>(
    manager: EntityManager,
    job: JobDefinition<K>,
    payload: JobPayloads[K],
    opts: { jobId: string; delayUntil?: Date },
  ): Promise<void> {
    await this.publishMany(manager, job, [{ payload, ...opts }]);
  }

  /** Several events of one job type, inserted with the transaction's other deferred rows before COMMIT; an id already written is skipped, as with publish. */
  async publishMany<K extends JobKey>(
    manager: EntityManager,
    job: JobDefinition<K>,
    events: readonly { payload: JobPayloads[K]; jobId: string; delayUntil?: Date }[],
  ): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.publish must run inside the transaction of the change');
    }
    if (events.length === 0) return;
    for (const e of events) {
      await deferWrite(manager, { job: { queue: job.queue, jobName: job.name, jobId: e.jobId, payload: JSON.stringify(e.payload), data: e.payload as Record<string, unknown>, delayUntil: e.delayUntil ?? null } });
    }
  }
}
