import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Roles, type Actor } from '@medjourney/platform';
import { ScheduleBody, ScheduleDto } from '../dto/telemedicine.dto.js';
import { SchedulesService } from '../services/schedules.service.js';

@ApiTags('telemedicine')
@ApiBearerAuth()
@Controller('clinicians')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Put(':id/schedule')
  @Roles('clinician', 'hospital_coordinator')
  @ApiOperation({ summary: "Set a clinician's telemedicine schedule: IANA zone, slot length, weekly hours, exceptions (roles: clinician — their own; hospital_coordinator — their hospital's clinicians)" })
  @ApiOkResponse({ type: ScheduleDto })
  @ApiProblems([400, 'VALIDATION_FAILED: a bad zone, slot length, window or exception'], 401, 403, [404, 'NOT_FOUND: no such clinician, or not yours'])
  put(@Param('id') id: string, @Body() body: ScheduleBody, @CurrentActor() actor: Actor): Promise<ScheduleDto> {
    return this.schedules.put(actor, id, body);
  }

  @Get(':id/schedule')
  @Roles('clinician', 'hospital_coordinator', 'admin')
  @ApiOperation({ summary: "A clinician's telemedicine schedule (roles: clinician — their own; hospital_coordinator — their hospital's clinicians; admin)" })
  @ApiOkResponse({ type: ScheduleDto })
  @ApiProblems(401, 403, [404, 'NOT_FOUND: no such clinician or schedule, or not yours'])
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ScheduleDto> {
    return this.schedules.get(actor, id);
  }
}
