var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { AuditService, DomainError, TokenService } from "../../../platform/src/index.js";
import { DataSource } from 'typeorm';
import { InvitationsService } from '../invitations/invitations.service.js';
import { UserDto } from '../users/user.dto.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
let AuthService = class AuthService {
    db;
    tokens;
    limiter;
    users;
    invitations;
    audit;
    constructor(db, tokens, limiter, users, invitations, audit) {
        this.db = db;
        this.tokens = tokens;
        this.limiter = limiter;
        this.users = users;
        this.invitations = invitations;
        this.audit = audit;
    }
    async login(email, password, ip) {
        await this.limiter.assertAllowed(email, ip);
        const user = await this.db
            .getRepository(User)
            .createQueryBuilder('u')
            .addSelect('u.passwordHash')
            .where('u.email = :email', { email })
            .getOne();
        const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
        if (!user || !user.passwordHash || !user.active || !ok) {
            await this.limiter.recordFailure(email, ip);
            throw DomainError.unauthenticated('The e-mail or password is wrong.');
        }
        await this.limiter.recordSuccess(email);
        return this.session(user);
    }
    async register(input) {
        const { user } = await this.db.transaction((m) => this.users.createIn(m, { ...input, role: 'patient' }, null));
        return this.session(user);
    }
    async acceptInvite(token, password) {
        const passwordHash = await hashPassword(password);
        const user = await this.db.transaction(async (m) => {
            const userId = await this.invitations.consume(m, token);
            if (!userId)
                throw DomainError.rule('INVITATION_INVALID', 'Invitation not valid', 'The invitation is unknown, already used or expired.');
            await m.query('UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [userId, passwordHash]);
            const u = await m.findOneByOrFail(User, { id: userId });
            await this.audit.record(m, { action: 'user.invitation_accepted', entityType: 'user', entityId: u.id, actor: { userId: u.id, role: u.role } });
            return u;
        });
        return this.session(user);
    }
    async me(actor) {
        const user = await this.db.getRepository(User).findOneBy({ id: actor.userId });
        if (!user)
            throw DomainError.unauthenticated();
        return UserDto.of(user);
    }
    session(user) {
        const actor = { userId: user.id, role: user.role, hospitalId: user.hospitalId, careProviderId: user.careProviderId, patientId: user.patientId };
        return { ...this.tokens.sign(actor), user: UserDto.of(user) };
    }
};
AuthService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        TokenService,
        LoginRateLimiter,
        UsersService,
        InvitationsService,
        AuditService])
], AuthService);
export { AuthService };
//# sourceMappingURL=auth.service.js.map