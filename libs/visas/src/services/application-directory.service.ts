import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A patient's record as other modules see it: who they are and which hospitals sponsor them. */
export interface PatientRecord {
  id: string;
  name: string;
  email: string;
  /**
   * Sponsors of the patient's applications that were submitted and not withdrawn, and that the
   * patient accepted where their consent was needed (spec/journey.md, treating hospitals).
   * A draft's sponsor, or one still waiting for the patient's consent, is not among them.
   */
  sponsorHospitalIds: string[];
  /** Whether any of the patient's applications ever reached immigration (officers see no one else). */
  submitted: boolean;
}

/** One application's history, for the journey's timeline (no sealed field, no document). */
export interface ApplicationHistory {
  applicationId: string;
  reference: string;
  patientId: string;
  sponsorHospitalId: string;
  status: string;
  createdAt: Date;
  persons: { id: string; role: 'patient' | 'companion'; name: string }[];
  events: { id: string; action: string; fromStatus: string | null; toStatus: string; occurredAt: Date; details: Record<string, unknown> | null }[];
}

/** What other modules may ask about an application or a patient by id. */
@Injectable()
export class ApplicationDirectory {
  /** Reference, sponsor and patient account of these applications, by id (absent ids are left out). */
  async contexts(m: EntityManager, applicationIds: readonly string[]): Promise<Map<string, { reference: string; sponsorHospitalId: string; patientUserId: string | null }>> {
    if (applicationIds.length === 0) return new Map();
    const rows: { id: string; reference: string; sponsorHospitalId: string; patientUserId: string | null }[] = await m.query(
      `SELECT id, reference, sponsor_hospital_id AS "sponsorHospitalId", patient_user_id AS "patientUserId" FROM visa_applications WHERE id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return new Map(rows.map(({ id, ...context }) => [id, context]));
  }

  async patient(m: EntityManager, patientId: string): Promise<PatientRecord | null> {
    const [row] = await m.query(
      `SELECT p.id, p.name, p.email,
              coalesce(array_agg(DISTINCT a.sponsor_hospital_id) FILTER (WHERE a.status <> 'withdrawn'), '{}') AS "sponsorHospitalIds",
              count(a.id) > 0 AS submitted
         FROM patients p
         LEFT JOIN visa_applications a ON a.patient_id = p.id AND a.submitted_at IS NOT NULL AND a.patient_consent IS DISTINCT FROM 'awaiting'
        WHERE p.id = $1 GROUP BY p.id`,
      [patientId],
    );
    return row ?? null;
  }

  /**
   * The history of an application linked to its patient; one still waiting for the patient's
   * consent is not theirs yet (spec/security.md), so it is null like an unknown one.
   */
  async history(m: EntityManager, applicationId: string): Promise<ApplicationHistory | null> {
    const [app] = await m.query(
      `SELECT id AS "applicationId", reference, patient_id AS "patientId", sponsor_hospital_id AS "sponsorHospitalId", status, created_at AS "createdAt"
         FROM visa_applications WHERE id = $1 AND patient_consent IS DISTINCT FROM 'awaiting'`,
      [applicationId],
    );
    if (!app) return null;
    const persons = await m.query(
      `SELECT id, role, given_names || ' ' || surname AS name FROM visa_persons WHERE application_id = $1 ORDER BY ordinal`,
      [applicationId],
    );
    const events = await m.query(
      `SELECT id::text, action, from_status AS "fromStatus", to_status AS "toStatus", occurred_at AS "occurredAt", details
         FROM visa_application_events WHERE application_id = $1 ORDER BY id`,
      [applicationId],
    );
    return { ...app, persons, events };
  }

  /** Application ids in creation order, a page after `after` (keyset), for a module that backfills. */
  async applicationIds(m: EntityManager, after: { createdAt: Date; id: string } | null, limit: number): Promise<{ id: string; createdAt: Date }[]> {
    return m.query(
      `SELECT id, created_at AS "createdAt" FROM visa_applications
        WHERE $1::timestamptz IS NULL OR (created_at, id) > ($1, $2::uuid) ORDER BY created_at, id LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }
}
