// Identity's door: its modules, services, seeds, and migrations and entities for the composition root.
export { IDENTITY_ENTITIES, IdentityApiModule, IdentityModule } from './identity.module.js';
export { IDENTITY_MIGRATIONS } from './migrations/index.js';
export { InvitationsService } from './invitations/invitations.service.js';
export { bootstrapAdmin } from './seed/bootstrap-admin.js';
export { DEMO_CARE_PROVIDER_ID, DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from './seed/seed-identity.js';
export { CARE_PROVIDER_REGISTRY, type CareProviderRegistry } from './users/care-provider-registry.port.js';
export { ACCOUNT_READERS, type AccountReaders, type ReadingAccount } from './users/account-readers.port.js';
export { type NewUser, type Recipient, UsersService } from './users/users.service.js';
