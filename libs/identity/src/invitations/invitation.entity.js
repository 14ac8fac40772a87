var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
let Invitation = class Invitation {
    id;
    userId;
    tokenHash;
    createdBy;
    createdAt;
    expiresAt;
    usedAt;
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], Invitation.prototype, "id", void 0);
__decorate([
    Column({ name: 'user_id', type: 'uuid' }),
    __metadata("design:type", String)
], Invitation.prototype, "userId", void 0);
__decorate([
    Column({ name: 'token_hash', type: 'text' }),
    __metadata("design:type", String)
], Invitation.prototype, "tokenHash", void 0);
__decorate([
    Column({ name: 'created_by', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], Invitation.prototype, "createdBy", void 0);
__decorate([
    Column({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], Invitation.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'expires_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], Invitation.prototype, "expiresAt", void 0);
__decorate([
    Column({ name: 'used_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], Invitation.prototype, "usedAt", void 0);
Invitation = __decorate([
    Entity({ name: 'invitations' })
], Invitation);
export { Invitation };
//# sourceMappingURL=invitation.entity.js.map