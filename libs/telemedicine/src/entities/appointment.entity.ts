import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AppointmentStatus } from '../dto/telemedicine.dto.js';

export interface LocalClinician {
  name: string;
  country: string;
  email: string;
  licenseNumber?: string;
  /** The zone their e-mails name the time in (else the patient's). */
  timezone?: string;
}

/** A follow-up video appointment (spec/telemedicine.md); states follow FHIR Appointment. */
@Entity({ name: 'telemedicine_appointments' })
export class Appointment {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'clinician_id', type: 'uuid' }) clinicianId: string;
  @Column({ name: 'hospital_id', type: 'uuid' }) hospitalId: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ name: 'start_at', type: 'timestamptz' }) startAt: Date;
  @Column({ name: 'end_at', type: 'timestamptz' }) endAt: Date;
  @Column({ type: 'text', default: 'booked' }) status: AppointmentStatus;
  @Column({ type: 'text' }) policy: 'direct_follow_up' | 'doctor_to_doctor';
  @Column({ name: 'local_clinician', type: 'jsonb', nullable: true }) localClinician: LocalClinician | null;
  @Column({ name: 'interpreter_language', type: 'text', nullable: true }) interpreterLanguage: string | null;
  @Column({ name: 'interpreter_provider_id', type: 'uuid', nullable: true }) interpreterProviderId: string | null;
  @Column({ name: 'interpreter_booking_id', type: 'uuid', nullable: true }) interpreterBookingId: string | null;
  @Column({ name: 'room_token', type: 'text', unique: true }) roomToken: string;
  @Column({ type: 'integer', default: 0 }) sequence: number;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The appointment's video room: VIDEO_BASE_URL and its unguessable token. */
export function roomUrlOf(videoBaseUrl: string, a: Pick<Appointment, 'roomToken'>): string {
  return `${videoBaseUrl.replace(/\/?$/, '/')}${a.roomToken}`;
}
