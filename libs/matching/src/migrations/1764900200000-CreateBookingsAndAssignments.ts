import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One table of provider bookings, whoever books (a care assignment, later a telemedicine
 * interpreter): the exclusion constraint makes two live bookings of one provider overlap
 * nowhere, whichever transaction commits first. Care assignments hold one booking each.
 */
export class CreateBookingsAndAssignments1764900200000 implements MigrationInterface {
  name = 'CreateBookingsAndAssignments1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES care_providers(id),
        during tstzrange NOT NULL,
        live boolean NOT NULL DEFAULT true,
        source text NOT NULL,
        source_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT provider_bookings_half_open CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
        CONSTRAINT provider_bookings_source_known CHECK (source IN ('care_assignment','telemedicine')),
        CONSTRAINT provider_bookings_no_overlap EXCLUDE USING gist (provider_id WITH =, during WITH &&) WHERE (live)
      )`);
    await q.query(`CREATE UNIQUE INDEX provider_bookings_source_key ON provider_bookings (source, source_id)`);
    // Hours booked in a week count by the week each booking starts in.
    await q.query(`CREATE INDEX provider_bookings_start_idx ON provider_bookings (provider_id, lower(during)) WHERE live`);
    await q.query(`
      CREATE TABLE care_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES care_providers(id),
        patient_id uuid NOT NULL,
        hospital_id uuid NOT NULL,
        kind text NOT NULL,
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        match_id uuid,
        language text,
        respond_by timestamptz NOT NULL,
        responded_at timestamptz,
        rating smallint,
        comment text,
        created_by uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT care_assignments_kind_known CHECK (kind IN ('interpreter','caregiver')),
        CONSTRAINT care_assignments_status_known CHECK (status IN ('pending','confirmed','completed','declined','expired','cancelled')),
        CONSTRAINT care_assignments_window CHECK (end_at > start_at),
        CONSTRAINT care_assignments_rating_range CHECK (rating IS NULL OR rating BETWEEN 1 AND 5)
      )`);
    await q.query(`CREATE INDEX care_assignments_hospital_idx ON care_assignments (hospital_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX care_assignments_provider_idx ON care_assignments (provider_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX care_assignments_patient_idx ON care_assignments (patient_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX care_assignments_match_idx ON care_assignments (match_id) WHERE match_id IS NOT NULL`);
    await q.query(`CREATE INDEX care_assignments_pending_idx ON care_assignments (respond_by) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE care_assignments`);
    await q.query(`DROP TABLE provider_bookings`);
  }
}
