import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { DEFAULT_JOB_OPTIONS, QUEUE_NAMES, type JobDefinition, type JobKey, type JobPayloads, type QueueName } from './queue-registry.js';
import { closeRedis, createRedis } from './redis.js';

/** The producer side of every queue (the API and the worker's relay share it). */
@Injectable()
export class QueuesService implements OnModuleDestroy {
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = createRedis(config.redisUrl);
    // ioredis reports a dead server through this event; without a listener Node prints it as unhandled.
    this.connection.on('error', () => undefined);
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection: this.connection, prefix: config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
  }

  get(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async add<K extends JobKey>(job: JobDefinition<K>, payload: JobPayloads[K], opts: { jobId: string; delay?: number }): Promise<void> {
    await this.get(job.queue).add(job.name, payload, opts);
  }

  /**
   * After Redis lost its keys: gives back the job of each item whose job is missing, or failed
   * for good (tried again rather than given up); a job still waiting or running is left alone.
   * Same ids, so never twice in the queue. Returns how many were re-queued.
   */
  async requeueMissing<K extends JobKey>(job: JobDefinition<K>, items: readonly { payload: JobPayloads[K]; jobId: string }[]): Promise<number> {
    const queue = this.get(job.queue);
    let requeued = 0;
    for (const item of items) {
      const existing = await queue.getJob(item.jobId);
      if (existing && !(await existing.isFailed())) continue;
      if (existing) await existing.remove();
      await queue.add(job.name, item.payload, { jobId: item.jobId });
      requeued++;
    }
    return requeued;
  }

  async onModuleDestroy(): Promise<void> {
    // Closing a queue waits on Redis; with Redis gone, give up after a second.
    await Promise.race([Promise.all(this.all().map((q) => q.close())), new Promise((r) => setTimeout(r, 1000).unref())]);
    await closeRedis(this.connection);
  }
}
