import { CreateUsersAndInvitations1763900000000 } from './1763900000000-CreateUsersAndInvitations.js';
import { CreateAuditLog1763900001000 } from './1763900001000-CreateAuditLog.js';
import { CreateOutbox1763900002000 } from './1763900002000-CreateOutbox.js';
import { CreateIdempotencyKeys1763900003000 } from './1763900003000-CreateIdempotencyKeys.js';
export const MIGRATIONS = [
    CreateUsersAndInvitations1763900000000,
    CreateAuditLog1763900001000,
    CreateOutbox1763900002000,
    CreateIdempotencyKeys1763900003000,
];
//# sourceMappingURL=index.js.map