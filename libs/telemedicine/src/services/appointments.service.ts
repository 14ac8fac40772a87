import { Inject, Injectable } from '@nestjs/common';
import { HospitalsService } from '@medjourney/hospitals';
import { JourneyAccess, JourneyEventsService, PatientProfilesService } from '@medjourney/journey';
import { BookingsService, MatchingService } from '@medjourney/matching';
import {
  APP_CONFIG, AuditService, Clock, DomainError, EventBus, applyScope, assertUuid, paginate,
  type Actor, type AppConfig, type AppointmentFacts, type Page, type ScopePolicy,
} from '@medjourney/platform';
import { Duration, IANAZone } from 'luxon';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { requiresLocalClinician } from '../domain/policy.js';
import { isSlotStart } from '../domain/slots.js';
import type { AppointmentDto, AppointmentQuery, BookAppointmentDto, TelemedicinePolicyDto } from '../dto/telemedicine.dto.js';
import { Appointment, roomUrlOf } from '../entities/appointment.entity.js';
import { TelemedicineErrors } from '../telemedicine.errors.js';
import { AppointmentMails } from './appointment-mails.js';
import { Clinicians, type Clinician, type StoredSchedule } from './clinicians.js';
import { ReminderTimers } from './reminder-timers.js';

/** Who sees an appointment: admins all; the patient, the clinician, the interpreter their own; coordinators their hospital's (the clinician's). */
export const APPOINTMENT_SCOPE: ScopePolicy = {
  admin: 'all',
  patient: { column: 'patient_id', actor: 'patientId' },
  clinician: { column: 'clinician_id', actor: 'userId' },
  care_provider: { column: 'interpreter_provider_id', actor: 'careProviderId' },
  hospital_coordinator: { column: 'hospital_id', actor: 'hospitalId' },
};

/** PostgreSQL's exclusion_violation: an overlapping booked appointment of the clinician or the patient. */
const EXCLUSION_VIOLATION = '23P01';

/** Whether the caller takes part in the appointment (and so sees its video room). */
export function isParticipant(actor: Actor, a: Appointment): boolean {
  return (
    (actor.role === 'patient' && actor.patientId === a.patientId) ||
    (actor.role === 'clinician' && actor.userId === a.clinicianId) ||
    (actor.role === 'care_provider' && !!a.interpreterProviderId && actor.careProviderId === a.interpreterProviderId)
  );
}

/**
 * Follow-up appointments (spec/telemedicine.md): booked on a clinician's slot grid for a patient
 * treated in person at the clinician's hospital, with an interpreter matched and booked through
 * matching's door in the same transaction; rescheduled atomically, cancelled, marked fulfilled or
 * no-show; reminders on durable timers; every change published for the journey.
 */
@Injectable()
export class AppointmentsService {
  private readonly followUpWindow: Duration;

  constructor(
    private readonly db: DataSource,
    private readonly clinicians: Clinicians,
    private readonly journeyEvents: JourneyEventsService,
    private readonly access: JourneyAccess,
    private readonly patients: PatientProfilesService,
    private readonly bookings: BookingsService,
    private readonly matching: MatchingService,
    private readonly hospitals: HospitalsService,
    private readonly reminders: ReminderTimers,
    private readonly mails: AppointmentMails,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.followUpWindow = Duration.fromISO(config.followUpWindow);
  }

  /** The appointment as the caller sees it, with the patient's name (as `names` has it, one query for a whole list). */
  view(actor: Actor, a: Appointment, names: ReadonlyMap<string, string>): AppointmentDto {
    return { ...this.snapshot(actor, a), patientName: names.get(a.patientId) ?? null };
  }

  /** One appointment in the caller's scope (else 404), as they see it. */
  async one(actor: Actor, id: string): Promise<AppointmentDto> {
    const a = await this.get(actor, id);
    return this.view(actor, a, await this.patients.namesOf([a.patientId]));
  }

  roomUrl(a: Appointment): string {
    return roomUrlOf(this.config.videoBaseUrl, a);
  }

  /** What the audit trail keeps of an appointment: its own fields, no personal name. */
  private snapshot(actor: Actor, a: Appointment): Omit<AppointmentDto, 'patientName'> {
    return {
      id: a.id,
      clinicianId: a.clinicianId,
      hospitalId: a.hospitalId,
      patientId: a.patientId,
      start: a.startAt.toISOString(),
      end: a.endAt.toISOString(),
      status: a.status,
      policy: a.policy,
      localClinician: a.localClinician,
      interpreterLanguage: a.interpreterLanguage,
      interpreterId: a.interpreterProviderId,
      roomUrl: isParticipant(actor, a) ? this.roomUrl(a) : null,
      sequence: a.sequence,
      version: a.version,
      createdAt: a.createdAt.toISOString(),
    };
  }

