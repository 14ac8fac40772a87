import { Inject, Injectable, Logger, type INestApplicationContext, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { DomainError } from '../errors/domain-error.js';
import { JOB_HANDLER } from './job-handler.decorator.js';
import { LeaveForAnotherWorker } from './leave-for-another-worker.js';
import { ALL_JOBS, DELIVERY_LANES, JOBS, type JobKey, type JobPayloads, type QueueName } from './queue-registry.js';
import { closeRedis, createRedis } from './redis.js';

type Handler = (job: Job) => Promise<unknown>;

/** Jobs of a queue one worker process runs at once. */
const CONCURRENCY = 10;
/**
 * Queues whose jobs are batches that each hold a database connection for a transaction: a few
 * at once keep PostgreSQL busy, and more would only take connections from the pool the other
 * queues share. In particular a backlog of event deliveries (the notices of a hundred thousand
 * SLA stages) must not starve the timers of the next instant.
 */
const BATCH_QUEUE_CONCURRENCY: Partial<Record<QueueName, number>> = {
  timers: 5,
  events: 4,
  // Every assignment takes the one advisory lock 'sla-assignment' first: under the submit load ten
  // slots meant up to ten of the pool's connections waiting for it (p50 150 ms, up to 1 s each),
  // and the deliveries waited for a connection behind them. One slot assigns as fast.
  sla: 1,
};

const LANES = new Map(Object.values(DELIVERY_LANES).map((l) => [l.queue, l.slots]));

/** The queues a worker process runs: each job's, and the event subscribers' delivery lanes. */
export function workedQueues(): QueueName[] {
  return [...new Set<QueueName>([...ALL_JOBS.map((j) => j.queue), ...LANES.keys()])];
}

/** Jobs of a queue one worker process runs at once (a delivery lane: its slots). */
export function queueConcurrency(queue: QueueName): number {
  return LANES.get(queue) ?? BATCH_QUEUE_CONCURRENCY[queue] ?? CONCURRENCY;
}

/** The job a queue's job name stands for: a lane holds only event deliveries. */
export function jobKeyOn(queue: QueueName, name: string): JobKey {
  return (LANES.has(queue) ? `${JOBS.eventDelivery.queue}/${name}` : `${queue}/${name}`) as JobKey;
}

/** Finds the @JobHandler methods, refuses to start unless every job has exactly one. */
export function collectHandlers(found: { key: JobKey; handler: Handler; owner: string }[]): Map<JobKey, Handler> {
  const problems: string[] = [];
  const byKey = new Map<JobKey, Handler>();
  for (const job of ALL_JOBS) {
    const mine = found.filter((f) => f.key === job.key);
    if (mine.length === 0) problems.push(`job ${job.key} has no handler`);
    if (mine.length > 1) problems.push(`job ${job.key} has ${mine.length} handlers (${mine.map((m) => m.owner).join(', ')})`);
    if (mine.length === 1) byKey.set(job.key, mine[0].handler);
  }
  for (const f of found) if (!ALL_JOBS.some((j) => j.key === f.key)) problems.push(`handler ${f.owner} is for unknown job ${f.key}`);
  if (problems.length) throw new Error(`Job handlers do not match the queue registry: ${problems.join('; ')}`);
  return byKey;
}

/** Every @JobHandler method of the app's providers, bound to its instance. */
export function findJobHandlers(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): { key: JobKey; handler: Handler; owner: string }[] {
  const found: { key: JobKey; handler: Handler; owner: string }[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const proto = Object.getPrototypeOf(instance);
    for (const method of scanner.getAllMethodNames(proto)) {
      const key = reflector.get<JobKey | undefined>(JOB_HANDLER, proto[method]);
      if (key) found.push({ key, handler: (instance[method] as Handler).bind(instance), owner: `${proto.constructor.name}.${method}` });
    }
  }
  return found;
}

/**
 * The handler of one job in an app (the API's modules hold the handlers too, though it runs no
 * worker): what tests use to run a job the outbox holds without a worker process.
 */
export function jobHandlerOf<K extends JobKey>(app: INestApplicationContext, key: K): (job: { data: JobPayloads[K] }) => Promise<unknown> {
  const [only] = findJobHandlers(app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector)).filter((f) => f.key === key);
  if (!only) throw new Error(`no handler for job ${key}`);
  return only.handler as (job: { data: JobPayloads[K] }) => Promise<unknown>;
}

/**
 * Runs one BullMQ Worker per queue in the worker process and dispatches each job to its
 * handler. A DomainError means the job can never succeed: it fails without retries.
 */
@Injectable()
export class WorkerHostService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WorkerHost');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const found = findJobHandlers(this.discovery, this.scanner, this.reflector);
    const handlers = collectHandlers(found);
    const queues = workedQueues();
    for (const queue of queues) {
      const connection = createRedis(this.config.redisUrl);
      connection.on('error', () => undefined);
      this.connections.push(connection);
      const worker = new Worker(
        queue,
        async (job, token) => {
          try {
            const handler = handlers.get(jobKeyOn(queue, job.name));
            // A job of a newer version (rolling deploy): put it back for a worker that knows it.
            if (!handler) throw new LeaveForAnotherWorker(`no handler for ${queue}/${job.name} here`);
            return await handler(job);
          } catch (e) {
            if (e instanceof LeaveForAnotherWorker) {
              await job.moveToDelayed(Date.now() + e.delayMs, token);
              throw new DelayedError();
            }
            throw e instanceof DomainError ? new UnrecoverableError(`${e.code}: ${e.message}`) : e;
          }
        },
        {
          connection,
          // Each job records which process ran it (Bull Board, and the tests of two workers sharing an instant).
          name: `${hostname()}:${process.pid}`,
          prefix: this.config.queuePrefix,
          concurrency: queueConcurrency(queue),
          autorun: true,
          // A crashed worker's jobs go back to the queue once their lock lapses and the next stalled check sees it.
          lockDuration: this.config.queueLockDurationMs,
          stalledInterval: this.config.queueLockDurationMs,
        },
      );
      worker.on('failed', (job, err) => this.logger.warn({ queue, job: job?.name, jobId: job?.id, err }, 'job failed'));
      worker.on('error', (err) => this.logger.warn({ queue, err }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.log(`processing ${ALL_JOBS.length} job types on ${queues.length} queues`);
  }

  /** Lets running jobs finish before the queues and the database close. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    // BullMQ does not close a connection it was given.
    await Promise.all(this.connections.map(closeRedis));
  }
}
