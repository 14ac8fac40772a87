export * from './identity.module.js';
export * from './users/user.entity.js';
export * from './users/users.service.js';
export * from './users/user.dto.js';
export * from './invitations/invitation.entity.js';
export * from './invitations/invitations.service.js';
export * from './auth/passwords.js';
export * from './seed/seed-identity.js';
export * from './seed/bootstrap-admin.js';
//# sourceMappingURL=index.js.map