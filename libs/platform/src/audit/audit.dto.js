var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ApiProperty } from '@nestjs/swagger';
export class AuditRecordDto {
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
}
__decorate([
    ApiProperty({ example: '42' }),
    __metadata("design:type", String)
], AuditRecordDto.prototype, "seq", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Date)
], AuditRecordDto.prototype, "occurredAt", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String, format: 'uuid' }),
    __metadata("design:type", Object)
], AuditRecordDto.prototype, "actorId", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditRecordDto.prototype, "actorRole", void 0);
__decorate([
    ApiProperty({ example: 'user.created' }),
    __metadata("design:type", String)
], AuditRecordDto.prototype, "action", void 0);
__decorate([
    ApiProperty({ example: 'user' }),
    __metadata("design:type", String)
], AuditRecordDto.prototype, "entityType", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditRecordDto.prototype, "entityId", void 0);
__decorate([
    ApiProperty({ nullable: true, type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AuditRecordDto.prototype, "before", void 0);
__decorate([
    ApiProperty({ nullable: true, type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AuditRecordDto.prototype, "after", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditRecordDto.prototype, "requestId", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditRecordDto.prototype, "ip", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], AuditRecordDto.prototype, "prevHash", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], AuditRecordDto.prototype, "hash", void 0);
export class AuditPageDto {
    items;
    nextCursor;
}
__decorate([
    ApiProperty({ type: [AuditRecordDto] }),
    __metadata("design:type", Array)
], AuditPageDto.prototype, "items", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditPageDto.prototype, "nextCursor", void 0);
export class AuditVerificationDto {
    valid;
    checked;
    firstInvalidSeq;
    reason;
}
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AuditVerificationDto.prototype, "valid", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Number)
], AuditVerificationDto.prototype, "checked", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditVerificationDto.prototype, "firstInvalidSeq", void 0);
__decorate([
    ApiProperty({ nullable: true, type: String }),
    __metadata("design:type", Object)
], AuditVerificationDto.prototype, "reason", void 0);
//# sourceMappingURL=audit.dto.js.map