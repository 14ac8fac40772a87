import { CreateNotifications1764700001000 } from './1764700001000-CreateNotifications.js';
import { NotificationLanguage1765850000000 } from './1765850000000-NotificationLanguage.js';

/** The notification centre's tables; the whole system's list is composed in libs/schema. */
export const NOTIFICATIONS_MIGRATIONS = [CreateNotifications1764700001000, NotificationLanguage1765850000000];
