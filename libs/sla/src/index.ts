export * from './domain/korean-holidays.js';
export * from './domain/sla-calendar.js';
