import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HospitalsModule } from '@medjourney/hospitals';
import { IdentityModule } from '@medjourney/identity';
import { JourneyModule } from '@medjourney/journey';
import { MatchingModule } from '@medjourney/matching';
import { AppointmentsController } from './controllers/appointments.controller.js';
import { RecordsController } from './controllers/records.controller.js';
import { SchedulesController } from './controllers/schedules.controller.js';
import { Appointment } from './entities/appointment.entity.js';
import { AppointmentMailsProcessor } from './jobs/appointment-mails.processor.js';
import { AppointmentMails } from './services/appointment-mails.js';
import { AppointmentsService } from './services/appointments.service.js';
import { Clinicians } from './services/clinicians.js';
import { RecordsService } from './services/records.service.js';
import { Participants } from './services/participants.js';
import { ReminderTimers } from './services/reminder-timers.js';
import { SchedulesService } from './services/schedules.service.js';
import { SlotsService } from './services/slots.service.js';

/** Telemedicine's entities (schedules and feeds are written with SQL only). */
export const TELEMEDICINE_ENTITIES = [Appointment];

/** Follow-up telemedicine (spec/telemedicine.md): schedules, slots, appointments, reminders, appointment e-mails. */
@Module({
  imports: [TypeOrmModule.forFeature(TELEMEDICINE_ENTITIES), IdentityModule, HospitalsModule, JourneyModule, MatchingModule],
  providers: [Clinicians, Participants, SchedulesService, SlotsService, AppointmentsService, AppointmentMails, AppointmentMailsProcessor, ReminderTimers, RecordsService],
  exports: [SchedulesService, AppointmentsService, SlotsService, RecordsService],
})
export class TelemedicineModule {}

/** The HTTP routes of telemedicine; only the API imports this. */
@Module({
  imports: [TelemedicineModule],
  exports: [TelemedicineModule],
  controllers: [SchedulesController, AppointmentsController, RecordsController],
})
export class TelemedicineApiModule {}
