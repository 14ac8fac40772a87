import { Injectable } from '@nestjs/common';
import { HospitalsService } from '@medjourney/hospitals';
import { PatientProfilesService } from '@medjourney/journey';
import { CareProvidersService } from '@medjourney/matching';
import { localeOf, type MessageLocale } from '@medjourney/platform';
import type { EntityManager } from 'typeorm';
import type { Appointment } from '../entities/appointment.entity.js';
import { Clinicians } from './clinicians.js';

/** Without a zone of their own, a participant is told Korea's time. */
export const DEFAULT_ZONE = 'Asia/Seoul';

interface Person {
  name: string;
  email: string | null;
  /** The zone their letters name the time in. */
  timezone: string;
  /** The language their letters are written in (the patient's profile, the interpreter's registry); English for clinicians. */
  locale: MessageLocale;
}

export interface AppointmentPeople {
  patient: Person;
  clinician: Person;
  interpreter: Person | null;
  /** Under doctor_to_doctor: the doctor abroad, in the zone given at booking, else the patient's. */
  local: (Person & { email: string; country: string; licenseNumber?: string }) | null;
  hospital: string;
}

/**
 * The people of an appointment, through each owner's door: the patient's record and profile
 * zone (journey), the clinician's account (identity) and schedule zone, the interpreter's contact
 * (matching), the hospital's name; the local clinician as stored on the appointment.
 */
@Injectable()
export class Participants {
  constructor(
    private readonly clinicians: Clinicians,
    private readonly patients: PatientProfilesService,
    private readonly providers: CareProvidersService,
    private readonly hospitals: HospitalsService,
  ) {}

  async of(m: EntityManager, a: Appointment): Promise<AppointmentPeople> {
    const clinician = await this.clinicians.clinician(m, a.clinicianId).catch(() => null);
    const schedule = await this.clinicians.schedule(m, a.clinicianId);
    const patient = await this.patients.contactOf(a.patientId, m);
    const interpreter = a.interpreterProviderId ? await this.providers.contactOf(m, a.interpreterProviderId) : null;
    const hospital = await this.hospitals.profileOf(a.hospitalId, m);
    const patientZone = patient?.timezone ?? DEFAULT_ZONE;
    return {
      patient: { name: patient?.name ?? 'Patient', email: patient?.email ?? null, timezone: patientZone, locale: localeOf(patient?.languages, patientZone) },
      clinician: { name: clinician?.name ?? 'Clinician', email: clinician?.email ?? null, timezone: schedule?.timezone ?? DEFAULT_ZONE, locale: 'en' },
      interpreter: interpreter ? { name: interpreter.name, email: interpreter.email, timezone: interpreter.timezone ?? DEFAULT_ZONE, locale: localeOf(interpreter.languages, interpreter.timezone) } : null,
      local: a.localClinician ? { ...a.localClinician, timezone: a.localClinician.timezone ?? patientZone, locale: 'en' } : null,
      hospital: hospital?.name ?? 'The hospital',
    };
  }
}

