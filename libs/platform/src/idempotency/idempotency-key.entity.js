var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryColumn } from 'typeorm';
let IdempotencyKey = class IdempotencyKey {
    scope;
    key;
    requestHash;
    state;
    responseStatus;
    responseBody;
    lockedUntil;
    createdAt;
    expiresAt;
};
__decorate([
    PrimaryColumn({ type: 'text' }),
    __metadata("design:type", String)
], IdempotencyKey.prototype, "scope", void 0);
__decorate([
    PrimaryColumn({ type: 'text' }),
    __metadata("design:type", String)
], IdempotencyKey.prototype, "key", void 0);
__decorate([
    Column({ name: 'request_hash', type: 'text' }),
    __metadata("design:type", String)
], IdempotencyKey.prototype, "requestHash", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], IdempotencyKey.prototype, "state", void 0);
__decorate([
    Column({ name: 'response_status', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], IdempotencyKey.prototype, "responseStatus", void 0);
__decorate([
    Column({ name: 'response_body', type: 'jsonb', nullable: true }),
    __metadata("design:type", Object)
], IdempotencyKey.prototype, "responseBody", void 0);
__decorate([
    Column({ name: 'locked_until', type: 'timestamptz' }),
    __metadata("design:type", Date)
], IdempotencyKey.prototype, "lockedUntil", void 0);
__decorate([
    Column({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], IdempotencyKey.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'expires_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], IdempotencyKey.prototype, "expiresAt", void 0);
IdempotencyKey = __decorate([
    Entity({ name: 'idempotency_keys' })
], IdempotencyKey);
export { IdempotencyKey };
//# sourceMappingURL=idempotency-key.entity.js.map