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
import { Clock } from "../../../platform/src/index.js";
import { createHash, randomBytes } from 'node:crypto';
import { Invitation } from './invitation.entity.js';
export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;
export function hashToken(token) {
    return createHash('sha256').update(token).digest('hex');
}
let InvitationsService = class InvitationsService {
    clock;
    constructor(clock) {
        this.clock = clock;
    }
    async create(manager, userId, createdBy) {
        const token = randomBytes(32).toString('base64url');
        const now = this.clock.now();
        const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
        await manager.query('UPDATE invitations SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
        await manager.insert(Invitation, { userId, tokenHash: hashToken(token), createdBy, createdAt: now, expiresAt });
        return { token, expiresAt };
    }
    async consume(manager, token) {
        const now = this.clock.now();
        const rows = await manager.query(`UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`, [hashToken(token), now]);
        return rows[0]?.user_id ?? null;
    }
};
InvitationsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [Clock])
], InvitationsService);
export { InvitationsService };
//# sourceMappingURL=invitations.service.js.map