export * from './domain/korean-holidays.js';
export * from './domain/sla-calendar.js';
export * from './domain/sla-stages.js';
export * from './domain/sla-timeline.js';
export * from './dto/sla.dto.js';
export * from './sla.module.js';
export { SlaClockService, SLA_STAGE_TIMER, stageTimerKey, type FiredStage, type SlaExplanation, type SlaSubject, type StageTimer } from './services/sla-clock.service.js';
