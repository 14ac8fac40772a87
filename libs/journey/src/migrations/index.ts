import { CreateJourney1764800001000 } from './1764800001000-CreateJourney.js';
import { Referrals1765200001000 } from './1765200001000-Referrals.js';
import { AddTreatedEvent1765400001000 } from './1765400001000-AddTreatedEvent.js';
import { FollowUps1765400002000 } from './1765400002000-FollowUps.js';

/** The tables journey owns: physical events, stays, admissions, overstays, profiles, the timeline, referrals and follow-ups. */
export const JOURNEY_MIGRATIONS = [CreateJourney1764800001000, Referrals1765200001000, AddTreatedEvent1765400001000, FollowUps1765400002000];
