import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Roles, type Actor } from '@medjourney/platform';
import { AppointmentDto, AppointmentPageDto, AppointmentQuery, BookAppointmentDto, RescheduleDto, SlotListDto, SlotQuery, TelemedicinePolicyDto } from '../dto/telemedicine.dto.js';
import { AppointmentsService } from '../services/appointments.service.js';
import { SlotsService } from '../services/slots.service.js';

const PARTICIPANTS = ['patient', 'clinician', 'care_provider', 'hospital_coordinator'] as const;

@ApiTags('telemedicine')
@ApiBearerAuth()
@Controller('telemedicine')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly slots: SlotsService,
  ) {}

  @Get('policy')
  @Roles('patient', 'hospital_coordinator', 'clinician', 'admin')
  @ApiOperation({ summary: 'The telemedicine policy in force (TELEMEDICINE_POLICY) and whether a booking must name the local clinician (roles: patient, hospital_coordinator, clinician, admin)' })
  @ApiOkResponse({ type: TelemedicinePolicyDto })
  @ApiProblems(401, 403)
  policy(): TelemedicinePolicyDto {
    return this.appointments.policy();
  }

  @Get('slots')
  @Roles('patient', 'clinician', 'hospital_coordinator', 'admin')
  @ApiOperation({ summary: "A clinician's free slots, at most 31 days, shown in the requested zone (default: a patient's profile zone, others Asia/Seoul) (roles: patient; clinician — their own; hospital_coordinator — their hospital's clinicians; admin)" })
  @ApiOkResponse({ type: SlotListDto })
  @ApiProblems([400, 'VALIDATION_FAILED: a bad instant, zone or language'], 401, 403, [404, 'NOT_FOUND: no such clinician, or not yours'], [422, 'INVALID_PERIOD: to not after from, or more than 31 days'])
  slotList(@Query() query: SlotQuery, @CurrentActor() actor: Actor): Promise<SlotListDto> {
    return this.slots.list(actor, query);
  }

  @Post('appointments')
  @Roles('patient', 'hospital_coordinator')
  @Idempotent()
  @ApiOperation({ summary: "Book a follow-up video appointment on one slot, with an interpreter when interpreterLanguage is given; every participant with an address is e-mailed the invitation (roles: patient — for themselves; hospital_coordinator — of the clinician's hospital, for a patient it treats)" })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: AppointmentDto })
  @ApiProblems(
    [400, 'VALIDATION_FAILED: a bad instant, language or local clinician (localClinician.timezone not an IANA zone)'], 401, 403, [404, 'NOT_FOUND: no such clinician or patient, or not yours'],
    [409, 'SLOT_TAKEN: the clinician or the patient is booked then; NO_INTERPRETER_AVAILABLE: no interpreter of the language is free; IDEMPOTENCY_KEY_IN_USE'],
    [422, 'NOT_A_SLOT: off the grid, past or in an exception; NOT_ELIGIBLE_FOR_FOLLOW_UP: no in-person treatment at the hospital, or past FOLLOW_UP_WINDOW; LOCAL_CLINICIAN_REQUIRED (doctor_to_doctor); NO_SCHEDULE; BEYOND_BOOKING_HORIZON; IDEMPOTENCY_KEY_REUSED'],
  )
  book(@Body() body: BookAppointmentDto, @CurrentActor() actor: Actor): Promise<AppointmentDto> {
    return this.appointments.book(actor, body);
  }

  @Get('appointments')
  @Roles('admin', ...PARTICIPANTS)
  @ApiOperation({ summary: "Appointments by start (roles: patient, clinician, care_provider (the interpreter) — their own; hospital_coordinator — their hospital's; admin — all)" })
  @ApiOkResponse({ type: AppointmentPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AppointmentQuery, @CurrentActor() actor: Actor): Promise<AppointmentPageDto> {
    return this.appointments.list(actor, query);
  }

  @Get('appointments/:id')
  @Roles('admin', ...PARTICIPANTS)
  @ApiOperation({ summary: 'One appointment; the video room URL only for its participants (roles: as for the list)' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiProblems(401, 403, [404, 'NOT_FOUND: no such appointment, or not yours'])
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<AppointmentDto> {
    return this.appointments.one(actor, id);
  }

  @Post('appointments/:id/reschedule')
  @HttpCode(200)
  @Roles(...PARTICIPANTS)
  @ApiOperation({ summary: 'Move an appointment to another slot, atomically: the new slot is held before the old one is freed; the interpreter is kept if free, else another is matched (roles: patient, clinician, the interpreter; hospital_coordinator — who may book for the patient)' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiProblems(
    400, 401, 403, [404, 'NOT_FOUND: no such appointment, or not yours'],
    [409, 'SLOT_TAKEN; NO_INTERPRETER_AVAILABLE; INVALID_TRANSITION: not booked, or already started'],
    [422, 'NOT_A_SLOT; NOT_ELIGIBLE_FOR_FOLLOW_UP; BEYOND_BOOKING_HORIZON'],
  )
  reschedule(@Param('id') id: string, @Body() body: RescheduleDto, @CurrentActor() actor: Actor): Promise<AppointmentDto> {
    return this.appointments.reschedule(actor, id, body.start);
  }

  @Post('appointments/:id/cancel')
  @HttpCode(200)
  @Roles(...PARTICIPANTS)
  @ApiOperation({ summary: 'Cancel a booked appointment before it starts; the interpreter\'s time is freed and no reminder follows (roles: as for reschedule)' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiProblems(401, 403, [404, 'NOT_FOUND: no such appointment, or not yours'], [409, 'INVALID_TRANSITION: not booked, or already started'])
  cancel(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<AppointmentDto> {
    return this.appointments.cancel(actor, id);
  }

  @Post('appointments/:id/fulfilled')
  @HttpCode(200)
  @Roles('clinician')
  @ApiOperation({ summary: 'Mark a booked appointment fulfilled, after its start (role: clinician, their own)' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiProblems(401, 403, [404, 'NOT_FOUND: no such appointment, or not yours'], [409, 'INVALID_TRANSITION: not booked, or not started yet'])
  fulfilled(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<AppointmentDto> {
    return this.appointments.mark(actor, id, 'fulfilled');
  }

  @Post('appointments/:id/noshow')
  @HttpCode(200)
  @Roles('clinician')
  @ApiOperation({ summary: 'Mark a booked appointment no-show, after its start (role: clinician, their own)' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiProblems(401, 403, [404, 'NOT_FOUND: no such appointment, or not yours'], [409, 'INVALID_TRANSITION: not booked, or not started yet'])
  noshow(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<AppointmentDto> {
    return this.appointments.mark(actor, id, 'noshow');
  }
}
