import { CreateHospitalRegistry1763900004000 } from './1763900004000-CreateHospitalRegistry.js';

/** The tables hospitals owns: the registry, designation applications, designations, sanctions and reminders. */
export const HOSPITALS_MIGRATIONS = [CreateHospitalRegistry1763900004000];
