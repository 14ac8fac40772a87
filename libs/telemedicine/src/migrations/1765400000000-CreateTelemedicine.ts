import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up telemedicine (spec/telemedicine.md): clinicians' schedules, appointments and the
 * secrets of participants' calendar feeds. Two exclusion constraints keep a clinician and a
 * patient out of two overlapping booked appointments, whichever transaction commits first; the
 * interpreter's time is held in matching's provider_bookings, through its door.
 */
export class CreateTelemedicine1765400000000 implements MigrationInterface {
  name = 'CreateTelemedicine1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE clinician_schedules (
        clinician_id uuid PRIMARY KEY,
        hospital_id uuid NOT NULL,
        timezone text NOT NULL,
        slot_minutes integer NOT NULL,
        weekly jsonb NOT NULL,
        exceptions jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL,
        CONSTRAINT clinician_schedules_slot_minutes CHECK (slot_minutes IN (15, 20, 30, 60))
      )`);
    await q.query(`
      CREATE TABLE telemedicine_appointments (
        id uuid PRIMARY KEY,
        clinician_id uuid NOT NULL,
        hospital_id uuid NOT NULL,
        patient_id uuid NOT NULL,
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'booked',
        -- The law in force when it was booked (TELEMEDICINE_POLICY), kept whatever the setting becomes.
        policy text NOT NULL,
        local_clinician jsonb,
        interpreter_language text,
        interpreter_provider_id uuid,
        -- The source id of the interpreter's live booking in matching's provider_bookings (new at each rebooking).
        interpreter_booking_id uuid,
        room_token text NOT NULL UNIQUE,
        -- RFC 5545 SEQUENCE: raised at every change calendars must see.
        sequence integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT telemedicine_appointments_window CHECK (end_at > start_at),
        CONSTRAINT telemedicine_appointments_status CHECK (status IN ('booked','fulfilled','cancelled','noshow')),
        CONSTRAINT telemedicine_appointments_policy CHECK (policy IN ('direct_follow_up','doctor_to_doctor')),
        CONSTRAINT telemedicine_appointments_local_clinician CHECK (policy = 'direct_follow_up' OR local_clinician IS NOT NULL),
        CONSTRAINT telemedicine_appointments_interpreter CHECK ((interpreter_language IS NULL) = (interpreter_provider_id IS NULL)),
        CONSTRAINT telemedicine_clinician_no_overlap EXCLUDE USING gist (clinician_id WITH =, (tstzrange(start_at, end_at, '[)')) WITH &&) WHERE (status = 'booked'),
        CONSTRAINT telemedicine_patient_no_overlap EXCLUDE USING gist (patient_id WITH =, (tstzrange(start_at, end_at, '[)')) WITH &&) WHERE (status = 'booked')
      )`);
    // The scoped lists, by start.
    await q.query(`CREATE INDEX telemedicine_appointments_clinician_idx ON telemedicine_appointments (clinician_id, start_at, id)`);
    await q.query(`CREATE INDEX telemedicine_appointments_patient_idx ON telemedicine_appointments (patient_id, start_at, id)`);
    await q.query(`CREATE INDEX telemedicine_appointments_hospital_idx ON telemedicine_appointments (hospital_id, start_at, id)`);
    await q.query(`CREATE INDEX telemedicine_appointments_interpreter_idx ON telemedicine_appointments (interpreter_provider_id, start_at, id) WHERE interpreter_provider_id IS NOT NULL`);
    // A participant's subscribable feed: only the SHA-256 of its secret is kept.
    await q.query(`
      CREATE TABLE telemedicine_feeds (
        user_id uuid PRIMARY KEY,
        token_sha256 text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE telemedicine_feeds`);
    await q.query(`DROP TABLE telemedicine_appointments`);
    await q.query(`DROP TABLE clinician_schedules`);
  }
}
