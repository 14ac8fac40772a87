import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Roles, type Actor } from '@medjourney/platform';
import { CareAssignmentDto, CareAssignmentPageDto, CareAssignmentQuery, CompleteCareAssignmentDto, CreateCareAssignmentDto } from '../dto/care-assignment.dto.js';
import { CareAssignmentsService } from '../services/care-assignments.service.js';

@ApiTags('care assignments')
@ApiBearerAuth()
@Controller('care-assignments')
export class CareAssignmentsController {
  constructor(private readonly assignments: CareAssignmentsService) {}

  @Post()
  @Roles('hospital_coordinator')
  @Idempotent()
  @ApiOperation({ summary: 'Book a provider for a patient; the assignment is pending and holds the time at once (role: hospital_coordinator, for their hospital)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CareAssignmentDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(@Body() body: CreateCareAssignmentDto, @CurrentActor() actor: Actor): Promise<CareAssignmentDto> {
    return this.assignments.create(actor, body);
  }

  @Get()
  @Roles('admin', 'hospital_coordinator', 'care_provider', 'patient')
  @ApiOperation({ summary: 'Assignments, newest first (roles: admin — all; hospital_coordinator — their hospital\'s; care_provider, patient — their own)' })
  @ApiOkResponse({ type: CareAssignmentPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: CareAssignmentQuery, @CurrentActor() actor: Actor): Promise<CareAssignmentPageDto> {
    return this.assignments.list(actor, query);
  }

  @Get(':id')
  @Roles('admin', 'hospital_coordinator', 'care_provider', 'patient')
  @ApiOperation({ summary: 'One assignment (roles: as for the list)' })
  @ApiOkResponse({ type: CareAssignmentDto })
  @ApiProblems(401, 403, 404)
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CareAssignmentDto> {
    return this.assignments.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('care_provider')
  @ApiOperation({ summary: 'Accept a pending assignment → confirmed (role: care_provider, their own)' })
  @ApiOkResponse({ type: CareAssignmentDto })
  @ApiProblems(401, 403, 404, 409)
  accept(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CareAssignmentDto> {
    return this.assignments.accept(actor, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('care_provider')
  @ApiOperation({ summary: 'Decline a pending assignment → declined; the next candidate is booked (role: care_provider, their own)' })
  @ApiOkResponse({ type: CareAssignmentDto })
  @ApiProblems(401, 403, 404, 409)
  decline(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CareAssignmentDto> {
    return this.assignments.decline(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('hospital_coordinator')
  @ApiOperation({ summary: 'Cancel a pending or confirmed assignment before it starts (role: hospital_coordinator, their hospital\'s)' })
  @ApiOkResponse({ type: CareAssignmentDto })
  @ApiProblems(401, 403, 404, 409)
  cancel(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CareAssignmentDto> {
    return this.assignments.cancel(actor, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('hospital_coordinator', 'patient')
  @ApiOperation({ summary: 'Complete a confirmed assignment after its end, with a rating 1-5 that feeds the provider\'s average (roles: hospital_coordinator, patient — their own)' })
  @ApiOkResponse({ type: CareAssignmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  complete(@Param('id') id: string, @Body() body: CompleteCareAssignmentDto, @CurrentActor() actor: Actor): Promise<CareAssignmentDto> {
    return this.assignments.complete(actor, id, body);
  }
}
