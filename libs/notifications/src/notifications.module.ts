import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@medjourney/identity';
import { VisasModule } from '@medjourney/visas';
import { Notification } from './entities/notification.entity.js';
import { NotificationEmailsProcessor } from './jobs/notification-emails.processor.js';
import { NotificationsController } from './notifications.controller.js';
import { NoticeSubscriber } from './services/notice.subscriber.js';
import { RecipientReadersModule } from './services/recipient-readers.js';
import { NotificationsService } from './services/notifications.service.js';

export const NOTIFICATIONS_ENTITIES = [Notification];

/**
 * The notification centre: every notice is a stored notification per recipient, made by a
 * subscriber from a domain event, written in the recipient's language (RecipientReaders), listed
 * in the recipient's inbox and e-mailed when SMTP_URL is set.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATIONS_ENTITIES), IdentityModule, VisasModule, RecipientReadersModule],
  providers: [NotificationsService, NoticeSubscriber, NotificationEmailsProcessor],
  exports: [NotificationsService],
})
export class NotificationsModule {}

/** The inbox routes; only the API imports this. */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController],
})
export class NotificationsApiModule {}
