import { Injectable } from '@nestjs/common';
import { AuditService, Clock, DomainError, type Actor } from '@medjourney/platform';
import { ApplicationDirectory, type PatientRecord } from '@medjourney/visas';
import { DataSource, type EntityManager } from 'typeorm';
import type { PatientProfileDto, UpdatePatientProfileBody } from '../dto/journey.dto.js';
import { JourneyAccess } from './journey-access.js';

interface ProfileRow {
  phone: string | null;
  languages: string[];
  timezone: string | null;
  version: number;
}

/**
 * The patient profile (spec/journey.md): name and e-mail from the visas module's patient
 * record, phone, languages and time zone kept by journey in its own table (docs/decisions.md),
 * for matching and telemedicine to read through this module's door.
 */
@Injectable()
export class PatientProfilesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: JourneyAccess,
    private readonly directory: ApplicationDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, patientId: string): Promise<PatientProfileDto> {
    const record = await this.access.patient(this.db.manager, actor, patientId, 'read_profile');
    return view(record, await this.row(this.db.manager, patientId));
  }

  async update(actor: Actor, patientId: string, body: UpdatePatientProfileBody): Promise<PatientProfileDto> {
    return this.db.transaction(async (m) => {
      const record = await this.access.patient(m, actor, patientId, 'edit_profile');
      await m.query(`INSERT INTO journey_profiles (patient_id, updated_at) VALUES ($1, $2) ON CONFLICT (patient_id) DO NOTHING`, [patientId, this.clock.now()]);
      const before = (await m.query('SELECT phone, languages, timezone, version FROM journey_profiles WHERE patient_id = $1 FOR UPDATE', [patientId]))[0] as ProfileRow;
      if (body.version !== undefined && body.version !== before.version) throw DomainError.conflict('CONFLICT', `The profile is at version ${before.version}; reload and try again.`);
      const after: ProfileRow = {
        phone: body.phone !== undefined ? body.phone : before.phone,
        languages: body.languages ?? before.languages,
        timezone: body.timezone !== undefined ? body.timezone : before.timezone,
        version: before.version + 1,
      };
      await m.query(`UPDATE journey_profiles SET phone = $2, languages = $3, timezone = $4, version = $5, updated_at = $6 WHERE patient_id = $1`, [
        patientId, after.phone, after.languages, after.timezone, after.version, this.clock.now(),
      ]);
      await this.audit.record(m, { action: 'patient.profile_updated', entityType: 'patient', entityId: patientId, before, after });
      return view(record, after);
    });
  }

  /** Languages (preferred first) and time zone, for modules that match or schedule for a patient. */
  async preferences(patientId: string, m: EntityManager = this.db.manager): Promise<{ languages: string[]; timezone: string | null }> {
    const row = await this.row(m, patientId);
    return { languages: row.languages, timezone: row.timezone };
  }

  /** The languages (preferred first) and zone of each of these patients who has a profile, for the notices and e-mails they receive. */
  async preferencesOfMany(patientIds: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, { languages: string[]; timezone: string | null }>> {
    if (patientIds.length === 0) return new Map();
    const rows: { patient_id: string; languages: string[]; timezone: string | null }[] = await m.query(
      'SELECT patient_id, languages, timezone FROM journey_profiles WHERE patient_id = ANY($1::uuid[])',
      [[...new Set(patientIds)]],
    );
    return new Map(rows.map((r) => [r.patient_id, { languages: r.languages, timezone: r.timezone }]));
  }

  /** How many of these patients prefer each language (the first of their profile's), for the ministry's demand figures. */
  async preferredLanguageCounts(patientIds: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, number>> {
    if (patientIds.length === 0) return new Map();
    const rows: { language: string; n: number }[] = await m.query(
      `SELECT languages[1] AS language, count(*)::int AS n FROM journey_profiles
        WHERE patient_id = ANY($1::uuid[]) AND cardinality(languages) > 0 GROUP BY languages[1]`,
      [patientIds],
    );
    return new Map(rows.map((r) => [r.language, r.n]));
  }

  /**
   * The same, for a caller acting for the patient (a match for them): anyone but the patient
   * and their treating hospitals' coordinators is told the patient does not exist (404).
   */
  async preferencesFor(actor: Actor, patientId: string, m: EntityManager = this.db.manager): Promise<{ languages: string[]; timezone: string | null }> {
    await this.assertActsFor(actor, patientId, m);
    return this.preferences(patientId, m);
  }

  /** Refuses (404) a caller who may not book care for this patient: journey's door (`JourneyAccess`, purpose `care`). */
  async assertActsFor(actor: Actor, patientId: string, m: EntityManager = this.db.manager): Promise<void> {
    await this.access.mayActFor(m, actor, patientId, 'care');
  }

  /** Name, e-mail, time zone and languages (preferred first) of a patient record, or null when there is none (for modules that show or schedule for the patient; no scope). */
  async contactOf(patientId: string, m: EntityManager = this.db.manager): Promise<{ name: string; email: string; timezone: string | null; languages: string[] } | null> {
    const record = await this.access.record(m, patientId);
    if (!record) return null;
    const row = await this.row(m, patientId);
    return { name: record.name, email: record.email, timezone: row.timezone, languages: row.languages };
  }

  /** The names of these patients, by id, in one query (for lists that show whom each row is for; no scope: the caller's list is scoped already). */
  namesOf(patientIds: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    return this.directory.patientNames(m, patientIds);
  }

  private async row(m: EntityManager, patientId: string): Promise<ProfileRow> {
    const [row] = await m.query('SELECT phone, languages, timezone, version FROM journey_profiles WHERE patient_id = $1', [patientId]);
    return row ?? { phone: null, languages: [], timezone: null, version: 1 };
  }
}

function view(record: PatientRecord, row: ProfileRow): PatientProfileDto {
  return { id: record.id, name: record.name, email: record.email, phone: row.phone, languages: row.languages, timezone: row.timezone, version: row.version };
}
