import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'draft','sponsor_review','submitted','in_review','supplement_requested','approved','rejected','withdrawn'`;

/** Patients, visa applications with their persons, documents and history, and visas (spec/visas.md). */
export class CreateVisaApplications1763900005000 implements MigrationInterface {
  name = 'CreateVisaApplications1763900005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE patients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX patients_email_key ON patients (email)`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_patient_fk FOREIGN KEY (patient_id) REFERENCES patients(id)`);

    await q.query(`CREATE SEQUENCE visa_application_reference_seq`);
    await q.query(`
      CREATE TABLE visa_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL,
        sponsor_hospital_id uuid NOT NULL REFERENCES hospitals(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        patient_user_id uuid NOT NULL REFERENCES users(id),
        created_by uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN (${STATUSES})),
        track text CHECK (track IN ('e_visa','certificate')),
        category text NOT NULL CHECK (category IN ('C-3-3','G-1-10')),
        entries text NOT NULL CHECK (entries IN ('single','double','multiple')),
        stay_from date NOT NULL,
        stay_until date NOT NULL,
        treatment jsonb NOT NULL,
        assigned_officer_id uuid REFERENCES users(id),
        assigned_at timestamptz,
        supplement jsonb,
        submitted_at timestamptz,
        -- When the processing target falls due; NULL while the clock is paused or stopped.
        due_at timestamptz,
        decided_at timestamptz,
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT visa_applications_stay_order CHECK (stay_until >= stay_from),
        CONSTRAINT visa_applications_track_fixed_at_submission CHECK ((track IS NULL) = (submitted_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX visa_applications_reference_key ON visa_applications (reference)`);
    await q.query(`CREATE INDEX visa_applications_sponsor_idx ON visa_applications (sponsor_hospital_id, status, id)`);
    await q.query(`CREATE INDEX visa_applications_patient_user_idx ON visa_applications (patient_user_id)`);
    await q.query(`CREATE INDEX visa_applications_officer_idx ON visa_applications (assigned_officer_id, status, submitted_at DESC, id)`);
    // The officers' work queue: by due time, filtered by status.
    await q.query(`CREATE INDEX visa_applications_officer_due_idx ON visa_applications (assigned_officer_id, status, due_at, id) WHERE due_at IS NOT NULL`);
    await q.query(`CREATE INDEX visa_applications_status_due_idx ON visa_applications (status, due_at, id) WHERE due_at IS NOT NULL`);
    await q.query(`CREATE INDEX visa_applications_status_submitted_idx ON visa_applications (status, submitted_at DESC, id)`);

    await q.query(`
      CREATE TABLE visa_persons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES visa_applications(id) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        role text NOT NULL CHECK (role IN ('patient','companion')),
        relationship text CHECK (relationship IN ('spouse','child','parent','sibling','caregiver','guardian')),
        surname text NOT NULL,
        given_names text NOT NULL,
        sex text NOT NULL CHECK (sex IN ('M','F','X')),
        date_of_birth_sealed text NOT NULL,
        nationality text NOT NULL CHECK (nationality ~ '^[A-Z]{3}$'),
        passport_number_sealed text NOT NULL,
        passport_hash text NOT NULL,
        passport_search_hash text NOT NULL,
        passport_expiry date NOT NULL,
        email text,
        outcome text CHECK (outcome IN ('approve','reject')),
        reason_code text CHECK (reason_code IN ('insufficient_documents','purpose_not_established','inadmissible','previous_overstay','security','other')),
        -- Set while the application is open; the unique index keeps a person in one open application.
        open_passport_hash text,
        CONSTRAINT visa_persons_role_relationship CHECK ((role = 'patient') = (relationship IS NULL)),
        CONSTRAINT visa_persons_reject_has_reason CHECK (outcome IS DISTINCT FROM 'reject' OR reason_code IS NOT NULL),
        UNIQUE (application_id, ordinal)
      )`);
    await q.query(`CREATE UNIQUE INDEX visa_persons_one_patient ON visa_persons (application_id) WHERE role = 'patient'`);
    await q.query(`CREATE UNIQUE INDEX visa_persons_open_passport_key ON visa_persons (open_passport_hash) WHERE open_passport_hash IS NOT NULL`);
    await q.query(`CREATE INDEX visa_persons_search_idx ON visa_persons (passport_search_hash)`);

    await q.query(`
      CREATE TABLE visa_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES visa_applications(id) ON DELETE CASCADE,
        person_id uuid REFERENCES visa_persons(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('passport_copy','medical_confirmation','diagnosis','treatment_plan','proof_of_funds','relationship_proof','caregiver_letter')),
        filename text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png')),
        size integer NOT NULL CHECK (size > 0 AND size <= 10485760),
        sha256 text NOT NULL,
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX visa_documents_application_idx ON visa_documents (application_id)`);

    await q.query(`
      CREATE TABLE visa_application_events (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES visa_applications(id) ON DELETE CASCADE,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid,
        actor_role text,
        details jsonb,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX visa_application_events_application_idx ON visa_application_events (application_id, id)`);

    await q.query(`
      CREATE TABLE visas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES visa_applications(id),
        person_id uuid NOT NULL UNIQUE REFERENCES visa_persons(id),
        number text NOT NULL UNIQUE CHECK (length(number) = 10),
        category text NOT NULL,
        entries text NOT NULL,
        issued_at timestamptz NOT NULL,
        enter_by date NOT NULL,
        max_stay_days integer NOT NULL CHECK (max_stay_days BETWEEN 1 AND 365),
        status text NOT NULL CHECK (status IN ('issued','used','cancelled')),
        cancel_reason text,
        version integer NOT NULL DEFAULT 1
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE visas`);
    await q.query(`DROP TABLE visa_application_events`);
    await q.query(`DROP TABLE visa_documents`);
    await q.query(`DROP TABLE visa_persons`);
    await q.query(`DROP TABLE visa_applications`);
    await q.query(`DROP SEQUENCE visa_application_reference_seq`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_patient_fk`);
    await q.query(`DROP TABLE patients`);
  }
}
