import { CreateJourney1764800001000 } from './1764800001000-CreateJourney.js';

/** The tables journey owns: physical events, stays, admissions, overstays, profiles and the timeline. */
export const JOURNEY_MIGRATIONS = [CreateJourney1764800001000];
