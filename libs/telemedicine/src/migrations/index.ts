import { CreateTelemedicine1765400000000 } from './1765400000000-CreateTelemedicine.js';
import { FeedSubjects1765400003000 } from './1765400003000-FeedSubjects.js';
import { CreateTelemedicineMails1765800001000 } from './1765800001000-CreateTelemedicineMails.js';
import { TelemedicineMailLanguage1765850001000 } from './1765850001000-TelemedicineMailLanguage.js';

/** Telemedicine's tables; the whole system's list is composed in libs/schema. */
export const TELEMEDICINE_MIGRATIONS = [CreateTelemedicine1765400000000, FeedSubjects1765400003000, CreateTelemedicineMails1765800001000, TelemedicineMailLanguage1765850001000];
