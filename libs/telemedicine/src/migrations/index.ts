import { CreateTelemedicine1765400000000 } from './1765400000000-CreateTelemedicine.js';
import { FeedSubjects1765400003000 } from './1765400003000-FeedSubjects.js';

/** Telemedicine's tables; the whole system's list is composed in libs/schema. */
export const TELEMEDICINE_MIGRATIONS = [CreateTelemedicine1765400000000, FeedSubjects1765400003000];
