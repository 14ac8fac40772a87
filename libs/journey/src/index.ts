// The journey module's door: its modules, the services other modules call, and its migrations for the composition root.
export { JourneyApiModule, JourneyModule } from './journey.module.js';
export { JOURNEY_MIGRATIONS } from './migrations/index.js';
export { type DemoJourneyActors, type DemoJourneyServices, seedDemoJourneys } from './seed/seed-journey.js';
export { JourneyEventsService } from './services/journey-events.service.js';
export { OverstaysService } from './services/overstays.service.js';
export { PatientProfilesService } from './services/patient-profiles.service.js';
export { TimelineService } from './services/timeline.service.js';
