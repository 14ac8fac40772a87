import { CreateVisaApplications1763900005000 } from './1763900005000-CreateVisaApplications.js';
import { VisasInUse1764800001000 } from './1764800001000-VisasInUse.js';

/** The tables visas owns: patients, applications, persons, documents, their history, and visas. */
export const VISAS_MIGRATIONS = [CreateVisaApplications1763900005000, VisasInUse1764800001000];
