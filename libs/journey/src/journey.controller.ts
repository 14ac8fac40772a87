import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, ROLES, Roles, type Actor } from '@medjourney/platform';
import { JourneyDto, JourneyEventBody, JourneyEventDto, PatientProfileDto, UpdatePatientProfileBody } from './dto/journey.dto.js';
import { JourneyEventsService } from './services/journey-events.service.js';
import { PatientProfilesService } from './services/patient-profiles.service.js';
import { TimelineService } from './services/timeline.service.js';

/**
 * A patient's journey and profile (spec/journey.md). Reading is scoped rather than role-gated:
 * whoever is not the patient, a coordinator of a sponsoring or admitting hospital, an officer
 * or a supervisor is told the patient does not exist (404).
 */
@ApiTags('journey')
@ApiBearerAuth()
@Controller('patients')
export class JourneyController {
  constructor(
    private readonly timeline: TimelineService,
    private readonly events: JourneyEventsService,
    private readonly profiles: PatientProfilesService,
  ) {}

  @Get(':id/journey')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The whole journey in order, with its stage and the next steps' })
  @ApiOkResponse({ type: JourneyDto })
  @ApiProblems(401, 404)
  journey(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.timeline.journey(actor, id);
  }

  @Post(':id/journey-events')
  @Roles('officer', 'supervisor', 'hospital_coordinator')
  @Idempotent()
  @ApiOperation({ summary: 'Record an arrival, departure or entry refusal (officers, supervisors) or an admission or discharge (the treating hospital\'s coordinators)' })
  @ApiCreatedResponse({ type: JourneyEventDto })
  @ApiProblems(400, 401, 403, 404, 422)
  record(@Param('id') id: string, @Body() body: JourneyEventBody, @CurrentActor() actor: Actor) {
    return this.events.record(actor, id, body);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The patient profile: name, e-mail, phone, languages (preferred first), time zone' })
  @ApiOkResponse({ type: PatientProfileDto })
  @ApiProblems(401, 404)
  profile(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.profiles.get(actor, id);
  }

  @Patch(':id')
  @Roles('patient', 'hospital_coordinator')
  @ApiOperation({ summary: 'Change phone, languages or time zone (the patient, coordinators of a sponsoring hospital)' })
  @ApiOkResponse({ type: PatientProfileDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdatePatientProfileBody, @CurrentActor() actor: Actor) {
    return this.profiles.update(actor, id, body);
  }
}
