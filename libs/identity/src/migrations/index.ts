import { CreateUsersAndInvitations1763900000000 } from './1763900000000-CreateUsersAndInvitations.js';

/** The tables identity owns: users and invitations. */
export const IDENTITY_MIGRATIONS = [CreateUsersAndInvitations1763900000000];