  /** The policy in force now, and what it asks of a booking (the console asks for the local clinician by it). */
  policy(): TelemedicinePolicyDto {
    const policy = this.config.telemedicinePolicy;
    return { policy, localClinicianRequired: requiresLocalClinician(policy) };
  }

  async book(actor: Actor, dto: BookAppointmentDto, id: string = randomUUID()): Promise<AppointmentDto> {
    const start = new Date(dto.start);
    return this.db.transaction(async (m) => {
      const clinician = await this.clinicians.clinician(m, dto.clinicianId);
      await this.assertBooksFor(m, actor, clinician, dto.patientId);
      const policy = this.config.telemedicinePolicy;
      if (requiresLocalClinician(policy) && !dto.localClinician) throw TelemedicineErrors.localClinicianRequired();
      if (dto.localClinician?.timezone !== undefined && !IANAZone.isValidZone(dto.localClinician.timezone)) throw TelemedicineErrors.invalidTimezone('localClinician.timezone');
      const schedule = await this.clinicians.scheduleOrFail(m, clinician.id);
      const end = this.assertSlot(schedule, start);
      await this.assertEligible(m, dto.patientId, clinician.hospitalId, start);
      const now = this.clock.now();
      await this.insert(m, {
        id, clinician_id: clinician.id, hospital_id: clinician.hospitalId, patient_id: dto.patientId, start_at: start, end_at: end, policy,
        local_clinician: dto.localClinician ? JSON.stringify(dto.localClinician) : null, room_token: randomBytes(24).toString('base64url'),
        created_by: actor.userId, created_at: now, updated_at: now,
      });
      if (dto.interpreterLanguage) await this.bookInterpreter(m, id, dto.interpreterLanguage, clinician.hospitalId, start, end, null);
      const a = await m.findOneByOrFail(Appointment, { id });
      await this.reminders.arm(m, a);
      await this.mails.changed(m, a, 'booked');
      await this.audit.record(m, { action: 'telemedicine.appointment_booked', entityType: 'telemedicine_appointment', entityId: id, after: this.snapshot(actor, a) });
      await this.events.publish(m, 'telemedicine.appointment-booked', await this.facts(m, a, clinician));
      return this.view(actor, a, await this.patients.namesOf([a.patientId], m));
    });
  }

  async reschedule(actor: Actor, id: string, startIso: string): Promise<AppointmentDto> {
    const start = new Date(startIso);
    return this.change(actor, id, 'reschedule', async (m, before, clinician) => {
      if (this.clock.now() >= before.startAt) throw TelemedicineErrors.started('reschedule');
      const schedule = await this.clinicians.scheduleOrFail(m, clinician.id);
      const end = this.assertSlot(schedule, start);
      await this.assertEligible(m, before.patientId, before.hospitalId, start);
      // One statement moves the appointment: the exclusion constraints see the new time held
      // and the old one freed together, and a refusal leaves everything as it was.
      await this.guarded(() => m.query(`UPDATE telemedicine_appointments SET start_at = $2, end_at = $3, sequence = sequence + 1, version = version + 1, updated_at = $4 WHERE id = $1`, [id, start, end, this.clock.now()]));
      if (before.interpreterLanguage) {
        await this.bookInterpreter(m, id, before.interpreterLanguage, before.hospitalId, start, end, { providerId: before.interpreterProviderId!, bookingId: before.interpreterBookingId! });
      }
      const after = await m.findOneByOrFail(Appointment, { id });
      await this.reminders.arm(m, after);
      await this.mails.changed(m, after, 'rescheduled', before.startAt);
      await this.events.publish(m, 'telemedicine.appointment-rescheduled', { ...(await this.facts(m, after, clinician)), previousStart: before.startAt.toISOString() });
      return after;
    });
  }

  cancel(actor: Actor, id: string): Promise<AppointmentDto> {
    return this.change(actor, id, 'cancel', async (m, before, clinician) => {
      if (this.clock.now() >= before.startAt) throw TelemedicineErrors.started('cancel');
      await m.query(`UPDATE telemedicine_appointments SET status = 'cancelled', sequence = sequence + 1, version = version + 1, updated_at = $2 WHERE id = $1`, [id, this.clock.now()]);
      if (before.interpreterBookingId) await this.bookings.release(m, 'telemedicine', before.interpreterBookingId);
      await this.reminders.disarm(m, id);
      const after = await m.findOneByOrFail(Appointment, { id });
      await this.mails.changed(m, after, 'cancelled');
      await this.events.publish(m, 'telemedicine.appointment-cancelled', await this.facts(m, after, clinician));
      return after;
    });
  }

