// Telemedicine's door: its modules and services, and its migrations and entities for the composition root.
export { TELEMEDICINE_ENTITIES, TelemedicineApiModule, TelemedicineModule } from './telemedicine.module.js';
export { TELEMEDICINE_MIGRATIONS } from './migrations/index.js';
export { AppointmentsService } from './services/appointments.service.js';
export { SchedulesService } from './services/schedules.service.js';
export { DEMO_FOLLOW_UP_ID, DEMO_SCHEDULE, demoFollowUpStart, seedDemoTelemedicine } from './seed/seed-telemedicine.js';
