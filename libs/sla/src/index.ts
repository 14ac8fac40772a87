export * from './domain/korean-holidays.js';
export * from './domain/sla-calendar.js';
export * from './domain/sla-stages.js';
export * from './sla.module.js';
export { SlaClockService } from './services/sla-clock.service.js';
