var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { LoginRateLimiter } from './auth/login-rate-limiter.js';
import { Invitation } from './invitations/invitation.entity.js';
import { InvitationsService } from './invitations/invitations.service.js';
import { User } from './users/user.entity.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';
let IdentityModule = class IdentityModule {
};
IdentityModule = __decorate([
    Module({
        imports: [TypeOrmModule.forFeature([User, Invitation])],
        controllers: [AuthController, UsersController],
        providers: [AuthService, LoginRateLimiter, UsersService, InvitationsService],
        exports: [UsersService, InvitationsService],
    })
], IdentityModule);
export { IdentityModule };
//# sourceMappingURL=identity.module.js.map