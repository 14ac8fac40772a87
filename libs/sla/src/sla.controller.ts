import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@medjourney/platform';
import { EscalationDto, SummaryQuery } from './dto/sla.dto.js';
import { SlaClockService } from './services/sla-clock.service.js';
import { DataSource } from 'typeorm';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla')
export class SlaController {
  constructor(
    private readonly db: DataSource,
    private readonly clock: SlaClockService,
  ) {}

  @Get('summary')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Submitted and decided in the window, share on time, breaches, processing time p50/p90 (counted hours), at risk and breached now, per officer (supervisor, admin)' })
  @ApiOkResponse({ description: 'the report' })
  @ApiProblems(400, 401, 403)
  summary(@Query() q: SummaryQuery) {
    return this.clock.summary(new Date(q.from), new Date(q.to));
  }

  @Get('escalations')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Open applications at risk or breached, most urgent first (supervisor, admin)' })
  @ApiOkResponse({ type: [EscalationDto] })
  @ApiProblems(401, 403)
  async escalations(): Promise<EscalationDto[]> {
    const rows = await this.db.query(
      `SELECT id, reference, status, escalation_level, due_at, assigned_officer_id FROM visa_applications
        WHERE escalation_level > 0 AND status IN ('submitted','in_review','supplement_requested')
        ORDER BY escalation_level DESC, due_at NULLS LAST, id LIMIT 500`,
    );
    return rows.map((r: { id: string; reference: string; status: string; escalation_level: number; due_at: Date | null; assigned_officer_id: string | null }) => ({
      id: r.id, reference: r.reference, status: r.status, escalationLevel: r.escalation_level, dueAt: r.due_at?.toISOString() ?? null, assignedOfficerId: r.assigned_officer_id,
    }));
  }
}
