// The visas module's door: its modules, services, seeds, and migrations and entities for the composition root.
export { VISAS_ENTITIES, VisasApiModule, VisasModule } from './visas.module.js';
export { VISAS_MIGRATIONS } from './migrations/index.js';
export { DEMO_PATIENT_PERSON, type DemoActors, seedDemoVisaApplications } from './seed/seed-visas.js';
export { ApplicationDraftsService } from './services/application-drafts.service.js';
export { ApplicationQueriesService } from './services/application-queries.service.js';
export { ApplicationWorkflowService, SUPPLEMENT_LAPSE_TIMER, lapseTimerKey } from './services/application-workflow.service.js';
export { DocumentsService, WRITE_IN_PLACE_BYTES } from './services/documents.service.js';
export { MaskBackfillProcessor } from './jobs/mask-backfill.processor.js';
export { VisasService } from './services/visas.service.js';
export { ApplicationDirectory, type ApplicationFigures, type ApplicationHistory, type PatientRecord } from './services/application-directory.service.js';
export { type HeldVisa, VisaUseService } from './services/visa-use.service.js';
