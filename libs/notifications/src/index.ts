// The notification centre's door: its modules and service, and its migrations and entities for the composition root.
export { NOTIFICATIONS_ENTITIES, NotificationsApiModule, NotificationsModule } from './notifications.module.js';
export { NotificationsService } from './services/notifications.service.js';
export { NOTIFICATIONS_MIGRATIONS } from './migrations/index.js';
