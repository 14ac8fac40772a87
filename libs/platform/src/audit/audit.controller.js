var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { ApiProblems } from '../http/api-problems.decorator.js';
import { PageQuery } from '../pagination/pagination.js';
import { AuditService } from './audit.service.js';
import { AuditPageDto, AuditVerificationDto } from './audit.dto.js';
export class AuditQuery extends PageQuery {
    entityType;
    entityId;
}
__decorate([
    ApiPropertyOptional({ example: 'user' }),
    IsOptional(),
    IsString(),
    Matches(/^[a-z_]{1,64}$/),
    __metadata("design:type", String)
], AuditQuery.prototype, "entityType", void 0);
__decorate([
    ApiPropertyOptional(),
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], AuditQuery.prototype, "entityId", void 0);
export const AUDIT_READABLE_TYPES = {
    supervisor: ['visa_application', 'visa', 'visa_document', 'sla'],
    ministry_reviewer: ['hospital', 'designation', 'designation_application', 'k_healthcare_mark'],
};
let AuditController = class AuditController {
    audit;
    constructor(audit) {
        this.audit = audit;
    }
    list(query, actor) {
        const entityTypes = actor.role === 'admin' ? undefined : (AUDIT_READABLE_TYPES[actor.role] ?? []);
        return this.audit.list({ entityType: query.entityType, entityId: query.entityId, entityTypes }, query);
    }
    verify() {
        return this.audit.verify();
    }
};
__decorate([
    Get(),
    Roles('supervisor', 'ministry_reviewer', 'admin'),
    ApiOperation({ summary: 'Audit records, newest first (roles: supervisor, ministry_reviewer — their entities; admin — all)' }),
    ApiOkResponse({ type: AuditPageDto }),
    ApiProblems(400, 401, 403),
    __param(0, Query()),
    __param(1, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [AuditQuery, Object]),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "list", null);
__decorate([
    Get('verify'),
    Roles('admin'),
    ApiOperation({ summary: 'Recompute the hash chain of the whole audit log (role: admin)' }),
    ApiOkResponse({ type: AuditVerificationDto }),
    ApiProblems(401, 403),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "verify", null);
AuditController = __decorate([
    ApiTags('audit'),
    ApiBearerAuth(),
    Controller('audit'),
    __metadata("design:paramtypes", [AuditService])
], AuditController);
export { AuditController };
//# sourceMappingURL=audit.controller.js.map