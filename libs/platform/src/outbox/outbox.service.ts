import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobDefinition, JobKey, JobPayloads } from '../queue/queue-registry.js';
import { deferWrite } from '../database/transaction-writes.js';

/**
 * The one way to start background work from a change: write the event in the change's own
 * transaction (inserted just before its COMMIT, with its other deferred rows: database/transaction-writes.ts);
 * the worker's relay enqueues it after commit. A rolled-back change enqueues
 * nothing, and a committed one is never lost.
 */
@Injectable()
export class OutboxService {
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
      await deferWrite(manager, { job: { queue: job.queue, jobName: job.name, jobId: e.jobId, payload: JSON.stringify(e.payload), delayUntil: e.delayUntil ?? null } });
    }
  }
}
