import { Injectable } from '@nestjs/common';
import { assertUuid, DomainError, type Actor } from '@medjourney/platform';
import { ApplicationDirectory, type PatientRecord } from '@medjourney/visas';
import type { EntityManager } from 'typeorm';

/**
 * What a caller wants to do for a patient; each purpose names who may (spec/journey.md,
 * security.md). "Treating hospitals" are the sponsors of the patient's applications that were
 * submitted, not withdrawn and (where needed) accepted by the patient, and the hospitals a
 * sponsor referred them to.
 * - `read_journey`: the patient, treating hospitals' coordinators, officers and supervisors
 *   (visa and border entries only, for a patient with a submitted application), admins;
 * - `read_profile`: the patient, treating hospitals' coordinators, admins;
 * - `edit_profile`: the patient, coordinators of a sponsoring hospital;
 * - `care`: the patient, treating hospitals' coordinators (care bookings, matches, follow-up);
 * - `hospital_event`: treating hospitals' coordinators (admissions, discharges, treatments);
 * - `border_event`: officers and supervisors, for a patient with a submitted application;
 * - `refer`: coordinators of a sponsoring hospital;
 * - `read_referrals`: the patient, treating hospitals' coordinators, admins.
 */
export type PatientPurpose = 'read_journey' | 'read_profile' | 'edit_profile' | 'care' | 'hospital_event' | 'border_event' | 'refer' | 'read_referrals';

/** How the caller came to be allowed: what they may see of the patient depends on it. */
export type PatientRelation = 'self' | 'sponsor' | 'referred' | 'immigration' | 'admin';

export interface PatientAccessGrant {
  record: PatientRecord;
  relation: PatientRelation;
}

/**
 * The one place that decides whether a caller may act for a patient. Journey reads, profile
 * reads and edits, admissions and discharges, referrals, care bookings and matches (matching)
 * and follow-up bookings (telemedicine) all ask it. A caller who may not is told the patient
 * does not exist (404), so nobody learns which patients exist; whether a role may use a route
 * at all is the route's `@Roles` (403), checked before this.
 */
@Injectable()
export class JourneyAccess {
  constructor(private readonly directory: ApplicationDirectory) {}

  /** The patient and the caller's relation to them, or 404 when the caller may not act for them for this purpose. */
  async mayActFor(m: EntityManager, actor: Actor, patientId: string, purpose: PatientPurpose): Promise<PatientAccessGrant> {
    assertUuid(patientId, 'patient');
    const record = await this.directory.patient(m, patientId);
    const relation = record ? await this.relation(m, actor, record, purpose) : null;
    if (!record || !relation) throw DomainError.notFound('patient');
    return { record, relation };
  }

  /** The patient record, unscoped (for a caller that scopes by other means). */
  record(m: EntityManager, patientId: string): Promise<PatientRecord | null> {
    return this.directory.patient(m, patientId);
  }

  /** The same, for callers that need only the patient's record. */
  async patient(m: EntityManager, actor: Actor, patientId: string, purpose: PatientPurpose): Promise<PatientRecord> {
    return (await this.mayActFor(m, actor, patientId, purpose)).record;
  }

  /** The patient's treating hospitals: sponsors (as `PatientRecord.sponsorHospitalIds`) and the hospitals they referred the patient to. */
  async treatingHospitalIds(m: EntityManager, patientId: string): Promise<string[]> {
    assertUuid(patientId, 'patient');
    const record = await this.directory.patient(m, patientId);
    if (!record) return [];
    const referred: { hospital_id: string }[] = await m.query('SELECT hospital_id FROM journey_referrals WHERE patient_id = $1', [patientId]);
    return [...new Set([...record.sponsorHospitalIds, ...referred.map((r) => r.hospital_id)])];
  }

  private async relation(m: EntityManager, actor: Actor, record: PatientRecord, purpose: PatientPurpose): Promise<PatientRelation | null> {
    switch (actor.role) {
      case 'patient':
        return actor.patientId === record.id && purpose !== 'hospital_event' && purpose !== 'border_event' && purpose !== 'refer' ? 'self' : null;
      case 'hospital_coordinator': {
        if (!actor.hospitalId || purpose === 'border_event') return null;
        if (record.sponsorHospitalIds.includes(actor.hospitalId)) return 'sponsor';
        // A referred hospital treats the patient but neither edits their profile nor refers them on.
        if (purpose === 'edit_profile' || purpose === 'refer') return null;
        const referred = await m.query('SELECT 1 FROM journey_referrals WHERE patient_id = $1 AND hospital_id = $2', [record.id, actor.hospitalId]);
        return referred.length > 0 ? 'referred' : null;
      }
      case 'officer':
      case 'supervisor':
        // Immigration knows a patient once an application reached it, and has no need of health data.
        return record.submitted && (purpose === 'read_journey' || purpose === 'border_event') ? 'immigration' : null;
      case 'admin':
        return purpose === 'read_journey' || purpose === 'read_profile' || purpose === 'read_referrals' ? 'admin' : null;
      default:
        return null;
    }
  }
}
