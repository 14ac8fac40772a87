import { CreateVisaApplications1763900005000 } from './1763900005000-CreateVisaApplications.js';

/** The tables visas owns: patients, applications, persons, documents, their history, and visas. */
export const VISAS_MIGRATIONS = [CreateVisaApplications1763900005000];
