import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { QueuesService } from '../queue/queues.service.js';
import { DeliveriesOnCommit, enqueueAfterCommit } from './deliveries-on-commit.js';
import type { DomainEventName, DomainEventPayloads } from './event-catalogue.js';
import { EventSubscribers } from './event-subscribers.js';

export interface NewEvent<N extends DomainEventName> {
  payload: DomainEventPayloads[N];
  /** Names the fact when the producer could publish it twice; the second publication is dropped. */
  dedupeKey?: string;
}

/**
 * The one way a module announces a fact: written in the transaction that makes it true, with one
 * delivery per subscriber. A rolled-back change announces nothing; a committed one reaches every
 * subscriber: the publishing process adds the delivery jobs right after its commit
 * (`EVENTS_ENQUEUE_ON_COMMIT`, `DeliveriesOnCommit`), the worker's relay enqueues whatever that
 * did not (switched off, or Redis failed), and its reconciler re-sends lost ones.
 */
@Injectable()
export class EventBus implements OnModuleInit, OnModuleDestroy {
  private readonly onCommit: DeliveriesOnCommit | null;

  constructor(
    private readonly subscribers: EventSubscribers,
    private readonly clock: Clock,
    private readonly db: DataSource,
    queues: QueuesService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.onCommit = config.eventsEnqueueOnCommit ? new DeliveriesOnCommit(db, queues) : null;
  }

  onModuleInit(): void {
    if (this.onCommit) this.db.subscribers.push(this.onCommit);
  }

  /** The adds of committed deliveries finish before the queues close. */
  async onModuleDestroy(): Promise<void> {
    await this.onCommit?.settled();
  }

  async publish<N extends DomainEventName>(m: EntityManager, name: N, payload: DomainEventPayloads[N], opts: { dedupeKey?: string } = {}): Promise<void> {
    await this.publishMany(m, name, [{ payload, dedupeKey: opts.dedupeKey }]);
  }

  /** Several events of one name and their deliveries in one statement. Returns the ids of the events written. */
  async publishMany<N extends DomainEventName>(m: EntityManager, name: N, events: readonly NewEvent<N>[]): Promise<string[]> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('EventBus.publish must run inside the transaction of the change');
    if (events.length === 0) return [];
    // The deliveries ride in the same statement as their events (one round trip, not two); a
    // deduplicated event is not in `written`, so it gets no second set of deliveries. Deliveries
    // this process adds at its commit are written marked as enqueued, so the relay leaves them,
    // and the statement takes an advisory lock the transaction holds until it ends: their jobs
    // go out with the COMMIT, and one that starts before the commit is visible waits on the lock.
    const subscribers = this.subscribers.of(name);
    const now = this.clock.now();
    const onCommit = this.onCommit !== null && subscribers.length > 0;
    const lock = onCommit ? publishLock() : null;
    const written: { id: string }[] = await m.query(
      `WITH written AS (
         INSERT INTO domain_events (id, name, payload, occurred_at, dedupe_key)
         SELECT id, $2, payload, $3, key FROM unnest($1::uuid[], $4::jsonb[], $5::text[]) AS u(id, payload, key)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
       ), delivered AS (
         INSERT INTO event_deliveries (event_id, subscriber, created_at, enqueued_at)
         SELECT w.id, s, $3, $7::timestamptz FROM written w CROSS JOIN unnest($6::text[]) AS s
       )
       SELECT id, pg_advisory_xact_lock($8::bigint) FROM written`, // strict: a null key (nothing added at the commit) locks nothing
      [events.map(() => randomUUID()), name, now, events.map((e) => JSON.stringify(e.payload)), events.map((e) => e.dedupeKey ?? null), subscribers, onCommit ? now : null, lock],
    );
    const ids = written.map((w) => w.id);
    if (lock && ids.length > 0) enqueueAfterCommit(m.queryRunner!, { eventIds: ids, subscribers, enqueuedAt: now, lock });
    return ids;
  }
}

/**
 * A random key of PostgreSQL's 64-bit advisory lock space, outside the 32-bit range of the
 * `hashtext` keys the modules' own advisory locks use, so it meets none of them.
 */
function publishLock(): string {
  const key = randomBytes(8).readBigInt64BE();
  return String(key >= 0n ? key | (1n << 40n) : key & ~(1n << 40n));
}
