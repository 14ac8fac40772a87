import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventName } from './event-catalogue.js';

export const DOMAIN_EVENT_SUBSCRIBER = 'medjourney:domain-event-subscriber';

export interface SubscriberMeta {
  events: readonly DomainEventName[];
  /** Stable name of the subscriber (`<module>.<purpose>`): deliveries are kept per subscriber and event. */
  subscriber: string;
  /** The method takes a list of events (OnDomainEvents) rather than one. */
  batch: boolean;
}

const names = (events: DomainEventName | readonly DomainEventName[]) => (typeof events === 'string' ? [events] : events);

/**
 * Marks a provider method that reacts to domain events. It runs in a transaction together with
 * the mark that it is done, so its database effect happens once per event however often it is
 * delivered; the method receives the transaction's EntityManager and must use it. A delivery
 * may run several events of the subscriber in one transaction, one call each, in turn.
 */
export const OnDomainEvent = (events: DomainEventName | readonly DomainEventName[], subscriber: string) =>
  SetMetadata<string, SubscriberMeta>(DOMAIN_EVENT_SUBSCRIBER, { events: names(events), subscriber, batch: false });

/**
 * The same for a method that takes the events of one delivery batch at once (in the order they
 * were delivered), for a subscriber whose work per event is a few statements that batch well.
 */
export const OnDomainEvents = (events: DomainEventName | readonly DomainEventName[], subscriber: string) =>
  SetMetadata<string, SubscriberMeta>(DOMAIN_EVENT_SUBSCRIBER, { events: names(events), subscriber, batch: true });

export type SubscriberHandler<N extends DomainEventName = DomainEventName> = (event: DomainEvent<N>, m: EntityManager) => Promise<unknown>;

/** What the deliveries call: every subscriber, batched or not, as a handler of a list. */
export type BatchHandler = (events: DomainEvent[], m: EntityManager) => Promise<unknown>;
