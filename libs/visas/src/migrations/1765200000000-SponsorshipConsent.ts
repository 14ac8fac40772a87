import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sponsorship consent (spec/security.md): an application a hospital files for the e-mail of an
 * existing patient account it never filed for waits for the patient's acceptance. Until then it
 * is `awaiting`, and the database refuses to let it be submitted.
 */
export class SponsorshipConsent1765200000000 implements MigrationInterface {
  name = 'SponsorshipConsent1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visa_applications ADD COLUMN patient_consent text CHECK (patient_consent IN ('awaiting','accepted'))`);
    await q.query(`ALTER TABLE visa_applications ADD COLUMN consented_at timestamptz`);
    await q.query(`ALTER TABLE visa_applications ADD CONSTRAINT visa_applications_consent_before_submission CHECK (patient_consent IS DISTINCT FROM 'awaiting' OR submitted_at IS NULL)`);
    await q.query(`ALTER TABLE visa_applications ADD CONSTRAINT visa_applications_consented_at CHECK ((patient_consent = 'accepted') = (consented_at IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visa_applications DROP CONSTRAINT visa_applications_consented_at`);
    await q.query(`ALTER TABLE visa_applications DROP CONSTRAINT visa_applications_consent_before_submission`);
    await q.query(`ALTER TABLE visa_applications DROP COLUMN consented_at`);
    await q.query(`ALTER TABLE visa_applications DROP COLUMN patient_consent`);
  }
}
