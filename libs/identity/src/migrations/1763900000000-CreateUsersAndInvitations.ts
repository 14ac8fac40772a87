import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsersAndInvitations1763900000000 implements MigrationInterface {
  name = 'CreateUsersAndInvitations1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text,
        name text NOT NULL,
        role text NOT NULL,
        hospital_id uuid,
        care_provider_id uuid,
        patient_id uuid,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_lower CHECK (email = lower(email)),
        CONSTRAINT users_role_known CHECK (role IN ('patient','hospital_coordinator','clinician','care_provider','officer','supervisor','ministry_reviewer','admin')),
        CONSTRAINT users_hospital_staff_need_hospital CHECK (role NOT IN ('hospital_coordinator','clinician') OR hospital_id IS NOT NULL),
        CONSTRAINT users_care_provider_needs_provider CHECK (role <> 'care_provider' OR care_provider_id IS NOT NULL),
        CONSTRAINT users_one_scope CHECK (num_nonnulls(hospital_id, care_provider_id, patient_id) <= 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_role_id_idx ON users (role, id)`);
    await q.query(`CREATE INDEX users_hospital_idx ON users (hospital_id) WHERE hospital_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT invitations_expiry_after_creation CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX invitations_token_hash_key ON invitations (token_hash)`);
    await q.query(`CREATE INDEX invitations_user_idx ON invitations (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitations`);
    await q.query(`DROP TABLE users`);
  }
}
