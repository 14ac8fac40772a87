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
import { applyScope, AuditService, DomainError, findOneInScope, JOBS, jobId, OutboxService, paginate, } from "../../../platform/src/index.js";
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords.js';
import { InvitationsService } from '../invitations/invitations.service.js';
import { User } from './user.entity.js';
export const USER_SCOPE = {
    admin: 'all',
    hospital_coordinator: { column: 'hospital_id', actor: 'hospitalId' },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let UsersService = class UsersService {
    db;
    audit;
    outbox;
    invitations;
    constructor(db, audit, outbox, invitations) {
        this.db = db;
        this.audit = audit;
        this.outbox = outbox;
        this.invitations = invitations;
    }
    async createIn(manager, input, createdBy) {
        const email = input.email.trim().toLowerCase();
        const passwordHash = input.password ? await hashPassword(input.password) : null;
        const inserted = await manager.query(`INSERT INTO users (email, password_hash, name, role, hospital_id, care_provider_id, patient_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING id`, [email, passwordHash, input.name, input.role, input.hospitalId ?? null, input.careProviderId ?? null, input.patientId ?? null]);
        if (inserted.length === 0) {
            throw DomainError.conflict('EMAIL_TAKEN', 'An account with this e-mail already exists.');
        }
        const user = await manager.findOneByOrFail(User, { id: inserted[0].id });
        const invitation = input.password ? undefined : await this.invitations.create(manager, user.id, createdBy);
        await this.audit.record(manager, { action: 'user.created', entityType: 'user', entityId: user.id, after: publicFields(user) });
        await this.outbox.publish(manager, JOBS.email, { userId: user.id, template: 'account-created', eventId: user.id }, { jobId: jobId('email', 'account-created', user.id) });
        return { user, invitationToken: invitation?.token };
    }
    create(input, createdBy) {
        return this.db.transaction((m) => this.createIn(m, input, createdBy));
    }
    async list(actor, filter, page) {
        const qb = this.db.getRepository(User).createQueryBuilder('u');
        applyScope(qb, 'u', actor, USER_SCOPE);
        if (filter.role)
            qb.andWhere('u.role = :role', { role: filter.role });
        return paginate(qb, [{ expr: 'u.id', direction: 'ASC', value: (u) => u.id, cast: 'uuid' }], page);
    }
    async get(actor, id) {
        if (!UUID.test(id))
            throw DomainError.notFound('user');
        return findOneInScope(this.db.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id }), 'u', actor, USER_SCOPE, 'user');
    }
    async update(actor, id, changes) {
        return this.db.transaction(async (m) => {
            if (!UUID.test(id))
                throw DomainError.notFound('user');
            const before = await applyScope(m.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }), 'u', actor, USER_SCOPE).getOne();
            if (!before)
                throw DomainError.notFound('user');
            if (before.id === actor.userId && changes.active === false) {
                throw DomainError.rule('CANNOT_DEACTIVATE_SELF', 'Cannot deactivate yourself', 'An admin cannot deactivate their own account.');
            }
            await m.query(`UPDATE users SET active = COALESCE($2, active), name = COALESCE($3, name), version = version + 1, updated_at = now() WHERE id = $1`, [id, changes.active ?? null, changes.name ?? null]);
            const after = await m.findOneByOrFail(User, { id });
            const action = changes.active === false && before.active ? 'user.deactivated' : changes.active === true && !before.active ? 'user.reactivated' : 'user.updated';
            await this.audit.record(m, { action, entityType: 'user', entityId: id, before: publicFields(before), after: publicFields(after) });
            if (action === 'user.deactivated') {
                await this.outbox.publish(m, JOBS.email, { userId: id, template: 'account-deactivated', eventId: `${id}:${after.version}` }, { jobId: jobId('email', 'account-deactivated', id, after.version) });
            }
            return after;
        });
    }
};
UsersService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        AuditService,
        OutboxService,
        InvitationsService])
], UsersService);
export { UsersService };
function publicFields(u) {
    return { email: u.email, name: u.name, role: u.role, hospitalId: u.hospitalId, careProviderId: u.careProviderId, patientId: u.patientId, active: u.active, version: u.version };
}
//# sourceMappingURL=users.service.js.map