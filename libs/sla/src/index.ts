export * from './domain/korean-holidays.js';
export * from './domain/sla-calendar.js';
export * from './domain/sla-stages.js';
export * from './domain/sla-timeline.js';
export * from './dto/sla.dto.js';
export * from './sla.module.js';
export { SLA_MIGRATIONS } from './migrations/index.js';
export { SlaClockService, type SlaExplanation, type SlaSubject } from './services/sla-clock.service.js';
