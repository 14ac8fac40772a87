import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journey module's tables (spec/journey.md): physical events, stays and admissions with
 * the rules' state, overstays, the patient profile, and the timeline's read model (fed by
 * domain events). Patients, persons and visas are visas' tables: referenced by id, no foreign key.
 */
export class CreateJourney1764800001000 implements MigrationInterface {
  name = 'CreateJourney1764800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journey_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('arrived','departed','entry_refused','admitted','discharged')),
        at timestamptz NOT NULL,
        -- admitted and discharged: the treating hospital.
        hospital_id uuid,
        recorded_by uuid NOT NULL,
        recorded_role text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT journey_events_hospital CHECK ((type IN ('admitted','discharged')) = (hospital_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX journey_events_patient_idx ON journey_events (patient_id, at)`);
    // One row per person who crossed (or was refused at) the border, with the sponsor it counts against.
    await q.query(`
      CREATE TABLE journey_border_persons (
        event_id uuid NOT NULL REFERENCES journey_events(id),
        person_id uuid NOT NULL,
        visa_id uuid NOT NULL,
        sponsor_hospital_id uuid NOT NULL,
        PRIMARY KEY (event_id, person_id)
      )`);
    await q.query(`CREATE INDEX journey_border_persons_sponsor_idx ON journey_border_persons (sponsor_hospital_id)`);
    await q.query(`
      CREATE TABLE journey_stays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        person_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('patient','companion')),
        name text NOT NULL,
        visa_id uuid NOT NULL,
        sponsor_hospital_id uuid NOT NULL,
        arrived_at timestamptz NOT NULL,
        -- The last day of the permitted stay (Korean date).
        ends_on date NOT NULL,
        departed_at timestamptz,
        CONSTRAINT journey_stays_order CHECK (departed_at IS NULL OR departed_at >= arrived_at)
      )`);
    // A person is in Korea once at a time.
    await q.query(`CREATE UNIQUE INDEX journey_stays_open_key ON journey_stays (person_id) WHERE departed_at IS NULL`);
    await q.query(`CREATE INDEX journey_stays_patient_idx ON journey_stays (patient_id, arrived_at)`);
    await q.query(`CREATE INDEX journey_stays_overdue_idx ON journey_stays (ends_on) WHERE departed_at IS NULL`);
    await q.query(`
      CREATE TABLE journey_admissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        hospital_id uuid NOT NULL,
        admitted_at timestamptz NOT NULL,
        discharged_at timestamptz,
        CONSTRAINT journey_admissions_order CHECK (discharged_at IS NULL OR discharged_at >= admitted_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX journey_admissions_open_key ON journey_admissions (patient_id) WHERE discharged_at IS NULL`);
    await q.query(`CREATE INDEX journey_admissions_hospital_idx ON journey_admissions (hospital_id, patient_id)`);
    await q.query(`
      CREATE TABLE journey_overstays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        person_id uuid NOT NULL,
        visa_id uuid NOT NULL,
        stay_id uuid NOT NULL REFERENCES journey_stays(id),
        sponsor_hospital_id uuid NOT NULL,
        stay_ended_on date NOT NULL,
        detected_at timestamptz NOT NULL,
        -- Set once the sponsor's sanction ladder has counted it (hospitals' door, idempotent by reference).
        sanction_recorded_at timestamptz,
        -- However often the nightly job runs: once per person and visa.
        CONSTRAINT journey_overstays_once UNIQUE (person_id, visa_id)
      )`);
    await q.query(`CREATE INDEX journey_overstays_sponsor_idx ON journey_overstays (sponsor_hospital_id, detected_at)`);
    await q.query(`
      CREATE TABLE journey_profiles (
        patient_id uuid PRIMARY KEY,
        phone text,
        languages text[] NOT NULL DEFAULT '{}',
        timezone text,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL
      )`);
    // The timeline's read model: applications as their events told them, and the entries.
    await q.query(`
      CREATE TABLE journey_applications (
        application_id uuid PRIMARY KEY,
        patient_id uuid NOT NULL,
        reference text NOT NULL,
        sponsor_hospital_id uuid NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        -- The open supplement request: what to upload and by when.
        supplement jsonb
      )`);
    await q.query(`CREATE INDEX journey_applications_patient_idx ON journey_applications (patient_id, created_at)`);
    await q.query(`
      CREATE TABLE journey_entries (
        id bigserial PRIMARY KEY,
        patient_id uuid NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        summary text NOT NULL,
        refs jsonb NOT NULL DEFAULT '{}',
        -- What the entry was made from (a history line, a domain event): a repeat adds nothing.
        source text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX journey_entries_patient_idx ON journey_entries (patient_id, at, id)`);
    await q.query(`CREATE TABLE journey_backfills (name text PRIMARY KEY, done_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['journey_backfills', 'journey_entries', 'journey_applications', 'journey_profiles', 'journey_overstays', 'journey_admissions', 'journey_stays', 'journey_border_persons', 'journey_events']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