  /** The clinician marks the outcome once the appointment has started. */
  mark(actor: Actor, id: string, to: 'fulfilled' | 'noshow'): Promise<AppointmentDto> {
    return this.change(actor, id, to === 'fulfilled' ? 'mark fulfilled' : 'mark no-show', async (m, before, clinician) => {
      if (actor.role !== 'clinician') throw DomainError.forbidden('Only the clinician marks an appointment fulfilled or no-show.');
      if (this.clock.now() < before.startAt) throw TelemedicineErrors.tooEarly(to === 'fulfilled' ? 'mark fulfilled' : 'mark no-show');
      await m.query(`UPDATE telemedicine_appointments SET status = $2, version = version + 1, updated_at = $3 WHERE id = $1`, [id, to, this.clock.now()]);
      await this.reminders.disarm(m, id);
      const after = await m.findOneByOrFail(Appointment, { id });
      await this.events.publish(m, to === 'fulfilled' ? 'telemedicine.appointment-fulfilled' : 'telemedicine.appointment-noshow', await this.facts(m, after, clinician));
      return after;
    });
  }

  async get(actor: Actor, id: string): Promise<Appointment> {
    assertUuid(id, 'appointment');
    const a = await applyScope(this.db.getRepository(Appointment).createQueryBuilder('a').where('a.id = :id', { id }), 'a', actor, APPOINTMENT_SCOPE).getOne();
    if (!a) throw DomainError.notFound('appointment');
    return a;
  }

  /** The caller's appointments, by start (then id), keyset pages. */
  async list(actor: Actor, q: AppointmentQuery): Promise<Page<AppointmentDto>> {
    const qb = applyScope(this.db.getRepository(Appointment).createQueryBuilder('a'), 'a', actor, APPOINTMENT_SCOPE);
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    const page = await paginate(qb, [
      { expr: 'a.start_at', direction: 'ASC', value: (a) => a.startAt, cast: 'timestamptz' },
      { expr: 'a.id', direction: 'ASC', value: (a) => a.id, cast: 'uuid' },
    ], q);
    const names = await this.patients.namesOf(page.items.map((a) => a.patientId));
    return { items: page.items.map((a) => this.view(actor, a, names)), nextCursor: page.nextCursor };
  }

  /** What the appointment's events say of it. */
  async facts(m: EntityManager, a: Appointment, clinician?: Clinician): Promise<AppointmentFacts> {
    const c = clinician ?? (await this.clinicians.clinician(m, a.clinicianId));
    const hospital = await this.hospitals.profileOf(a.hospitalId, m);
    return {
      appointmentId: a.id, clinicianId: a.clinicianId, clinicianName: c.name, hospitalId: a.hospitalId, hospitalName: hospital?.name ?? 'the hospital',
      patientId: a.patientId, start: a.startAt.toISOString(), end: a.endAt.toISOString(), status: a.status, interpreterLanguage: a.interpreterLanguage, sequence: a.sequence,
    };
  }

