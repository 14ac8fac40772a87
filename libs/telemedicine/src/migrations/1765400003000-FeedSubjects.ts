import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A feed answers without a login: it keeps whose appointments it lists (the role and the id appointments are scoped by). */
export class FeedSubjects1765400003000 implements MigrationInterface {
  name = 'FeedSubjects1765400003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE telemedicine_feeds ADD COLUMN role text NOT NULL, ADD COLUMN subject_id uuid NOT NULL,
      ADD CONSTRAINT telemedicine_feeds_role CHECK (role IN ('patient','clinician','care_provider'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE telemedicine_feeds DROP COLUMN role, DROP COLUMN subject_id`);
  }
}
