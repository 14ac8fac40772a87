import { CreateUsersAndInvitations1763900000000 } from './1763900000000-CreateUsersAndInvitations.js';
import { CreateAuditLog1763900001000 } from './1763900001000-CreateAuditLog.js';
import { CreateOutbox1763900002000 } from './1763900002000-CreateOutbox.js';
import { CreateIdempotencyKeys1763900003000 } from './1763900003000-CreateIdempotencyKeys.js';
import { CreateHospitalRegistry1763900004000 } from './1763900004000-CreateHospitalRegistry.js';
import { CreateVisaApplications1763900005000 } from './1763900005000-CreateVisaApplications.js';
import { CreateSlaTimers1763900006000 } from './1763900006000-CreateSlaTimers.js';
import { CreateTimers1763900007000 } from '../../migrations/1763900007000-CreateTimers.js';
import { CreateDomainEvents1764700000000 } from './1764700000000-CreateDomainEvents.js';
import { CreateNotifications1764700001000 } from '../../../../notifications/src/migrations/1764700001000-CreateNotifications.js';

/**
 * Every migration of the system, in order. Listed by class rather than found by a glob, so
 * that the compiled monorepo, the CLI and jest all run the same set.
 */
export const MIGRATIONS = [
  CreateUsersAndInvitations1763900000000,
  CreateAuditLog1763900001000,
  CreateOutbox1763900002000,
  CreateIdempotencyKeys1763900003000,
  CreateHospitalRegistry1763900004000,
  CreateVisaApplications1763900005000,
  CreateSlaTimers1763900006000,
  CreateTimers1763900007000,
  CreateDomainEvents1764700000000,
  CreateNotifications1764700001000,
];
