import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventName } from './event-catalogue.js';

export const DOMAIN_EVENT_SUBSCRIBER = 'medjourney:domain-event-subscriber';

export interface SubscriberMeta {
  events: readonly DomainEventName[];
  /** Stable name of the subscriber (`<module>.<purpose>`): deliveries are kept per subscriber and event. */
  subscriber: string;
}

/**
 * Marks a provider method that reacts to domain events. It runs in a transaction together with
 * the mark that it is done, so its database effect happens once per event however often it is
 * delivered; the method receives the transaction's EntityManager and must use it.
 */
export const OnDomainEvent = (events: DomainEventName | readonly DomainEventName[], subscriber: string) =>
  SetMetadata<string, SubscriberMeta>(DOMAIN_EVENT_SUBSCRIBER, { events: typeof events === 'string' ? [events] : events, subscriber });

export type SubscriberHandler<N extends DomainEventName = DomainEventName> = (event: DomainEvent<N>, m: EntityManager) => Promise<unknown>;
