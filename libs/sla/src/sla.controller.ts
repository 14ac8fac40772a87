import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@medjourney/platform';
import { EscalationDto, SummaryQuery } from './dto/sla.dto.js';
import { SlaReports } from './services/sla-reports.service.js';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla')
export class SlaController {
  constructor(private readonly reports: SlaReports) {}

  @Get('summary')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Submitted and decided in the window, share on time, breaches, processing time p50/p90 (counted hours), at risk and breached now, per officer (supervisor, admin)' })
  @ApiOkResponse({ description: 'the report' })
  @ApiProblems(400, 401, 403)
  summary(@Query() q: SummaryQuery) {
    return this.reports.summary(new Date(q.from), new Date(q.to));
  }

  @Get('escalations')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Open applications at risk or breached, most urgent first (supervisor, admin)' })
  @ApiOkResponse({ type: [EscalationDto] })
  @ApiProblems(401, 403)
  escalations(): Promise<EscalationDto[]> {
    return this.reports.escalations();
  }
}
