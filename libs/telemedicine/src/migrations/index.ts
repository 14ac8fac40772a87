import { CreateTelemedicine1765400000000 } from './1765400000000-CreateTelemedicine.js';

/** Telemedicine's tables; the whole system's list is composed in libs/schema. */
export const TELEMEDICINE_MIGRATIONS = [CreateTelemedicine1765400000000];
