import { Injectable } from '@nestjs/common';
import { assertUuid, DomainError, type Actor } from '@medjourney/platform';
import { ApplicationDirectory, type PatientRecord } from '@medjourney/visas';
import type { EntityManager } from 'typeorm';

/**
 * Who sees a patient's journey and profile (spec/journey.md, security.md): the patient;
 * coordinators of a sponsoring hospital and of a hospital that admitted them; officers and
 * supervisors. Everyone else is told the patient does not exist (404).
 */
type Purpose = 'read' | 'edit' | 'admit';

@Injectable()
export class JourneyAccess {
  constructor(private readonly directory: ApplicationDirectory) {}

  /**
   * `admit`: a coordinator of any hospital may admit a patient who is in Korea (the treating
   * hospital need not be the sponsor); from then on that hospital reads the journey too.
   */
  async patient(m: EntityManager, actor: Actor, patientId: string, purpose: Purpose = 'read'): Promise<PatientRecord> {
    assertUuid(patientId, 'patient');
    const record = await this.directory.patient(m, patientId);
    if (!record || !(await this.inScope(m, actor, record, purpose))) throw DomainError.notFound('patient');
    return record;
  }

  /** The patient record, unscoped (for a caller that scopes by other means). */
  record(m: EntityManager, patientId: string): Promise<PatientRecord | null> {
    return this.directory.patient(m, patientId);
  }

  private async inScope(m: EntityManager, actor: Actor, record: PatientRecord, purpose: Purpose): Promise<boolean> {
    if (actor.role === 'patient') return actor.patientId === record.id;
    if (actor.role === 'hospital_coordinator') {
      if (!actor.hospitalId) return false;
      if (record.sponsorHospitalIds.includes(actor.hospitalId)) return true;
      // The profile is the sponsor's to edit; a hospital that admitted the patient reads.
      if (purpose === 'edit') return false;
      const admitted = await m.query('SELECT 1 FROM journey_admissions WHERE patient_id = $1 AND hospital_id = $2 LIMIT 1', [record.id, actor.hospitalId]);
      if (admitted.length > 0) return true;
      return purpose === 'admit' && (await m.query(`SELECT 1 FROM journey_stays WHERE patient_id = $1 AND role = 'patient' AND departed_at IS NULL`, [record.id])).length > 0;
    }
    return purpose === 'read' && (actor.role === 'officer' || actor.role === 'supervisor');
  }
}
