// The hospitals module's door: its modules, services, ports, and migrations and entities for the composition root.
export { HOSPITALS_ENTITIES, HospitalsApiModule, HospitalsModule } from './hospitals.module.js';
export { HOSPITALS_MIGRATIONS } from './migrations/index.js';
export { type DesignationFigures } from './domain/designation-scoring.js';
export { koreanDate } from './domain/designation-year.js';
export { HospitalErrors } from './hospitals.errors.js';
export { DEMO_HOSPITALS, seedDemoHospitals } from './seed/seed-hospitals.js';
export { DesignationsService } from './services/designations.service.js';
export { type HospitalProfile, HospitalsService, type SponsorStatus } from './services/hospitals.service.js';
export { REGIONS, SPECIALTIES, type Region, type Specialty } from './domain/vocabulary.js';
export { JOURNEY_RECORD_FIGURES, type JourneyRecordFigures, VISA_RECORD_FIGURES, type VisaRecordFigures } from './services/visa-record-figures.port.js';
export { type OverstayReport } from './services/designations.service.js';
