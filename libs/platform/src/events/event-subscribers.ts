import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EVENT_CATALOGUE, type DomainEventName } from './event-catalogue.js';
import { DOMAIN_EVENT_SUBSCRIBER, type BatchHandler, type SubscriberHandler, type SubscriberMeta } from './on-domain-event.decorator.js';

export interface FoundSubscriber {
  event: DomainEventName;
  subscriber: string;
  /** One function per method, whichever events it handles: a batch groups its events by it. */
  handler: BatchHandler;
  owner: string;
}

/** Checks the subscribers found in code: known events, one handler per subscriber and event. */
export function indexSubscribers(found: readonly FoundSubscriber[]): Map<string, FoundSubscriber> {
  const problems: string[] = [];
  const byKey = new Map<string, FoundSubscriber>();
  for (const f of found) {
    if (!(f.event in EVENT_CATALOGUE)) problems.push(`${f.owner} subscribes to unknown event ${f.event}`);
    const key = subscriberKey(f.event, f.subscriber);
    const other = byKey.get(key);
    if (other) problems.push(`${f.subscriber} handles ${f.event} twice (${other.owner}, ${f.owner})`);
    byKey.set(key, f);
  }
  if (problems.length) throw new Error(`Domain event subscribers are wrong: ${problems.join('; ')}`);
  return byKey;
}

export function subscriberKey(event: string, subscriber: string): string {
  return `${event}|${subscriber}`;
}

/** A handler of one event as a handler of a list: each in turn, in the same transaction. */
function oneByOne(handler: SubscriberHandler): BatchHandler {
  return async (events, m) => {
    for (const event of events) await handler(event, m);
  };
}

/**
 * The subscribers this process's code declares (@OnDomainEvent on a provider of any imported
 * module). The publisher writes one delivery per subscriber; a worker runs the handlers.
 */
@Injectable()
export class EventSubscribers implements OnModuleInit {
  private byKey = new Map<string, FoundSubscriber>();
  private byEvent = new Map<DomainEventName, string[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found: FoundSubscriber[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const meta = this.reflector.get<SubscriberMeta | undefined>(DOMAIN_EVENT_SUBSCRIBER, proto[method]);
        if (!meta) continue;
        const handler: BatchHandler = meta.batch
          ? (instance[method] as BatchHandler).bind(instance)
          : oneByOne((instance[method] as SubscriberHandler).bind(instance));
        for (const event of meta.events) found.push({ event, subscriber: meta.subscriber, handler, owner: `${proto.constructor.name}.${method}` });
      }
    }
    this.byKey = indexSubscribers(found);
    this.byEvent = new Map();
    for (const f of this.byKey.values()) this.byEvent.set(f.event, [...(this.byEvent.get(f.event) ?? []), f.subscriber]);
  }

  /** Subscriber names of an event, in a stable order. */
  of(event: DomainEventName): readonly string[] {
    return (this.byEvent.get(event) ?? []).slice().sort();
  }

  /** The events this process handles for a subscriber (a batch takes only these). */
  eventsOf(subscriber: string): string[] {
    return [...this.byKey.values()].filter((f) => f.subscriber === subscriber).map((f) => f.event);
  }

  handler(event: string, subscriber: string): BatchHandler | undefined {
    return this.byKey.get(subscriberKey(event, subscriber))?.handler;
  }

  /** Every (event, subscriber) pair, for the catalogue test. */
  all(): { event: DomainEventName; subscriber: string }[] {
    return [...this.byKey.values()].map(({ event, subscriber }) => ({ event, subscriber }));
  }
}
