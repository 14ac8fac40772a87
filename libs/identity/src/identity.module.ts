import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { LoginRateLimiter } from './auth/login-rate-limiter.js';
import { Invitation } from './invitations/invitation.entity.js';
import { InvitationsService } from './invitations/invitations.service.js';
import { EmailProcessor } from './jobs/email.processor.js';
import { PurgeInvitationsProcessor } from './jobs/purge-invitations.processor.js';
import { PasswordResetsService } from './password-resets/password-resets.service.js';
import { RegistrationsService } from './registrations/registrations.service.js';
import { AccountStatusModule } from './users/active-accounts.js';
import { User } from './users/user.entity.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

/** Identity's entities (its tables: users, invitations; registrations and password resets are written in SQL only). */
export const IDENTITY_ENTITIES = [User, Invitation];

/** Accounts, login, self-registration, invitations and password resets. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), AccountStatusModule],
  // The job handlers run only where WorkerHostService is provided (the worker).
  providers: [UsersService, InvitationsService, RegistrationsService, EmailProcessor, PurgeInvitationsProcessor],
  exports: [UsersService, InvitationsService, RegistrationsService],
})
export class IdentityModule {}

/** Login, registration and account routes; only the API imports this. */
@Module({
  imports: [IdentityModule],
  exports: [IdentityModule],
  controllers: [AuthController, UsersController],
  providers: [AuthService, LoginRateLimiter, PasswordResetsService],
})
export class IdentityApiModule {}