  /**
   * A change to one booked appointment: found in the caller's scope (else 404), locked; the
   * patient, the clinician, the interpreter and coordinators who may book for the patient may change it.
   */
  private async change(
    actor: Actor,
    id: string,
    action: string,
    apply: (m: EntityManager, before: Appointment, clinician: Clinician) => Promise<Appointment>,
  ): Promise<AppointmentDto> {
    assertUuid(id, 'appointment');
    return this.db.transaction(async (m) => {
      const before = await applyScope(m.getRepository(Appointment).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }), 'a', actor, APPOINTMENT_SCOPE).getOne();
      if (!before) throw DomainError.notFound('appointment');
      if (actor.role === 'hospital_coordinator') await this.access.mayActFor(m, actor, before.patientId, 'care');
      if (before.status !== 'booked') throw TelemedicineErrors.invalidTransition(before.status, action);
      const clinician = await this.clinicians.clinician(m, before.clinicianId);
      const after = await apply(m, before, clinician);
      await this.audit.record(m, { action: `telemedicine.appointment_${action.replace(/[ -]/g, '_')}`, entityType: 'telemedicine_appointment', entityId: id, before: this.snapshot(actor, before), after: this.snapshot(actor, after) });
      return this.view(actor, after, await this.patients.namesOf([after.patientId], m));
    });
  }

  /** The patient books for themselves; a coordinator of the clinician's hospital when it is a treating hospital of the patient (journey's one door, purpose `care`); anyone else is 404. */
  private async assertBooksFor(m: EntityManager, actor: Actor, clinician: Clinician, patientId: string): Promise<void> {
    if (actor.role === 'patient') {
      if (actor.patientId !== patientId) throw DomainError.notFound('patient');
      return;
    }
    if (actor.hospitalId !== clinician.hospitalId) throw DomainError.notFound('clinician');
    await this.access.mayActFor(m, actor, patientId, 'care');
  }

  /** The slot's end, or 422 NOT_A_SLOT for a start off the grid, past, or inside an exception. */
  private assertSlot(schedule: StoredSchedule, start: Date): Date {
    if (start.getTime() <= this.clock.now().getTime()) throw TelemedicineErrors.notASlot('The start has passed.');
    if (!isSlotStart(schedule, start.getTime())) throw TelemedicineErrors.notASlot("The start is not a slot of the clinician's schedule (or falls in an exception).");
    return new Date(start.getTime() + schedule.slotMinutes * 60_000);
  }

  /** Treated in person at the hospital (a discharge or an outpatient treatment), and the start within FOLLOW_UP_WINDOW of the latest. */
  private async assertEligible(m: EntityManager, patientId: string, hospitalId: string, start: Date): Promise<void> {
    const treated = await this.journeyEvents.latestTreatment(patientId, hospitalId, m);
    if (!treated) throw TelemedicineErrors.notEligible('The patient was not treated in person at the clinician\'s hospital (no discharge or outpatient treatment recorded there).');
    const until = new Date(treated.at.getTime() + this.followUpWindow.toMillis());
    if (start > until) {
      throw TelemedicineErrors.notEligible(`Follow-up is allowed until ${until.toISOString()}, ${this.config.followUpWindow} after the ${treated.type === 'treated' ? 'treatment' : 'discharge'} of ${treated.at.toISOString()}.`);
    }
    if (start < treated.at) throw TelemedicineErrors.notEligible('A follow-up cannot start before the treatment it follows.');
  }

  private async insert(m: EntityManager, row: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(row);
    await this.guarded(() => m.query(`INSERT INTO telemedicine_appointments (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row)));
  }

  /** Runs a write that the exclusion constraints may refuse: the loser of a race is 409 SLOT_TAKEN. */
  private async guarded<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code === EXCLUSION_VIOLATION) throw TelemedicineErrors.slotTaken();
      throw e;
    }
  }

  /**
   * Books an interpreter of the language through matching's door: the one kept (on a
   * reschedule, whose booking this frees) when still free, else the best ranked that the booking
   * can hold; none → 409 NO_INTERPRETER_AVAILABLE, and the caller's transaction (the whole
   * booking) rolls back.
   */
  private async bookInterpreter(
    m: EntityManager, id: string, language: string, hospitalId: string, start: Date, end: Date, kept: { providerId: string; bookingId: string } | null,
  ): Promise<void> {
    const ranked = await this.matching.rankInterpreters(m, { language, start, end, hospitalId });
    const order = kept ? [kept.providerId, ...ranked.filter((p) => p !== kept.providerId)] : ranked;
    // Every interpreter this may touch, locked in id order before any of their time changes: two
    // reschedules trading interpreters wait for each other instead of deadlocking (docs/matching.md).
    await this.bookings.lockProviders(m, order);
    if (kept) await this.bookings.release(m, 'telemedicine', kept.bookingId);
    for (const providerId of order) {
      const bookingId = randomUUID();
      try {
        await this.bookings.book(m, { providerId, start, end, source: 'telemedicine', sourceId: bookingId });
      } catch (e) {
        // Past the booking horizon no other interpreter helps either.
        if (e instanceof DomainError && e.code === 'BEYOND_BOOKING_HORIZON') throw e;
        if (e instanceof DomainError && (e.status === 409 || e.status === 422 || e.status === 404)) continue;
        throw e;
      }
      await m.query('UPDATE telemedicine_appointments SET interpreter_language = $2, interpreter_provider_id = $3, interpreter_booking_id = $4 WHERE id = $1', [id, language, providerId, bookingId]);
      return;
    }
    throw TelemedicineErrors.noInterpreter();
  }
}
