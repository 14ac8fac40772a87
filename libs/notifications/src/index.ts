export { NotificationsModule, NotificationsApiModule } from './notifications.module.js';
export { NotificationsService } from './services/notifications.service.js';
export { noticesOf, NOTIFYING_EVENTS, type Notice } from './domain/notification-texts.js';
export { Notification } from './entities/notification.entity.js';
export { CreateNotifications1764700001000 } from './migrations/1764700001000-CreateNotifications.js';
