import { CreateUsersAndInvitations1763900000000 } from './1763900000000-CreateUsersAndInvitations.js';
import { CreateRegistrations1765100001000 } from './1765100001000-CreateRegistrations.js';

/** The tables identity owns: users, invitations and registrations waiting for verification. */
export const IDENTITY_MIGRATIONS = [CreateUsersAndInvitations1763900000000, CreateRegistrations1765100001000];
