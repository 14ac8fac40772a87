// The journey module's door: its modules, the services other modules call, and its migrations for the composition root.
export { JourneyApiModule, JourneyModule } from './journey.module.js';
export { JOURNEY_MIGRATIONS } from './migrations/index.js';
export { type DemoJourneyActors, type DemoJourneyServices, seedDemoJourneys } from './seed/seed-journey.js';
/**
 * "May this caller act for this patient?": the one door (treating hospitals, the patient,
 * immigration, admins, by purpose). Call `JourneyAccess.mayActFor(m, actor, patientId, purpose)`;
 * it answers the patient and the caller's relation, or throws 404 for anyone else.
 */
export { JourneyAccess, type PatientAccessGrant, type PatientPurpose, type PatientRelation } from './services/journey-access.js';
export { JourneyEventsService } from './services/journey-events.service.js';
export { OverstaysService } from './services/overstays.service.js';
export { PatientProfilesService } from './services/patient-profiles.service.js';
export { TimelineService } from './services/timeline.service.js';
