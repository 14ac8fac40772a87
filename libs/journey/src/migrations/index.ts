import { CreateJourney1764800001000 } from './1764800001000-CreateJourney.js';
import { Referrals1765200001000 } from './1765200001000-Referrals.js';
import { AddTreatedEvent1765400001000 } from './1765400001000-AddTreatedEvent.js';

/** The tables journey owns: physical events, stays, admissions, overstays, profiles, the timeline and referrals. */
export const JOURNEY_MIGRATIONS = [CreateJourney1764800001000, Referrals1765200001000, AddTreatedEvent1765400001000];
