import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@medjourney/platform';
import { BreachesByOfficerDto, ChartQuery, EscalationDto, OfficerLoadReportDto, OnTimeWeeklyDto, ProcessingTimesDto, ProcessingTimesQuery, SlaSummaryDto, SummaryQuery } from './dto/sla.dto.js';
import { SlaCharts } from './services/sla-charts.service.js';
import { SlaReports } from './services/sla-reports.service.js';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla')
export class SlaController {
  constructor(
    private readonly reports: SlaReports,
    private readonly charts: SlaCharts,
  ) {}

  @Get('summary')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Submitted and decided in the window, share on time, breaches, processing time p50/p90 (counted hours), at risk and breached now, per officer (supervisor, admin)' })
  @ApiOkResponse({ type: SlaSummaryDto })
  @ApiProblems(400, 401, 403)
  summary(@Query() q: SummaryQuery): Promise<SlaSummaryDto> {
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

  @Get('reports/on-time-weekly')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Share of the applications decided within their target, per Korean week (Monday 00:00 KST) of the window, at most 366 days; weeks without decisions included (supervisor, admin)',
  })
  @ApiOkResponse({ type: OnTimeWeeklyDto })
  @ApiProblems(400, 401, 403)
  onTimeWeekly(@Query() q: ChartQuery): Promise<OnTimeWeeklyDto> {
    return this.charts.onTimeWeekly(new Date(q.from), new Date(q.to), q.track);
  }

  @Get('reports/processing-times')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Histogram of the counted processing time of one track\'s applications decided in the window (at most 366 days): six equal parts of the target, then one bucket at or over it (supervisor, admin)',
  })
  @ApiOkResponse({ type: ProcessingTimesDto })
  @ApiProblems(400, 401, 403)
  processingTimes(@Query() q: ProcessingTimesQuery): Promise<ProcessingTimesDto> {
    return this.charts.processingTimes(new Date(q.from), new Date(q.to), q.track ?? 'e_visa');
  }

  @Get('reports/breaches-by-officer')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Breaches recorded in the window (at most 366 days) per officer who held the application when it breached, every officer listed (supervisor, admin)' })
  @ApiOkResponse({ type: BreachesByOfficerDto })
  @ApiProblems(400, 401, 403)
  breachesByOfficer(@Query() q: SummaryQuery): Promise<BreachesByOfficerDto> {
    return this.charts.breachesPerOfficer(new Date(q.from), new Date(q.to));
  }

  @Get('officer-load')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Each officer\'s open applications now, of which at risk, breached and waiting for the applicant, and the unassigned ones (supervisor, admin)' })
  @ApiOkResponse({ type: OfficerLoadReportDto })
  @ApiProblems(401, 403)
  officerLoad(): Promise<OfficerLoadReportDto> {
    return this.charts.officerLoad();
  }
}
