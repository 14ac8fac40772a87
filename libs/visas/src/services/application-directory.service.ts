import { Injectable } from '@nestjs/common';
import { SlaClockService } from '@medjourney/sla';
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

/** What the programme's figures count of an application (spec/statistics.md): its keys, persons and processing. */
export interface ApplicationFigures {
  applicationId: string;
  patientId: string;
  sponsorHospitalId: string;
  /** The patient's nationality (ISO 3166 alpha-3): the application counts under it. */
  nationality: string;
  specialty: string;
  track: 'e_visa' | 'certificate' | null;
  persons: { id: string; role: 'patient' | 'companion'; outcome: 'approve' | 'reject' | null }[];
  /** The processing clock once decided: counted seconds (pauses excluded) and whether the target was met. */
  processing: { countedSeconds: number; withinTarget: boolean } | null;
}

/** What other modules may ask about an application or a patient by id. */
@Injectable()
export class ApplicationDirectory {
  constructor(private readonly sla: SlaClockService) {}

  /** The figures' facts of these applications, by id (absent ids are left out). */
  async figures(m: EntityManager, applicationIds: readonly string[]): Promise<Map<string, ApplicationFigures>> {
    if (applicationIds.length === 0) return new Map();
    // One round trip, persons with their application (the statistics' subscriber reads this for a batch of events).
    const apps: {
      id: string; patientId: string; sponsorHospitalId: string; specialty: string; track: 'e_visa' | 'certificate' | null; status: string; submittedAt: Date | null; closedAt: Date | null; escalationLevel: number;
      persons: { id: string; role: 'patient' | 'companion'; outcome: 'approve' | 'reject' | null; nationality: string }[];
    }[] = await m.query(
      `SELECT a.id, a.patient_id AS "patientId", a.sponsor_hospital_id AS "sponsorHospitalId", a.treatment->>'specialty' AS specialty, a.track, a.status,
              a.submitted_at AS "submittedAt", a.closed_at AS "closedAt", a.escalation_level AS "escalationLevel",
              coalesce((SELECT json_agg(json_build_object('id', p.id, 'role', p.role, 'outcome', p.outcome, 'nationality', p.nationality) ORDER BY p.ordinal)
                          FROM visa_persons p WHERE p.application_id = a.id), '[]') AS persons
         FROM visa_applications a WHERE a.id = ANY($1::uuid[])`,
      [applicationIds],
    );
    const decided = apps.filter((a) => a.status === 'approved' || a.status === 'rejected');
    const views = await this.sla.views(m, decided);
    return new Map(
      apps.map((a) => {
        const view = views.get(a.id);
        return [
          a.id,
          {
            applicationId: a.id,
            patientId: a.patientId,
            sponsorHospitalId: a.sponsorHospitalId,
            nationality: a.persons.find((p) => p.role === 'patient')!.nationality,
            specialty: a.specialty,
            track: a.track,
            persons: a.persons.map(({ id, role, outcome }) => ({ id, role, outcome })),
            processing: view ? { countedSeconds: view.countedSeconds, withinTarget: view.state === 'met' } : null,
          },
        ];
      }),
    );
  }

  /** The application and role of these persons (visa_persons ids), by person. */
  async applicationsOfPersons(m: EntityManager, personIds: readonly string[]): Promise<Map<string, { applicationId: string; role: 'patient' | 'companion' }>> {
    if (personIds.length === 0) return new Map();
    const rows: { id: string; applicationId: string; role: 'patient' | 'companion' }[] = await m.query(
      `SELECT id, application_id AS "applicationId", role FROM visa_persons WHERE id = ANY($1::uuid[])`,
      [personIds],
    );
    return new Map(rows.map(({ id, ...rest }) => [id, rest]));
  }

  /**
   * Each patient's latest submitted application (the one whose keys their care requests count
   * under), by patient. A draft, or one still waiting for the patient's consent (never submitted,
   * by a constraint), is no one's figure: a patient with neither is left out.
   */
  async latestApplicationOfPatients(m: EntityManager, patientIds: readonly string[]): Promise<Map<string, string>> {
    if (patientIds.length === 0) return new Map();
    const rows: { patientId: string; id: string }[] = await m.query(
      `SELECT DISTINCT ON (patient_id) patient_id AS "patientId", id FROM visa_applications
        WHERE patient_id = ANY($1::uuid[]) AND submitted_at IS NOT NULL ORDER BY patient_id, submitted_at DESC, created_at DESC`,
      [patientIds],
    );
    return new Map(rows.map((r) => [r.patientId, r.id]));
  }
  /** Reference, sponsor and patient account of these applications, by id (absent ids are left out). */
  async contexts(m: EntityManager, applicationIds: readonly string[]): Promise<Map<string, { reference: string; sponsorHospitalId: string; patientUserId: string | null }>> {
    if (applicationIds.length === 0) return new Map();
    const rows: { id: string; reference: string; sponsorHospitalId: string; patientUserId: string | null }[] = await m.query(
      `SELECT id, reference, sponsor_hospital_id AS "sponsorHospitalId", patient_user_id AS "patientUserId" FROM visa_applications WHERE id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return new Map(rows.map(({ id, ...context }) => [id, context]));
  }

  /** The names of these patient records, by id (absent ids are left out): for lists that say whom a row is for. */
  async patientNames(m: EntityManager, patientIds: readonly string[]): Promise<Map<string, string>> {
    if (patientIds.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await m.query('SELECT id, name FROM patients WHERE id = ANY($1::uuid[])', [[...new Set(patientIds)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
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
   * The histories of these applications linked to their patients, by id; one still waiting for
   * the patient's consent is not theirs yet (spec/security.md), so it is left out like an unknown one.
   */
  async histories(m: EntityManager, applicationIds: readonly string[]): Promise<Map<string, ApplicationHistory>> {
    if (applicationIds.length === 0) return new Map();
    // One round trip for a whole delivery batch (the journey's subscriber reads this for every event of an application).
    const rows: (Omit<ApplicationHistory, 'events'> & { events: (Omit<ApplicationHistory['events'][number], 'occurredAt'> & { occurredAt: string })[] })[] = await m.query(
      `SELECT a.id AS "applicationId", a.reference, a.patient_id AS "patientId", a.sponsor_hospital_id AS "sponsorHospitalId", a.status, a.created_at AS "createdAt",
              coalesce((SELECT json_agg(json_build_object('id', p.id, 'role', p.role, 'name', p.given_names || ' ' || p.surname) ORDER BY p.ordinal)
                          FROM visa_persons p WHERE p.application_id = a.id), '[]') AS persons,
              coalesce((SELECT json_agg(json_build_object('id', e.id::text, 'action', e.action, 'fromStatus', e.from_status, 'toStatus', e.to_status, 'occurredAt', e.occurred_at, 'details', e.details) ORDER BY e.id)
                          FROM visa_application_events e WHERE e.application_id = a.id), '[]') AS events
         FROM visa_applications a WHERE a.id = ANY($1::uuid[]) AND a.patient_consent IS DISTINCT FROM 'awaiting'`,
      [[...new Set(applicationIds)]],
    );
    return new Map(rows.map((app) => [app.applicationId, { ...app, events: app.events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })) }]));
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
