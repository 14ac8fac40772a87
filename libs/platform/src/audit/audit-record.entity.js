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
let AuditRecord = class AuditRecord {
    seq;
    occurredAt;
    actorId;
    actorRole;
    action;
    entityType;
    entityId;
    before;
    after;
    requestId;
    ip;
    prevHash;
    hash;
};
__decorate([
    PrimaryGeneratedColumn({ type: 'bigint' }),
    __metadata("design:type", String)
], AuditRecord.prototype, "seq", void 0);
__decorate([
    Column({ name: 'occurred_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], AuditRecord.prototype, "occurredAt", void 0);
__decorate([
    Column({ name: 'actor_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], AuditRecord.prototype, "actorId", void 0);
__decorate([
    Column({ name: 'actor_role', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditRecord.prototype, "actorRole", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], AuditRecord.prototype, "action", void 0);
__decorate([
    Column({ name: 'entity_type', type: 'text' }),
    __metadata("design:type", String)
], AuditRecord.prototype, "entityType", void 0);
__decorate([
    Column({ name: 'entity_id', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditRecord.prototype, "entityId", void 0);
__decorate([
    Column({ type: 'jsonb', nullable: true }),
    __metadata("design:type", Object)
], AuditRecord.prototype, "before", void 0);
__decorate([
    Column({ type: 'jsonb', nullable: true }),
    __metadata("design:type", Object)
], AuditRecord.prototype, "after", void 0);
__decorate([
    Column({ name: 'request_id', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditRecord.prototype, "requestId", void 0);
__decorate([
    Column({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditRecord.prototype, "ip", void 0);
__decorate([
    Column({ name: 'prev_hash', type: 'text' }),
    __metadata("design:type", String)
], AuditRecord.prototype, "prevHash", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], AuditRecord.prototype, "hash", void 0);
AuditRecord = __decorate([
    Entity({ name: 'audit_log' })
], AuditRecord);
export { AuditRecord };
//# sourceMappingURL=audit-record.entity.js.map