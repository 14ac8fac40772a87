import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Roles, type Actor } from '@medjourney/platform';
import { JourneyDto, JourneyEventBody, JourneyEventDto, PatientProfileDto, UpdatePatientProfileBody } from './dto/journey.dto.js';
import { JourneyEventsService } from './services/journey-events.service.js';
import { PatientProfilesService } from './services/patient-profiles.service.js';
import { TimelineService } from './services/timeline.service.js';

/** Roles that may ever read a journey (spec/journey.md); clinicians, care providers and ministry reviewers get 403. */
const JOURNEY_READERS = ['patient', 'hospital_coordinator', 'officer', 'supervisor', 'admin'] as const;
/** Roles that may ever read a profile: the patient, coordinators (of a treating hospital), admins. */
const PROFILE_READERS = ['patient', 'hospital_coordinator', 'admin'] as const;

/**
 * A patient's journey and profile (spec/journey.md). Each route declares the roles that may
 * ever use it (403 for the others); within them, journey's door (`JourneyAccess`) decides
 * whether the caller may act for this patient, and tells everyone else the patient does not
 * exist (404).
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
  @Roles(...JOURNEY_READERS)
  @ApiOperation({ summary: 'The whole journey in order, with its stage and the next steps (the patient; coordinators of a treating hospital; officers and supervisors: visa and border entries only; admins)' })
  @ApiOkResponse({ type: JourneyDto })
  @ApiProblems(401, 403, 404)
  journey(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.timeline.journey(actor, id);
  }

  @Post(':id/journey-events')
  @Roles('officer', 'supervisor', 'hospital_coordinator')
  @Idempotent()
  @ApiOperation({ summary: 'Record an arrival, departure or entry refusal (officers, supervisors; a patient with a submitted application) or an admission or discharge (coordinators of a treating hospital; any other hospital: 404, nothing recorded)' })
  @ApiCreatedResponse({ type: JourneyEventDto })
  @ApiProblems(400, 401, 403, 404, 422)
  record(@Param('id') id: string, @Body() body: JourneyEventBody, @CurrentActor() actor: Actor) {
    return this.events.record(actor, id, body);
  }

  @Get(':id')
  @Roles(...PROFILE_READERS)
  @ApiOperation({ summary: 'The patient profile: name, e-mail, phone, languages (preferred first), time zone (the patient; coordinators of a treating hospital; admins)' })
  @ApiOkResponse({ type: PatientProfileDto })
  @ApiProblems(401, 403, 404)
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
