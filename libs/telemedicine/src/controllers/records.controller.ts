import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Public, Roles, type Actor } from '@medjourney/platform';
import { RecordsService } from '../services/records.service.js';

class FeedDto {
  @ApiProperty({ example: 'http://localhost:3000/api/v1/telemedicine/feeds/3q2-7wA….ics', description: 'The secret address a calendar program polls; the previous one stops answering' }) url: string;
}

const READERS = ['admin', 'patient', 'clinician', 'care_provider', 'hospital_coordinator'] as const;

@ApiTags('telemedicine')
@Controller()
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get('telemedicine/appointments/:id/calendar.ics')
  @ApiBearerAuth()
  @Roles(...READERS)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The appointment as an RFC 5545 calendar event (UTC, stable UID, SEQUENCE raised at each change, STATUS:CANCELLED once cancelled) (roles: as for the appointment)' })
  @ApiOkResponse({ description: 'text/calendar', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems(401, 403, [404, 'NOT_FOUND: no such appointment, or not yours'])
  calendar(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<string> {
    return this.records.calendar(actor, id);
  }

  @Post('me/calendar-feed')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('patient', 'clinician', 'care_provider')
  @ApiOperation({ summary: 'A new secret address of the caller\'s appointments feed; the previous one stops answering (roles: patient, clinician, care_provider)' })
  @ApiOkResponse({ type: FeedDto })
  @ApiProblems(401, 403, [404, 'NOT_FOUND: a patient account not yet linked to its patient record'])
  rotate(@CurrentActor() actor: Actor): Promise<FeedDto> {
    return this.records.rotateFeed(actor);
  }

  @Get('telemedicine/feeds/:token.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'A participant\'s subscribable feed, by its secret (no login): each appointment only as "MedJourney follow-up" with a link to the console, no names, diagnosis or room (public)' })
  @ApiOkResponse({ description: 'text/calendar', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems([404, 'NOT_FOUND: no feed has this secret (never issued, or rotated)'])
  feed(@Param('token') token: string): Promise<string> {
    return this.records.feed(token);
  }

  @Get('fhir/Appointment/:id')
  @ApiBearerAuth()
  @Roles(...READERS)
  @Header('Content-Type', 'application/fhir+json; charset=utf-8')
  @ApiProduces('application/fhir+json')
  @ApiOperation({ summary: 'The appointment as a FHIR R4 Appointment (every participant accepted, the interpreter typed INTRP) (roles: as for the appointment)' })
  @ApiOkResponse({ description: 'A FHIR R4 Appointment resource', content: { 'application/fhir+json': { schema: { type: 'object' } } } })
  @ApiProblems(401, 403, [404, 'NOT_FOUND: no such appointment, or not yours'])
  fhir(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<Record<string, unknown>> {
    return this.records.fhir(actor, id);
  }
}
