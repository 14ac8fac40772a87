import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Role } from '../auth/roles.js';
import { ApiProblems } from '../http/api-problems.decorator.js';
import type { Actor } from '../http/request-context.js';
import { PageQuery } from '../pagination/pagination.js';
import { AuditService } from './audit.service.js';
import { AuditPageDto, AuditVerificationDto } from './audit.dto.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,64}$/)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;
}

/**
 * The entity types each non-admin reader may see ("their entities", spec/security.md).
 * Modules that audit new entity types add them here.
 */
export const AUDIT_READABLE_TYPES: Partial<Record<Role, readonly string[]>> = {
  supervisor: ['visa_application', 'visa', 'visa_document', 'sla'],
  ministry_reviewer: ['hospital', 'designation', 'designation_application', 'k_healthcare_mark'],
};

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('supervisor', 'ministry_reviewer', 'admin')
  @ApiOperation({ summary: 'Audit records, newest first (roles: supervisor, ministry_reviewer — their entities; admin — all)' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AuditQuery, @CurrentActor() actor: Actor) {
    const entityTypes = actor.role === 'admin' ? undefined : (AUDIT_READABLE_TYPES[actor.role as Role] ?? []);
    return this.audit.list({ entityType: query.entityType, entityId: query.entityId, entityTypes }, query);
  }

  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Recompute the linked hash chain of the audit log and report the tail not linked yet (role: admin)' })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiProblems(401, 403)
  verify() {
    return this.audit.verify();
  }
}
