import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry of caregivers and interpreters (spec/matching.md). Languages and certifications
 * sit in tables of their own, and the weekly hours are also kept as instants
 * (care_provider_availability), so that matching filters them with indexes in PostgreSQL.
 */
export class CreateCareProviderRegistry1764900100000 implements MigrationInterface {
  name = 'CreateCareProviderRegistry1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE care_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        name text NOT NULL,
        email text,
        phone text,
        regions text[] NOT NULL DEFAULT '{}',
        hospital_ids uuid[] NOT NULL DEFAULT '{}',
        specialties text[] NOT NULL DEFAULT '{}',
        max_hours_per_week integer NOT NULL DEFAULT 40,
        rating numeric(3,2),
        rating_count integer NOT NULL DEFAULT 0,
        rating_sum integer NOT NULL DEFAULT 0,
        timezone text NOT NULL DEFAULT 'Asia/Seoul',
        weekly jsonb NOT NULL DEFAULT '[]',
        exceptions jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT false,
        verified_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT care_providers_kind_known CHECK (kind IN ('interpreter','caregiver')),
        CONSTRAINT care_providers_hours_range CHECK (max_hours_per_week BETWEEN 1 AND 168),
        CONSTRAINT care_providers_rating_range CHECK (rating IS NULL OR rating BETWEEN 1 AND 5)
      )`);
    await q.query(`CREATE INDEX care_providers_kind_active_idx ON care_providers (kind, active, id)`);
    await q.query(`CREATE INDEX care_providers_name_idx ON care_providers (name, id)`);
    await q.query(`
      CREATE TABLE care_provider_languages (
        provider_id uuid NOT NULL REFERENCES care_providers(id) ON DELETE CASCADE,
        code text NOT NULL,
        level text NOT NULL,
        PRIMARY KEY (code, provider_id),
        CONSTRAINT care_provider_languages_level_known CHECK (level IN ('native','fluent','professional'))
      )`);
    await q.query(`CREATE INDEX care_provider_languages_provider_idx ON care_provider_languages (provider_id)`);
    await q.query(`
      CREATE TABLE care_provider_certifications (
        provider_id uuid NOT NULL REFERENCES care_providers(id) ON DELETE CASCADE,
        type text NOT NULL,
        number text NOT NULL,
        valid_until date NOT NULL,
        PRIMARY KEY (provider_id, type, number),
        CONSTRAINT care_provider_certifications_type_known CHECK (type IN ('medical_interpreter','care_worker','nursing_assistant'))
      )`);
    await q.query(`CREATE INDEX care_provider_certifications_valid_idx ON care_provider_certifications (provider_id, type, valid_until)`);
    await q.query(`
      CREATE TABLE care_provider_availability (
        provider_id uuid NOT NULL REFERENCES care_providers(id) ON DELETE CASCADE,
        during tstzrange NOT NULL
      )`);
    // A provider's ranges are disjoint, so the one that may hold a window is the last to start before it (a btree probe).
    await q.query(`CREATE INDEX care_provider_availability_start_idx ON care_provider_availability (provider_id, lower(during))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE care_provider_availability`);
    await q.query(`DROP TABLE care_provider_certifications`);
    await q.query(`DROP TABLE care_provider_languages`);
    await q.query(`DROP TABLE care_providers`);
  }
}
