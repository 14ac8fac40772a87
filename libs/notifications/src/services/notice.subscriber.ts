import { Injectable } from '@nestjs/common';
import { OnDomainEvents, type DomainEvent } from '@medjourney/platform';
import { ApplicationDirectory } from '@medjourney/visas';
import type { EntityManager } from 'typeorm';
import { NOTIFYING_EVENTS, noticesOf } from '../domain/notification-texts.js';
import { NotificationsService } from './notifications.service.js';

/** Turns domain events into stored notifications, in the delivery's transaction (so once); a batch of events in a few statements. */
@Injectable()
export class NoticeSubscriber {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly applications: ApplicationDirectory,
  ) {}

  @OnDomainEvents(NOTIFYING_EVENTS, 'notifications.notices')
  async onEvents(events: DomainEvent[], m: EntityManager): Promise<number> {
    // SLA events carry only the application's id; its reference comes from the visas module's door.
    const slaApplication = (e: DomainEvent) => (e.name === 'sla.stage-fired' ? (e.payload as { applicationId: string }).applicationId : null);
    const contexts = await this.applications.contexts(m, events.map(slaApplication).filter((id): id is string => id !== null));
    return this.notifications.store(
      m,
      events.flatMap((event) => {
        const applicationId = slaApplication(event);
        return noticesOf(event, applicationId ? (contexts.get(applicationId) ?? null) : null).map((notice) => ({ event, notice }));
      }),
    );
  }
}
