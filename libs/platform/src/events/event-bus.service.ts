import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
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
 * subscriber (the worker's relay enqueues the deliveries, its reconciler re-sends lost ones).
 */
@Injectable()
export class EventBus {
  constructor(
    private readonly subscribers: EventSubscribers,
    private readonly clock: Clock,
  ) {}

  async publish<N extends DomainEventName>(m: EntityManager, name: N, payload: DomainEventPayloads[N], opts: { dedupeKey?: string } = {}): Promise<void> {
    await this.publishMany(m, name, [{ payload, dedupeKey: opts.dedupeKey }]);
  }

  /** Several events of one name and their deliveries in one statement. Returns the ids of the events written. */
  async publishMany<N extends DomainEventName>(m: EntityManager, name: N, events: readonly NewEvent<N>[]): Promise<string[]> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('EventBus.publish must run inside the transaction of the change');
    if (events.length === 0) return [];
    // The deliveries ride in the same statement as their events (one round trip, not two); a
    // deduplicated event is not in `written`, so it gets no second set of deliveries.
    const written: { id: string }[] = await m.query(
      `WITH written AS (
         INSERT INTO domain_events (id, name, payload, occurred_at, dedupe_key)
         SELECT id, $2, payload, $3, key FROM unnest($1::uuid[], $4::jsonb[], $5::text[]) AS u(id, payload, key)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
       ), delivered AS (
         INSERT INTO event_deliveries (event_id, subscriber, created_at)
         SELECT w.id, s, $3 FROM written w CROSS JOIN unnest($6::text[]) AS s
       )
       SELECT id FROM written`,
      [events.map(() => randomUUID()), name, this.clock.now(), events.map((e) => JSON.stringify(e.payload)), events.map((e) => e.dedupeKey ?? null), this.subscribers.of(name)],
    );
    return written.map((w) => w.id);
  }
}
