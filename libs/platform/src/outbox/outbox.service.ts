import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobDefinition, JobKey, JobPayloads } from '../queue/queue-registry.js';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * The one way to start background work from a change: write the event in the change's own
 * transaction; the worker's relay enqueues it after commit. A rolled-back change enqueues
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
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.publish must run inside the transaction of the change');
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values({ queue: job.queue, jobName: job.name, jobId: opts.jobId, payload, delayUntil: opts.delayUntil ?? null })
      .orIgnore()
      .execute();
  }
}
