import { CreateUsersAndInvitations1763900000000 } from './1763900000000-CreateUsersAndInvitations.js';
import { CreateRegistrations1765100001000 } from './1765100001000-CreateRegistrations.js';
import { CreatePasswordResets1765820000000 } from './1765820000000-CreatePasswordResets.js';

/** The tables identity owns: users, invitations, registrations waiting for verification and password resets. */
export const IDENTITY_MIGRATIONS = [CreateUsersAndInvitations1763900000000, CreateRegistrations1765100001000, CreatePasswordResets1765820000000];
