import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Roles, type Actor } from '@medjourney/platform';
import { AmendReportBody, PutReportBody, ReportListDto, ReportListQuery, ReportParams, ReportVersionsDto, YearlyReportDto } from './dto/yearly-report.dto.js';
import type { Reported } from './domain/yearly-report.js';
import { YearlyReportsService } from './services/yearly-reports.service.js';

const reported = (r: PutReportBody['reported']): Reported => ({ inpatients: r.inpatients ?? null, outpatients: r.outpatients ?? null, revenueKrw: r.revenueKrw ?? null });

/**
 * Hospitals' yearly reports (spec/statistics.md): the hospital's coordinators read and write
 * their own (another hospital's is 404), ministry reviewers and admins (who read everything,
 * spec/README.md) read every one; any other role 403 (docs/decisions.md).
 */
@ApiTags('yearly-reports')
@ApiBearerAuth()
@Controller()
export class YearlyReportsController {
  constructor(private readonly reports: YearlyReportsService) {}

  @Get('hospitals/:id/yearly-reports/:year')
  @Roles('hospital_coordinator', 'ministry_reviewer', 'admin')
  @ApiOperation({ summary: "A hospital's yearly report, pre-filled with what the year holds so far (from its first day)" })
  @ApiOkResponse({ type: YearlyReportDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param() p: ReportParams, @CurrentActor() actor: Actor) {
    return this.reports.get(actor, p.id, p.year);
  }

  @Put('hospitals/:id/yearly-reports/:year')
  @Roles('hospital_coordinator')
  @ApiOperation({ summary: "The hospital's own fields, while the report is a draft or overdue (409 REPORT_SUBMITTED after submission)" })
  @ApiOkResponse({ type: YearlyReportDto })
  @ApiProblems(400, 401, 403, 404, 409)
  put(@Param() p: ReportParams, @Body() body: PutReportBody, @CurrentActor() actor: Actor) {
    return this.reports.put(actor, p.id, p.year, reported(body.reported));
  }

  @Post('hospitals/:id/yearly-reports/:year/submit')
  @HttpCode(200)
  @Roles('hospital_coordinator')
  @ApiOperation({ summary: 'Submit the report once the year has ended (422 YEAR_NOT_ENDED before, 422 REPORT_INCOMPLETE without every own field, 409 REPORT_SUBMITTED twice)' })
  @ApiOkResponse({ type: YearlyReportDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  submit(@Param() p: ReportParams, @CurrentActor() actor: Actor) {
    return this.reports.submit(actor, p.id, p.year);
  }

  @Post('hospitals/:id/yearly-reports/:year/amend')
  @HttpCode(200)
  @Roles('hospital_coordinator')
  @ApiOperation({ summary: 'Amend a submitted report: a new version, every version kept (409 REPORT_NOT_SUBMITTED before submission)' })
  @ApiOkResponse({ type: YearlyReportDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  amend(@Param() p: ReportParams, @Body() body: AmendReportBody, @CurrentActor() actor: Actor) {
    return this.reports.amend(actor, p.id, p.year, body.reason, reported(body.reported));
  }

  @Get('hospitals/:id/yearly-reports/:year/versions')
  @Roles('hospital_coordinator', 'ministry_reviewer', 'admin')
  @ApiOperation({ summary: 'Every submitted version of the report, oldest first' })
  @ApiOkResponse({ type: ReportVersionsDto })
  @ApiProblems(400, 401, 403, 404)
  versions(@Param() p: ReportParams, @CurrentActor() actor: Actor) {
    return this.reports.versions(actor, p.id, p.year);
  }

  @Get('yearly-reports')
  @Roles('ministry_reviewer', 'admin')
  @ApiOperation({ summary: "A year's reports of every hospital, by status (draft, overdue, submitted)" })
  @ApiOkResponse({ type: ReportListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() q: ReportListQuery) {
    return this.reports.list(q.year, q.status);
  }
}
