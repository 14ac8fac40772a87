import { Injectable } from '@nestjs/common';
import { OnDomainEvent, type DomainEvent } from '@medjourney/platform';
import { ApplicationDirectory } from '@medjourney/visas';
import type { EntityManager } from 'typeorm';
import { NOTIFYING_EVENTS, noticesOf } from '../domain/notification-texts.js';
import { NotificationsService } from './notifications.service.js';

/** Turns domain events into stored notifications, in the delivery's transaction (so once). */
@Injectable()
export class NoticeSubscriber {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly applications: ApplicationDirectory,
  ) {}

  @OnDomainEvent(NOTIFYING_EVENTS, 'notifications.notices')
  async onEvent(event: DomainEvent, m: EntityManager): Promise<number> {
    // SLA events carry only the application's id; its reference comes from the visas module's door.
    const context = event.name === 'sla.stage-fired' ? await this.applications.context(m, (event.payload as { applicationId: string }).applicationId) : null;
    return this.notifications.store(m, event, noticesOf(event, context));
  }
}
