import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals (spec/journey.md): a sponsoring hospital refers its patient to another registered
 * hospital, which treats them from then on. One referral per patient and target hospital.
 * Patients and hospitals belong to other modules: referenced by id, no foreign key.
 */
export class Referrals1765200001000 implements MigrationInterface {
  name = 'Referrals1765200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journey_referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        hospital_id uuid NOT NULL,
        referred_by_hospital_id uuid NOT NULL,
        reason text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT journey_referrals_elsewhere CHECK (hospital_id <> referred_by_hospital_id),
        CONSTRAINT journey_referrals_once UNIQUE (patient_id, hospital_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE journey_referrals`);
  }
}
