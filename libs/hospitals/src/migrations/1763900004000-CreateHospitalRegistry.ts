import type { MigrationInterface, QueryRunner } from 'typeorm';

const TYPES = `'tertiary_general','general','hospital','clinic','dental','korean_medicine'`;
const REGIONS = `'Seoul','Busan','Daegu','Incheon','Gwangju','Daejeon','Ulsan','Sejong','Gyeonggi','Gangwon','Chungbuk','Chungnam','Jeonbuk','Jeonnam','Gyeongbuk','Gyeongnam','Jeju'`;
const SPECIALTIES = `'plastic_surgery','dermatology','internal_medicine','health_screening','oncology','cardiology','orthopedics','neurology','obstetrics_gynecology','ophthalmology','dentistry','korean_medicine','organ_transplant','fertility','rehabilitation','pediatrics'`;

/** Hospitals, designation applications, designations and their reminders (spec/hospitals.md). */
export class CreateHospitalRegistry1763900004000 implements MigrationInterface {
  name = 'CreateHospitalRegistry1763900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hospitals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        name_local text,
        license_number text NOT NULL,
        type text NOT NULL CHECK (type IN (${TYPES})),
        bed_count integer NOT NULL CHECK (bed_count >= 0),
        region text NOT NULL CHECK (region IN (${REGIONS})),
        address text NOT NULL,
        specialties text[] NOT NULL DEFAULT '{}' CHECK (specialties <@ ARRAY[${SPECIALTIES}]::text[]),
        languages text[] NOT NULL DEFAULT '{}',
        registration_number text,
        registration_valid_until date,
        kahf_number text,
        kahf_valid_until date,
        koiha_number text,
        koiha_valid_until date,
        k_healthcare_mark_awarded_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hospitals_registration_whole CHECK ((registration_number IS NULL) = (registration_valid_until IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX hospitals_license_number_key ON hospitals (license_number)`);
    // The public directory pages by name; its filters use GIN on the arrays.
    await q.query(`CREATE INDEX hospitals_name_id_idx ON hospitals (name, id)`);
    await q.query(`CREATE INDEX hospitals_specialties_idx ON hospitals USING gin (specialties)`);
    await q.query(`CREATE INDEX hospitals_languages_idx ON hospitals USING gin (languages)`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_hospital_fk FOREIGN KEY (hospital_id) REFERENCES hospitals(id)`);

    await q.query(`
      CREATE TABLE designation_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hospital_id uuid NOT NULL REFERENCES hospitals(id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
        status text NOT NULL CHECK (status IN ('pending','ineligible','approved','rejected')),
        route text NOT NULL CHECK (route IN ('fast_track','reviewed')),
        system_figures jsonb NOT NULL,
        declared_figures jsonb NOT NULL,
        score numeric(6,2),
        score_breakdown jsonb,
        eligibility_failures jsonb NOT NULL DEFAULT '[]',
        decision_note text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        submitted_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live application per hospital and year; a refused one may be followed by another.
    await q.query(`CREATE UNIQUE INDEX designation_applications_live_key ON designation_applications (hospital_id, year) WHERE status IN ('pending','approved')`);
    await q.query(`CREATE INDEX designation_applications_status_score_idx ON designation_applications (status, score DESC, id)`);

    await q.query(`
      CREATE TABLE designations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hospital_id uuid NOT NULL REFERENCES hospitals(id),
        year integer NOT NULL,
        status text NOT NULL CHECK (status IN ('active','suspended','expired','cancelled')),
        valid_from date NOT NULL,
        valid_until date NOT NULL,
        score numeric(6,2),
        route text NOT NULL CHECK (route IN ('fast_track','reviewed')),
        sanction_level integer NOT NULL DEFAULT 0 CHECK (sanction_level BETWEEN 0 AND 4),
        suspended_until timestamptz,
        application_id uuid REFERENCES designation_applications(id),
        status_note text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT designations_period CHECK (valid_until > valid_from),
        CONSTRAINT designations_suspension_has_end CHECK (status <> 'suspended' OR suspended_until IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX designations_hospital_year_key ON designations (hospital_id, year)`);
    await q.query(`CREATE INDEX designations_year_status_idx ON designations (year, status)`);

    // Each overstay counts once (by its reference), whoever reports it and however often.
    await q.query(`
      CREATE TABLE designation_sanctions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        designation_id uuid NOT NULL REFERENCES designations(id),
        reference text NOT NULL,
        level integer NOT NULL CHECK (level BETWEEN 1 AND 4),
        kind text NOT NULL CHECK (kind IN ('warning','suspension','cancellation')),
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (designation_id, reference)
      )`);
    await q.query(`
      CREATE TABLE designation_reminders (
        designation_id uuid NOT NULL REFERENCES designations(id),
        days_before integer NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (designation_id, days_before)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE designation_reminders`);
    await q.query(`DROP TABLE designation_sanctions`);
    await q.query(`DROP TABLE designations`);
    await q.query(`DROP TABLE designation_applications`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_hospital_fk`);
    await q.query(`DROP TABLE hospitals`);
  }
}
