import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Public, Roles, type Actor } from '@medjourney/platform';
import {
  ApplyForDesignationDto, DecideApplicationDto, DesignationApplicationDto, DesignationApplicationPageDto, DesignationDto, ListDesignationApplicationsQuery, NoteDto, SuspendDesignationDto,
} from '../dto/designation.dto.js';
import { DesignationApplicationsService } from '../services/designation-applications.service.js';
import { DesignationsService } from '../services/designations.service.js';

@ApiTags('designations')
@ApiBearerAuth()
@Controller()
export class DesignationsController {
  constructor(
    private readonly applications: DesignationApplicationsService,
    private readonly designations: DesignationsService,
  ) {}

  @Post('hospitals/:id/designation-applications')
  @Roles('hospital_coordinator')
  @Idempotent()
  @ApiOperation({ summary: 'Apply for designation for the current or coming year (role: hospital_coordinator of that hospital)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: DesignationApplicationDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  apply(@Param('id') id: string, @Body() body: ApplyForDesignationDto, @CurrentActor() actor: Actor): Promise<DesignationApplicationDto> {
    return this.applications.apply(actor, id, body);
  }

  @Get('hospitals/:id/designation-applications')
  @Roles('hospital_coordinator', 'ministry_reviewer', 'admin')
  @ApiOperation({ summary: 'A hospital\'s designation applications (roles: ministry_reviewer, admin; hospital_coordinator — their own; another hospital\'s list or an unknown hospital: 404)' })
  @ApiOkResponse({ type: DesignationApplicationPageDto })
  @ApiProblems(400, 401, 403, 404)
  listForHospital(@Param('id') id: string, @Query() query: ListDesignationApplicationsQuery, @CurrentActor() actor: Actor): Promise<DesignationApplicationPageDto> {
    return this.applications.list(actor, query, id);
  }

  @Get('designation-applications')
  @Roles('ministry_reviewer', 'admin')
  @ApiOperation({ summary: 'Designation applications; `?status=pending&sort=-score` ranks the waiting ones (roles: ministry_reviewer, admin)' })
  @ApiOkResponse({ type: DesignationApplicationPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: ListDesignationApplicationsQuery, @CurrentActor() actor: Actor): Promise<DesignationApplicationPageDto> {
    return this.applications.list(actor, query);
  }

  @Get('designation-applications/:id')
  @Roles('hospital_coordinator', 'ministry_reviewer', 'admin')
  @ApiOperation({ summary: 'One application with its figures, eligibility and score breakdown' })
  @ApiOkResponse({ type: DesignationApplicationDto })
  @ApiProblems(401, 403, 404)
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<DesignationApplicationDto> {
    return this.applications.get(actor, id);
  }

  @Post('designation-applications/:id/decision')
  @Roles('ministry_reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject an eligible application (role: ministry_reviewer)' })
  @ApiOkResponse({ type: DesignationApplicationDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  decide(@Param('id') id: string, @Body() body: DecideApplicationDto, @CurrentActor() actor: Actor): Promise<DesignationApplicationDto> {
    return this.applications.decide(actor, id, body);
  }

  @Get('hospitals/:id/designation')
  @Public()
  @ApiOperation({ summary: 'The designation of the current designation year (no login)' })
  @ApiOkResponse({ type: DesignationDto })
  @ApiProblems(404)
  current(@Param('id') id: string): Promise<DesignationDto> {
    return this.designations.current(id);
  }

  @Get('hospitals/:id/designations')
  @Roles('hospital_coordinator', 'ministry_reviewer', 'admin')
  @ApiOperation({ summary: 'Every designation of a hospital, newest year first (roles: ministry_reviewer, admin; hospital_coordinator — their own)' })
  @ApiOkResponse({ type: [DesignationDto] })
  @ApiProblems(401, 403, 404)
  history(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<DesignationDto[]> {
    return this.designations.history(actor, id);
  }

  @Post('designations/:id/suspend')
  @Roles('ministry_reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend an active designation for some months, with a note (role: ministry_reviewer)' })
  @ApiOkResponse({ type: DesignationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  suspend(@Param('id') id: string, @Body() body: SuspendDesignationDto): Promise<DesignationDto> {
    return this.designations.suspend(id, body.note, body.months);
  }

  @Post('designations/:id/reinstate')
  @Roles('ministry_reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reinstate a suspended designation, with a note (role: ministry_reviewer)' })
  @ApiOkResponse({ type: DesignationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reinstate(@Param('id') id: string, @Body() body: NoteDto): Promise<DesignationDto> {
    return this.designations.reinstate(id, body.note);
  }

  @Post('designations/:id/cancel')
  @Roles('ministry_reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a designation, with a note (role: ministry_reviewer)' })
  @ApiOkResponse({ type: DesignationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(@Param('id') id: string, @Body() body: NoteDto): Promise<DesignationDto> {
    return this.designations.cancel(id, body.note);
  }
}
